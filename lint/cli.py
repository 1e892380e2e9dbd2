"""The command line: `copydesk check`, `extract`, `audit`, `rules`, `explain`."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import Counter
from pathlib import Path

import click

from lint import __version__
from lint.config import ConfigError
from lint.readers import READERS, InputError
from lint.registry import UnknownRule, default_registry
from lint.reporters import FORMATS, reporter
from lint.results import Report
from lint.rule import SEVERITIES
from lint.runner import (
    STDIN,
    Linters,
    Overrides,
    check_path,
    collect,
    read_document,
    run,
    unknown_kind,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    """Rule lists may be given as repeated options or comma-separated."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _fail(message: str) -> None:
    click.echo(f"copydesk: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _use_color(stream) -> bool:
    return (stream.isatty() and "NO_COLOR" not in os.environ
            and os.environ.get("PRE_COMMIT") != "1")


def _configuration_options(command):
    """The options that choose the rules and read the articles, shared by check and audit."""
    options = [
        click.option("--select", multiple=True,
                     help="Rules or categories to run (replaces the config)."),
        click.option("--extend-select", multiple=True, help="Rules or categories to add."),
        click.option("--ignore", multiple=True, help="Rules or categories to leave out."),
        click.option("--exclude", multiple=True, help="Glob patterns of paths to skip."),
        click.option("--config", "config_path", type=click.Path(
            exists=True, dir_okay=False, path_type=Path),
            help="Use this configuration file instead of discovering one."),
        click.option("--profile",
                     help="House-style profile (name or path), overriding the config."),
        click.option("--format", "input_format", type=click.Choice(["auto", *READERS]),
                     default="auto", show_default=True,
                     help="Input format; auto goes by extension and content."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copydesk")
def main() -> None:
    """copydesk: a copy-quality linter for news articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output-format", type=click.Choice(FORMATS), default="full", show_default=True,
              help="How to print the findings.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@_configuration_options
@click.option("--fail-on", type=click.Choice(SEVERITIES),
              help="Lowest severity that fails the run [default: warning].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place (`-`: print the fixed "
              "text), then report what is left.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a diff; change nothing.")
@click.option("--unsafe-fixes", is_flag=True,
              help="Let --fix and --diff apply unsafe fixes too (review the result).")
@click.option("--statistics", is_flag=True,
              help="Print a count a rule and the totals instead of the findings (text or json).")
@click.option("--stdin-filename", help="The name to report (and read by) for input on `-`.")
@click.option("--force-exclude", is_flag=True, help="Apply `exclude` to paths named explicitly.")
@click.option("--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes; 0 uses every core when there are many files.")
@click.option("--index", "index_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Also check each article against this archive index "
              "(`copydesk index build`): paragraphs and stories that already ran.")
@click.option("-v", "--verbose", is_flag=True,
              help="Say what --fix changed in each file; show the traceback when copydesk "
              "itself fails on an article.")
def check(paths, output_format, output_file, select, extend_select, ignore, exclude, config_path,
          profile, input_format, fail_on, exit_zero, fix, diff, unsafe_fixes, statistics,
          stdin_filename, force_exclude, jobs, index_path, verbose) -> None:
    """Check articles (files or folders; `-` reads standard input)."""
    if statistics and output_format not in ("full", "concise", "json"):
        _fail(f"--statistics prints text (--output-format full or concise) or json, "
              f"not {output_format}")
    overrides = Overrides(select=_split(select) or None, extend_select=_split(extend_select),
                          ignore=_split(ignore), exclude=tuple(exclude), profile=profile,
                          fail_on=fail_on)
    try:
        linters = Linters(overrides, config_path)
        with _archive(index_path) as archive:
            outcome = run(paths, linters, format=None if input_format == "auto" else input_format,
                          fix=fix and not diff, diff=diff, unsafe=unsafe_fixes,
                          force_exclude=force_exclude, stdin_name=stdin_filename,
                          read_stdin=sys.stdin.buffer.read, jobs=jobs, archive=archive)
    except ConfigError as exc:
        _fail(str(exc))
    results = outcome.results
    if diff:
        from lint.reporters.text import error_lines

        click.echo("".join(outcome.diffs), nl=False)
        # The diff alone goes to standard output, so that it can be applied as it is.
        click.echo("".join(line + "\n" for line in error_lines(results, verbose)), nl=False,
                   err=True)
        sys.exit(EXIT_ERROR if any(r.error for r in results)
                 else EXIT_FINDINGS if outcome.diffs and not exit_zero else EXIT_CLEAN)
    fixed_stdin = fix and outcome.fixed_stdin is not None
    if fixed_stdin:
        sys.stdout.write(outcome.fixed_stdin)  # as ruff does: the report goes to stderr
    screen = sys.stderr if fixed_stdin else sys.stdout
    stream = _report_file(output_file) if output_file else screen
    try:
        report = Report(results, default_registry().rules,
                        color=not output_file and _use_color(screen), verbose=verbose,
                        fail_on={r.path: linters.fail_on(r.path) for r in results})
        if statistics:
            from lint.reporters import statistics as counts
            text = (counts.render_json if output_format == "json" else counts.render)(report)
        else:
            text = reporter(output_format)(report)
        stream.write(text)
    finally:
        if output_file:
            stream.close()
    if fix and not diff:
        human = output_format in ("full", "concise") and not output_file and not fixed_stdin
        click.echo(_fix_summary(outcome, verbose), nl=False, err=not human)
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    failing = any(report.fails(r, f) for r in results for f in r.findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _report_file(path: Path):
    """The file named with -o, open for writing, its folder made as ruff makes it."""
    try:
        try:
            return path.open("w", encoding="utf-8")
        except FileNotFoundError:
            path.parent.mkdir(parents=True)
            return path.open("w", encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write the report to {path}: {exc.strerror or exc}")


@contextlib.contextmanager
def _archive(path: Path | None):
    """The index named with --index, open for the run (None without one)."""
    if path is None:
        yield None
        return
    from lint.archive import Archive, ArchiveError

    try:
        archive = Archive(path)
    except ArchiveError as exc:
        _fail(str(exc))
    with archive:
        yield archive


def _by_rule(counts: Counter[str]) -> str:
    return ", ".join(f"{n} {rule}" for rule, n in sorted(counts.items(),
                                                        key=lambda item: (-item[1], item[0])))


def _fix_summary(outcome, verbose: bool) -> str:
    """What --fix did: `Fixed 2 findings (1 duplicate-paragraph, 1 repeated-word); 2 remain.`"""
    from lint.reporters.text import plural

    lines = []
    if verbose:
        lines += [f"{path}: fixed {_by_rule(counts)}"
                  for path, counts in outcome.fixed_by_file.items() if counts]
    fixed = outcome.fixed
    left = sum(len(r.findings) for r in outcome.results)
    remain = "none remain" if not left else f"{left} remain" if left > 1 else "1 remains"
    done = (f"Fixed {plural(sum(fixed.values()), 'finding')} ({_by_rule(fixed)})" if fixed
            else "Nothing fixed")
    lines.append(f"{done}; {remain}.")
    return "".join(line + "\n" for line in lines)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print what was read.")
@click.option("--format", "input_format", type=click.Choice(["auto", *READERS]), default="auto",
              show_default=True, help="Input format; auto goes by extension and content.")
def extract(paths, output_format, input_format) -> None:
    """Show what copydesk reads from each input (headline, paragraphs, ...) and where."""
    import json

    from lint.extract import as_text, extraction

    fmt = None if input_format == "auto" else input_format
    try:
        linters = Linters(Overrides())
    except ConfigError as exc:
        _fail(str(exc))
    files, failed = [], False
    for path in collect(paths, linters, force_exclude=False):
        display = str(path)
        unknown = None if path == STDIN else unknown_kind(display, fmt)
        try:
            if unknown:
                raise InputError(unknown.error.code, unknown.error.message)
            data = sys.stdin.buffer.read() if path == STDIN else Path(path).read_bytes()
            document = read_document(display, data, linters.for_path(Path(display)), fmt)
        except (InputError, OSError) as exc:
            failed = True
            message = exc.message if isinstance(exc, InputError) else exc.strerror or str(exc)
            code = exc.code if isinstance(exc, InputError) else "unreadable"
            files.append({"path": display, "error": {"code": code, "message": message}})
            click.echo(f"copydesk: {display}: {message}", err=True)
            continue
        files.append(extraction(document))
        if output_format == "text":
            click.echo(as_text(document), nl=False)
    if output_format == "json":
        click.echo(json.dumps({"files": files}, indent=2, ensure_ascii=False))
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)


@main.command("rules")
@click.option("--output-format", type=click.Choice(["table", "json", "markdown"]),
              default="table", show_default=True)
def list_rules(output_format) -> None:
    """List every rule: name, category, default severity, fix availability and safety, summary."""
    import json

    from lint.ruledocs import as_json, fix_column, markdown_table

    rules = default_registry().rules.values()
    if output_format == "markdown":
        click.echo(markdown_table(rules), nl=False)
        return
    if output_format == "json":
        click.echo(json.dumps([as_json(r) for r in rules], indent=2, ensure_ascii=False))
        return
    rows = [("RULE", "CATEGORY", "SEVERITY", "FIX", "SUMMARY")]
    rows += [(r.name, r.category, r.severity, fix_column(r), r.summary) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False))
                   + "  " + row[4])


@main.command()
@click.argument("archives", nargs=-1)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="audit-out",
              show_default=True, help="Folder for findings.jsonl, articles.csv, summary.json "
              "and report.html.")
@click.option("--resume", is_flag=True, help="Continue an interrupted audit in --out.")
@click.option("--compare", nargs=2, type=click.Path(exists=True, path_type=Path),
              metavar="OLD NEW", help="Show new and fixed findings between two audits.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How --compare prints.")
@_configuration_options
@click.option("--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes; 0 uses every core.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Audit in local worker processes or on a Dask cluster "
              "(needs copydesk[dask]).")
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler to use, such as "
              "tcp://host:8786; without it --engine dask starts a LocalCluster of --jobs workers.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display or closing line.")
@click.option("--no-report", is_flag=True, help="Skip report.html.")
def audit(archives, out, resume, compare, output_format, select, extend_select, ignore, exclude,
          config_path, profile, input_format, jobs, engine, scheduler, quiet, no_report) -> None:
    """Audit whole archives: folders, JSON Lines or JSON array exports of WordPress or
    ANS, WordPress WXR exports, `-` for a list of paths on standard input."""
    import json

    from lint.audit import compare as comparing
    from lint.audit.run import Audit, AuditError, run

    try:
        if compare:
            comparison = comparing.compare(*compare)
            click.echo(json.dumps(comparison, indent=2, ensure_ascii=False) + "\n"
                       if output_format == "json" else comparing.as_text(comparison), nl=False)
            return
        if not archives:
            _fail("give the archives to audit (or --compare OLD NEW)")
        overrides = Overrides(select=_split(select) or None, extend_select=_split(extend_select),
                              ignore=_split(ignore), exclude=tuple(exclude), profile=profile)
        sys.exit(run(Audit(list(archives), out, overrides, config_path,
                           None if input_format == "auto" else input_format, jobs, resume,
                           quiet, not no_report, engine=engine, scheduler=scheduler)))
    except (AuditError, ConfigError) as exc:
        _fail(str(exc))


@main.command()
@click.argument("rule")
def explain(rule) -> None:
    """Show a rule's documentation (a category: its rules)."""
    from lint.ruledocs import markdown

    registry = default_registry()
    if rule in registry.categories:
        from lint.reporters.text import plural

        names = registry.categories[rule]
        width = max(map(len, names))
        click.echo(f"{rule}: {plural(len(names), 'rule')}; `copydesk explain RULE` shows one.\n"
                   + "".join(f"  {name.ljust(width)}  {registry.rules[name].summary}\n"
                             for name in names), nl=False)
        return
    try:
        click.echo(markdown(registry.get(rule)), nl=False)
    except UnknownRule as exc:
        _fail(f"{exc}; `copydesk rules` lists them")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (each checks up to 2 articles at once, in threads).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Use this configuration file instead of discovering one.")
def serve(host, port, workers, config_path) -> None:
    """Serve /v1/check and signed CMS webhooks over HTTP (the `server` extra)."""
    from lint.service import ServeError, launch  # FastAPI and uvicorn load only here

    try:
        launch(host, port, workers, config_path)
    except (ConfigError, ServeError) as exc:
        _fail(str(exc))


@main.group()
def index() -> None:
    """Build and update an archive index, for `check --index` before publication."""


@index.command("build")
@click.argument("paths", nargs=-1, required=True)
@click.option("--index", "index_path", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="The index file (SQLite) to create or replace.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Use this configuration file instead of discovering one.")
def index_build(paths, index_path, config_path) -> None:
    """Index the articles of an archive (files or folders) afresh."""
    index_path.unlink(missing_ok=True)
    _index_articles(paths, index_path, config_path)


@index.command("add")
@click.argument("paths", nargs=-1, required=True)
@click.option("--index", "index_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), required=True, help="The index file to add to.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Use this configuration file instead of discovering one.")
def index_add(paths, index_path, config_path) -> None:
    """Add articles to an index (an article of the same path is replaced)."""
    _index_articles(paths, index_path, config_path)


def _index_articles(paths, index_path: Path, config_path: Path | None) -> None:
    from lint.archive import Archive, ArchiveError

    try:
        linters = Linters(Overrides(), config_path)
        archive = Archive(index_path)
    except (ConfigError, ArchiveError) as exc:
        _fail(str(exc))
    added = failed = 0
    with archive:
        for path in collect(paths, linters, force_exclude=True):
            result = check_path(str(path), linters.for_path(Path(path)), None, collect=True)
            if result.error:
                failed += 1
                click.echo(f"copydesk: {result.path}: {result.error.message}", err=True)
                continue
            archive.add(result.path, {"headline": result.headline}, result.facts)
            added += 1
        archive.finish()
        total = len(archive)
    click.echo(f"Indexed {added} article{'s' if added != 1 else ''} "
               f"({total} in {index_path}).")
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)

