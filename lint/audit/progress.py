"""The audit's progress display on standard error: articles done, rate, time left and
findings so far. rich is imported only when the display is shown (a terminal)."""

from __future__ import annotations

from typing import Any


class Progress:
    """No display: off a terminal, under pre-commit, or with --quiet."""

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type | None, *exc_info: object) -> None:
        pass

    def advance(self, articles: int, findings: int) -> None:
        pass


class _Shown(Progress):
    def __init__(self, total: int | None, done: int, findings: int):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                return Text(f"{task.speed or 0:,.0f} articles/s", style="progress.data.speed")

        self._display = RichProgress(
            TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), Rate(),
            TimeRemainingColumn(), TextColumn("{task.fields[findings]:,} findings"),
            console=Console(stderr=True), transient=False)
        self._task = self._display.add_task("audit", total=total, completed=done,
                                            findings=findings)

    def __enter__(self) -> Progress:
        self._display.start()
        return self

    def __exit__(self, kind: type | None, *exc_info: object) -> None:
        if kind is None:  # the estimate was rough: the bar ends full
            self._display.update(self._task, total=self._display.tasks[0].completed)
        self._display.stop()

    def advance(self, articles: int, findings: int) -> None:
        self._display.update(self._task, advance=articles, findings=findings)


def progress(shown: bool, total: int | None, done: int, findings: int) -> Progress:
    return _Shown(total, done, findings) if shown else Progress()
