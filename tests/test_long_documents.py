"""Long documents (live pages, archives): the near-duplicate rule scores only
candidate pairs there, finds what scoring all pairs finds, and the number of pairs
it scores grows with the number of paragraphs, not with its square; the name rules
compare only names one edit apart."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

import rules.duplicates
from lint.analysis.text import comparison_key
from lint.config import Config
from lint.engine import lint_text
from rules.duplicates import (
    ALL_PAIRS_UP_TO,
    COMPARED_CHARACTERS,
    FEW_WORDS,
    NEAR_DUPLICATE_DEFAULT,
    _characters_allow,
    _similarity,
    candidate_pairs,
)
from rules.names import _one_edit_apart


def vocabulary(size: int, rng: random.Random) -> list[str]:
    return ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
            for _ in range(size)]


def paragraphs(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words = vocabulary(3000, rng)
    return [" ".join(rng.choice(words) for _ in range(rng.randint(12, 40))).capitalize() + "."
            for _ in range(count)]


def long_article(count: int) -> str:
    body = paragraphs(count)
    body.append(body[5].replace(body[5].split()[3], "changed", 1))  # a near copy
    body.append(body[40][:-1] + " again.")  # another, one word longer
    return "A long live page\n\n" + "\n\n".join(body) + "\n"


def near_duplicates(text: str) -> list[tuple[int, str, str]]:
    findings = lint_text(text, config=Config(select=("near-duplicate-paragraph",)))
    return [(f.location.offset, f.message, f.related[0].location.offset) for f in findings]


def test_near_copies_in_a_long_document_are_what_all_pairs_find(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = long_article(300)
    found = near_duplicates(text)
    messages = [message for _, message, _ in found]
    assert any(m.startswith("Paragraph 301 is a near copy of paragraph 6 ") for m in messages)
    assert any(m.startswith("Paragraph 302 is a near copy of paragraph 41 ") for m in messages)
    monkeypatch.setattr(rules.duplicates, "ALL_PAIRS_UP_TO", 10_000)
    assert near_duplicates(text) == found


def test_pairs_scored_grow_linearly_with_paragraphs() -> None:
    keys = [comparison_key(p) for p in paragraphs(10_000, seed=3)]
    pairs = candidate_pairs(keys, NEAR_DUPLICATE_DEFAULT)
    # All pairs would be 50 million; the rare word pairs leave a few per paragraph.
    assert len(pairs) < 2 * len(keys)
    assert all(i < j for i, j in pairs)


def test_a_paragraph_of_common_word_pairs_only_is_no_candidate() -> None:
    keys = [f"he said that it was the best of the year {n}" for n in range(100)]
    keys.append("a rare remark about one thing of note")
    assert candidate_pairs(keys, NEAR_DUPLICATE_DEFAULT) == []


def _pair_sharing(word_pairs: int, words: int) -> tuple[str, str]:
    """Two keys of `words` distinct words of one length that share `word_pairs`
    word pairs and nothing else."""
    shared = [f"s{n:03d}" for n in range(word_pairs + 1)]
    own = ([f"a{n:03d}" for n in range(words)], [f"b{n:03d}" for n in range(words)])
    return tuple(" ".join(shared + mine[:words - len(shared)]) for mine in own)


@pytest.mark.parametrize(("word_pairs", "words", "scored"), [
    (1, FEW_WORDS, False), (2, FEW_WORDS, True), (1, FEW_WORDS - 1, True)])
def test_a_long_pages_paragraphs_are_scored_when_they_share_two_rare_word_pairs(
        word_pairs: int, words: int, scored: bool) -> None:
    # Unrelated paragraphs of a long page often share one rare word pair; a short
    # near copy may have only one left to share.
    filler = [f"filler {n} " + " ".join(f"f{n}x{m}" for m in range(12))
              for n in range(ALL_PAIRS_UP_TO)]
    keys = [*filler, *_pair_sharing(word_pairs, words)]
    assert candidate_pairs(keys, NEAR_DUPLICATE_DEFAULT) == (
        [(len(filler), len(filler) + 1)] if scored else [])


def test_an_article_pasted_many_times_scores_each_distinct_pair_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    article = "\n\n".join(paragraphs(12, seed=5))
    scored = []
    score = rules.duplicates._similarity
    monkeypatch.setattr(rules.duplicates, "_similarity",
                        lambda a, b, t: scored.append((a, b)) or score(a, b, t))
    found = near_duplicates("Headline\n\n" + "\n\n".join([article] * 500) + "\n")
    assert found == []
    assert len(scored) <= 12 * 11 // 2


def test_two_huge_paragraphs_are_compared_on_their_first_characters() -> None:
    # Scoring and aligning a pair cost the product of their lengths: 1 MB of pasted
    # page in two near copies would take seconds for this one pair.
    words = (paragraphs(1, seed=9)[0].rstrip(".").split() * 5_000)[:40_000]
    first = " ".join(words)
    second = " ".join(w if n % 25 else "changed" for n, w in enumerate(words))
    assert len(first) > 20 * COMPARED_CHARACTERS
    assert _similarity(first, second, 0) == int(
        fuzz.ratio(first[:COMPARED_CHARACTERS], second[:COMPARED_CHARACTERS]) + 0.5)
    (offset, message, related), = near_duplicates(f"Headline\n\n{first}.\n\n{second}.\n")
    assert (offset, related) == (len("Headline\n\n") + len(first) + 3, len("Headline\n\n"))
    assert message.startswith("Paragraph 2 is a near copy of paragraph 1 (similarity 9")
    assert "became 'changed'" in message


@given(st.text(alphabet="abc dé", max_size=30), st.text(alphabet="abc dé", max_size=30),
       st.integers(1, 100))
def test_the_bound_on_shared_characters_rules_out_no_pair_that_reaches_it(
        a: str, b: str, threshold: int) -> None:
    if a or b:
        assert _characters_allow(a, b, threshold) or fuzz.ratio(a, b) < threshold


def test_paragraphs_of_one_length_but_other_letters_are_ruled_out_before_rapidfuzz() -> None:
    cars, buses, vans = ("the plant will build cars", "a plant is to build buses",
                         "the plant will build vans")
    assert (fuzz.ratio(cars, vans), fuzz.ratio(cars, buses)) == (92, 64)
    assert _characters_allow(cars, vans, 90)
    assert not _characters_allow(cars, buses, 90)


@given(st.lists(st.text(alphabet="abAé", max_size=6), max_size=25, unique=True))
def test_name_words_one_edit_apart_are_all_candidates(words: list[str]) -> None:
    found = _one_edit_apart(words)
    assert found == sorted(set(found))
    assert {(i, j) for i, j in itertools.permutations(range(len(words)), 2)
            if OSA.distance(words[i], words[j]) <= 1} <= set(found)
