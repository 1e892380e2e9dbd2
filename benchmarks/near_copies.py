"""What near-duplicate-paragraph's candidate pairs cost and miss on long pages.

Run by hand: `.venv/bin/python benchmarks/near_copies.py [--sizes 100K 4M ...] [--seed N]`.
Builds long pages of distinct corpus paragraphs (scaling.py's `distinct` shape) and
adds near copies of one paragraph in eight and of as many 8- to 40-word stretches
of them (added to the page too), edited word by word (a word replaced, dropped or
added, a letter changed) for as long as they stay at the rule's threshold. Prints,
per size, the paragraphs compared, the candidate pairs a paragraph, the time to find
them, and how many of the pairs that scoring every pair of similar length would
report the candidates hold: the recall the rule gives up to stay linear.
"""

from __future__ import annotations

import argparse
import random
import time

from rapidfuzz import fuzz
from scaling import SIZES, distinct, size_label

from lint import collector
from lint.analysis.text import comparison_key
from rules.duplicates import NEAR_DUPLICATE_DEFAULT, _lengths_allowed, _similarity, candidate_pairs

THRESHOLD = NEAR_DUPLICATE_DEFAULT
COPIED = 8  # one paragraph in COPIED is copied whole, and as many stretches


def near_copy(key: str, vocabulary: list[str], rng: random.Random) -> str | None:
    """`key` edited a word at a time up to the last version at the threshold."""
    words, last = key.split(" "), None
    for _ in range(40):
        at, edit = rng.randrange(len(words)), rng.random()
        if edit < 0.4:
            words[at] = rng.choice(vocabulary)
        elif edit < 0.6 and len(words) > 8:
            del words[at]
        elif edit < 0.8:
            words.insert(at, rng.choice(vocabulary))
        elif len(words[at]) > 3:
            letter = rng.randrange(1, len(words[at]) - 1)
            words[at] = words[at][:letter] + rng.choice("sz") + words[at][letter + 1:]
        edited = " ".join(words)
        if fuzz.ratio(key, edited) < THRESHOLD:
            return last
        last = edited
    return last


def page(size: int, rng: random.Random) -> list[str]:
    keys = list(dict.fromkeys(map(comparison_key, distinct(size))))
    copies = len(keys) // COPIED
    vocabulary = [word for key in keys for word in key.split(" ")]
    stretches = []
    for key in rng.sample(keys, copies):
        words, length = key.split(" "), rng.randint(8, 40)
        if len(words) > length:
            start = rng.randrange(len(words) - length)
            stretches.append(" ".join(words[start:start + length]))
    originals = rng.sample(keys, copies) + stretches
    for key in stretches:
        keys.insert(rng.randrange(len(keys) + 1), key)
    for key in originals:
        edited = near_copy(key, vocabulary, rng)
        if edited and edited != key:
            keys.insert(rng.randrange(len(keys) + 1), edited)
    return list(dict.fromkeys(keys))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=size_label, default=["100K", "1M"])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"{'size':>6} {'paragraphs':>11} {'candidates':>11} {'a paragraph':>12} "
          f"{'ms':>7} {'reported':>9} {'held':>6}")
    for label in args.sizes:
        keys = page(SIZES[label], random.Random(args.seed))
        with collector.paused():  # as in a check
            start = time.process_time()
            candidates = candidate_pairs(keys, THRESHOLD)
            took = time.process_time() - start
        lengths = list(map(len, keys))
        reported = {(min(pair), max(pair))
                    for pair in _lengths_allowed(range(len(keys)), lengths, THRESHOLD)
                    if _similarity(keys[pair[0]], keys[pair[1]], THRESHOLD)}
        held = len(reported & set(candidates))
        print(f"{label:>6} {len(keys):11} {len(candidates):11} "
              f"{len(candidates) / len(keys):12.1f} {took * 1000:7.0f} {len(reported):9} "
              f"{held / len(reported):6.1%}", flush=True)


if __name__ == "__main__":
    main()
