"""``trainplan sweep`` in the reader's language: a line as each variant starts and ends, and
the last line saying where sweep.csv is (or how far a stopped sweep got)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from trainplan.models.plan import SolveStatus
from trainplan.models.whatif import Outcome, Value, Variant
from trainplan.terminal.summaries import verdict
from trainplan.wording import say

NO_PLAN = {
    SolveStatus.INFEASIBLE: "terminal.sweep.no_plan",
    SolveStatus.UNKNOWN: "terminal.sweep.none_found",
    SolveStatus.MODEL_INVALID: "terminal.sweep.too_large",
}
"""What a variant's status says when it has no plan."""


def settings_text(settings: tuple[tuple[str, Value], ...], lang: str) -> str:
    """``budget.per_year = 100,000,000, continuity.max_away_share = 0.05`` in ``lang``."""
    return ", ".join(
        say("terminal.sweep.setting", lang, setting=setting, value=value)
        for setting, value in settings
    )


class SweepPrinter:
    """Prints the progress of a sweep on ``console`` (stderr), one line per event."""

    def __init__(self, console: Console, found: list[Variant], lang: str) -> None:
        self.console = console
        self.count = len(found)
        self.lang = lang

    def starting(self, index: int, variant: Variant) -> None:
        """``[2/6] budget.per_year = 100,000,000: solving…``"""
        shown = settings_text(variant.settings, self.lang)
        words = say(
            "terminal.sweep.started", self.lang, number=index + 1, count=self.count, settings=shown
        )
        self.console.print(words, markup=False)

    def done(self, index: int, outcome: Outcome, row: dict[str, object]) -> None:
        """The outcome of one variant: what its status says and, with a plan, its shortfall
        and money (``row``: its line of sweep.csv)."""
        number, info = index + 1, outcome.plan.solver
        if outcome.status in NO_PLAN or info is None:
            key = NO_PLAN.get(outcome.status, "terminal.sweep.none_found")
            words = say(key, self.lang, number=number, count=self.count)
        else:
            words = say(
                "terminal.sweep.done",
                self.lang,
                number=number,
                count=self.count,
                verdict=verdict(info),
                shortfall=row["shortfall"],
                money=row["money"],
                seconds=info.seconds,
            )
        self.console.print(words, markup=False)


def sweep_finished(folder: Path, done: int, count: int, lang: str) -> str:
    """The last line: where sweep.csv is, and whether a stop cut the sweep short."""
    if done < count:
        return say("terminal.sweep.stopped", lang, path=folder, done=done, n=count)
    return say("terminal.sweep.written", lang, path=folder, n=count)
