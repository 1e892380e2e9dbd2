"""A long fuzzing campaign: mutated corpus articles, in all five input formats.

Each input is an article of ../shared/corpus (dev and bench) mutated a few times
(pieces the scanners treat specially inserted or typed over: quote marks, dots,
hyphens, brackets, zero-width, combining and control characters, line separators,
markup and entities; long runs of one piece; paragraphs repeated, dropped, joined;
articles pasted together), then written as text, Markdown, HTML (a fragment or a
whole page), a WordPress post or an ANS story. Every input is read and linted with
every rule, a third of them under the `ap` and a third under the `bbc` profile.

Printed: inputs run, crashes (a reader or rule raising), location errors (a
finding whose source slice does not render to the flagged text), fix-safety
violations (text, Markdown and HTML: a fix reaching past its span, or safe fixes
left once --fix is done), and the slowest inputs with their time per KB.
Each crash and violation is saved, with what went wrong, to a temporary folder.

Usage: python benchmarks/fuzz.py [--inputs N] [--jobs N] [--seed N] [--fix-every N]
"""

from __future__ import annotations

import argparse
import heapq
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from corpus import CORPUS, texts

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # shared with tests
from fuzzing import FIXABLE_FORMATS, FORMATS, PIECES, SUFFIXES, as_format, split_article  # noqa: E402
from invariants import assert_exact, changed_outside_span, unfixed_after_fixing  # noqa: E402
from lint.config import Config  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.readers import InputError, read  # noqa: E402

PROFILES = (None, "ap", "bbc")
BATCH = 250
SLOWEST = 10
TIMEOUT_S = 20


@dataclass
class Problem:
    kind: str  # crash, location, fix-overreach, fix-unsettled, timeout
    signature: str
    fmt: str
    text: str
    detail: str
    input: str = ""  # seed:number, which --replay runs again


@dataclass
class Tally:
    inputs: Counter = field(default_factory=Counter)  # by format
    input_errors: Counter = field(default_factory=Counter)  # by error code
    fix_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    # ms, KB, format, input (seed:number), text
    slowest: list[tuple[float, float, str, str, str]] = field(default_factory=list)
    seconds: float = 0.0


# --- mutations ----------------------------------------------------------------------

