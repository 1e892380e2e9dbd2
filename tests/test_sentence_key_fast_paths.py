"""The sentence and key analyses' fast paths tell what their slower readings tell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import COMBINING, DOTS, HYPHENS, QUOTES, examples
from lint.analysis.sentences import OPENING_WORDS, some_opening_repeats, split_sentences
from lint.analysis.text import _within_latin_1, comparison_text, joined_words, no_space_but_plain

# Sentences of few short words, so that they repeat: letters whose case folding
# changes them, quote marks and dashes that comparison texts write plain, the other
# white space, and sentence marks and closers, which end sentences or trail them.
_WORDS = st.sampled_from(["a", "a", "a", "A", "ß", "SS", "ſ", "İ", "i\u0307", "£", "–", "-",
                          *QUOTES[:8], "a.", "a!", "a…", ".", "!", ")", "a)"])
_SPACES = st.sampled_from([" ", " ", " ", "  ", "\n", "\t", "\u00a0", "\x1c", "\u2028"])
_ENDS = st.sampled_from([".", "!", "?", "…", ".”", ".’", '."', ".)", "..", " .", "", " ”"])
_FIRST_WORDS = st.sampled_from(["A", "SS", "S", "İ", "“A", "‘A", '"A'])


@st.composite
def _sentence(draw) -> str:
    """A sentence that split_sentences may find: a capital first, and mostly enough words
    for the openings."""
    words = [draw(_FIRST_WORDS), *draw(st.lists(_WORDS, min_size=3, max_size=7))]
    spaces = draw(st.lists(_SPACES, min_size=len(words), max_size=len(words)))
    written = "".join(word + space for word, space in zip(words, spaces, strict=True))
    return written.rstrip() + draw(_ENDS)


def _a_copy(sentence: str, change: str) -> str:
    """The sentence as the rule takes a copy of it: in another case or spacing, or with
    other final marks."""
    return {"case": sentence.swapcase(), "spacing": sentence.replace(" ", " \u00a0"),
            "marks": sentence.rstrip(".!?") + "!", "same": sentence}[change]


_PARAGRAPHS = st.lists(st.lists(_sentence(), min_size=1, max_size=4), min_size=1, max_size=3)


def _repeated_sentence_keys(paragraphs: list[str]) -> bool:
    """Whether duplicate-sentence keys two sentences of more than OPENING_WORDS words
    alike (its shorter ones never reach the openings)."""
    keys = []
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            joined, words = joined_words(paragraph[sentence.start:sentence.end].casefold())
            if words > OPENING_WORDS:
                keys.append(joined.rstrip(".!?"))
    return len(set(keys)) < len(keys)


@settings(max_examples=examples(1000), deadline=None)
@given(_PARAGRAPHS, st.sampled_from(["case", "spacing", "marks", "same"]), st.data())
def test_openings_repeat_where_sentences_do(paragraphs: list[list[str]], change: str,
                                            data: st.DataObject) -> None:
    # A copy of one sentence put into a paragraph, so that most examples hold a repeat.
    copied = data.draw(st.sampled_from([s for p in paragraphs for s in p]))
    where = data.draw(st.integers(0, len(paragraphs) - 1))
    at = data.draw(st.integers(0, len(paragraphs[where])))
    paragraphs[where].insert(at, _a_copy(copied, change))
    texts = [" ".join(sentences) for sentences in paragraphs]
    if _repeated_sentence_keys(texts):
        assert some_opening_repeats(map(comparison_text, texts))


# Plain spaces, single and in runs, among the marks and letters that fold or part
# words, and now and then another white space.
_PLAIN_SPACED_PIECES = st.sampled_from(
    ["a", "A", "b", "ſ", "S", "İ", "ß", " ", " ", " ", "  ", "   ", ". ", "! ", "? ", "… ",
     ")", "–", *QUOTES, *DOTS, *HYPHENS[:3], *COMBINING[:4]])
_OTHER_SPACES = st.sampled_from(["\n", "\t", "\u00a0", "\u2028", "\u2029", "\x1c", "\x1f",
                                 "\x85", "\u3000", "\u202f"])
_TEXTS = st.lists(st.one_of(_PLAIN_SPACED_PIECES, _OTHER_SPACES), max_size=40).map("".join)


@settings(max_examples=examples(500), deadline=None)
@given(_TEXTS)
def test_no_space_but_plain_is_what_splitting_on_white_space_tells(text: str) -> None:
    split_only_at_plain_spaces = text.split() == [word for word in text.split(" ") if word]
    assert no_space_but_plain(text) == split_only_at_plain_spaces


@settings(max_examples=examples(300), deadline=None)
@given(_TEXTS)
def test_a_text_within_latin_1_is_one_of_characters_below_u0100(text: str) -> None:
    assert _within_latin_1(text) == all(ord(character) < 0x100 for character in text)
