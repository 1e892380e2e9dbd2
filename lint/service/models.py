"""The request and response shapes, as the OpenAPI document publishes them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Format = Literal["text", "markdown", "html", "wordpress", "ans", "contentful", "sanity"]


def _string_or_object(value: Any) -> str | dict[str, Any]:
    if not isinstance(value, str | dict):
        raise ValueError("must be a string or a JSON object")
    return value


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Format | None = Field(
        None, description="The reader; left out, it is sniffed from the content as the CLI "
                          "does for standard input (JSON: a WordPress post, an ANS story, a "
                          "Contentful entry or a Sanity document; HTML; else text).")
    # Checked by a validator rather than typed as a union, so that an error points at
    # `/content` itself, not at one member of the union.
    content: Annotated[Any, AfterValidator(_string_or_object)] = Field(
        description="The article as a string, or a CMS payload (a WordPress post, an ANS "
                    "story, a Contentful entry, a Sanity document) as a JSON object.",
        json_schema_extra={"anyOf": [{"type": "string"}, {"type": "object"}]})
    select: list[str] | None = Field(
        None, max_length=200, description="Rules or categories to run, instead of the "
                                          "server's configured set.")
    ignore: list[str] = Field([], max_length=200, description="Rules or categories to leave out.")
    profile: str | None = Field(None, pattern=r"^[a-z][a-z0-9-]{0,40}$",
                                description="A house-style profile by name (e.g. reuters).")
    offset_encoding: Literal["utf-16", "codepoint"] = Field(
        "utf-16", description="How offsets, lengths and columns count: UTF-16 code units "
                              "(browsers, LSP) or Unicode code points.")


class Location(BaseModel):
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    length: int
    field: str | None = None
    element_id: str | None = None
    element_index: int | None = None


class Context(BaseModel):
    text: str
    offset: int
    length: int


class Related(BaseModel):
    message: str
    location: Location


class Edit(BaseModel):
    offset: int
    length: int
    text: str


class Fix(BaseModel):
    safe: bool
    edits: list[Edit]


class Finding(BaseModel):
    rule: str
    category: str
    severity: Literal["error", "warning", "info"]
    message: str
    location: Location
    paragraph: int | None
    field: str | None = None
    context: Context | None
    related: list[Related]
    replacements: list[str]
    fix: Fix | None
    fingerprint: str = Field(description="Stable across edits elsewhere in the article.")
    url: str = Field(description="The rule's documentation (GET /v1/rules/{name}).")


class Tool(BaseModel):
    name: str
    version: str
    profile: str | None
    config_hash: str


class DocumentInfo(BaseModel):
    source: str = Field(description="`check`, or the webhook scheme that delivered it.")
    id: str | None
    format: str | None


class Summary(BaseModel):
    error: int
    warning: int
    info: int


class CheckResponse(BaseModel):
    schema_version: int
    offset_encoding: Literal["utf-16", "codepoint"]
    incomplete: bool
    incomplete_reason: str | None
    tool: Tool
    document: DocumentInfo
    summary: Summary
    findings: list[Finding]


class IgnoredEvent(BaseModel):
    ignored: str = Field(description="The key of an Arc IFX event that carries no story to "
                                     "check (any but story:create and story:update).")


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: dict[str, Any] = {}


class ErrorBody(BaseModel):
    error: ErrorDetail


class RuleOption(BaseModel):
    name: str
    type: str
    default: Any
    help: str


class RuleTier(BaseModel):
    name: str
    severity: Literal["error", "warning", "info"]
    help: str


class RuleDoc(BaseModel):
    name: str
    category: str
    severity: Literal["error", "warning", "info"]
    fix: Literal["always", "sometimes", "never"]
    fix_safety: Literal["safe", "unsafe", "depends"] | None
    default: bool
    summary: str
    options: list[RuleOption]
    tiers: list[RuleTier]
    docs: dict[str, str]
    url: str


class Status(BaseModel):
    status: str
