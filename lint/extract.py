"""`copydesk extract`: what copydesk reads from each input, and where it came from.

An integrator sees exactly which text is linted (headline, standfirst, byline,
dateline, captions, block quotes, body paragraphs) and the source location of
each, in the same form as a finding's `location`.
"""

from __future__ import annotations

from typing import Any

from lint.document import Document
from lint.engine import source_location

LEAD_IN = ("headline", "standfirst", "byline", "dateline")
LISTED = {"caption": "captions", "blockquote": "blockquotes"}


def extraction(document: Document) -> dict[str, Any]:
    """One input's blocks as the JSON shape of `copydesk extract --output-format json`."""
    data: dict[str, Any] = {"path": document.path, "format": document.format,
                            **{kind: None for kind in LEAD_IN},
                            **{key: [] for key in LISTED.values()}, "paragraphs": []}
    for block in document.blocks:
        entry: dict[str, Any] = {
            "text": document.block_text(block),
            "location": source_location(document, block.start, block.end).to_json()}
        if block.kind in LEAD_IN:
            if data[block.kind] is None:
                data[block.kind] = entry
            continue
        if block.is_body:
            entry = {"kind": block.kind, "paragraph": block.paragraph, **entry}
        data[LISTED.get(block.kind, "paragraphs")].append(entry)
    return data


def _where(location: dict[str, Any]) -> str:
    field = location.get("field")
    element = location.get("element_id")
    prefix = f"{field}" + (f" ({element})" if element else "") + ":" if field else ""
    return f"{prefix}{location['line']}:{location['column']}"


def as_text(document: Document) -> str:
    """The human-readable listing, in reading order: `kind  where  text` a block."""
    lines = [f"{document.path} ({document.format})"]
    for block in document.blocks:
        where = _where(source_location(document, block.start, block.end).to_json())
        label = f"{block.kind} {block.paragraph}" if block.paragraph else block.kind
        lines.append(f"  {label:<14} {where:<12} {document.block_text(block)}")
    return "\n".join(lines) + "\n"
