"""docs/ stays true to the code: the contract's examples are the real JSON output,
every error code, configuration key, tier and profile key is documented, and every
reference to a doc points at a file in the repository."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from lint import readers
from lint.cli import main
from lint.config import _KEYS
from lint.registry import default_registry
from rules.profile import _SCHEMA

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FINDINGS = (DOCS / "findings.md").read_text(encoding="utf-8")


def json_blocks(text: str) -> list[str]:
    return re.findall(r"```json\n(.*?)```", text, re.DOTALL)


def real_report() -> dict:
    result = CliRunner().invoke(main, [
        "check", "--select", "duplicate-paragraph", "--output-format", "json",
        "fixtures/articles/plant-deal.txt"], catch_exceptions=False)
    return json.loads(result.output)


def test_the_finding_example_is_the_real_output(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    finding = json.loads(json_blocks(FINDINGS)[0])
    assert finding == real_report()["files"][0]["findings"][0]


def test_the_report_example_has_the_real_shape(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    example = json.loads(json_blocks(FINDINGS)[1])
    real = real_report()
    assert example.keys() == real.keys()
    assert {k: v for k, v in example.items() if k != "files"} == {
        k: v for k, v in real.items() if k != "files"}
    assert {k: v for k, v in example["files"][0].items() if k != "findings"} == {
        k: v for k, v in real["files"][0].items() if k != "findings"}


def _error_codes(pattern: str) -> set[str]:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "lint").rglob("*.py"))
    return set(re.findall(pattern, source))


def test_every_error_code_is_documented_and_every_documented_code_exists() -> None:
    in_code = _error_codes(r"(?:InputError|FileError)\(\s*\"([a-z-]+)\"")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", FINDINGS, re.MULTILINE))
    assert in_code == documented


def test_the_audit_error_codes_are_the_files_and_the_audits_own() -> None:
    text = (DOCS / "audit-data.md").read_text(encoding="utf-8")
    bullet = text[text.index("* `error` is"):]
    bullet = bullet[:bullet.index("\n*")]
    listed = set(re.findall(r"`([a-z-]+)`", bullet)) - {"error", "null"}
    # Its own: an article the audit failed on, a stretch of an export that broke off.
    audit_own = (_error_codes(r"_failed\(item\.origin, \"([a-z-]+)\"")
                 | _error_codes(r"_broken\(path, index, \"([a-z-]+)\""))
    not_audited = {"unknown-format"}  # a --format given
    in_code = _error_codes(r"(?:InputError|FileError)\(\s*\"([a-z-]+)\"")
    assert listed == in_code - not_audited | audit_own


def test_every_service_error_code_is_documented_and_every_documented_code_exists() -> None:
    service = "\n".join(p.read_text(encoding="utf-8")
                        for p in (ROOT / "lint" / "service").glob("*.py"))
    in_code = set(re.findall(r"ApiError\(\s*(\d{3}),\s*\"([a-z_]+)\"", service))
    in_code |= {("401", code.replace("-", "_"))
                for code in re.findall(r"SignatureError\(\s*\"([a-z-]+)\"", service)}
    framework = re.search(r"_FRAMEWORK_CODES = \{(.*?)\}", service, re.DOTALL).group(1)
    in_code |= set(re.findall(r"(\d{3}): \"([a-z_]+)\"", framework))
    in_code |= {("other", code) for code in re.findall(
        r"_FRAMEWORK_CODES\.get\([^,]+, \"([a-z_]+)\"\)", service)}
    in_code |= {(status, code) for code, status in re.findall(
        r"error_body\(\"([a-z_]+)\"[^)]*\),\s*status_code=(\d{3})", service)}
    # The readers' JSON limits, which the service names for a body past them.
    assert "load_json(" in service
    in_code |= {("422", limit().code.replace("-", "_"))
                for limit in (readers.number_too_long, readers.too_deep)}
    text = (DOCS / "service.md").read_text(encoding="utf-8")
    table = text[text.index("## Errors"):]
    table = table[:table.index("\n## ")]
    documented = re.findall(r"^\| (\d{3}|other) \| `([a-z_]+)` \|", table, re.MULTILINE)
    assert len(documented) == len(set(documented))
    assert set(documented) == in_code
    # The rest of the 422s: content a reader could not read, in its own words.
    assert "| 422 | a reader's code | " in table and "(findings.md)" in table


def test_every_configuration_key_is_documented_and_the_tier_table_lists_the_tiers() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for key in _KEYS:
        assert f"| `{key}` |" in text, key
    tiers = {(rule.name, tier.name, tier.severity)
             for rule in default_registry().rules.values() for tier in rule.tiers}
    rows = re.findall(r"^\| `([a-z-]+)` \| `([a-z-]+)` \| ([a-z]+) \|", text, re.MULTILINE)
    assert set(rows) == tiers


def test_every_profile_key_is_documented() -> None:
    text = (DOCS / "house-style.md").read_text(encoding="utf-8")
    for table, keys in _SCHEMA.items():
        assert f"`[{table}]`" in text
        for key in keys:
            assert f"| `{key}` |" in text, key


def test_references_to_docs_point_at_files_in_the_repository() -> None:
    texts = {p: p.read_text(encoding="utf-8") for folder in ("lint", "rules", "tests", "docs")
             for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".toml", ".md")}
    texts[ROOT / "README.md"] = (ROOT / "README.md").read_text(encoding="utf-8")
    for path, text in texts.items():
        for name in re.findall(r"(?<![:\w/])docs/([\w-]+\.md)", text):  # not owner/repo:docs/
            assert (DOCS / name).is_file(), (path, name)
        if path.parent == DOCS:
            for name in re.findall(r"\]\(([\w-]+\.md)\)", text):
                assert (DOCS / name).is_file(), (path, name)
        if path != Path(__file__):
            assert not re.search(r"(?<![\w/-])(contract|style)\.md|shared/docs", text), path
