"""Start-up: rule packs are found through their entry points without importlib.metadata,
and a plain-text check loads none of the heavy machinery other commands need."""

from __future__ import annotations

import gc
import importlib.metadata
import json
import os
import pickle
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import regex

from lint import __main__ as program
from lint import cli, prose
from lint.lazy import LazyPattern, LazyRePattern
from lint.registry import entry_points

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "fixtures" / "articles" / "plant-deal.txt"

PACK = '''
from lint.rule import Problem, rule

FAMILIES = ("newsroom_rules",)


@rule("exclamation-mark", category="newsroom", severity="warning")
def exclamation_mark(article, options):
    """An exclamation mark in news copy."""
    for offset, char in enumerate(article.text):
        if char == "!":
            yield Problem(offset, offset + 1, "no exclamation marks in news copy")
'''


def copydesk(*args: str, path: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(path), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "lint", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60)


def test_entry_points_are_the_ones_importlib_metadata_finds() -> None:
    for group in ("copydesk.rules", "console_scripts", "pytest11"):
        expected = sorted(ep.value for ep in importlib.metadata.entry_points(group=group))
        assert sorted(entry_points(group)) == expected, group
    assert entry_points("copydesk.rules") == ["rules"]


def test_a_newsroom_rule_pack_installed_beside_copydesk_is_found(tmp_path) -> None:
    (tmp_path / "newsroom_rules.py").write_text(PACK, encoding="utf-8")
    metadata = tmp_path / "newsroom_rules-1.0.dist-info"
    metadata.mkdir()
    (metadata / "entry_points.txt").write_text(
        "[console_scripts]\nnewsroom = newsroom_rules:main\n\n"
        "# the house's own rules\n[copydesk.rules]\nnewsroom = newsroom_rules\n",
        encoding="utf-8")
    article = tmp_path / "story.txt"
    text = "Headline\n\nThe plant will close! The firm said so.\n"
    article.write_text(text, encoding="utf-8")

    listing = copydesk("rules", "--output-format", "json", path=tmp_path)
    names = {r["name"] for r in json.loads(listing.stdout)}
    assert {"exclamation-mark", "repeated-word", "unused-directive"} <= names
    checked = copydesk("check", "--output-format", "json", str(article), path=tmp_path)
    findings = json.loads(checked.stdout)["files"][0]["findings"]
    mark = [f for f in findings if f["rule"] == "exclamation-mark"]
    located = [(f["location"]["offset"], f["location"]["length"]) for f in mark]
    assert located == [(text.index("!"), 1)]
    assert "exclamation-mark" not in copydesk("rules").stdout  # not installed: not found


