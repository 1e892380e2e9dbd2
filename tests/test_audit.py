"""`copydesk audit` as users meet it: fixture archives in every input format, their
ids, metadata and exact findings in the outputs; a killed or interrupted run
resumed to the same result; two audits compared."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.audit.archive import estimate, items
from lint.audit.run import _whole
from lint.cli import main
from lint.runner import Linters, Overrides

AUDIT = Path(__file__).resolve().parent.parent / "fixtures" / "audit"
FOLDER = AUDIT / "folder"
TIMES = ("started", "finished", "seconds")


def audit(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["audit", *args], input=input, catch_exceptions=False)


def outputs(out: Path) -> tuple[list[dict], list[dict], dict]:
    records = [json.loads(line) for line in (out / "findings.jsonl").open(encoding="utf-8")]
    with (out / "articles.csv").open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table))
    return records, rows, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def flagged(records: list[dict]) -> dict[str, list[tuple]]:
    """Each article's findings as (rule, field, the flagged source text)."""
    found = {}
    for record in records:
        found[record["id"]] = []
        for finding in record["findings"]:
            location = finding["location"]
            text = record["sources"][location["source"]]["text"]
            found[record["id"]].append((finding["rule"], location.get("field"),
                                        text[location["offset"]:location["offset"]
                                             + location["length"]]))
    return found


def metadata(rows: list[dict]) -> list[tuple]:
    return [(row["id"], row["headline"], row["date"], row["author"], row["section"], row["url"])
            for row in rows]


def test_a_folder_of_text_markdown_and_html(tmp_path: Path) -> None:
    result = audit(str(FOLDER), "--out", str(tmp_path), "--jobs", "1")
    assert result.exit_code == 0
    records, rows, summary = outputs(tmp_path)
    page, bridge, library = (str(FOLDER / name) for name in (
        "ferry-fares.html", "2024/harbour-bridge.txt", "2024/library-hours.md"))
    assert metadata(rows) == [
        (page, "Ferry fares to rise by 8% in May", "2024-03-05T07:30:00Z", "Owen Price",
         "Transport", "https://example.org/transport/ferry-fares"),
        (bridge, "Harbour bridge repairs to close road for six weeks", "", "", "", ""),
        (library, "Library opening hours cut as council seeks savings", "2024-02-14",
         "Priya Natarajan", "Local", "https://example.org/local/library-hours"),
    ]
    repeated = "Buses will be diverted along Quay Street, adding about ten minutes to " \
               "journeys into the the centre at peak times."
    assert flagged(records) == {
        page: [("space-before-punctuation", None, "mainland .")],
        bridge: [("repeated-word", None, "the the"), ("duplicate-paragraph", None, repeated),
                 ("repeated-word", None, "the the")],
        library: [("space-before-punctuation", None, "April ,")],
    }
    assert [r["format"] for r in records] == ["html", "text", "markdown"]
    assert [(r["id"], r["origin"]) for r in records] == [(p, p) for p in (page, bridge, library)]
    assert rows[1]["error"] == "1" and rows[1]["warning"] == "2"
    assert rows[1]["duplicate-paragraph"] == "1" and rows[1]["repeated-word"] == "2"
    assert summary["articles"] == 3 and summary["failed"] == 0 and summary["with_error"] == 1
    assert summary["findings"] == {"total": 5, "error": 1, "warning": 4, "info": 0}
    assert summary["per_100_articles"] == pytest.approx(166.67)
    assert summary["by_rule"]["repeated-word"] == {"category": "duplicates", "error": 0,
                                                   "warning": 2, "info": 0, "articles": 1}
    assert summary["by_section"]["(none)"] == {"articles": 1, "findings": 3, "error": 1,
                                               "warning": 2, "info": 0}
    assert summary["by_month"].keys() == {"2024-02", "2024-03", "(undated)"}
    assert summary["worst"][0] == {"id": bridge, "headline": rows[1]["headline"],
                                   "score": 16, "error": 1, "warning": 2, "info": 0}
    assert summary["complete"] is True and summary["inputs"] == [str(FOLDER)]
    assert "Harbour bridge repairs" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_a_wordpress_wxr_export(tmp_path: Path) -> None:
    export = AUDIT / "export.wxr.xml"
    assert audit(str(export), "--out", str(tmp_path), "--jobs", "1").exit_code == 0
    records, rows, summary = outputs(tmp_path)
    # The attachment and the post in the trash are not articles.
    assert metadata(rows) == [
        ("wp:101", "Mill owner plans 40 new homes on riverside site", "2024-01-09T08:15:00Z",
         "Hannah Morgan", "Business", "https://courier.example.org/2024/01/mill-homes/"),
        ("wp:117", "Rugby club\u2019s new stand opens", "2024-02-03T14:00:00Z", "David Okafor",
         "Sport", "https://courier.example.org/2024/02/stand-opens/"),
    ]
    assert [r["origin"] for r in records] == [f"{export}[0]", f"{export}[2]"]
    assert flagged(records) == {
        "wp:101": [("space-before-punctuation", "content.raw", "flats ,"),
                   ("repeated-word", "content.raw", "the the")],
        "wp:117": [("repeated-word", "content.raw", "the the")],
    }
    assert summary["by_author"].keys() == {"Hannah Morgan", "David Okafor"}


