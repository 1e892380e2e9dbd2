"""Recognising an article's lead-in: headline, standfirst, byline and dateline lines.

What follows the byline and dateline before the story is lead-in too: a job-title
line under the byline (`Consumer reporter`) belongs to the byline, a time stamp
(`Updated 14:05 GMT`) is a dateline, and any other short non-sentence line there is
a caption, a picture caption or credit left in the copy.
"""

from __future__ import annotations

import regex

from lint import prose
from lint.lazy import LazyPattern

_BYLINE = prose.compile(r"^(?:By|BY)\b\s*:?\s*\p{Lu}[\p{L}.'’-]*(?:\s+\S+){0,7}$")
_MONTH = rf"{prose.MONTH}\.?"
_DATE = prose.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b"
)
_STAMP = prose.compile(
    r"^(?:(?:Last )?(?:Published|Updated|Posted|Modified)\b"
    r"|\d{1,2}[:.]\d{2}\s*(?:am|pm|GMT|BST|UTC|ET|EST)\b)",
    regex.IGNORECASE,
)
JOB_TITLE = LazyPattern(
    r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|critic|producer|"
    r"presenter|contributor|commentator|photographer|analyst)s?\b", regex.IGNORECASE)
_MAX_TITLE_WORDS = 6
_MAX_LEAD_IN_WORDS = 12
_MAX_CAPTION_WORDS = 15
LEAD_IN_BLOCKS = 6  # blocks after which the story has surely begun
# The blocks `classify` reads: the headline and up to LEAD_IN_BLOCKS + 1 after it.
READ_BLOCKS = LEAD_IN_BLOCKS + 2
_MAX_STANDFIRST_WORDS = 40
# A line reads as a sentence when it ends with a sentence's mark, a colon, or the
# closing quote mark of a quoted sentence.
_SENTENCE_END = prose.compile(rf"[{prose.SENTENCE_MARKS}:\"”’]\s*$")


def _at_most_words(line: str, limit: int) -> bool:
    """len(line.split()) <= limit, without splitting a long paragraph to the end."""
    return len(line.split(None, limit)) <= limit


def is_byline(line: str) -> bool:
    line = line.strip()
    return line[:2] in ("By", "BY") and bool(_BYLINE.match(line))


def is_dateline(line: str) -> bool:
    """A short line that carries a date and is not a sentence (`Published 3 March 2025`)."""
    line = line.strip()
    # The final stop first: it rules out nearly every paragraph without splitting it.
    return (not line.endswith(".") and _at_most_words(line, _MAX_LEAD_IN_WORDS)
            and bool(_DATE.search(line) or _STAMP.match(line)))


def is_job_title(line: str) -> bool:
    """A short line naming a newsroom role (`Consumer reporter`), not a sentence."""
    return (_at_most_words(line, _MAX_TITLE_WORDS) and bool(JOB_TITLE.search(line))
            and not _SENTENCE_END.search(line))


def is_caption(line: str) -> bool:
    """A short line that does not read as a sentence: no final stop, question or quote."""
    return _at_most_words(line, _MAX_CAPTION_WORDS) and not _SENTENCE_END.search(line)


def _marks_lead_in(line: str) -> bool:
    return is_byline(line) or is_dateline(line)


def split_lead_in(blocks: list[list[str]]) -> list[list[tuple[int, int]]]:
    """For each leading block, given as its lines, the runs of lines [a, b) that
    stand as blocks of their own.

    Copy pasted from a web page or CMS keeps the headline, byline, date and a
    picture caption on consecutive lines of one block. A leading block with a
    byline or dateline among its first lines (in the first block, under the
    headline line) is read line by line: each line up to the last short
    non-sentence line after the byline or dateline is a block of its own, and
    what follows, the story, stays one block. Other blocks stay whole, and the
    first block not read this way ends the lead-in.
    """
    groups = [[(0, len(lines))] for lines in blocks]
    for i, lines in enumerate(blocks[:LEAD_IN_BLOCKS]):
        if len(lines) < 2:
            continue
        marked = [n for n, line in enumerate(lines[:3]) if _marks_lead_in(line)]
        if not marked and i == 0 and _headline_and_standfirst(lines, blocks[1:3]):
            groups[0] = [(n, n + 1) for n in range(len(lines))]
            continue
        if not marked or (i > 0 and marked[0] > 1):
            break
        last = max(n for n, line in enumerate(lines) if _marks_lead_in(line))
        while last + 1 < len(lines) and (is_caption(lines[last + 1])
                                         or is_job_title(lines[last + 1])):
            last += 1
        groups[i] = [(n, n + 1) for n in range(last + 1)]
        if last + 1 < len(lines):
            groups[i].append((last + 1, len(lines)))
            break
    return groups


def _headline_and_standfirst(lines: list[str], following: list[list[str]]) -> bool:
    """Whether a first block of two lines is a headline over its standfirst: both
    short, and a byline or dateline opens one of the next two blocks."""
    return (len(lines) == 2 and all(_at_most_words(line, _MAX_STANDFIRST_WORDS) for line in lines)
            and any(block and _marks_lead_in(block[0]) for block in following))


def classify(blocks: list[str], first_is_heading: bool = False,
             headline_given: bool = False) -> list[str | None]:
    """Kinds for the leading blocks (None = body from here on), read from the first
    READ_BLOCKS blocks alone.

    The first single-line block is the headline when a block follows it (with
    `headline_given`, as where a Markdown article's front matter holds its title,
    the blocks start after it, unless the first is a heading): a lone line, such as
    one paragraph a CMS sends to be checked, is body. After the headline, byline and
    dateline lines are recognised by their shape, and a single line between the
    headline and a byline or dateline is the standfirst. A job title straight under
    a byline is part of the byline. Once a byline or dateline has been seen, a short
    line that is not a sentence (a picture caption or credit left in the copy) is a
    caption.
    """
    if headline_given and not first_is_heading:  # a stand-in for it, read first
        return classify(["headline"] + blocks, first_is_heading=True)[1:]
    kinds: list[str | None] = [None] * len(blocks)
    if not blocks or (not first_is_heading and (len(blocks) == 1 or "\n" in blocks[0].strip())):
        return kinds
    kinds[0] = "headline"
    for i in range(1, min(len(blocks), READ_BLOCKS)):
        line = blocks[i].strip()
        if "\n" in line:
            break
        if is_byline(line) or (kinds[i - 1] == "byline" and is_job_title(line)):
            kinds[i] = "byline"
        elif is_dateline(line):
            kinds[i] = "dateline"
        elif i == 1 and any(is_byline(b) or is_dateline(b) for b in blocks[2:4]):
            kinds[i] = "standfirst"
        elif {"byline", "dateline"} & set(kinds[:i]) and is_caption(line):
            kinds[i] = "caption"
        else:
            break
    return kinds
