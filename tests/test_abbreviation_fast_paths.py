"""The abbreviation analysis's shortcuts find what the slower readings they replace find."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis import abbreviations
from lint.article import Article
from lint.readers import read

HOSTILE = ["'", "’", '"', "“", ".", "-", "–", "\u00a0", "\x1c", "\x1f", "\u0301", "ſ", "İ",
           "\u2028", "_", "²", "٣", "1", "&", ",", "(", ")"]
# Name words, and runs of capitals longer than a name word may be, around that length.
NAME_WORDS = ["Bank", "England", "A", "É", "Ōta", "O", "e", "said", "Kilroy", "WikiLeaks", "US",
              "BBC", "MPs", "O'Neill", "D’Arcy", "AOL", "BBC-Led", "UK–Irish", "ITV2", "Ł", "ǅ",
              "A" * 70, "A" * 60, "À" * 61, "o", "x", "?"]
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


SHOUTING = ['"GET OUT NOW" ', "“STOP THE War”", ". WHAT A GREAT Day, ", ", SNAKE EATER. ",
            ", MPs MPs MPs, ", "\n\nLONDON (Reuters Staff) - ", "\n\nLONDON (", ") - ",
            "\n\nTHE BANK OF ENGLAND SAID", "ǅ", "ª", "ß", "MPs", "BBCs", "NHS MPs Vote",
            "\n\nPARIS (AFP Staff) – ", "\n\nPARIS (", ") – ", "Thomson Reuters", "\n\nUK ",
            "s"]


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(NAME_WORDS) | st.sampled_from(JOINS) | st.sampled_from(HOSTILE)
                | st.sampled_from(SHOUTING), max_size=30).map("".join))
def test_names_are_those_outside_shouting_each_asked_for(body: str) -> None:
    """Shouting asked for only where some may hold a lower-case letter: the same names
    as asking for the shouting of each trimmed run, all-capital quotes and blocks
    beside runs of capitals and datelines."""
    a = Article(read("x.txt", "Headline\n\n" + body + "\n")).abbreviations
    text = a.masked
    expected = []
    for m in abbreviations._NAME.finditer(text):
        start, end = abbreviations._trim_name(text, *m.span())
        if (start is not None and a.block_of(start) is not None
                and not a.shouting(start, end) and not text[start:end].isupper()):
            expected.append((start, end))
    assert [(n.start, n.end) for n in a.names] == expected


TOKEN_PIECES = HOSTILE + ["BBC", "MPs", "NATO", "U.S.", "JLR's", "É", "A", "said", " ", "\n",
                          "\n\n", "\r\n", "\u2028", "# ", "<p>", "</p>", "`UK`"]


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(TOKEN_PIECES), max_size=40).map("".join),
       st.sampled_from(["text", "markdown", "html"]))
def test_plain_tokens_take_the_block_block_of_finds(body: str, form: str) -> None:
    """Plain tokens find their blocks by walking them: a token for each capital
    match that block_of places in a block, with that block."""
    a = Article(read("x.txt", "Headline\n\n" + body + "\n", form)).abbreviations
    expected = []
    for m in a._capitals:
        key = m.group()[:-1] if m.group(1) is not None else m.group()
        block = a.block_of(m.start())
        if block is not None:
            expected.append((m.start(), m.start() + len(key), key, block))
    assert [(t.start, t.end, t.key, t.block) for t in a.tokens if t.form == "plain"] == expected


def _letters_found_somewhere(long: str, short: str) -> bool:
    """Some choice of places in `long`, in order, holds the short form's letters and
    digits, the first of them (if it is one) at the start of a word."""
    letters = [(i, c) for i, c in enumerate(short) if c.isalnum()]
    for places in itertools.combinations(range(len(long)), len(letters)):
        if all(long[at] == c for at, (_, c) in zip(places, letters, strict=True)) and not (
                letters and letters[0][0] == 0 and places[0] > 0
                and long[places[0] - 1].isalnum()):
            return True
    return False


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet="abc a-b.ſ1²\u0301", max_size=10),
       st.text(alphabet="abc.-1ſ", max_size=4))
def test_letters_in_order_as_any_choice_of_places(long: str, short: str) -> None:
    assert (abbreviations._letters_in_order(long, short)
            == _letters_found_somewhere(long, short))


DEFINITION_PIECES = ["(", ")", " (", "s (", "& (", "UK", "PDAs", "Jaguar Land Rover", "a", "É",
                     "ǅ", "Ⅻ", "\u2160", *HOSTILE]


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from(DEFINITION_PIECES), max_size=20).map("".join))
def test_brackets_passed_over_open_no_definition(text: str) -> None:
    """A bracket _may_open_definition passes over matches neither definition pattern."""
    for bracket in (i for i, c in enumerate(text) if c == "("):
        if not abbreviations._may_open_definition(text, bracket):
            assert abbreviations._SHORT_INSIDE.match(text, bracket) is None
            assert abbreviations._SHORT_BEFORE.search(text, max(0, bracket - 12), bracket) is None
