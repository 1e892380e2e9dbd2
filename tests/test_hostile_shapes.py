"""Hostile shapes (benchmarks/scaling.py) at a size where a cost that grows with the
square of the input would take minutes: every reader, analysis and rule gets
through all of them, as text and as HTML, within a bound generous for linear work.

The bound is on the whole batch, run in a child process, so a shared machine's
load does not make it flaky; benchmarks/scaling.py gives the figures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SIZE = 64 * 1024
BATCH_SECONDS = 120

CHILD = f"""
import sys
sys.path.insert(0, {str(BENCHMARKS)!r})
from scaling import FORMATS, HOSTILE, render
from lint.config import Config
from lint.engine import Linter
from lint.readers import READERS
linter = Linter(Config(select=("ALL",)))
formats = sys.argv[1:]
for name, shape in HOSTILE.items():
    paragraphs = shape({SIZE})
    for fmt in formats:
        linter.lint(READERS[fmt]("shape." + fmt, render(paragraphs, fmt)))
    print(name, flush=True)
print("all done")
"""


def test_every_hostile_shape_is_linted_in_bounded_time() -> None:
    # Plain text and HTML: the Markdown and CMS readers share their scanners.
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, "text", "html"], capture_output=True,
                              text=True, timeout=BATCH_SECONDS, check=True)
    except subprocess.TimeoutExpired as exc:
        finished = (exc.stdout or b"").decode().split("\n")
        pytest.fail(f"shapes not done in {BATCH_SECONDS} s; the last done: {finished[-2:]}")
    assert done.stdout.endswith("all done\n")


DOTTED = """
import random
from lint.config import Config
from lint.engine import Linter
from lint.readers import read
rng = random.Random(3)
words = ("".join(f"{rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}." for _ in range(4)) + " said"
         for _ in range(100_000))
linter = Linter(Config(select=("abbreviation-style-mix", "malformed-abbreviation")))
linter.lint(read("story.txt", "Council plan\\n\\n" + " ".join(words) + "\\n"))
print("done")
"""


def test_thousands_of_distinct_dotted_abbreviations_are_weighed_in_one_pass() -> None:
    """Each abbreviation's first form was looked for from the article's start: with
    tens of thousands of them (`W.X.Y.Z.`), a cost growing with their number times
    the text's length: over a minute at this size."""
    done = subprocess.run([sys.executable, "-c", DOTTED], capture_output=True, text=True,
                          timeout=BATCH_SECONDS, check=True)
    assert done.stdout == "done\n"


HALF_DOTTED = """
from lint.config import Config
from lint.engine import Linter
from lint.readers import read
linter = Linter(Config(select=("malformed-abbreviation",)))
document = read("story.txt", "Council plan\\n\\n" + "U.S, U.S. " * 20_000 + "\\n")
print(len(linter.check(document, unlimited=True).findings))
"""


def test_every_half_dotted_abbreviation_is_weighed_against_the_article_once() -> None:
    """The forms an article writes each abbreviation in were gathered anew for each
    malformed one, over every abbreviation of the article: with every finding drawn
    (as `--fix` draws them), a cost growing with the square of their number."""
    done = subprocess.run([sys.executable, "-c", HALF_DOTTED], capture_output=True,
                          text=True, timeout=BATCH_SECONDS, check=True)
    assert done.stdout == "20000\n"


TEMPLATE_TAGS = """
from lint.readers import read
document = read("story.md", "Council plan\\n\\nThe " + "{{" * 200_000 + " {{ page.title }}\\n")
print([document.text[s:e] for s, e in document.masked])
for lines in ("{{\\n" * 100_000, "{{ a\\n" * 100_000 + "}} b\\n", "{{ a }} b\\n" * 100_000):
    print(len(read("story.md", "Council plan\\n\\n" + lines).blocks))
"""


def test_unclosed_template_tags_are_read_in_one_pass() -> None:
    """A template tag read on to the line's end from each unclosed `{{`, or on to the
    next blank line from each line that opens one, would cost the square of the
    text's length: hours here."""
    done = subprocess.run([sys.executable, "-c", TEMPLATE_TAGS], capture_output=True,
                          text=True, timeout=BATCH_SECONDS, check=True)
    assert done.stdout == "['{{ page.title }}']\n2\n2\n2\n"


LONG_TITLE = """
from lint.readers import read
title = "1. " * 40_000 + "- Site"
document = read("page.html", f"<html><head><title>{title}</title></head>"
                "<body><h1>Council plan</h1><p>The council met on Monday and voted to approve"
                " the plan.</p></body></html>")
print(document.text.split("\\n\\n")[0] == title[:-7], document.text.split("\\n\\n")[-1])
"""


def test_a_long_title_is_read_in_one_pass() -> None:
    """The site name ending a <title> was matched with a look-behind over all the
    words before each place: the square of the title's length, minutes here."""
    done = subprocess.run([sys.executable, "-c", LONG_TITLE], capture_output=True,
                          text=True, timeout=BATCH_SECONDS, check=True)
    assert done.stdout == "True The council met on Monday and voted to approve the plan.\n"


CLASSIC_SPACES = f"""
import json
from lint.readers import read
raw = "A story." + " " * {SIZE} + "More of it.\\n\\nThe second paragraph."
document = read("post.json", json.dumps({{"title": {{"rendered": "Head"}},
                                         "content": {{"raw": raw}}}}))
print([block.kind for block in document.blocks])
"""


def test_a_classic_post_with_a_long_run_of_spaces_is_read_once() -> None:
    """The blank-line pattern that parts a classic post's paragraphs was tried from
    each space of a run with no blank line after it: minutes at this size."""
    done = subprocess.run([sys.executable, "-c", CLASSIC_SPACES], capture_output=True,
                          text=True, timeout=BATCH_SECONDS, check=True)
    assert done.stdout == "['headline', 'paragraph', 'paragraph']\n"
