import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings as _hypothesis_settings

sys.path.insert(0, str(Path(__file__).parent))

from fuzzing import EXAMPLES_SCALE, examples  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_dir(name: str) -> Path:
    """A folder of ../shared/corpus; the test is skipped on a clone without it."""
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip(f"{path} is not here (corpus tests need ../shared beside the repo)")
    return path


@pytest.fixture(scope="session")
def copydesk_server(tmp_path_factory):
    """A real `copydesk serve` on a free loopback port, shared by the session's tests
    (service_server.ServiceServer: `.url`, `.request(...)`, `.check(...)`)."""
    pytest.importorskip("fastapi")
    from service_server import ServiceServer

    server = ServiceServer(tmp_path_factory.mktemp("serve"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session's page tests (see browser.py)."""
    from browser import launch

    playwright, browser = launch()
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(chromium, tmp_path):
    """A fresh page in its own context; its screenshot, if taken, stays in tmp_path."""
    context = chromium.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not errors, f"the page reported errors: {errors}"


# In CI, property tests run the same examples every time: a red run is then a real
# regression that reproduces, never the luck of the draw. Locally they keep exploring,
# and a long campaign (COPYDESK_EXAMPLES) scales the properties that set no number too.
_PROFILE = {"derandomize": True, "database": None} if os.environ.get("CI") else {}
if EXAMPLES_SCALE > 1:
    _PROFILE["max_examples"] = examples(_hypothesis_settings.default.max_examples)
if _PROFILE:
    _hypothesis_settings.register_profile("copydesk", **_PROFILE)
    _hypothesis_settings.load_profile("copydesk")