def test_a_json_lines_export_of_ans_stories_with_a_broken_line(tmp_path: Path) -> None:
    export = AUDIT / "stories.ans.jsonl"
    assert audit(str(export), "--out", str(tmp_path), "--jobs", "1").exit_code == 0
    records, rows, summary = outputs(tmp_path)
    assert metadata(rows) == [
        ("QX4ZK7TFNBCVLMRA2H6Y3DEPWI", "County budget passes after late-night vote",
         "2024-04-02T16:45:00.000Z", "Hana Lee, Jorge Ruiz", "Politics",
         "/politics/2024/04/02/county-budget-vote/"),
        (f"{export}:3", "", "", "", "", ""),
        ("7LMN3OPQRSTUVWXYZ2ABCDEFGH", "Riverside park reopens after flood repairs",
         "2024-04-05T09:00:00.000Z", "Sam Oduya", "Local", "/local/2024/04/05/park-reopens/"),
    ]
    assert [r["origin"] for r in records] == [f"{export}:1", f"{export}:3", f"{export}:4"]
    assert records[1]["error"]["code"] == rows[1]["audit_error"] == "invalid-json"
    grant = "The city spent $850,000 on the repairs, most of it covered by a state grant."
    assert flagged(records) == {
        "QX4ZK7TFNBCVLMRA2H6Y3DEPWI": [
            ("headline-number-mismatch", "subheadlines.basic", "4"),
            ("space-before-punctuation", "content_elements[1].content", "roads ."),
            ("repeated-word", "content_elements[2].content", "the the")],
        f"{export}:3": [],
        "7LMN3OPQRSTUVWXYZ2ABCDEFGH": [
            ("duplicate-paragraph", "content_elements[2].content", grant)],
    }
    assert summary["articles"] == 3 and summary["failed"] == 1


def test_a_json_array_of_wordpress_posts(tmp_path: Path) -> None:
    export = AUDIT / "posts.wp.json"
    assert audit(str(export), "--out", str(tmp_path), "--jobs", "1").exit_code == 0
    records, rows, _ = outputs(tmp_path)
    # Author and category names come from `_embedded`; without it, their ids.
    assert metadata(rows) == [
        ("wp:5120", "School meals to be free for all primary pupils", "2024-05-20T10:00:00Z",
         "Laura Quinn", "Education", "https://news.example.org/2024/05/20/school-meals/"),
        ("wp:5133", "Bus depot to close with loss of 60 jobs", "2024-05-22T07:30:00Z", "4", "7",
         "https://news.example.org/2024/05/22/bus-depot/"),
    ]
    assert [r["origin"] for r in records] == [f"{export}[0]", f"{export}[1]"]
    assert flagged(records) == {
        "wp:5120": [("space-before-punctuation", "content.rendered", "equipment .")],
        "wp:5133": [("repeated-word", "content.rendered", "the the")],
    }


