import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_dir(name: str) -> Path:
    """A folder of ../shared/corpus; the test is skipped on a clone without it."""
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip(f"{path} is not here (corpus tests need ../shared beside the repo)")
    return path
