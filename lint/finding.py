"""Findings as users see them: located in the original source (docs/findings.md)."""

from typing import Any, NamedTuple

# Values, never changed once built, as named tuples: cheaper than dataclasses to
# define at start-up and to build, a few for every finding (docs/architecture.md).


class Location(NamedTuple):
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    length: int
    source: int = 0
    field: str | None = None
    element_id: str | None = None
    element_index: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "offset": self.offset, "length": self.length,
        }
        if self.field is not None:
            data["field"] = self.field
        if self.element_id is not None:
            data["element_id"] = self.element_id
        if self.element_index is not None:
            data["element_index"] = self.element_index
        return data


class SourceEdit(NamedTuple):
    """Replace source[offset:offset + length] of source number `source` with `text`."""

    offset: int
    length: int
    text: str
    source: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"offset": self.offset, "length": self.length, "text": self.text}


class Fix(NamedTuple):
    safe: bool
    edits: tuple[SourceEdit, ...]

    def to_json(self) -> dict[str, Any]:
        return {"safe": self.safe, "edits": [e.to_json() for e in self.edits]}


class Context(NamedTuple):
    """The text around a finding; offset/length place the span inside it."""

    text: str
    offset: int
    length: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "offset": self.offset, "length": self.length}


class RelatedLocation(NamedTuple):
    """The other place a finding concerns; `document` names another article of the
    archive when it is not in this one (archive rules)."""

    message: str
    location: Location
    document: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"message": self.message, "location": self.location.to_json()}
        if self.document is not None:
            data["document"] = self.document
        return data


class LocatedFact(NamedTuple):
    """An archive rule's fact, placed in its article like a finding: `text` is the
    source slice, `flagged` the same stretch as rendered, starting at `start` in
    `Document.text`, and `context` the text around it, all as a `Finding` has them."""

    location: Location
    paragraph: int | None
    text: str
    flagged: str
    start: int
    context: Context | None
    data: Any


class Finding(NamedTuple):
    """A located finding. `text` is the source slice it covers; `flagged` is the same
    stretch as the reader rendered it (they differ only where markup intervenes).
    `start` is where `flagged` starts in the document's rendered text (`Document.text`),
    None for a finding on text that is not rendered (a directive); it is not part of
    the JSON."""

    rule: str
    category: str
    severity: str
    message: str
    location: Location
    text: str
    flagged: str = ""
    paragraph: int | None = None
    field: str | None = None
    context: Context | None = None
    related: tuple[RelatedLocation, ...] = ()
    replacements: tuple[str, ...] = ()
    fix: Fix | None = None
    fingerprint: str = ""
    start: int | None = None

    @property
    def sort_key(self) -> tuple[int, int, str, int]:
        return (self.location.source, self.location.offset, self.rule, self.location.length)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_json(),
            "paragraph": self.paragraph,
        }
        if self.field is not None:
            data["field"] = self.field
        data.update({
            "context": self.context.to_json() if self.context else None,
            "related": [r.to_json() for r in self.related],
            "replacements": list(self.replacements),
            "fix": self.fix.to_json() if self.fix else None,
            "fingerprint": self.fingerprint,
        })
        return data
