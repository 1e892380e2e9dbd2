"""The hook as newsrooms use it: the real `pre-commit try-repo` in a throw-away git repo."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures" / "articles"

pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                                reason="needs pre-commit and git")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(article: Path, tmp_path: Path, home: Path, name: str = "story.md",
             hook: str = "copydesk") -> subprocess.CompletedProcess:
    newsroom = tmp_path / "newsroom"
    newsroom.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=newsroom, check=True)
    shutil.copy(article, newsroom / name)
    subprocess.run(["git", "add", name], cwd=newsroom, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        ["pre-commit", "try-repo", str(REPO), hook, "--all-files", "--color", "never"],
        cwd=newsroom, env=env, capture_output=True, text=True, timeout=600)


def test_hook_fails_on_a_defective_article_and_prints_the_finding(
        tmp_path: Path, pre_commit_home: Path) -> None:
    done = try_repo(FIXTURES / "plant-deal.txt", tmp_path, pre_commit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "story.md:19:1: error duplicate-paragraph" in done.stdout


def test_json_hook_points_into_the_ans_element(tmp_path: Path, pre_commit_home: Path) -> None:
    done = try_repo(FIXTURES / "plant-deal.ans.json", tmp_path, pre_commit_home,
                    name="story.json", hook="copydesk-json")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "duplicate-paragraph" in done.stdout and "PLANTDEALP0006" in done.stdout


def test_hook_passes_on_a_clean_article(tmp_path: Path, pre_commit_home: Path) -> None:
    done = try_repo(FIXTURES / "council-budget.txt", tmp_path, pre_commit_home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_manifest_is_valid() -> None:
    subprocess.run(["pre-commit", "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
                   check=True, capture_output=True)
