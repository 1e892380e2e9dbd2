"""The abbreviation analysis's shortcuts find what the slower readings they replace find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis import abbreviations

HOSTILE = ["'", "’", '"', "“", ".", "-", "–", "\u00a0", "\x1c", "\x1f", "\u0301", "ſ", "İ",
           "\u2028", "_", "²", "٣", "1", "&", ",", "(", ")"]
NAME_WORDS = ["Bank", "England", "A", "É", "Ōta", "O", "e", "said", "Kilroy", "WikiLeaks", "US",
              "BBC", "MPs", "O'Neill", "D’Arcy"]
# What may stand between the words of a name, and what may not.
JOINS = [" ", "\u00a0", " of ", " the ", " von ", " & ", "&", " and ", " de\u00a0", "\u00a0for ",
         "'", "’", "-", "–", "  ", "\n", "\n\n"]
NAME_TEXT = st.lists(st.sampled_from(NAME_WORDS) | st.sampled_from(JOINS)
                     | st.sampled_from(HOSTILE), max_size=30).map("".join)


def _shape_of(text: str) -> bytes:
    return abbreviations._shape(text.encode("latin-1", "replace"))


@settings(max_examples=examples(500), deadline=None)
@given(NAME_TEXT)
def test_name_starts_read_off_the_shape_miss_no_name(text: str) -> None:
    """Joining words of any length, `&`, apostrophes and dashes around capitals: the
    names tried only where the shape lets one start are every name of the pattern."""
    assert ([m.span() for m in abbreviations._name_matches(text, _shape_of(text))]
            == [m.span() for m in abbreviations._NAME.finditer(text)])
