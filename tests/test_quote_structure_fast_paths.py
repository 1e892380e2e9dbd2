"""The quote scanner's and the quote and structure rules' fast paths tell what the
slower readings they stand in for tell."""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import COMBINING, CONTROLS, examples
from lint.analysis.numbers import (
    _FIGURE,
    _MENTION,
    _NUMBER_START,
    _SCALE,
    _WORD,
    _WORD_SHAPE,
    NUMBER_WORDS,
)
from lint.analysis.quotes import DOUBLE, scan_quotes
from lint.article import Article
from lint.readers import read
from lint.rule import Options
from rules.quotes import (
    _CUE_PHRASES,
    _CUE_WORDS,
    _WORDS,
    _Attribution,
    _has_ascii_other_cue,
    _has_cue,
    unattributed_quote,
)
from rules.structure import _NAME_LINE, _is_name_line, paragraph_break_mid_sentence

HEADLINE = "Headline\n\n"

# Quote marks and apostrophes in the places a word puts them (a possessive `s'`, an
# elision, a mark at a paragraph's edge), beside the characters that may make or
# unmake a word, a space or a prime next to them.
_MARKS = ['"', "“", "”", "'", "’", "‘", "''", "'''"]
_NEIGHBOURS = ["s", "Smiths", "we", "5", "'em", "'90s", " 'n' ", "goin", ".", ",", "(", "-",
               ":", "?", " ", "\u00a0", "\u2028", "ſ", "İ", *COMBINING[:3], *CONTROLS[7:11]]
_PIECES = [*_MARKS, *_NEIGHBOURS, "the Smiths' house", "the Jones’ car", " '", "' ",
           '"We go on.', ' "We win," ', " “We’re in.” ", "players' union", "s'\"", "s’”"]
_PARAGRAPH = st.lists(st.sampled_from(_PIECES), max_size=10).map("".join)


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(_PARAGRAPH, max_size=6))
def test_plain_paragraphs_with_apostrophes_are_read_as_the_stack_machine_reads_them(
        paragraphs: list[str]) -> None:
    article = Article(read("case.txt", HEADLINE + "\n\n".join(paragraphs)))
    fast = scan_quotes(article.text, article.blocks, article.prose)
    with mock.patch("lint.analysis.quotes._plain_reading", return_value=None):
        slow = scan_quotes(article.text, article.blocks, article.prose)
    assert fast == slow


# Lead-in lines, subheadings and paragraphs of quotations, as Markdown: the quotations
# the attribution reads are those of body blocks other than subheadings.
_LINES = ["By Jane Smith", "12 March 2025", "## A subheading", '## "We won," she said',
          "> a block quote", "- a list item", '"We will appeal against the ruling."',
          '“We will appeal,” Smith said.', "Photo: PA", 'He said "fine".', "", "‘a “b"]


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=8), st.sampled_from(["text", "markdown"]))
def test_the_attributed_quotations_are_those_of_the_body_less_its_subheadings(
        lines: list[str], fmt: str) -> None:
    article = Article(read(f"case.{'md' if fmt == 'markdown' else 'txt'}",
                           "Headline\n\n" + "\n\n".join(lines), fmt))
    attribution = _Attribution(article, 4)
    blocks = [b for b in article.body if b.kind != "heading"]
    expected = {i: q for i, q in enumerate(article.quotes.quotations)
                if q.depth == 0 and q.kind == DOUBLE and q.block in blocks}
    assert attribution.top == expected
    assert attribution.blocks == blocks


# Paragraphs that quote a cue, name a speaker with one, or both, in either order.
_CUE_PIECES = ['"', "“", "”", " said", " Said", " SAID", " says", " told", " added", "said",
               " he said", "We will appeal against it", " according to him", ", he argued",
               ".", ",", " ", "\u00a0", "\x1c", "ſaid", "İ", "-", ":", "\n", '"We said so," ',
               ' "It was said and told," she added.', " “Told you,” ", "Smith: "]
_CUE_PARAGRAPH = st.lists(st.sampled_from(_CUE_PIECES), max_size=12).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_CUE_PARAGRAPH, min_size=1, max_size=4))
def test_a_paragraph_is_attributed_as_its_blanked_copy_and_quotations_tell(
        paragraphs: list[str]) -> None:
    article = Article(read("case.txt", HEADLINE + "\n\n".join(paragraphs)))
    attribution = _Attribution(article, 4)
    for block, indices in attribution.in_block.items():
        slow = _has_cue(attribution.outside(block)) or any(
            attribution._span_evidence(attribution.top[i], block) for i in indices)
        assert attribution.block_attributed(block) == slow


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_CUE_PARAGRAPH, min_size=1, max_size=4))
def test_unattributed_quotes_are_found_as_without_the_cue_read_as_written(
        paragraphs: list[str]) -> None:
    article = Article(read("case.txt", HEADLINE + "\n\n".join(paragraphs)))
    options = Options({"min-words": 2})
    fast = list(unattributed_quote.check(article, options))
    with mock.patch.object(_Attribution, "block_attributed_as_written",
                           lambda self, block: False):
        slow = list(unattributed_quote.check(article, options))
    assert fast == slow