def _insert(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(PIECES) + text[at:]


def _overwrite(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(PIECES) + text[at + rng.randint(1, 4):]


def _sprinkle(rng: random.Random, text: str) -> str:
    """One piece at many places: a mangled import's stray character."""
    piece = rng.choice(PIECES)
    for _ in range(rng.randint(2, 30)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + piece + text[at:]
    return text


def _run(rng: random.Random, text: str) -> str:
    """A long run of one piece, or of a short phrase."""
    piece = rng.choice(PIECES + [" ", "the ", "AB ", "U.S. ", "'' ", '" ', "No. 1 "])
    at = rng.randrange(len(text) + 1)
    return text[:at] + piece * rng.choice((8, 60, 400, 1500)) + text[at:]


def _cut(rng: random.Random, text: str) -> str:
    start = rng.randrange(len(text) + 1)
    return text[:start] + text[start + rng.randint(1, 200):]


def _paragraphs(rng: random.Random, text: str) -> str:
    """Repeat, drop, swap, join or split paragraphs."""
    headline, paragraphs = split_article(text)
    if not paragraphs:
        return text
    i = rng.randrange(len(paragraphs))
    choice = rng.randrange(5)
    if choice == 0:
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), paragraphs[i])
    elif choice == 1 and len(paragraphs) > 1:
        del paragraphs[i]
    elif choice == 2:
        j = rng.randrange(len(paragraphs))
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    elif choice == 3 and i + 1 < len(paragraphs):
        paragraphs[i:i + 2] = [paragraphs[i] + rng.choice((" ", "", "\n")) + paragraphs[i + 1]]
    else:
        words = paragraphs[i].split(" ")
        cut = rng.randrange(len(words) + 1)
        paragraphs[i:i + 1] = [" ".join(words[:cut]), " ".join(words[cut:])]
    return "\n\n".join([headline, *paragraphs]) + "\n"


def _case(rng: random.Random, text: str) -> str:
    start = rng.randrange(len(text) + 1)
    end = start + rng.randint(1, 80)
    change = rng.choice((str.upper, str.lower, str.title))
    return text[:start] + change(text[start:end]) + text[end:]


MUTATIONS = (_insert, _insert, _insert, _overwrite, _overwrite, _sprinkle, _run, _cut,
             _paragraphs, _paragraphs, _case)


def make_input(rng: random.Random, articles: list[str]) -> tuple[str, str]:
    """(format, input text) of one mutated article."""
    text = rng.choice(articles)
    if rng.random() < 0.05:  # an archive page: several articles pasted together
        text += "\n\n".join(rng.choice(articles) for _ in range(rng.randint(2, 20)))
    for _ in range(rng.choice((1, 1, 2, 3, 5, 8, 20))):
        text = rng.choice(MUTATIONS)(rng, text)
    fmt = rng.choice(FORMATS)
    return fmt, as_format(text, fmt, page=rng.random() < 0.3)


# --- checking -----------------------------------------------------------------------

class _Timeout(BaseException):
    """Not an Exception, which the engine would record as the rule running failing."""


def _alarm(signum, frame):
    raise _Timeout


def _signature(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno} ({frame.name})"


def check_one(text: str, fmt: str, linter: Linter, check_fix: bool, tally: Tally,
              ident: str = "") -> None:
    start = time.perf_counter()
    try:
        document = read("story" + SUFFIXES[fmt], text, fmt)
    except InputError as exc:
        tally.input_errors[exc.code] += 1
        return
    except Exception as exc:
        tally.problems.append(Problem("crash", "reader: " + _signature(exc), fmt, text,
                                      traceback.format_exc()))
        return
    checked = linter.check(document)
    elapsed = (time.perf_counter() - start) * 1000
    kb = max(len(text.encode("utf-8", "surrogatepass")) / 1024, 0.001)
    entry = (elapsed, kb, fmt, ident, text)
    if len(tally.slowest) < SLOWEST:
        heapq.heappush(tally.slowest, entry)
    elif elapsed > tally.slowest[0][0]:
        heapq.heapreplace(tally.slowest, entry)
    for failure in checked.failures:
        last = failure.traceback.strip().splitlines()
        where = next((line.strip() for line in reversed(last) if line.strip().startswith("File")),
                     "")
        tally.problems.append(Problem("crash", f"rule {failure.rule}: {failure.reason[:80]} "
                                      f"{where[-60:]}", fmt, text, failure.traceback))
    for finding in checked.findings:
        try:
            assert_exact(document, finding.location, finding.flagged)
            source = document.sources[finding.location.source].text
            loc = finding.location
            assert finding.text == source[loc.offset:loc.offset + loc.length], "text"
        except AssertionError as exc:
            tally.problems.append(Problem("location", f"{finding.rule} in {fmt}", fmt, text,
                                          f"{finding.location}\n{exc!r}"))
    if not (check_fix and fmt in FIXABLE_FORMATS and not checked.failures):
        return
    tally.fix_checked += 1
    for finding in checked.findings:
        if finding.fix:
            beyond = changed_outside_span(document, finding)
            if beyond:
                tally.problems.append(Problem("fix-overreach", f"{finding.rule} in {fmt}", fmt,
                                              text, f"{finding.location}\nbeyond: {beyond!r}"))
    try:
        left = unfixed_after_fixing(text, fmt, linter)
    except Exception as exc:  # a rule failing on a text the fixes made
        tally.problems.append(Problem("crash", "after fixing: " + _signature(exc), fmt, text,
                                      traceback.format_exc()))
        return
    if left:
        rules = sorted({f.rule for f in left})
        tally.problems.append(Problem("fix-unsettled", f"{', '.join(rules)} in {fmt}", fmt,
                                      text, "\n".join(f"{f.rule} {f.location}" for f in left)))


_articles: list[str] = []
_linters: list[Linter] = []


def _start_worker(articles: list[str]) -> None:
    _articles[:] = articles
    _linters[:] = [Linter(Config(select=("ALL",), profile=p)) for p in PROFILES]
    signal.signal(signal.SIGALRM, _alarm)


def run_batch(task: tuple[int, int, int, int]) -> Tally:
    seed, first, count, fix_every = task
    tally = Tally()
    start = time.perf_counter()
    for n in range(first, first + count):
        rng = random.Random(f"{seed}:{n}")
        fmt, text = make_input(rng, _articles)
        tally.inputs[fmt] += 1
        found = len(tally.problems)
        signal.alarm(TIMEOUT_S)
        try:
            check_one(text, fmt, _linters[n % len(PROFILES)], n % fix_every == 0, tally,
                      f"{seed}:{n}")
        except _Timeout:
            tally.problems.append(Problem("timeout", f"over {TIMEOUT_S} s in {fmt}", fmt, text,
                                          ""))
        finally:
            signal.alarm(0)
        for problem in tally.problems[found:]:
            problem.input = f"{seed}:{n}"
    tally.seconds = time.perf_counter() - start
    return tally


# --- the campaign -------------------------------------------------------------------

def merge(total: Tally, part: Tally) -> None:
    total.inputs.update(part.inputs)
    total.input_errors.update(part.input_errors)
    total.fix_checked += part.fix_checked
    total.problems += part.problems
    total.slowest = heapq.nlargest(SLOWEST, total.slowest + part.slowest)
    total.seconds += part.seconds


def save(problems: list[Problem], folder: Path) -> Counter:
    """Up to three reproducers for each kind and signature; the count of each."""
    counts: Counter = Counter()
    numbers: dict[tuple[str, str], int] = {}
    for problem in problems:
        key = (problem.kind, problem.signature)
        number = numbers.setdefault(key, len(numbers) + 1)
        counts[key] += 1
        if counts[key] <= 3:
            stem = f"{problem.kind}-{number:03d}-{counts[key]}"
            (folder / (stem + SUFFIXES[problem.fmt])).write_text(
                problem.text, encoding="utf-8", errors="surrogatepass")
            (folder / (stem + ".txt.log")).write_text(
                f"{problem.kind}: {problem.signature}\nformat: {problem.fmt}\n"
                f"input: {problem.input} (--replay {problem.input})\n\n{problem.detail}\n",
                encoding="utf-8", errors="backslashreplace")
    return counts


def replay(ident: str, articles: list[str]) -> None:
    seed, n = (int(part) for part in ident.split(":"))
    _start_worker(articles)
    tally = run_batch((seed, n, 1, 1))
    fmt, text = make_input(random.Random(ident), articles)
    print(f"{fmt}: {text!r}\n")
    print(f"checked in {tally.slowest[0][0]:.1f} ms" if tally.slowest else "not checked")
    for problem in tally.problems:
        print(f"{problem.kind}: {problem.signature}\n{problem.detail}")
    print(f"{len(tally.problems)} problems")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fix-every", type=int, default=1,
                        help="check fix safety on every Nth input (it relints a few times)")
    parser.add_argument("--replay", metavar="SEED:N", help="check one input again, and print it")
    args = parser.parse_args()
    articles = [text for folder in ("dev", "bench") if (CORPUS / folder).is_dir()
                for _, text in texts(CORPUS / folder)]
    if not articles:
        sys.exit(f"{CORPUS} has no articles (the campaign mutates the corpus)")
    if args.replay:
        replay(args.replay, articles)
        return
    tasks = [(args.seed, first, min(BATCH, args.inputs - first), args.fix_every)
             for first in range(0, args.inputs, BATCH)]
    total = Tally()
    start = time.perf_counter()
    with ProcessPoolExecutor(args.jobs, initializer=_start_worker, initargs=(articles,)) as pool:
        for done, part in enumerate(pool.map(run_batch, tasks), 1):
            merge(total, part)
            if done % 20 == 0 or done == len(tasks):
                print(f"  {sum(total.inputs.values()):,} inputs, {len(total.problems)} problems, "
                      f"{time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    folder = Path(tempfile.mkdtemp(prefix="copydesk-fuzz-"))
    counts = save(total.problems, folder)
    kinds = Counter(p.kind for p in total.problems)
    print(f"inputs run        {sum(total.inputs.values()):,} "
          f"({', '.join(f'{f} {n:,}' for f, n in sorted(total.inputs.items()))}) "
          f"in {time.perf_counter() - start:.0f} s wall, {args.jobs} processes, seed {args.seed}")
    print(f"input errors      {sum(total.input_errors.values()):,} "
          f"({', '.join(f'{c} {n:,}' for c, n in total.input_errors.most_common())})")
    print(f"crashes           {kinds['crash']}")
    print(f"timeouts (>{TIMEOUT_S} s)  {kinds['timeout']}")
    print(f"location errors   {kinds['location']}")
    print(f"fix-safety        checked on {total.fix_checked:,} inputs: "
          f"{kinds['fix-overreach']} fixes past their span, "
          f"{kinds['fix-unsettled']} inputs with safe fixes left after --fix")
    for (kind, signature), count in counts.most_common():
        print(f"  {count:6,}  {kind:<14} {signature}")
    print("slowest inputs (ms, KB, ms/KB; the machine is shared):")
    for ms, kb, fmt, ident, text in sorted(total.slowest, reverse=True):
        shown = text[:40].encode("unicode_escape").decode()
        print(f"  {ms:8.1f} ms {kb:8.1f} KB {ms / kb:8.2f} ms/KB  {fmt:<9} "
              f"--replay {ident:<11} {shown}")
    if total.problems:
        print(f"reproducers in {folder}")
    else:
        folder.rmdir()


if __name__ == "__main__":
    main()
