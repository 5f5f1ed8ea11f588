"""The live progress of a search: one line per stage, in words.

In English a line reads ``[money] best 1,164,200,000, bound 1,160,000,000, gap 0.4%, 3.2 s``:
it starts with the stage in brackets and, once a plan is found, ``best`` and a number, a shape
scripts and tests may wait for. Vietnamese words the same line with Vietnamese numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.status import Status

from trainplan.models.message import Message
from trainplan.wording import say

if TYPE_CHECKING:
    from trainplan.solver import Progress

QUIET_AFTER = 10.0
"""Seconds after which a line is printed even if nothing changed (so a log shows life)."""
BOUND_EVERY = 1.0
"""Seconds between lines that only report a better bound."""
WITHOUT_OBJECTIVE = frozenset({"reproduce"})
"""Stages that search at proven optima with no objective of their own (``trainplan.solver``):
their best and bound mean nothing, so their line tells only the time."""


def progress_line(progress: Progress, lang: str) -> str:
    """``progress`` as one line in ``lang``; a stage with no plan yet says it is searching."""
    stage = Message(f"terminal.stage.{progress.stage}")
    if progress.objective is None or progress.bound is None or progress.stage in WITHOUT_OBJECTIVE:
        return say("terminal.progress.searching", lang, stage=stage, seconds=progress.elapsed)
    gap = abs(progress.objective - progress.bound) / max(abs(progress.objective), 1e-9)
    return say(
        "terminal.progress",
        lang,
        stage=stage,
        best=progress.objective,
        bound=progress.bound,
        gap=gap,
        seconds=progress.elapsed,
    )


class ProgressPrinter:
    """Shows progress on ``console``: a live status line on a terminal; otherwise (a log, a
    pipe) a line on every better plan, on a better bound at most every second, and at least
    every ten seconds."""

    def __init__(self, console: Console, lang: str) -> None:
        self.console = console
        self.lang = lang
        self.status: Status | None = console.status("") if console.is_terminal else None
        if self.status is not None:
            self.status.start()
        self.printed = 0.0
        self.objective: float | None = None
        self.bound: float | None = None

    def __call__(self, progress: Progress) -> None:
        line = progress_line(progress, self.lang)
        if self.status is not None:
            self.status.update(escape(line))
            return
        quiet_for = progress.elapsed - self.printed
        if (
            progress.objective != self.objective
            or (progress.bound != self.bound and quiet_for >= BOUND_EVERY)
            or quiet_for >= QUIET_AFTER
        ):
            self.console.print(line, markup=False)
            self.printed = progress.elapsed
            self.objective, self.bound = progress.objective, progress.bound

    def stop(self) -> None:
        """Remove the live status line (before the run prints its outcome)."""
        if self.status is not None:
            self.status.stop()