# Cue words and the words of cue phrases, in either case, joined and cut by hyphens,
# word characters and the white space the phrases' `\s` takes.
_CUE_TEXT = st.lists(st.sampled_from(
    ["said", "Says", "TOLD", "warns", "according", "to", "In", "a", "statement", "Press",
     "release", "put", "it", "went", "on", "according to", "in a\tstatement", "Went  on",
     "press\x1crelease", "x", "_", "5", " ", "  ", "\t", "\x1c", "\n", "-", "--", "---", ".",
     ",", "'"]), max_size=12).map("".join)


@settings(max_examples=examples(500), deadline=None)
@given(_CUE_TEXT)
def test_cue_words_and_phrases_of_ascii_text_are_the_patterns(text: str) -> None:
    assert _has_ascii_other_cue(text) == (
        not _CUE_WORDS.isdisjoint(_WORDS.findall(" " + text.lower()))
        or bool(_CUE_PHRASES.search(text)))


# Quotations of a few one-letter words, around any minimum of words, some with a cue.
_SHORT_QUOTES = st.lists(st.sampled_from(['"', "“", "”", "a", "a b", " ", "\u00a0", " said",
                                          ".", "-"]), max_size=14).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_SHORT_QUOTES, min_size=1, max_size=4), st.integers(1, 4))
def test_unattributed_quotes_are_found_as_without_passing_over_short_quotations(
        paragraphs: list[str], minimum: int) -> None:
    article = Article(read("case.txt", HEADLINE + "\n\n".join(paragraphs)))
    options = Options({"min-words": minimum})
    fast = list(unattributed_quote.check(article, options))
    with mock.patch("rules.quotes._fewest_characters", return_value=0):
        slow = list(unattributed_quote.check(article, options))
    assert fast == slow


# Lines of words parted mostly by single spaces, as names are: a name line may open
# with a word longer than the opening the shortcut counts spaces in.
_NAME_WORDS = st.sampled_from(["Jane", "Smith", "van", "O’Neill", "ſam", "İlhan", "e\u0301",
                               "Wolfeschlegelsteinhausenbergerdorff" * 2, "x", "-", ""])
_NAME_GAPS = st.sampled_from([" ", " ", " ", "  ", "\u00a0", "\n", "\u2028", ""])
_NAME_TEXT = st.tuples(_NAME_WORDS, st.lists(st.tuples(_NAME_GAPS, _NAME_WORDS), max_size=6)).map(
    lambda line: line[0] + "".join(gap + word for gap, word in line[1]))


@settings(max_examples=examples(300), deadline=None)
@given(_NAME_TEXT, _NAME_TEXT, _NAME_TEXT)
def test_a_name_line_is_told_as_its_spaces_and_the_name_pattern_tell(
        before: str, line: str, after: str) -> None:
    slow = 1 <= line.count(" ") <= 3 and bool(_NAME_LINE.fullmatch(line))
    assert _is_name_line(before + line + after, len(before), len(before) + len(line)) == slow


# Paragraphs that open with a word in lower case or not, ASCII or beyond it, after
# paragraphs that end a sentence or break off.
_BREAK_PIECES = ["the", "The", "iPod", "ſo", "İn", "été", "ĸ", "e\u0301", "ǅ", "5", '"', "“", "‘",
                 ".", ",", ":", "-", "|", "*", " ", "\u00a0", "\u2028", "\x1c", "\n", "- ",
                 "## ", "> ", "word", "Word"]
_BREAK_PARAGRAPH = st.lists(st.sampled_from(_BREAK_PIECES), min_size=1, max_size=6).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_BREAK_PARAGRAPH, max_size=5), st.sampled_from(["text", "markdown"]))
def test_paragraphs_are_paired_only_where_a_block_may_open_in_lower_case(
        paragraphs: list[str], fmt: str) -> None:
    article = Article(read(f"case.{'md' if fmt == 'markdown' else 'txt'}",
                           HEADLINE + "\n\n".join(paragraphs), fmt))
    fast = list(paragraph_break_mid_sentence.check(article, Options({})))
    # Every pair of paragraphs read:
    with mock.patch("rules.structure._some_may_open_lower", return_value=True):
        slow = list(paragraph_break_mid_sentence.check(article, Options({})))
    assert fast == slow


def test_number_mentions_read_the_groups_the_mention_pattern_names() -> None:
    assert _MENTION.groupindex == {"figure": _FIGURE, "word": _WORD, "scale": _SCALE}


# Number words beside their own beginnings and endings (`six`, `sixteen`, `sixty`),
# digits and word characters, in a segment's shape.
_NUMBER_WORD_PIECES = [*NUMBER_WORDS, "s", "t", "teen", "ty", "x", "_", "0", "7", " ", ".", "-",
                       "ſix", "İ", "\u212a", "e\u0301"]


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_WORD_PIECES), max_size=12).map("".join))
def test_number_starts_grouped_by_first_letter_are_those_of_the_words_in_turn(
        segment: str) -> None:
    in_turn = re.compile(rb" (?:[0-9]|(?:" + "|".join(NUMBER_WORDS).encode("ascii")
                         + rb")(?![a-z0-9_]))")
    shape = b" " + segment.encode("ascii", "replace").translate(_WORD_SHAPE)
    assert ([m.span() for m in _NUMBER_START.finditer(shape)]
            == [m.span() for m in in_turn.finditer(shape)])
