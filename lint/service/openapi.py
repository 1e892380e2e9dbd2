"""Write the service's OpenAPI document: `python -m lint.service.openapi docs/openapi.json`.

tests/test_service_openapi.py fails when the committed file and the service disagree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from lint.service.app import openapi


def render() -> str:
    return json.dumps(openapi(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(render(), encoding="utf-8")
