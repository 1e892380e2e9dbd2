"""Real headless Chromium for the page tests: Debian's `chromium`, driven by Playwright
(which never downloads a browser of its own here).

Without a chromium binary the page tests are skipped on a developer's machine, and
fail in CI (CI=true), where `.ci/run` installs it.
"""

from __future__ import annotations

import os
import shutil

import pytest

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    message = "no chromium binary (Debian: apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; page tests must run in CI")
    pytest.skip(message)


def launch():
    """A started Playwright and a headless Chromium; the caller stops both."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        return playwright, playwright.chromium.launch(executable_path=executable, args=ARGS)
    except Exception:
        playwright.stop()
        raise