def modules_loaded_by_check(article: Path, env: dict[str, str] | None = None) -> set[str]:
    probe = ("import sys\n"
             "from lint.cli import main\n"
             f"try:\n    main(['check', {str(article)!r}])\n"
             "except SystemExit:\n    pass\n"
             "print('\\n'.join(sys.modules), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, env=env)
    loaded = set(done.stderr.splitlines())
    assert "rules.quotes" in loaded  # the check ran its rules
    return loaded


def among(loaded: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in loaded if any(m == p or m.startswith(p + ".") for p in packages))


def test_a_text_check_imports_no_heavy_module() -> None:
    heavy = ("rich", "jinja2", "fastapi", "uvicorn", "numpy", "dask", "datasketch",
             "defusedxml", "sqlite3", "importlib.metadata", "email", "html.parser",
             "lint.service", "lint.audit", "lint.archive", "lint.readers.html",
             "lint.readers.markup", "lint.readers.markdown", "lint.readers.wordpress",
             "lint.readers.ans", "lint.reporters.json", "concurrent.futures", "multiprocessing",
             "dataclasses")
    assert among(modules_loaded_by_check(ARTICLE), heavy) == []


def test_a_check_reads_the_rules_data_files_from_their_cache_once_written(tmp_path) -> None:
    article = tmp_path / ARTICLE.name  # away from the repository's pyproject.toml
    article.write_bytes(ARTICLE.read_bytes())
    writing = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    modules_loaded_by_check(article, writing)  # writes the caches, if need be
    assert among(modules_loaded_by_check(article, writing), ("tomllib",)) == []


def test_a_clean_article_needs_no_fingerprints_scores_or_tracebacks(tmp_path) -> None:
    article = tmp_path / "clean.txt"
    article.write_text("Council approves budget\n\nThe council approved its budget on "
                       "Tuesday after a short debate.\n\nThe vote was 31 to 4.\n",
                       encoding="utf-8")
    assert copydesk("check", str(article)).returncode == 0
    needless = ("hashlib", "traceback", "json", "rapidfuzz", "difflib", "lint.extract",
                "lint.ruledocs")
    assert among(modules_loaded_by_check(article), needless) == []


# The module-level patterns compiled as their module loads: those that nearly every
# article's check uses. Every other pattern of the engine and the rules is a LazyPattern
# (or LazyRePattern), compiled by the first article that needs it.
COMPILED_AT_IMPORT = [
    "lint.analysis.abbreviations._CAPITALS",
    "lint.analysis.abbreviations._CAPITALS_START",
    "lint.analysis.abbreviations._NAME",
    "lint.analysis.abbreviations._NAME_START",
    "lint.analysis.addresses._MAYBE_DOMAIN_OR_WWW",
    "lint.analysis.numbers._NUMBER_START",
    "lint.analysis.sentences._SPACED_OPENING",
    "lint.prose._ESCAPE_OR_BRACKET",
    "lint.readers.text._SPACED_BLANK_LINE",
    "rules.duplicates._TWINS",
    "rules.names._ONE_HYPHEN_WORD",
]


def test_a_check_compiles_at_import_only_the_patterns_nearly_every_article_uses() -> None:
    probe = ("import re, sys, regex\n"
             "from lint.cli import main\n"
             f"try:\n    main(['check', {str(ARTICLE)!r}])\n"
             "except SystemExit:\n    pass\n"
             "for name, module in list(sys.modules.items()):\n"
             "    if name.partition('.')[0] in ('lint', 'rules'):\n"
             "        for key, value in vars(module).items():\n"
             "            if isinstance(value, (re.Pattern, regex.Pattern)):\n"
             "                print(f'{name}.{key}', file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert sorted(done.stderr.splitlines()) == COMPILED_AT_IMPORT


def test_the_program_freezes_what_its_imports_made_before_it_runs(monkeypatch) -> None:
    seen = []
    monkeypatch.setattr(cli, "main", lambda: seen.append((gc.get_freeze_count(), gc.isenabled())))
    try:
        program.copydesk()
    finally:
        gc.unfreeze()
    assert seen[0][0] > 0 and seen[0][1]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert scripts == {"copydesk": "lint.__main__:copydesk"}


def test_named_tuples_have_their_field_types_evaluated_not_compiled_at_import() -> None:
    # docs/architecture.md: typing compiles a string annotation of a named tuple's field.
    sources = [*(ROOT / "lint").rglob("*.py"), *(ROOT / "rules").rglob("*.py")]
    postponed = [path.relative_to(ROOT).as_posix() for path in sources
                 if regex.search(r"^class \w+\(NamedTuple\):", text := path.read_text("utf-8"),
                                 regex.MULTILINE)
                 and "from __future__ import annotations" in text]
    assert postponed == []


def test_a_lazy_pattern_compiles_on_first_use_into_the_compiled_patterns_methods() -> None:
    pattern = LazyPattern(r"\bthe (\w+)", regex.IGNORECASE)
    assert pattern.pattern == r"\bthe (\w+)" and "search" not in vars(pattern)
    assert pattern.search("See THE plant").group(1) == "plant"
    assert vars(pattern)["findall"]("the a, the b") == ["a", "b"]
    assert pickle.loads(pickle.dumps(pattern)).sub(r"\1", "the end") == "end"


def test_a_white_space_pattern_is_rewritten_when_first_read() -> None:
    pattern = prose.compile(r"a\s+b", regex.IGNORECASE)
    assert "pattern" not in vars(pattern)
    assert pattern.search("x A\x1cB").span() == (2, 5)
    assert pattern.pattern == rf"a{prose.SPACE}+b"
    copy = pickle.loads(pickle.dumps(pattern))
    assert copy.pattern == pattern.pattern and copy.fullmatch("a \x1fb")


def test_a_lazy_re_pattern_is_compiled_by_re() -> None:
    pattern = LazyRePattern(rb"x[^\n]*?x", re.IGNORECASE)
    assert "search" not in vars(pattern)
    assert pattern.search(b"a X b x").span() == (2, 7)
    assert isinstance(vars(pattern)["search"].__self__, re.Pattern)
    copy = pickle.loads(pickle.dumps(pattern))
    assert isinstance(copy, LazyRePattern) and copy.findall(b"xx yXy") == [b"xx"]
