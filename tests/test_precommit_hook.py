"""The hooks as newsrooms use them: the real `pre-commit` in a throw-away git repo.

`pre-commit try-repo` would install copydesk afresh for every call; instead this
checkout as it is (uncommitted changes included, as try-repo takes them) is
committed once to a scratch repository, and each test runs `pre-commit run` from a
newsroom repository whose configuration points at it, so the hooks' environment is
built once for the module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures" / "articles"

# `.venv/bin/python -m pytest` runs without the venv's bin/ on PATH: the dev extra's
# pre-commit is found next to the running interpreter first.
PRE_COMMIT = (shutil.which("pre-commit", path=str(Path(sys.executable).parent))
              or shutil.which("pre-commit"))

# (scratch repository with copydesk committed, its commit, PRE_COMMIT_HOME)
Hooks = tuple[Path, str, Path]

pytestmark = pytest.mark.skipif(PRE_COMMIT is None or shutil.which("git") is None,
                                reason="needs pre-commit and git")


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Hooks:
    """(scratch repository, its commit, PRE_COMMIT_HOME) shared by the module."""
    scratch = tmp_path_factory.mktemp("copydesk-hooks")
    listed = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=REPO)
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, scratch / name)
    git("init", "-q", cwd=scratch)
    git("add", "-A", cwd=scratch)
    git("commit", "-q", "-m", "copydesk as checked out", cwd=scratch)
    return scratch, git("rev-parse", "HEAD", cwd=scratch).strip(), scratch.parent / "home"


def try_repo(article: Path, tmp_path: Path, hooks: Hooks,
             name: str = "story.md", hook: str = "copydesk") -> subprocess.CompletedProcess:
    scratch, rev, home = hooks
    newsroom = tmp_path / "newsroom"
    newsroom.mkdir()
    git("init", "-q", cwd=newsroom)
    (newsroom / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {scratch}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n",
        encoding="utf-8")
    shutil.copy(article, newsroom / name)
    git("add", name, ".pre-commit-config.yaml", cwd=newsroom)
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([PRE_COMMIT, "run", "--all-files", "--color", "never"],
                          cwd=newsroom, env=env, capture_output=True, text=True, timeout=600)


def test_hook_fails_on_a_defective_article_and_prints_the_finding(
        tmp_path: Path, hooks: Hooks) -> None:
    done = try_repo(FIXTURES / "plant-deal.txt", tmp_path, hooks)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "story.md:19:1: error duplicate-paragraph" in done.stdout


def test_json_hook_points_into_the_ans_element(tmp_path: Path, hooks: Hooks) -> None:
    done = try_repo(FIXTURES / "plant-deal.ans.json", tmp_path, hooks,
                    name="story.json", hook="copydesk-json")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "duplicate-paragraph" in done.stdout and "PLANTDEALP0006" in done.stdout


def test_fix_hook_fixes_the_file_and_says_what_it_did(
        tmp_path: Path, hooks: Hooks) -> None:
    done = try_repo(FIXTURES / "plant-deal.txt", tmp_path, hooks, hook="copydesk-fix")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "files were modified by this hook" in done.stdout
    assert ("Fixed 2 findings (1 duplicate-paragraph, 1 missing-space-after-punctuation); "
            "4 remain.") in done.stdout
    fixed = (tmp_path / "newsroom" / "story.md").read_text(encoding="utf-8")
    assert fixed.count("Sales of Chery cars") == 1 and "By: Tom Jervis" in fixed


def test_the_readme_example_pins_with_autoupdate_freeze(tmp_path: Path) -> None:
    """The README's configuration as printed, pointed at this checkout: pre-commit
    accepts it, and `autoupdate --freeze` pins `rev: main` to a commit hash."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = "repos:" + readme.split("```yaml\nrepos:", 1)[1].split("```", 1)[0]
    newsroom = tmp_path / "newsroom"
    newsroom.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=newsroom, check=True)
    config = newsroom / ".pre-commit-config.yaml"
    config.write_text(example.replace("https://github.com/copydesk/copydesk", str(REPO)),
                      encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home")}
    subprocess.run([PRE_COMMIT, "validate-config", str(config)], check=True, env=env)
    subprocess.run([PRE_COMMIT, "autoupdate", "--freeze"], cwd=newsroom, env=env, check=True,
                   capture_output=True, timeout=120)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True,
                          text=True, check=True).stdout.strip()
    assert f"rev: {head}" in config.read_text(encoding="utf-8")
    manifest = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: copydesk\n" in example and "- id: copydesk-fix\n" in manifest


def test_hook_passes_on_a_clean_article(tmp_path: Path, hooks: Hooks) -> None:
    done = try_repo(FIXTURES / "council-budget.txt", tmp_path, hooks)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_manifest_is_valid() -> None:
    subprocess.run([PRE_COMMIT, "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
                   check=True, capture_output=True)
