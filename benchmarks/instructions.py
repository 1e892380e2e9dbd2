"""Instructions copydesk runs, counted by valgrind's cachegrind.

A shared machine's speed swings from minute to minute, so the wall times of two
versions compare only when taken in turn, many times. An instruction count does
not swing: the same code on the same input counts the same, within a few parts in a
thousand, so what a change costs or saves shows in one run. Prints, in millions:
- start-up: `copydesk check` on one article (the hook's usual load), beside a bare
  `python -c pass`;
- one pass of the default rules over the folder's articles, in-process;
- with --shape, one lint of each named shape of scaling.py (and of ordinary
  distinct paragraphs, for the ratio) at --kb kilobytes, written in --format (plain
  text unless told); `--articles 0` leaves out the folder pass, for shapes alone.

A pass is told from its set-up (imports, reading, first-use pattern compiles) as half
the difference between three passes and one. Each count is the second of two runs,
as the first may write the bytecode cache. Needs valgrind (Debian's `valgrind`);
cachegrind runs a program some fifty times slower, so a folder pass takes minutes.

Usage: python benchmarks/instructions.py [FOLDER] [--articles N] [--shape NAME ...] [--kb N]
       [--format FORMAT]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from corpus import bytecode_cached_env, corpus_folder
from scaling import FORMATS, HOSTILE, ORDINARY

CACHEGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
              "--cachegrind-out-file=/dev/null"]
_COUNT = re.compile(r"I\s+refs:\s+([\d,]+)")
BENCHMARKS = Path(__file__).resolve().parent

PASSES = """
import sys
from pathlib import Path
from lint.engine import Linter
from lint.readers import decode, read
passes, count, folder = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
articles = [(str(p), decode(p.read_bytes())) for p in sorted(folder.glob("*.txt"))[:count]]
linter = Linter()
for _ in range(passes):
    for path, text in articles:
        linter.lint(read(path, text))
"""

SHAPE = """
import sys
sys.path.insert(0, sys.argv[4])
from scaling import HOSTILE, KB, ORDINARY, render
from lint.engine import Linter
from lint.readers import read
passes, name, kb, fmt = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[5]
content = render({**ORDINARY, **HOSTILE}[name](kb * KB), fmt)
linter = Linter()
for _ in range(passes):
    linter.lint(read("shape." + fmt, content, fmt))
"""


def instructions(command: list[str]) -> int:
    env = bytecode_cached_env()
    env["PYTHONHASHSEED"] = "0"  # the same set and dict orders, so the same work, each run
    for _ in range(2):
        done = subprocess.run(CACHEGRIND + command, capture_output=True, text=True,
                              env=env, check=False)
    found = _COUNT.search(done.stderr)
    if found is None:
        sys.exit(f"cachegrind gave no count for {' '.join(command)}: {done.stderr[-300:]}")
    return int(found.group(1).replace(",", ""))


def per_pass(script: str, *args: str) -> int:
    """Instructions of one pass of `script`, whose first argument is its passes."""
    one = instructions([sys.executable, "-c", script, "1", *args])
    three = instructions([sys.executable, "-c", script, "3", *args])
    return (three - one) // 2


def millions(count: int) -> str:
    return f"{count / 1e6:,.0f} M"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="bench")
    parser.add_argument("--articles", type=int, default=300, help="articles in a pass")
    parser.add_argument("--shape", nargs="+", default=[], choices=[*ORDINARY, *HOSTILE],
                        metavar="NAME", help="shapes of scaling.py")
    parser.add_argument("--kb", type=int, default=10, help="size of each shape")
    parser.add_argument("--format", default="text", choices=FORMATS,
                        help="how each shape is written")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    folder = corpus_folder(args.folder)
    article = str(min(folder.glob("*.txt")))
    check = instructions([sys.executable, "-m", "lint", "check", "--exit-zero", article])
    bare = instructions([sys.executable, "-c", "pass"])
    print(f"check one article        {millions(check)}   (bare python {millions(bare)}; "
          f"{Path(article).name})")
    count = min(args.articles, len(list(folder.glob("*.txt"))))
    if count:
        one_pass = per_pass(PASSES, str(args.articles), str(folder))
        print(f"default rules, one pass  {millions(one_pass)}   over {count} articles: "
              f"{one_pass / count / 1e6:.2f} M an article")
    if args.shape:
        shape_args = (str(args.kb), str(BENCHMARKS), args.format)
        ordinary = per_pass(SHAPE, "distinct", *shape_args)
        print(f"{'distinct':24} {millions(ordinary)} a lint at {args.kb} KB ({args.format})")
        for name in args.shape:
            cost = per_pass(SHAPE, name, *shape_args)
            print(f"{name:24} {millions(cost)} a lint at {args.kb} KB, "
                  f"{cost / ordinary:.1f}x distinct's instructions")


if __name__ == "__main__":
    main()
