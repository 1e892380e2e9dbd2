"""A hunt for costs that grow faster than the input: random token soups at two sizes.

Run by hand: `.venv/bin/python benchmarks/growth.py [--trials N] [--seed S]
[--factor F]`. Each trial draws a few tokens that readers, analyses or rules treat
specially (names, abbreviations, quote marks, brackets, definitions, numbers,
addresses), some with number suffixes so that their variants keep coming, and
builds documents of them at 20 KB and at F times that. It prints the time of each
size, with every rule selected, and the ratio between them: about F for a linear
cost; a ratio well above F (flagged) points at a super-linear spot, which
benchmarks/scaling.py's fixed shapes may not reach. `--replay TRIAL` prints one
trial's cost at four sizes.
"""

from __future__ import annotations

import argparse
import random

from scaling import seconds

from lint.config import Config
from lint.engine import Linter

TOKENS = (
    "the", "The", "said", "he said", "she added", "U.S.", "U.S,", "US", "UK", "U.K.", "Mr",
    "Mr.", "Dr", "St", "No.", "no", "e.g.", "J.", "A.J.", "A.B.C.", "X.Y.", '"', "'", "“", "”",
    "‘", "’", ",", ".", "?", "!", "…", ":", ";", "(", ")", "[", "]", "-", "—", "  ", "\n", "\n\n",
    "&", "%", "Smith", "Smyth", "McDonald", "MacDonald", "John Smith", "Jaguar Land Rover",
    "Jaguar-Land Rover", "JLR", "(JLR)", "NATO", "Nato", "CEO", "chief executive officer",
    "World Food Programme", "(WFP)", "WFP", "Marks & Spencer", "Ltd", "Limited", "12", "1,000",
    "six", "million", "per cent", "1990s", "'90s", "don't", "colour", "color", "organise",
    "organize", "http://a.b/c", "@handle", "#tag",
)
BASE = 20_000


def soup(vocabulary: list[str], size: int, seed: int) -> str:
    """About `size` characters of the vocabulary's tokens; a third of the words carry
    a number, so that a long document keeps bringing new variants."""
    rng = random.Random(seed)
    words, length = [], 0
    while length < size:
        token = rng.choice(vocabulary)
        if token.isalpha() and rng.random() < 0.3:
            token += str(rng.randint(0, 999))
        words.append(token)
        length += len(token) + 1
    return "Council approves plan\n\n" + " ".join(words) + "\n"


def vocabulary(seed: int, trial: int) -> list[str]:
    rng = random.Random(seed * 1_000_003 + trial)
    return rng.sample(TOKENS, rng.randint(2, 8))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--factor", type=int, default=8)
    parser.add_argument("--replay", type=int, metavar="TRIAL")
    args = parser.parse_args()
    linter = Linter(Config(select=("ALL",)))
    if args.replay is not None:
        chosen = vocabulary(args.seed, args.replay)
        print(chosen)
        for size in (BASE, 4 * BASE, 16 * BASE, 64 * BASE):
            took = seconds(linter, soup(chosen, size, args.replay), "text", 2)
            print(f"{size // 1000:6} KB {took * 1000:9.1f} ms", flush=True)
        return
    print(f"{'trial':>5} {'ratio':>7} {BASE // 1000:>6} KB {BASE * args.factor // 1000:>6} KB"
          "  tokens")
    for trial in range(args.trials):
        chosen = vocabulary(args.seed, trial)
        small = seconds(linter, soup(chosen, BASE, trial), "text", 2)
        large = seconds(linter, soup(chosen, BASE * args.factor, trial), "text", 2)
        ratio = large / small if small else 0.0
        flag = "  <- grows faster than the size" if ratio > 1.6 * args.factor else ""
        print(f"{trial:5} {ratio:6.1f}x {small * 1000:6.0f} ms {large * 1000:6.0f} ms  "
              f"{chosen}{flag}", flush=True)


if __name__ == "__main__":
    main()
