"""Sweep folders (``trainplan sweep``): one plan folder per variant and ``sweep.csv``.

``sweep.csv`` (SPEC.md, "Questions a committee asks") has one row per variant: the varied
settings, named as given (``budget.per_year``), the plan folder of the variant, its status,
shortfall (officials short of the soft targets), money and cost, then one column per target
id holding its qualified count, in the variants' order (v01, v02...) whatever order a
parallel sweep finishes them in. It is rewritten after each variant, so a stopped or failed
sweep keeps the variants done.

Nothing is lost: a sweep folder is written only when it is new, empty, or holds nothing but a
sweep trainplan wrote (``sweep.csv`` and plan folders); each variant's plan folder is written
by ``planio.write_plan_folder`` (an earlier sweep's plan is kept in ``<variant>.previous``).
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path

from trainplan.checking.checker import evaluate
from trainplan.files.errors import os_reason
from trainplan.files.planio import (
    OutputError,
    RefusedOutput,
    is_plan_folder,
    plan_files,
    write_plan_folder,
)
from trainplan.models.message import Message
from trainplan.models.plan import SolveStatus
from trainplan.models.scenario import Scenario
from trainplan.models.whatif import Outcome, Variant

SWEEP_FILE = "sweep.csv"
LEFT_BY_A_STOP = re.compile(r"\.sweep\.csv\.[A-Za-z0-9_]+|\.v[0-9]+\.tmp-[A-Za-z0-9_-]+")
"""Temporary files of a sweep killed while writing (sweep.csv's, a variant's plan folder's)."""
FIXED_COLUMNS = ("plan", "status", "shortfall", "money", "cost")
"""The columns between the varied settings and the targets' qualified counts."""


def check_sweep_folder(folder: Path, scenario_folder: Path) -> None:
    """Refuse a sweep folder that would lose something.

    Raises
    ------
    RefusedOutput
        When ``folder`` is the scenario folder or holds it, is a file or a link, or holds
        anything but ``sweep.csv`` and plan folders trainplan wrote.
    """
    out, scenario = folder.resolve(), scenario_folder.resolve()
    if out == scenario:
        raise RefusedOutput(Message("input.output.is_scenario", folder=str(folder)))
    if scenario.is_relative_to(out):
        raise RefusedOutput(
            Message("input.output.holds_scenario", folder=str(folder), scenario=str(scenario))
        )
    if not folder.exists() and not folder.is_symlink():
        return
    if folder.is_symlink() or not folder.is_dir():
        raise RefusedOutput(Message("input.output.is_file", folder=str(folder)))
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        raise OutputError(
            Message("input.output.cannot_write", folder=str(folder), reason=os_reason(error))
        ) from None
    for entry in entries:
        ours = (
            (entry.name == SWEEP_FILE and entry.is_file() and not entry.is_symlink())
            or LEFT_BY_A_STOP.fullmatch(entry.name) is not None
            or is_plan_folder(entry)
        )
        if not ours:
            raise RefusedOutput(
                Message("input.output.not_sweep", folder=str(folder), file=entry.name)
            )


def variant_name(index: int, count: int) -> str:
    """The plan folder of the variant ``index`` (0-based) of ``count``: ``v01``, ``v02``..."""
    return f"v{index + 1:0{max(2, len(str(count)))}d}"


def _number(value: object) -> object:
    """A value as a cell: a whole float without its ``.0``."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


class SweepWriter:
    """Writes the plan folder of each variant and keeps ``sweep.csv`` up to date."""

    def __init__(self, folder: Path, base: Scenario, found: list[Variant]) -> None:
        self.folder = folder
        self.settings = [name for name, _ in found[0].settings] if found else []
        self.count = len(found)
        self.targets = [target.id for target in base.settings.targets]
        self.rows: dict[int, dict[str, object]] = {}
        """sweep.csv's rows by variant index: written in the variants' order, whatever order
        they finish in."""

    @property
    def header(self) -> list[str]:
        return [*self.settings, *FIXED_COLUMNS, *self.targets]

    def add(self, index: int, outcome: Outcome) -> dict[str, object]:
        """Record one variant (its plan folder unless no plan was found); its sweep.csv row.

        Raises
        ------
        OutputError
            When the plan folder or sweep.csv cannot be written.
        """
        variant, status, plan = outcome.variant, outcome.status, outcome.plan
        row: dict[str, object] = {name: _number(value) for name, value in variant.settings}
        name = variant_name(index, self.count)
        if status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
            row.update({"plan": "", "status": str(status)})
        else:
            evaluation = evaluate(variant.scenario, plan)
            files = plan_files(variant.scenario, plan, evaluation)
            if not self.rows:
                self.write_table()  # the sweep folder itself, before its first plan folder
            write_plan_folder(self.folder / name, files)
            qualified = {a.target_id: a.qualified for a in evaluation.attainment}
            row.update(
                {
                    "plan": name,
                    "status": str(status),
                    "shortfall": sum(a.shortfall for a in evaluation.attainment if not a.hard),
                    "money": round(evaluation.money),
                    "cost": round(evaluation.cost_total),
                    **{target: qualified.get(target, "") for target in self.targets},
                }
            )
        self.rows[index] = row
        self.write_table()
        return row

    def write_table(self) -> None:
        """(Re)write sweep.csv atomically: the earlier one or the new one, never half."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.header)
        rows = [self.rows[index] for index in sorted(self.rows)]
        writer.writerows([row.get(column, "") for column in self.header] for row in rows)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{SWEEP_FILE}.", dir=self.folder)
            try:
                with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:
                    stream.write(buffer.getvalue())
                os.chmod(temporary, 0o644)
                os.replace(temporary, self.folder / SWEEP_FILE)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            folder = str(self.folder)
            raise OutputError(
                Message("input.output.not_written", folder=folder, reason=os_reason(error))
            ) from None
