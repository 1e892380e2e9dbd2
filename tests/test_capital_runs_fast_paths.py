"""The shortcuts over runs of capital words find what the word-by-word readings find."""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis import abbreviations

# Capital words short and long, lower and title case, and hostile characters, each
# followed by a separator: most often the single space that joins capital words.
WORDS = ["AB", "CDE", "A", "I", "IT", "THE", "SNAKE", "BBC", "MPs", "ÉTÉ", "AB\u0301", "A-B",
         "A&B", "Bank", "England", "said", "of", "e", "&", "ſ", "İ", "ǅ", "ǅA", "1", "_", "'"]
SEPARATORS = [" "] * 8 + ["", "  ", "\u00a0", "-", "–", " & ", ".", ". ", ",", "'", "’", "\u2028",
                          "\n", "\n\n", "\x1c", "\x1f", "/", ":", "(", "“"]
CAPITAL_TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)),
                        max_size=20).map(lambda pairs: "".join(w + s for w, s in pairs))
# Never matches: _trim_name then drops capital words one at a time.
NEVER = re.compile(r"(?!)")


@settings(max_examples=examples(500), deadline=None)
@given(CAPITAL_TEXT)
def test_capital_words_dropped_at_once_are_those_dropped_one_by_one(text: str) -> None:
    """A stretch of capital words before a name, dropped in one step, leaves the name
    the word-by-word trimming leaves."""
    spans = [m.span() for m in abbreviations._NAME.finditer(text)]
    at_once = [abbreviations._trim_name(text, *span) for span in spans]
    with mock.patch.object(abbreviations, "_CAPITAL_WORDS_BEFORE_ANOTHER", NEVER):
        one_by_one = [abbreviations._trim_name(text, *span) for span in spans]
    assert at_once == one_by_one
