"""`copydesk audit --engine dask`: the same audit on a real Dask cluster gives the
same outputs as the local engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_audit_recycling import ARTICLES, RECYCLED

from lint.audit import dask_engine
from lint.cli import main

distributed = pytest.importorskip("distributed")

TIMING = ("started", "finished", "seconds")
# A near copy, found through the LSH buckets rather than an exact hash.
REWORDED = {"2026/05/20-reworded.md": "---\ndate: 2026-05-20\n---\n# Tax walkout\n\n"
            "Opposition councillors explained on Thursday why they had left the chamber before "
            "the end of the budget debate.\n\n" + RECYCLED.replace("Tuesday", "Wednesday") + "\n"}


def _audit(archive: Path, out: Path, *engine: str) -> None:
    result = CliRunner().invoke(main, ["audit", str(archive), "--out", str(out), "--quiet",
                                       "--no-report", "--select", "duplicates", *engine],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output


def _summary(out: Path) -> dict:
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {key: value for key, value in summary.items() if key not in TIMING}


def test_a_dask_cluster_audits_the_archive_as_the_local_engine_does(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    for name, text in {**ARTICLES, **REWORDED}.items():
        path = archive / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _audit(archive, tmp_path / "local", "--jobs", "1")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        _audit(archive, tmp_path / "dask", "--engine", "dask", "--scheduler",
               cluster.scheduler_address)
    for name in ("findings.jsonl", "articles.csv"):
        assert ((tmp_path / "dask" / name).read_text(encoding="utf-8")
                == (tmp_path / "local" / name).read_text(encoding="utf-8"))
    summary = _summary(tmp_path / "dask")
    assert summary == _summary(tmp_path / "local")
    assert summary["by_rule"]["recycled-paragraph"]["warning"] == 2
    [reworded] = [json.loads(line) for line in (tmp_path / "dask" / "findings.jsonl").open()
                  if "reworded" in line]
    assert [(f["message"].split(" (")[0], [Path(r["document"]).name for r in f["related"]])
            for f in reworded["findings"]] == [
        ("Paragraph 2 already ran, nearly word for word", ["03-budget.md", "12-vote.md"])]
    assert summary["by_rule"]["duplicate-article"]["warning"] == 1
    assert len(summary["boilerplate"]) == 1


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(dask_engine, "CONNECT_SECONDS", 1)
    (tmp_path / "a.md").write_text("# Head\n\nA line of copy.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "a.md"), "--out",
                                       str(tmp_path / "out"), "--engine", "dask",
                                       "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert result.output.startswith("copydesk: error: cannot reach the Dask scheduler at "
                                    "tcp://127.0.0.1:1")
    assert result.output.count("\n") == 1


def test_without_dask_the_engine_is_a_one_line_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(dask_engine, "available", lambda: False)
    result = CliRunner().invoke(main, ["audit", str(tmp_path), "--out", str(tmp_path / "out"),
                                       "--engine", "dask"])
    assert (result.exit_code, result.output) == (
        2, "copydesk: error: the dask engine needs Dask (pip install 'copydesk[dask]')\n")
