"""The names rules' shortcuts give what the plain way gives: name keys made for all
names at once are each name's own key, the word pairs the name rules skip are never
ones that could matter, the slips found are those of all pairs of forms, names
whose words hold no slip give none, and the names as the analysis finds them are in
text order."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis.abbreviations import Name
from lint.article import Article
from lint.document import Block
from lint.readers import read
from rules.names import (
    _may_hold_a_slip,
    _misspelling_candidates,
    _name_occurrences,
    _name_word_pairs,
    _pairs_by_text,
    _pairs_written,
    _texts_sharing_a_word,
    _word_misspelt,
    name_keys,
)

BLOCK = Block("paragraph", 0, 10_000, 1)


def one_name_key(name: str) -> str:
    """A name's key, one name at a time: what name_keys must give for each."""
    folded = name.casefold() if name.isascii() else unicodedata.normalize("NFKD", name).casefold()
    if folded.startswith("the "):
        folded = folded[4:]
    return re.sub("[^a-z0-9]", "", folded.replace("&", "and"))


NAME_TEXT = st.lists(st.sampled_from(list("aTh&-\n\r\u00a0'ÉéİﬁΣσς1") + ["the ", "The ", " "]),
                     max_size=8).map("".join)


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(NAME_TEXT, max_size=6))
def test_the_keys_of_names_together_are_each_names_key(names: list[str]) -> None:
    assert name_keys(names) == [one_name_key(name) for name in names]


def test_name_keys_of_known_names() -> None:
    assert name_keys(["Jaguar-Land Rover", "The Marks & Spencer", "the\nBeatles", "Zoë"]) == [
        "jaguarlandrover", "marksandspencer", "thebeatles", "zoe"]


def names_of(texts: list[str]) -> list[Name]:
    found, at = [], 0
    for text in texts:
        found.append(Name(at, at + len(text), text, BLOCK, False))
        at += len(text) + 2
    return found


def forms_of(names: list[Name], texts) -> Counter:
    pairs_in = _pairs_by_text(texts)
    forms = Counter()
    for n in names:
        for *_, text in pairs_in.get(n.text, ()):
            forms[text] += 1
    return forms


WORDS = ["Keir", "Starmer", "Stramer", "Starmers", "Gordon", "Brown", "Browne", "Bank", "of",
         "England", "Englad", "J", "Smith", "Smyth", "and", "The", "New", "York"]
SLIPS = ["Keir Starmer", "Keir Stramer", "Gordon Brown", "Gordon Browne", "Bank of England",
         "Bank of Englad", "J Smith", "J Smyth", "Leader Keir Stramer", "New Englad Bank",
         "Keir Sarmer", "Gordon Bown"]
NAMES = st.lists(st.sampled_from(SLIPS)
                 | st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
                 max_size=12)


@settings(max_examples=examples(100), deadline=None)
@given(NAMES)
def test_the_texts_sharing_a_word_make_the_slips_of_every_text(texts: list[str]) -> None:
    names = names_of(texts)
    every_form = forms_of(names, (n.text for n in names))
    sharing = _texts_sharing_a_word(names)
    forms = forms_of(names, sharing)
    slips = list(_misspelling_candidates(forms))
    assert slips == list(_misspelling_candidates(every_form))
    assert all(forms[form] == every_form[form] for slip in slips for form in slip)


@settings(max_examples=examples(100), deadline=None)
@given(NAMES, st.sets(st.sampled_from(["New York", "Keir Starmer", "Bank England", "J Smith"])))
def test_the_pairs_written_are_those_of_every_name(texts: list[str], forms: set[str]) -> None:
    names = names_of(texts)
    every_pair = _name_word_pairs(names, _pairs_by_text(n.text for n in names))
    assert _pairs_written(names, forms) == [pair for pair in every_pair if pair[2] in forms]


@settings(max_examples=examples(100), deadline=None)
@given(NAMES)
def test_the_slips_are_those_of_all_pairs_of_forms(texts: list[str]) -> None:
    forms = forms_of(names_of(texts), texts)
    every_slip = []
    for a, b in itertools.permutations(forms, 2):
        (a1, a2), (b1, b2) = a.split(" "), b.split(" ")
        for shared, x, y in ((a1 == b1, a2, b2), (a2 == b2, a1, b1)):
            if (shared and x < y and min(len(x), len(y)) >= 4
                    and (forms[a] < 2 or forms[b] < 2) and _word_misspelt(x, y)):
                every_slip.append((a, b))
    assert sorted(_misspelling_candidates(forms)) == sorted(every_slip)


HOSTILE_WORDS = ["Ke\u0301ir", "Keír", "Keir", "Kéir", "Keiſ", "İkea", "Ikea", "IKEA", "Σmith",
                 "Smiths", "Sm-th", "Smi.h", "Smi’h", "Sm\u00a0th", "Sm\u001cth", "Smith\u2028"]


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(SLIPS)
                | st.lists(st.sampled_from(WORDS + HOSTILE_WORDS), min_size=1, max_size=4)
                .map(" ".join), max_size=12))
def test_names_whose_words_hold_no_slip_give_none(texts: list[str]) -> None:
    forms = forms_of(names_of(texts), texts)
    if not _may_hold_a_slip(texts):
        assert list(_misspelling_candidates(forms)) == []


NAME_PIECES = ["Jaguar", "Land", "Rover", "Marks", "&", "Spencer", "The", "BBC", "of", " ", " ",
               "-", "'", "’", "“", "”", ".", "\n\n", "\u00a0", "\u001c", "\u2028", "İ", "Σ",
               "ſ", "\u0301"]


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=24))
def test_the_names_are_in_text_order(pieces: list[str]) -> None:
    names = _name_occurrences(Article(read("x.txt", "Headline\n\n" + "".join(pieces) + "\n")))
    assert names == sorted(names, key=lambda n: n.start)
