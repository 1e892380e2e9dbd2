"""Properties of the engine and the readers over any text (hypothesis)."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from invariants import assert_locations_exact
from lint import prose
from lint.analysis.abbreviations import _CAPITALS, _capitals_matches, _shape
from lint.analysis.quotes import _tokens
from lint.analysis.sentences import (
    _STARTER_SPAN,
    SENTENCE_STARTERS,
    _next_word,
    _opens_sentence,
    split_sentences,
)
from lint.analysis.text import WORD
from lint.article import Article
from lint.config import Config
from lint.document import BLOCK_SEPARATOR
from lint.engine import Linter
from lint.readers import read
from lint.readers import text as text_reader
from lint.readers.html import _SIBLING_GAP, site_name_start
from rules.abbreviations import _TITLE, _titles
from rules.duplicates import _has_adjacent_twins
from rules.quotes import (
    _ENDS_PHRASE,
    _ENDS_SENTENCE,
    _FORMAL_CUE_WORDS,
    _LONGEST_NAME_WORD,
    _SPEAKING,
    _SPEECH_VERB_WORD,
    _Attribution,
)
from rules.structure import _NAME_LINE, _is_name_line, _lines
from rules.typography import (
    _CAPITALISED,
    _DOTTED_AFTER,
    _DOTTED_BEFORE,
    _MARK_BETWEEN_LETTERS,
    _SPACED_MARK,
    _WORD_WINDOW,
    _marks_between_letters,
    _spaced_marks,
    _word_before,
)

LINTER = Linter(Config(select=("ALL",)))

# Article-like text: words, punctuation, quotes, markup and line breaks, so that the
# interesting paths (duplicates, lead-in lines, Markdown blocks) are reached often.
ATOMS = st.sampled_from([
    "the", "The", "U.S.", "Mr", "said", '"', "'", "“", "”", "’", ",", ".", "?", " ", " ", " ",
    "\n", "\n\n", "\r\n", "\t", "# ", "> ", "- ", "1. ", "```", "<!-- copydesk: disable -->",
    "<!-- copydesk: enable -->", "`code`", "By Tom", "12 March 2025", "£5.5m", "3.5%",
    "Sales rose 12% to 431,733 vehicles in the year to March.", "é", "😀", "-", "(", ")",
])
ARTICLES = st.one_of(st.text(max_size=300), st.lists(ATOMS, max_size=80).map("".join))


@settings(max_examples=examples(300), deadline=None)
@given(ARTICLES, st.sampled_from(["text", "markdown"]))
def test_findings_are_exact_in_range_sorted_and_deterministic(text: str, fmt: str) -> None:
    document = read("story", text, fmt)
    findings = LINTER.lint(document)
    assert_locations_exact(document, findings)
    for f in findings:
        assert 0 <= f.location.offset <= f.location.offset + f.location.length <= len(text)
    assert findings == sorted(findings, key=lambda f: f.sort_key)
    assert findings == LINTER.lint(read("story", text, fmt))


@settings(max_examples=examples(300), deadline=None)
@given(ARTICLES, st.sampled_from(["text", "markdown"]))
def test_every_block_maps_back_to_its_source(text: str, fmt: str) -> None:
    document = read("story", text, fmt)
    for block in document.blocks:
        _, start, end = document.spans.to_source(block.start, block.end)
        assert 0 <= start <= end <= len(text)
        rendered = document.block_text(block)
        assert rendered and rendered[0] not in " \t\r\n" and rendered[-1] not in " \t\r\n"
        if fmt == "text":
            assert text[start:end] == rendered


@settings(max_examples=examples(300), deadline=None)
@given(ARTICLES)
def test_sentences_cover_the_text_in_order(text: str) -> None:
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start:s.end] == text[s.start:s.end].strip() != ""
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
    covered = "".join(text[s.start:s.end] for s in sentences)
    assert "".join(covered.split()) == "".join(text.split())


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from(["The", "meanwhile", "Meanwhile", "however", "It", "i", "in",
                                 "U.S.", "a", "whatever", "\u0301", "“", "(", " ", ".", "e"]),
                max_size=6).map("".join))
def test_a_word_opens_a_sentence_as_read_from_its_first_characters(following: str) -> None:
    # What follows a dotted form is decided from its first _STARTER_SPAN characters.
    starts = _next_word(following, 0).lower() in SENTENCE_STARTERS
    assert _opens_sentence(following[:_STARTER_SPAN]) == starts


def _twins_by_definition(text: str) -> bool:
    folded = text.casefold()
    for mark in "“‘…”’\"'([.,;:!?)]\x1c\x1d\x1e\x1f":
        folded = folded.replace(mark, " ")
    words = folded.split()
    return any(a == b for a, b in zip(words, words[1:], strict=False))


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet="aAbB £€é É ß SS-.,'’“\"\n\x1c\x01\u00a0", max_size=40))
def test_adjacent_twins_test_is_its_definition_on_every_text_path(text: str) -> None:
    assert _has_adjacent_twins(text) == _twins_by_definition(text)


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="ab1_é ’'-.\u00a0\n", max_size=30), st.integers(1, 6))
def test_a_quotations_minimum_of_words_is_told_as_counting_all_its_words_tells_it(
        content: str, minimum: int) -> None:
    attribution = SimpleNamespace(text=f"“{content}”", min_words=minimum)
    quotation = SimpleNamespace(content_start=1, content_end=1 + len(content))
    assert _Attribution.has_enough_words(attribution, quotation) == (
        len(WORD.findall(content)) >= minimum)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet="aZé£ªµ×,;:.!? 1’\n", max_size=30))
def test_marks_between_letters_found_alike_by_shape_and_by_pattern(text: str) -> None:
    assert (list(_marks_between_letters(text))
            == [m.start() for m in _MARK_BETWEEN_LETTERS.finditer(text)])


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\t", ".", ",", ";", ":", "!", "?", "The", "Mr",
                                 "Net", "the", "5", "é", "’", "-", "\n"]),
                max_size=16).map("".join))
def test_spaced_marks_found_alike_by_shape_and_by_pattern(text: str) -> None:
    assert ([m.span() for m in _spaced_marks(text)]
            == [m.span() for m in _SPACED_MARK.finditer(text)])


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet="aZé£ß.,: 1\n", min_size=1, max_size=80).map(lambda t: t + "b"))
def test_word_before_a_mark_read_backwards_as_the_pattern_finds_it(text: str) -> None:
    for end in range(1, len(text) + 1):
        if text[end - 1].isalpha():
            window = max(0, end - _WORD_WINDOW)
            found = regex.search(r"\p{L}+$", text[window:end])
            assert _word_before(text, end) == window + found.start()


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="a1_.,;:!?… \n\"'”)", max_size=30), st.integers(0, 30),
       st.integers(0, 30))
def test_quote_ending_marks_read_backwards_as_the_forward_search_finds_them(
        text: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    for backwards, forwards in ((_ENDS_SENTENCE, rf"{prose.SENTENCE_MARK}\W*$"),
                                (_ENDS_PHRASE, r"[.,;:!?…]\W*$")):
        assert ((backwards.match(text, start, end) is None)
                == (regex.search(forwards, text[start:end]) is None))
        assert (backwards.match(text) is None) == (regex.search(forwards, text) is None)


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from(["U.", "N.", "Smith", "O'Neill", "-", " ", "\x1c", "said",
                                 "has", "he", "spokesman", "told", "The", "\n"]), max_size=30))
def test_a_speaking_subject_is_found_as_the_backtracking_pattern_finds_it(words: list[str]) -> None:
    # A capitalised subject word is taken whole (possessive): the white space that
    # must follow it is never one of its characters, so giving some back cannot help.
    text = "".join(words)
    possessive = _SPEAKING.pattern
    assert f"{{0,{_LONGEST_NAME_WORD}}}+" in possessive
    backtracking = regex.compile(possessive.replace(f"{{0,{_LONGEST_NAME_WORD}}}+",
                                                    f"{{0,{_LONGEST_NAME_WORD}}}"))
    def spans(pattern: regex.Pattern) -> list[tuple]:
        return [(m.span(), m.span("subject"), m.span("verb")) for m in pattern.finditer(text)]

    assert spans(_SPEAKING) == spans(backtracking)


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from(["U.", "N.", "Smith", "he", "He", "the", " ", "\x1c", "\n",
                                 "said", "Said", "saidx", "xsaid", "went", "on", "told",
                                 "according", "to", "According", "in", "a", "statement",
                                 "points", "out", "also", "-", ",", "'"]), max_size=16),
       st.sampled_from(["", " "]))
def test_a_speaking_sentence_always_holds_a_verb_of_speaking_or_a_formal_cue(words, gap) -> None:
    # ends_with_speaker reads a sentence with _SPEAKING only where one of these is found.
    text = gap.join(words)
    if _SPEAKING.search(text):
        assert _SPEECH_VERB_WORD.search(text) or _FORMAL_CUE_WORDS.search(text)


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet=" \t\r\na<", max_size=40))
def test_text_blank_lines_render_as_the_plain_pattern_renders_them(text: str) -> None:
    plain = regex.compile(r"[ \t]*(?>\r\n|\r|\n)(?:[ \t]*(?>\r\n|\r|\n))+[ \t]*")
    assert text_reader.render(text) == plain.sub(BLOCK_SEPARATOR, text)


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from([" ", "\n", "</p>", "<p>", "<p class=x>", "</li>", "<li>",
                                 "<div >", "</div\t>", "<p", ">", "x", "<br>"]), max_size=12)
       .map("".join))
def test_sibling_gaps_are_told_as_the_plain_pattern_tells_them(gap: str) -> None:
    plain = regex.compile(
        r"\s*(?:</(?P<tag>p|li|h[1-6]|dd|dt|div)\s*>)?\s*(?:<(?P=tag)(?:\s[^<>]*)?>)?\s*")
    assert (_SIBLING_GAP.fullmatch(gap) is None) == (plain.fullmatch(gap) is None)


def test_no_lower_case_letter_is_a_capital_to_the_pattern_engine() -> None:
    """missing-space-after-punctuation passes over a stop before a lower-case word,
    which its capitalised-word pattern could not match."""
    lower = [c for c in map(chr, range(sys.maxunicode + 1)) if c.islower()]
    assert not [c for c in lower if _CAPITALISED.match(c + "a") or c.isupper()]


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet="aé.@ 1\n", max_size=12), st.integers(0, 12), st.integers(0, 12))
def test_dotted_neighbours_read_in_place_as_in_a_slice(text: str, a: int, b: int) -> None:
    a, b = min(a, b, len(text)), min(max(a, b), len(text))
    assert ((_DOTTED_AFTER.match(text, a, a + 2) is None)
            == (regex.match(r"[.@]\p{L}", text[a:a + 2]) is None))
    assert ((_DOTTED_BEFORE.search(text, a, b) is None)
            == (regex.search(r"\p{L}[.@]$", text[a:b]) is None))


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="ABN&s1٣. aé", max_size=30))
def test_capitals_found_alike_by_shape_and_by_pattern(text: str) -> None:
    assert ([m.span() for m in _capitals_matches(text, _shape(text.encode("latin-1", "replace")))]
            == [m.span() for m in _CAPITALS.finditer(text)])


# A <title>'s site name as one pattern with a look-behind of any length: its definition.
_SITE_NAME_DEFINED = prose.compile(r"(?<=\S(?:\s+\S+){2,})\s+[|–—-]\s+\S+(?:\s+\S+){0,3}$")


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="ab -|—\n\x1c\u2028", max_size=24))
def test_a_site_name_is_found_where_its_definition_finds_it(title: str) -> None:
    defined = _SITE_NAME_DEFINED.search(title)
    assert site_name_start(title) == (defined.start() if defined else None)


@given(st.text(alphabet="ab\n", max_size=20), st.integers(0, 3), st.integers(0, 3))
def test_lines_of_a_block_are_its_text_split_at_line_breaks(text: str, lead: int,
                                                           trail: int) -> None:
    block = SimpleNamespace(start=min(lead, len(text)), end=max(lead, len(text) - trail))
    lines = [text[s:e] for s, e in _lines(SimpleNamespace(text=text), block)]
    assert lines == text[block.start:block.end].split("\n")


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(["Mr", "Mrs", "Ms", "Dr", "s", ".", " ", "Smith", "x", "\n\n"]),
                max_size=16).map("".join))
def test_courtesy_titles_found_from_their_starts_are_the_pattern_s(body: str) -> None:
    article = Article(read("a.txt", "Headline\n\n" + body + "\n"))
    masked = article.abbreviations.masked
    assert [m.span() for m in _titles(article)] == [
        m.span() for block in article.body for m in _TITLE.finditer(masked, block.start, block.end)]


def _mark_runs_as_tokens(text: str) -> list[tuple[int, int, str]]:
    """The quote scanner's tokens by their definition: each run of one mark is a mark
    alone, two or three apostrophes one token, two of another mark two tokens, and a
    longer run none; a single mark alone between two letters or digits (`don't`) is
    none."""
    tokens = []
    for run in regex.finditer(rf"([{regex.escape(prose.QUOTE_MARKS)}])\1*", text):
        at, length, char = run.start(), len(run.group()), run.group(1)
        if (length == 1 and char in prose.SINGLE_QUOTES and 0 < at < len(text) - 1
                and text[at - 1].isalnum() and text[at + 1].isalnum()):
            continue
        if length == 1 or (char == "'" and length <= 3):
            tokens.append((at, at + length, run.group()))
        elif length == 2:
            tokens += [(at, at + 1, char), (at + 1, at + 2, char)]
    return tokens


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet=prose.QUOTE_MARKS + "a5_é\u00b2 ", max_size=30))
def test_quote_tokens_are_the_runs_of_marks_by_their_definition(text: str) -> None:
    assert _tokens(text) == _mark_runs_as_tokens(text)


NAME_WORDS = st.sampled_from(["Jane", "Smith", "van", "de", "O’Neill", "Mary-Ann", "x", "É", ""])
NAME_GAPS = st.sampled_from([" ", " ", " ", "  ", "\t", "\u00a0", "\n"])


@settings(max_examples=examples(500), deadline=None)
@given(st.tuples(NAME_WORDS, st.lists(st.tuples(NAME_GAPS, NAME_WORDS), max_size=5))
       .map(lambda line: line[0] + "".join(gap + word for gap, word in line[1])))
def test_a_name_line_is_told_by_its_spaces_first_as_the_pattern_tells_it(line: str) -> None:
    assert _is_name_line(line) == bool(_NAME_LINE.fullmatch(line))


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="ab1_é'’ -.\u0301\u00a0", max_size=20))
def test_n_words_take_at_least_2n_minus_1_characters(text: str) -> None:
    # unattributed-quote tells a quote too short for its minimum of words by length.
    assert len(WORD.findall(text)) <= (len(text) + 1) // 2
