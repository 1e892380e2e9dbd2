"""Each article's id and metadata (headline, date, author, section, URL) where its
source has them: WordPress and ANS fields, Markdown front matter, HTML <meta> tags.

Every function here takes untrusted data and returns None for what is missing or
of the wrong shape; none of them raises on odd input.
"""

from __future__ import annotations

import html
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

import regex

FIELDS = ("headline", "date", "author", "section", "url")
_ISO_DATE = regex.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                          r"(?:Z|[+-]\d{2}:?\d{2})?)?")


def empty() -> dict[str, str | None]:
    return dict.fromkeys(FIELDS)


def _text(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _get(data: Any, *keys: str | int) -> Any:
    """data[k1][k2]..., or None where a step is missing or of the wrong type."""
    for key in keys:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and len(data) > key else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
    return data


def iso_date(value: Any) -> str | None:
    """An ISO date or date-time (`2024-03-05`, `2024-03-05T10:00:00Z`) from the forms
    sources write; an RFC 822 date (RSS, e-mail) is converted. None otherwise."""
    text = _text(value)
    if text is None:
        return None
    if match := _ISO_DATE.match(text):
        return match.group().replace(" ", "T", 1)
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def month(date: str | None) -> str | None:
    """`YYYY-MM` of an ISO date, when it is a real month."""
    return _month(date[:7]) if date and len(date) >= 7 else None


@lru_cache(maxsize=4096)  # an archive spans few months, and every article is counted in one
def _month(prefix: str) -> str | None:
    try:
        return datetime.strptime(prefix, "%Y-%m").strftime("%Y-%m")
    except ValueError:
        return None


def wordpress(data: dict) -> tuple[str | None, dict[str, str | None]]:
    """The id and metadata of a WordPress REST post (author and category names come
    from `_embedded`, as `?_embed` gives them; else their numeric ids)."""
    post_id = _text(data.get("id"))
    terms = _get(data, "_embedded", "wp:term")
    categories = [term for group in terms if isinstance(group, list) for term in group
                  if _get(term, "taxonomy") == "category"] if isinstance(terms, list) else []
    date = iso_date(data.get("date_gmt"))
    return (f"wp:{post_id}" if post_id else None, {
        "headline": _text(html.unescape(_get(data, "title", "rendered") or "")),
        "date": date + "Z" if date and len(date) == 19 else date or iso_date(data.get("date")),
        "author": _text(_get(data, "_embedded", "author", 0, "name")) or _text(data.get("author")),
        "section": (_text(_get(categories, 0, "name"))
                    or _text(_get(data, "categories", 0))),
        "url": _text(data.get("link")),
    })


def ans(data: dict) -> tuple[str | None, dict[str, str | None]]:
    """The id and metadata of an Arc XP ANS story."""
    authors = [_text(_get(credit, "name")) for credit in _get(data, "credits", "by") or []]
    return (_text(data.get("_id")), {
        "headline": _text(_get(data, "headlines", "basic")),
        "date": iso_date(data.get("publish_date") or data.get("display_date")
                         or data.get("first_publish_date")),
        "author": ", ".join(a for a in authors if a) or None,
        "section": (_text(_get(data, "taxonomy", "primary_section", "name"))
                    or _text(_get(data, "taxonomy", "sections", 0, "name"))),
        "url": _text(data.get("canonical_url")),
    })


# Front matter keys for each field, in order of preference.
_FRONT_MATTER_KEYS = {
    "headline": ("title", "headline"),
    "date": ("date", "publish_date", "published", "pubdate"),
    "author": ("author", "authors", "byline"),
    "section": ("section", "category", "categories"),
    "url": ("url", "canonical_url", "canonical", "permalink", "link"),
}
_KEY_VALUE = regex.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*")
_LIST_ITEM = regex.compile(r"[ \t]+-[ \t]+(.*?)[ \t]*")


def front_matter(text: str) -> dict[str, str | None]:
    """Metadata from the front matter at the top of a Markdown file: YAML between
    `---` lines, or TOML between `+++` lines (Hugo's)."""
    lines = text.lstrip("\ufeff").splitlines()
    opener = lines[0].rstrip() if lines else None
    values = (_yaml_values(lines) if opener == "---"
              else _toml_values(lines) if opener == "+++" else None)
    if values is None:
        return empty()
    found = {name: next((values[k] for k in keys if values.get(k)), None)
             for name, keys in _FRONT_MATTER_KEYS.items()}
    found["date"] = iso_date(found["date"])
    return found


def _yaml_values(lines: list[str]) -> dict[str, str] | None:
    """The flat `key: value` subset of YAML front matter, by folded key: a quoted or
    plain scalar, the first item of a `[a, b]` or `- a` list; nested maps are
    skipped. None when no line closes it."""
    values: dict[str, str] = {}
    key = None
    for line in lines[1:]:
        if line.rstrip() in ("---", "..."):
            return values
        if pair := _KEY_VALUE.fullmatch(line):
            key, value = pair.group(1).casefold(), pair.group(2)
            if value:
                values.setdefault(key, _scalar(value))
        elif (item := _LIST_ITEM.fullmatch(line)) and key is not None:
            values.setdefault(key, _scalar(item.group(1)))
    return None


def _toml_values(lines: list[str]) -> dict[str, str] | None:
    """The top-level values of TOML front matter, by folded key: a string, number or
    date as text, the first item of an array; tables are skipped. None when no line
    closes it, and nothing when it is not TOML."""
    close = next((i for i, line in enumerate(lines) if i and line.rstrip() == "+++"), None)
    if close is None:
        return None
    import tomllib

    try:
        data = tomllib.loads("\n".join(lines[1:close]))
    except (tomllib.TOMLDecodeError, RecursionError):  # arrays nested past the stack
        return {}
    values: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = value[0] if value else None
        if hasattr(value, "isoformat"):  # a TOML date, time or date-time
            value = value.isoformat()
        if text := _text(value):
            values.setdefault(key.casefold(), text)
    return values


def _scalar(value: str) -> str:
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1].split(",")[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value.strip()


_TAG = regex.compile(r"<(meta|link)\b([^<>]*)>", regex.IGNORECASE)
_ATTRIBUTE = regex.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_HEAD_END = regex.compile(r"</head\s*>|<body\b", regex.IGNORECASE)
# <meta> names and properties for each field, in order of preference.
_META_KEYS = {
    "date": ("article:published_time", "datepublished", "date", "dc.date", "dcterms.date",
             "pubdate", "publish-date", "og:article:published_time"),
    "author": ("author", "article:author", "dc.creator", "byl"),
    "section": ("article:section", "section", "og:article:section"),
    "url": ("canonical", "og:url"),
}


def html_page(text: str) -> dict[str, str | None]:
    """Metadata from the <meta> and <link rel=canonical> tags of a page's head."""
    end = _HEAD_END.search(text)
    values: dict[str, str] = {}
    for tag in _TAG.finditer(text, 0, end.start() if end else len(text)):
        attributes = {m.group(1).casefold(): html.unescape(m.group(2) or m.group(3) or m.group(4)
                                                           or "")
                      for m in _ATTRIBUTE.finditer(tag.group(2))}
        if tag.group(1).casefold() == "link":
            if "canonical" in attributes.get("rel", "").casefold().split():
                values.setdefault("canonical", attributes.get("href", ""))
            continue
        name = (attributes.get("property") or attributes.get("name")
                or attributes.get("itemprop") or "").casefold()
        if name and attributes.get("content", "").strip():
            values.setdefault(name, attributes["content"])
    found = empty()
    for field, keys in _META_KEYS.items():
        found[field] = next((_text(values[k]) for k in keys if _text(values.get(k))), None)
    if found["author"] and found["author"].startswith(("http://", "https://")):
        found["author"] = None  # article:author is often the author's page, not a name
    found["date"] = iso_date(found["date"])
    return found


_BY = regex.compile(r"^by\b[\s:]*", regex.IGNORECASE)


def byline_author(byline: str | None) -> str | None:
    """The name in a byline block (`By Jane Smith` gives `Jane Smith`)."""
    return _text(_BY.sub("", byline)) if byline else None
