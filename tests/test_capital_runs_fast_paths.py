"""The shortcuts over runs of capital words find what the word-by-word readings find."""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis import abbreviations
from lint.article import Article
from lint.readers import read

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


def _runs_gap_by_gap(text: str, capitals: list[re.Match]) -> list[tuple[int, int]]:
    """Capitals joined where _CAPITALS_GAP spans the whole gap between two, each gap
    read by the pattern; a run kept when it has three capitals or two long ones."""
    groups: list[list[re.Match]] = []
    for m in capitals:
        if groups and abbreviations._CAPITALS_GAP.fullmatch(text, groups[-1][-1].end(),
                                                            m.start()):
            groups[-1].append(m)
        else:
            groups.append([m])
    return [(group[0].start(), group[-1].end()) for group in groups
            if len(group) >= 3 or (len(group) == 2 and all(len(m.group()) >= 4 for m in group))]


@settings(max_examples=examples(500), deadline=None)
@given(CAPITAL_TEXT)
def test_capital_runs_told_by_single_spaces_are_those_read_gap_by_gap(body: str) -> None:
    """Gaps of one space told for all capitals at once, the others read one by one:
    the runs of reading every gap by its pattern."""
    a = Article(read("x.txt", "Headline\n\n" + body + "\n")).abbreviations
    assert (abbreviations._capital_runs(a.masked, a._shape, a._capitals)
            == _runs_gap_by_gap(a.masked, a._capitals))


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="ABNÀÉ&s1٣. -aé\u00a0İǅ", max_size=30))
def test_capitals_searched_for_past_each_match_are_every_match(text: str) -> None:
    """The search for capitals resumed past each match (or past a stretch none
    starts in, or a capital beyond `A` to `Z`) finds the pattern's matches."""
    shape = abbreviations._shape(text.encode("latin-1", "replace"))
    assert ([m.span() for m in abbreviations._capitals_matches(text, shape)]
            == [m.span() for m in abbreviations._CAPITALS.finditer(text)])
