"""Passages: body paragraphs as the archive rules compare them across articles.

A passage carries the comparison key that `near-duplicate-paragraph` uses (case,
white space, quote and dash style folded), a hash of that key for verbatim copies,
and a MinHash sketch for near copies: the SKETCH_SIZE smallest hashes of its word
shingles (bottom-k MinHash). Two paragraphs whose shingle sets have Jaccard
similarity J share a sketch value with probability about 1 - (1 - J)^k, so each
sketch value serves as one LSH band of one row: a 25-word paragraph with two words
changed (J about 0.6, `fuzz.ratio` about 93) becomes a candidate 99.9% of the time,
and only candidates are scored.

Each word is hashed with CRC-32 and each shingle is the hash of its tuple of word
hashes: all of it runs in C, and unlike the hash of a string (salted per process)
the hash of a tuple of integers is the same in every process. It could change with
the Python version, so a persistent index keeps `sketch_probe()` and refuses a
mismatch (lint/archive.py).
"""

import zlib
from typing import NamedTuple

from lint.analysis.text import comparison_key_and_words, shingles

SHINGLE_WORDS = 4
SKETCH_SIZE = 8


class Passage(NamedTuple):
    key: str
    words: int
    exact: int
    sketch: tuple[int, ...]


def stable_hash(text: str) -> int:
    """A 63-bit hash of the text: fits SQLite's signed integers."""
    import hashlib  # for the archive's passages, which a plain check never makes

    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


def passage(text: str) -> Passage:
    key, words = comparison_key_and_words(text)
    hashes = list(map(zlib.crc32, key.encode("utf-8", "surrogatepass").split(b" ")))
    runs = shingles(hashes, SHINGLE_WORDS) if len(hashes) > SHINGLE_WORDS else (tuple(hashes),)
    sketch = tuple(sorted(set(map(hash, runs)))[:SKETCH_SIZE])
    return Passage(key, words, stable_hash(key), sketch)


def sketch_probe() -> tuple[int, ...]:
    """The sketch of a fixed sentence, which tells whether hashing has changed."""
    return passage("A fixed sentence whose sketch tells whether hashing has changed.").sketch
