"""What an audit reads: the articles of folders, CMS exports and lists of paths, in order.

Each article becomes an `Item` small enough to send to a worker: a file to read
(folders, single files, paths listed on standard input), or the JSON text of one
WordPress or ANS payload (a line of a JSON Lines export, an element of a JSON
array, an item of a WordPress WXR export turned into the REST shape). The main
process only splits exports into items; reading and linting happen in the
workers. Everything streams: an export is never held in memory whole.
"""

import json
import sys
from collections.abc import Callable, Iterator
from email.utils import parsedate_to_datetime
from importlib.util import find_spec
from pathlib import Path
from typing import IO, NamedTuple

from lint.runner import STDIN, Linters, collect

JSON_LINES = (".jsonl", ".ndjson")
WXR = (".xml", ".wxr")
_READ_SIZE = 1 << 16


class ArchiveError(Exception):
    """An input that cannot be audited at all (missing, or not an archive)."""


class Item(NamedTuple):
    """One article: `origin` says where it was read (a path, `export.jsonl:17`,
    `export.json[3]`); `path` is a file to read, else `payload` holds its JSON."""

    origin: str
    path: str | None = None
    payload: bytes | None = None
    # Set when the export itself broke off here (invalid JSON or XML): the
    # article becomes an error entry and the rest of that export is not read.
    broken: tuple[str, str] | None = None


def items(inputs: list[str], linters: Linters,
          stdin: Callable[[], IO[str]] = lambda: sys.stdin) -> Iterator[Item]:
    """Every article of the inputs, in order. `-` reads a list of inputs, one a line."""
    for name in inputs:
        if name == STDIN:
            for line in stdin():
                if line.strip():
                    yield from _input(line.strip(), linters, listed=True)
        else:
            yield from _input(name, linters, listed=False)


def check_inputs(inputs: list[str]) -> None:
    """Fail before any work when a named input is not there or cannot be read."""
    for name in inputs:
        if name != STDIN and not Path(name).exists():
            raise ArchiveError(f"{name}: no such file or folder")
        if Path(name).suffix.lower() in WXR and not find_spec("defusedxml"):
            raise ArchiveError(f"{name}: reading WordPress exports needs defusedxml "
                               f"(pip install 'copydesk[audit]')")


def _input(name: str, linters: Linters, listed: bool) -> Iterator[Item]:
    path = Path(name)
    suffix = path.suffix.lower()
    if path.is_dir():
        for found in collect([name], linters, force_exclude=False):
            yield Item(str(found), path=str(found))
    elif listed and not path.exists():
        yield Item(name, path=name)  # reported as the article's `not-found` error
    elif suffix in JSON_LINES:
        yield from _json_lines(path)
    elif suffix in WXR:
        yield from _wxr(path)
    elif suffix == ".json" and _starts_with(path, "["):
        yield from _json_array(path)
    else:
        yield Item(name, path=name)


def _starts_with(path: Path, mark: str) -> bool:
    with path.open("rb") as stream:
        head = stream.read(_READ_SIZE).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] == mark.encode()


def _json_lines(path: Path) -> Iterator[Item]:
    with path.open("rb") as stream:
        for number, line in enumerate(stream, 1):
            if line.strip():
                # Without its line end, a record cut short is found broken on its own
                # line (`line 1, column 40`), not at the start of the next.
                yield Item(f"{path}:{number}", payload=line.rstrip(b"\r\n"))


def _json_array(path: Path) -> Iterator[Item]:
    """The elements of a JSON array, one at a time: each is decoded from a window of
    the file that grows only while the element in it is incomplete."""
    decoder = json.JSONDecoder()
    index = 0
    try:
        with path.open(encoding="utf-8-sig") as stream:
            buffer = stream.read(_READ_SIZE)
            at = buffer.index("[") + 1
            while True:
                while at < len(buffer) and buffer[at] in " \t\r\n,":
                    at += 1
                if buffer.startswith("]", at):
                    return
                try:
                    _, end = decoder.raw_decode(buffer, at)
                except json.JSONDecodeError as exc:
                    more = stream.read(max(_READ_SIZE, len(buffer)))
                    if not more:
                        yield _broken(path, index, "invalid-json",
                                      f"the export is not valid JSON from here ({exc.msg})")
                        return
                    buffer, at = buffer[at:] + more, 0
                    continue
                yield Item(f"{path}[{index}]", payload=buffer[at:end].encode())
                index, at = index + 1, end
    except UnicodeDecodeError as exc:
        yield _broken(path, index, "invalid-utf8", f"the export is not valid UTF-8 ({exc.reason})")


