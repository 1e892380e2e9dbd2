"""The sentence and key analyses' fast paths tell what their slower readings tell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import COMBINING, DOTS, HYPHENS, QUOTES, examples
from lint.analysis.sentences import possible_openings, some_opening_repeats
from lint.analysis.text import _within_latin_1, no_space_but_plain

# Plain spaces, single and in runs, between few short words (so that openings
# repeat), among the marks and letters that fold or part words; now and then
# another white space, which the fast path must leave to the slower reading.
_PLAIN_SPACED_PIECES = st.sampled_from(
    ["a", "A", "b", "ſ", "S", "İ", "ß", " ", " ", " ", "  ", "   ", ". ", "! ", "? ", "… ",
     ")", "–", *QUOTES, *DOTS, *HYPHENS[:3], *COMBINING[:4]])
_OTHER_SPACES = st.sampled_from(["\n", "\t", "\u00a0", "\u2028", "\u2029", "\x1c", "\x1f",
                                 "\x85", "\u3000", "\u202f"])
_PLAIN_SPACED_TEXTS = st.lists(_PLAIN_SPACED_PIECES, max_size=40).map("".join)
_TEXTS = st.lists(st.one_of(_PLAIN_SPACED_PIECES, _OTHER_SPACES), max_size=40).map("".join)


def _spaces_doubled(text: str) -> str:
    return text.replace(" ", "  ")


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.one_of(_PLAIN_SPACED_TEXTS, _TEXTS), max_size=4),
       st.sampled_from([None, str, str.swapcase, str.upper, _spaces_doubled]))
def test_openings_found_between_plain_spaces_repeat_as_the_folded_word_lists_do(
        paragraphs: list[str], copy_of_the_first) -> None:
    if copy_of_the_first and paragraphs:
        paragraphs.append(copy_of_the_first(paragraphs[0]))
    openings = possible_openings(paragraphs)
    assert some_opening_repeats(paragraphs) == (len(set(openings)) < len(openings))


@settings(max_examples=examples(500), deadline=None)
@given(_TEXTS)
def test_no_space_but_plain_is_what_splitting_on_white_space_tells(text: str) -> None:
    split_only_at_plain_spaces = text.split() == [word for word in text.split(" ") if word]
    assert no_space_but_plain(text) == split_only_at_plain_spaces


@settings(max_examples=examples(300), deadline=None)
@given(_TEXTS)
def test_a_text_within_latin_1_is_one_of_characters_below_u0100(text: str) -> None:
    assert _within_latin_1(text) == all(ord(character) < 0x100 for character in text)