def test_paths_listed_on_standard_input_and_worker_processes(tmp_path: Path) -> None:
    listed = "\n".join([str(AUDIT / "posts.wp.json"), str(FOLDER / "2024"),
                        str(tmp_path / "gone.txt")]) + "\n"
    assert audit("-", "--out", str(tmp_path / "one"), "--jobs", "1", input=listed).exit_code == 0
    assert audit("-", "--out", str(tmp_path / "two"), "--jobs", "2", input=listed).exit_code == 0
    one, two = outputs(tmp_path / "one"), outputs(tmp_path / "two")
    assert one[:2] == two[:2]
    assert [row["id"] for row in one[1]] == [
        "wp:5120", "wp:5133", str(FOLDER / "2024/harbour-bridge.txt"),
        str(FOLDER / "2024/library-hours.md"), str(tmp_path / "gone.txt")]
    assert one[0][-1]["error"] == {"code": "not-found", "message": "no such file"}


def test_progress_is_off_the_terminal_and_the_closing_line_says_what_was_done(
        tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "lint", "audit", str(FOLDER), "--out",
                             str(tmp_path), "--jobs", "1"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == ""
    seconds = json.loads((tmp_path / "summary.json").read_text())["seconds"]
    assert result.stderr == (f"copydesk audit: 3 articles audited (0 could not be), 5 findings, "
                             f"in {seconds:.1f} s: {tmp_path / 'report.html'}\n")
    quiet = subprocess.run([sys.executable, "-m", "lint", "audit", str(FOLDER), "--out",
                            str(tmp_path), "-q"], capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stderr == ""
    one = subprocess.run([sys.executable, "-m", "lint", "audit", str(FOLDER / "ferry-fares.html"),
                          "--out", str(tmp_path), "--no-report"], capture_output=True, text=True)
    seconds = json.loads((tmp_path / "summary.json").read_text())["seconds"]
    assert one.stderr == (f"copydesk audit: 1 article audited (0 could not be), 1 finding, "
                          f"in {seconds:.1f} s: {tmp_path}\n")


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    missing = audit(str(tmp_path / "nothing"), "--out", str(tmp_path / "out"))
    assert missing.exit_code == 2
    assert missing.output == f"copydesk: error: {tmp_path / 'nothing'}: no such file or folder\n"
    nothing = audit(str(FOLDER), "--out", str(tmp_path / "empty"), "--resume")
    assert nothing.exit_code == 2 and "no audit to resume here" in nothing.output
    assert audit(str(FOLDER), "--out", str(tmp_path / "a"), "--jobs", "1").exit_code == 0
    other = audit(str(AUDIT / "posts.wp.json"), "--out", str(tmp_path / "a"), "--resume")
    assert other.exit_code == 2 and "holds an audit of other inputs or settings" in other.output
    summary = json.loads((tmp_path / "a" / "summary.json").read_text())
    # 1: no rendered spans; 2: none for the archive rules' findings, nor in archive.db.
    for version in (1, 2):
        (tmp_path / "a" / "summary.json").write_text(
            json.dumps({**summary, "schema_version": version}))
        older = audit(str(FOLDER), "--out", str(tmp_path / "a"), "--resume")
        assert older.exit_code == 2, version
        assert "holds an audit of other inputs or settings" in older.output
    (tmp_path / "file").write_text("", encoding="utf-8")
    inside_a_file = audit(str(FOLDER), "--out", str(tmp_path / "file" / "out"))
    assert inside_a_file.exit_code == 2
    assert inside_a_file.output == (f"copydesk: error: cannot make the folder "
                                    f"{tmp_path / 'file' / 'out'}: Not a directory\n")
    assert audit("--out", str(tmp_path)).exit_code == 2


def test_estimate_counts_the_articles_without_parsing() -> None:
    linters = Linters(Overrides())
    inputs = [str(FOLDER), str(AUDIT / "export.wxr.xml"), str(AUDIT / "stories.ans.jsonl")]
    # The WXR count includes the attachment and the deleted post; a JSON array has none.
    assert estimate(inputs, linters) == 3 + 4 + 3
    assert len(list(items(inputs, linters))) == 3 + 2 + 3
    assert estimate([str(AUDIT / "posts.wp.json")], linters) is None


def _archive(folder: Path, count: int) -> Path:
    """`count` articles made from a fixture story, each with its own headline."""
    story = (FOLDER / "2024" / "harbour-bridge.txt").read_text(encoding="utf-8")
    folder.mkdir()
    for n in range(count):
        (folder / f"story-{n:04d}.txt").write_text(story.replace("six weeks", f"{n} weeks"),
                                                   encoding="utf-8")
    return folder


def _start(archive: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lint", "audit", str(archive), "--out",
                             str(out), "--jobs", "2", *extra], start_new_session=True,
                            preexec_fn=_ctrl_c_as_from_a_terminal,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _ctrl_c_as_from_a_terminal() -> None:
    """In the audit's process: Ctrl-C acts, whatever this suite was started with (a
    shell starts a background job with it ignored, and children inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _when_written(out: Path, lines: int, process: subprocess.Popen) -> None:
    findings = out / "findings.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if findings.exists() and findings.read_bytes().count(b"\n") >= lines:
            return
        time.sleep(0.002)
    pytest.fail("the audit ended before it could be stopped")


def _same_audit(one: Path, two: Path) -> None:
    assert (one / "findings.jsonl").read_bytes() == (two / "findings.jsonl").read_bytes()
    assert (one / "articles.csv").read_bytes() == (two / "articles.csv").read_bytes()
    first, second = (json.loads((out / "summary.json").read_text()) for out in (one, two))
    assert {k: v for k, v in first.items() if k not in TIMES} == {
        k: v for k, v in second.items() if k not in TIMES}


@pytest.fixture(scope="module")
def archive_and_full_run(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("archive")
    archive = _archive(root / "archive", 1500)
    full = _start(archive, root / "full", "--no-report")
    assert full.wait(timeout=120) == 0
    return archive, root / "full"


def test_resume_after_a_killed_run_gives_the_same_audit(archive_and_full_run, tmp_path) -> None:
    archive, full = archive_and_full_run
    out = tmp_path / "out"
    killed = _start(archive, out, "--no-report")
    _when_written(out, 100, killed)
    killed.kill()  # as `kill -9`: no chance to tidy up
    assert killed.wait(timeout=10) == -signal.SIGKILL
    written = (out / "findings.jsonl").read_bytes().count(b"\n")
    assert 100 <= written < 1500
    resumed = _start(archive, out, "--resume", "--no-report")
    assert resumed.wait(timeout=120) == 0, resumed.stderr.read()
    _same_audit(full, out)


def test_ctrl_c_keeps_what_is_done_and_resume_finishes_it(archive_and_full_run, tmp_path) -> None:
    archive, full = archive_and_full_run
    out = tmp_path / "out"
    stopped = _start(archive, out, "--no-report")
    _when_written(out, 100, stopped)
    os.killpg(stopped.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches every process
    assert stopped.wait(timeout=20) == 130
    assert "run again with --resume to audit the rest" in stopped.stderr.read()
    summary = json.loads((out / "summary.json").read_text())
    lines = (out / "findings.jsonl").read_bytes()
    assert summary["complete"] is False and lines.endswith(b"\n")
    assert summary["articles"] == lines.count(b"\n") < 1500
    assert _start(archive, out, "--resume", "--no-report").wait(timeout=120) == 0
    _same_audit(full, out)


@pytest.mark.parametrize(("handler", "interrupted"), [(signal.default_int_handler, True),
                                                      (signal.SIG_IGN, False)])
def test_a_ctrl_c_while_a_chunk_is_written_acts_after_it_unless_ignored(
        handler, interrupted: bool) -> None:
    written = []
    previous = signal.signal(signal.SIGINT, handler)
    try:
        with _whole():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.01)  # the handler runs between two steps of this thread
            written.append("chunk")
    except KeyboardInterrupt:
        stopped = True
    else:
        stopped = False
    finally:
        still = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGINT, previous)
    assert (written, stopped, still) == (["chunk"], interrupted, handler)


def test_compare_counts_new_and_fixed_findings_by_rule(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    for name in ("2024/harbour-bridge.txt", "2024/library-hours.md"):
        (folder / Path(name).name).write_bytes((FOLDER / name).read_bytes())
    assert audit(str(folder), "--out", str(tmp_path / "old"), "--jobs", "1").exit_code == 0
    bridge = folder / "harbour-bridge.txt"
    text = bridge.read_text(encoding="utf-8")
    # The doubled paragraph goes (a duplicate and a repeated word fixed); a new slip comes.
    doubled = text.index("\n\nBuses will be diverted", text.index("Buses") + 10)
    text = text[:doubled] + text[text.index("\n\nPedestrians"):]
    bridge.write_text(text.replace("northern footway", "northern  footway"), encoding="utf-8")
    (folder / "new-story.txt").write_bytes(bridge.read_bytes())
    assert audit(str(folder), "--out", str(tmp_path / "new"), "--jobs", "1").exit_code == 0
    result = audit("--compare", str(tmp_path / "old"), str(tmp_path / "new"),
                   "--output-format", "json")
    comparison = json.loads(result.output)
    assert comparison["articles"] == {"compared": 2, "added": 1, "removed": 0, "failed": 0}
    assert comparison["by_rule"] == {"double-space": {"new": 1, "fixed": 0},
                                     "duplicate-paragraph": {"new": 0, "fixed": 1},
                                     "repeated-word": {"new": 0, "fixed": 1}}
    assert comparison["findings"] == {"new": 1, "fixed": 2}
    assert comparison["changed"] == [{"id": str(bridge), "headline": text.splitlines()[0],
                                      "new": 1, "fixed": 2}]
    text_output = audit("--compare", str(tmp_path / "old" / "findings.jsonl"),
                        str(tmp_path / "new")).output
    assert "2 articles compared; 1 added, 0 removed, 0 not audited in both" in text_output
    assert [line.split() for line in text_output.splitlines()[2:]] == [
        ["rule", "new", "fixed"], ["double-space", "1", "0"], ["duplicate-paragraph", "0", "1"],
        ["repeated-word", "0", "1"], ["total", "1", "2"]]


def _on_a_terminal(out: Path, **environment: str) -> str:
    """What the audit writes to standard error when that is a terminal."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "lint", "audit", str(FOLDER), "--out", str(out), "--jobs", "1"],
        stdout=subprocess.DEVNULL, stderr=follower, env={**os.environ, **environment})
    os.close(follower)
    written = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        written += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    return written.decode("utf-8", "replace")


def test_progress_shows_on_a_terminal_but_not_under_pre_commit(tmp_path: Path) -> None:
    shown = _on_a_terminal(tmp_path / "a", NO_COLOR="1")
    assert "auditing" in shown and "3/3" in shown and "articles/s" in shown
    assert "5 findings" in shown
    hidden = _on_a_terminal(tmp_path / "b", PRE_COMMIT="1")
    assert "auditing" not in hidden and hidden.startswith("copydesk audit: 3 articles audited")


def test_a_json_array_is_read_element_by_element_across_any_boundary(tmp_path, monkeypatch):
    import lint.audit.archive as archive

    monkeypatch.setattr(archive, "_READ_SIZE", 7)  # every element spans several reads
    posts = [{"id": n, "title": {"rendered": f"A [bracketed], \u201cquoted\u201d title {n}"},
              "content": {"rendered": "<p>Text with ] and [ and , inside.</p>"}}
             for n in range(3)]
    export = tmp_path / "posts.json"
    export.write_text("\ufeff [\n" + " ,\n".join(json.dumps(p, ensure_ascii=False)
                                                  for p in posts) + "\n]\n", encoding="utf-8")
    linters = Linters(Overrides())
    read = list(items([str(export)], linters))
    assert [json.loads(item.payload) for item in read] == posts
    assert [item.origin for item in read] == [f"{export}[{n}]" for n in range(3)]
    export.write_text("[" + json.dumps(posts[0]) + ", {\"id\": 1, \"title\": ", encoding="utf-8")
    cut = list(items([str(export)], linters))
    assert [item.origin for item in cut] == [f"{export}[0]", f"{export}[1]"]
    assert cut[1].broken[0] == "invalid-json" and cut[1].payload is None


def test_a_wxr_export_with_entity_declarations_is_refused_not_expanded(tmp_path: Path) -> None:
    export = tmp_path / "bomb.xml"
    export.write_text('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
                      '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
                      "<rss><channel><item><title>&b;</title></item></channel></rss>\n",
                      encoding="utf-8")
    assert audit(str(export), "--out", str(tmp_path / "out"), "--jobs", "1").exit_code == 0
    records, rows, summary = outputs(tmp_path / "out")
    assert [(r["origin"], r["error"]["code"]) for r in records] == [(f"{export}[0]", "invalid-xml")]
    assert summary["failed"] == 1


def _unprivileged() -> list[str]:
    """The command prefix that runs a command without the power to read any file: as
    nobody under root (whom a mode of 000 does not stop)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, and no setpriv to run as another user")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_a_folder_that_cannot_be_listed_is_an_error_entry_and_the_rest_is_read() -> None:
    with tempfile.TemporaryDirectory() as root:  # not under pytest's own, private to root
        os.chmod(root, 0o777)
        archive = Path(root, "archive")
        (archive / "locked").mkdir(parents=True)
        (archive / "locked" / "hidden.txt").write_text("Hidden.\n", encoding="utf-8")
        (archive / "open").mkdir()
        (archive / "open" / "story.txt").write_text("Harbour\n\nThe the quay reopened.\n",
                                                 encoding="utf-8")
        (archive / "locked").chmod(0)
        command = [*_unprivileged(), sys.executable, "-m", "lint"]
        run = partial(subprocess.run, cwd=root, capture_output=True, text=True, timeout=120)
        checked = run([*command, "check", "archive", "--output-format", "json"])
        assert [(f["path"], f["error"]) for f in json.loads(checked.stdout)["files"]
                if f["error"]] == [("archive/locked", {
                    "code": "unreadable",
                    "message": "permission denied"})]
        assert run([*command, "audit", "archive", "--out", "out", "--no-report",
                    "--quiet"]).returncode == 0
        records, rows, summary = outputs(Path(root, "out"))
        assert [(r["id"], r["error"] and r["error"]["code"], len(r["findings"]))
                for r in records] == [("archive/locked", "unreadable", 0),
                                      ("archive/open/story.txt", None, 1)]
        assert summary["failed"] == 1


EXPECTED_JSON = ('expected a WordPress REST post (title.rendered, content.rendered), an Arc XP '
                 'ANS story (type "story", content_elements), a Contentful entry (sys, fields), '
                 'a Sanity document (_id, _type)')


def test_check_and_audit_report_the_same_unreadable_files(tmp_path: Path, monkeypatch) -> None:
    """In a folder walk a truncated export is invalid JSON, while other JSON is skipped;
    a file of no format copydesk reads, named, is an error to both."""
    monkeypatch.chdir(tmp_path)
    Path("folder").mkdir()
    Path("folder/cut.json").write_text('{"id": 1, "title": {"rendered": "Cut', encoding="utf-8")
    Path("folder/package.json").write_text('{"name": "site"}\n', encoding="utf-8")
    Path("script.py").write_text("print('the the')\n", encoding="utf-8")
    expected = [
        ("folder/cut.json", "invalid-json",
         f"not valid JSON (Unterminated string starting at line 1, column 33); {EXPECTED_JSON}"),
        ("script.py", "unsupported-format",
         "not an article: copydesk reads .txt, .text, .md, .markdown, .html, .htm, .json files "
         "(--format reads another as one of them)")]
    checked = CliRunner().invoke(main, ["check", "folder", "script.py", "--output-format",
                                        "json"])
    assert [(f["path"], f["error"]["code"], f["error"]["message"])
            for f in json.loads(checked.output)["files"]] == expected
    assert audit("folder", "script.py", "--out", "out", "--jobs", "1",
                 "--no-report").exit_code == 0
    records, _, _ = outputs(Path("out"))
    assert [(r["id"], r["error"]["code"], r["error"]["message"]) for r in records] == expected


def test_a_broken_json_lines_record_is_placed_on_its_own_line(tmp_path: Path) -> None:
    export = tmp_path / "posts.jsonl"
    export.write_text('{"id": 1, "title": {"rendered": "Fine"}, "content": {"rendered": "Ok."}}\n'
                      '{"id": 2, "title": {"rendered": "Cut"}\n', encoding="utf-8")
    assert audit(str(export), "--out", str(tmp_path / "out"), "--jobs", "1",
                 "--no-report").exit_code == 0
    records, _, _ = outputs(tmp_path / "out")
    assert (records[1]["origin"], records[1]["error"]) == (f"{export}:2", {
        "code": "invalid-json",
        "message": f"not valid JSON (Expecting ',' delimiter at line 1, column 39); "
                   f"{EXPECTED_JSON}"})