def _broken(path: Path, index: int, code: str, message: str) -> Item:
    return Item(f"{path}[{index}]", broken=(code, message))


# WXR namespaces end in a version (export/1.2/); they are matched by their stem.
_WXR_NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wordpress.org/export/": "wp",
}
# Post types WordPress keeps in an export that are not articles.
_NOT_ARTICLES = frozenset({"attachment", "nav_menu_item", "revision", "custom_css",
                           "customize_changeset", "oembed_cache", "user_request", "wp_block",
                           "wp_template", "wp_template_part", "wp_global_styles",
                           "wp_navigation", "wp_font_face", "wp_font_family"})
_SKIPPED_STATUSES = frozenset({"trash", "auto-draft", "inherit"})


def _local(tag: str) -> str:
    """`{namespace}name` as `prefix:name` (`wp:post_id`, `excerpt:encoded`)."""
    if not tag.startswith("{"):
        return tag
    namespace, name = tag[1:].split("}", 1)
    if namespace.startswith("http://wordpress.org/export/"):
        return f"{'excerpt' if namespace.endswith('/excerpt/') else 'wp'}:{name}"
    return f"{_WXR_NAMESPACES.get(namespace, namespace)}:{name}"


def _wxr(path: Path) -> Iterator[Item]:
    """The posts of a WordPress export, as WordPress REST post JSON, parsed with
    defusedxml (no entity expansion, no external references)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    authors: dict[str, str] = {}
    index = 0
    channel = None
    try:
        for event, element in iterparse(str(path), events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                channel = element if tag == "channel" else channel
            elif tag == "wp:author":
                login = element.findtext("{*}author_login") or ""
                authors[login] = element.findtext("{*}author_display_name") or login
            elif tag == "item":
                post = _wxr_post(element, authors)
                if post is not None:
                    yield Item(f"{path}[{index}]", payload=json.dumps(post).encode())
                index += 1
                if channel is not None:
                    channel.clear()  # keep memory flat: finished items are dropped
    except (ParseError, DefusedXmlException) as exc:
        yield _broken(path, index, "invalid-xml", f"the export cannot be read from here ({exc})")


def _wxr_post(item, authors: dict[str, str]) -> dict | None:
    fields: dict[str, str] = {}
    categories = []
    for child in item:
        tag = _local(child.tag)
        if tag == "category" and child.get("domain") == "category":
            categories.append({"taxonomy": "category", "name": child.text or ""})
        elif not len(child):
            fields.setdefault(tag, child.text or "")
    if (fields.get("wp:post_type", "post") in _NOT_ARTICLES
            or fields.get("wp:status") in _SKIPPED_STATUSES):
        return None
    login = fields.get("dc:creator", "")
    post: dict = {
        "id": int(fields["wp:post_id"]) if fields.get("wp:post_id", "").isdigit() else None,
        "date_gmt": _wxr_date(fields),
        "link": fields.get("link") or None,
        "title": {"rendered": fields.get("title", "")},
        "excerpt": {"rendered": fields.get("excerpt:encoded", "")},
        "content": {"raw": fields.get("content:encoded", "")},
        "_embedded": {"wp:term": [categories]},
    }
    if login:
        post["_embedded"]["author"] = [{"name": authors.get(login, login)}]
    return post


def _wxr_date(fields: dict[str, str]) -> str | None:
    """The post's UTC date: wp:post_date_gmt (all zeros in drafts), else pubDate."""
    gmt = fields.get("wp:post_date_gmt", "")
    if gmt and not gmt.startswith("0000"):
        return gmt.replace(" ", "T")
    try:
        return parsedate_to_datetime(fields.get("pubDate", "")).strftime("%Y-%m-%dT%H:%M:%S")
    except (TypeError, ValueError):
        return None


def estimate(inputs: list[str], linters: Linters) -> int | None:
    """About how many articles the inputs hold, for the progress display's ETA, found
    without parsing: None when that cannot be told (a list on standard input, which
    can be read only once, or a JSON array)."""
    total = 0
    for name in inputs:
        path = Path(name)
        suffix = path.suffix.lower()
        if name == STDIN or (suffix == ".json" and _starts_with(path, "[")):
            return None
        if path.is_dir():
            total += sum(1 for _ in collect([name], linters, force_exclude=False))
        elif suffix in JSON_LINES:
            with path.open("rb") as stream:
                total += sum(1 for line in stream if line.strip())
        elif suffix in WXR:
            with path.open("rb") as stream:
                total += sum(chunk.count(b"<item>") for chunk in iter(
                    lambda stream=stream: stream.read(1 << 20), b""))
        else:
            total += 1
    return total
