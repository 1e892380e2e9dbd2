"""The static assets the pages share (the in-place highlighter and the look), and
`inline`, which makes a page self-contained: assets inlined, and a
Content-Security-Policy that lets only the page's own scripts and styles run and
forbids every external load."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent
_ASSET = re.compile(r'<(script|style) data-asset="([\w.-]+)"></\1>')
_BLOCK = re.compile(r"<(script|style)>(.*?)</\1>", re.DOTALL)
HEAD_MARKER = "<meta data-head>"


@cache
def asset(name: str, folder: Path = HERE) -> str:
    """A page's own asset from its folder, else a shared one from here."""
    path = folder / name
    return (path if path.is_file() else HERE / name).read_text(encoding="utf-8")


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def inline(page: str, folder: Path = HERE, connect: str = "'none'") -> str:
    """`page` with each `<script data-asset="NAME"></script>` (or `<style ...>`)
    replaced by the asset inline (the page's own from `folder`, else a shared one),
    and `<meta data-head>` replaced by the head every page shares: a
    Content-Security-Policy that allows scripts and styles by their hashes and
    requests only to `connect`, nothing else from anywhere; no referrer; a viewport.

    Data for scripts goes in `<script type="application/json">`, which is not a
    script block here; it must not contain `<` unescaped."""
    page = _ASSET.sub(lambda m: f"<{m[1]}>{asset(m[2], folder)}</{m[1]}>", page)
    hashes: dict[str, list[str]] = {"script": [], "style": []}
    for m in _BLOCK.finditer(page):
        hashes[m[1]].append(_digest(m[2]))
    policy = "; ".join([
        "default-src 'none'",
        "script-src " + (" ".join(hashes["script"]) or "'none'"),
        "style-src " + (" ".join(hashes["style"]) or "'none'"),
        "img-src data:",
        f"connect-src {connect}",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    head = (f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">')
    return page.replace(HEAD_MARKER, head)
