"""Blocks made of plain-text spans: the rich text of headless CMSs (Contentful's rich
text nodes, Sanity's Portable Text spans), shared by their readers.

A span is a string of the payload, shown as it is written (no markup, no entities),
so each is its own source and a finding points into that one string. A block joins
its spans in order; a span marked as code is one masked placeholder, as inline code
is in HTML.
"""

from typing import NamedTuple

from lint.document import DocumentBuilder, Run
from lint.readers.markup import CODE_PLACEHOLDER
from lint.source import Source


class Span(NamedTuple):
    source: Source
    code: bool = False


def render(source: str) -> str:
    """A slice of one span as these readers render it: as written."""
    return source


def add_block(builder: DocumentBuilder, kind: str, spans: list[Span]) -> None:
    """One block of spans, trimmed of white space at either end: a block starts and
    ends with a visible character."""
    runs = []
    for span in spans:
        index = builder.add_source(span.source)
        text = span.source.text
        if span.code:
            runs.append(Run(CODE_PLACEHOLDER, 0, len(text), False, index, masked=True))
        elif text:
            runs.append(Run(text, 0, len(text), True, index))
    while runs and runs[0].exact and not runs[0].text.strip():
        runs.pop(0)
    while runs and runs[-1].exact and not runs[-1].text.strip():
        runs.pop()
    if not runs:
        return
    first = runs[0]
    if first.exact:
        cut = len(first.text) - len(first.text.lstrip())
        runs[0] = first._replace(text=first.text[cut:], src_start=cut,
                                 src_length=first.src_length - cut)
    last = runs[-1]
    if last.exact:
        kept = len(last.text.rstrip())
        runs[-1] = last._replace(text=last.text[:kept],
                                 src_length=last.src_length - (len(last.text) - kept))
    builder.add_block(kind, runs)
