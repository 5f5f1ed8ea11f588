"""What ``solve``, ``check`` and ``report`` share to re-plan against an approved baseline:
the ``--baseline`` and ``--as-of`` options, reading them (or what a re-plan's plan.json
recorded) into the scenario, and where an approved enrollment that conflicts was read."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from trainplan.commands.common import EXIT_INVALID, err, print_lines
from trainplan.files.loader import Loaded
from trainplan.files.planread import plan_document_of
from trainplan.files.replan import ACTUALS, with_replan
from trainplan.models import InputError, Scenario
from trainplan.models.history import ChangeKind
from trainplan.models.message import Message
from trainplan.models.plan import Change
from trainplan.models.problems import Problem
from trainplan.terminal.lines import pin_place, problem_report, warning_line
from trainplan.wording import conflict_lines, say


def replan_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--baseline PLAN_DIR`` and ``--as-of YEAR``."""
    command = click.option(
        "--as-of",
        "as_of",
        type=int,
        default=None,
        help="Re-planning: the first year still to plan; what started before is history "
        "(actuals.csv beside the scenario, else the baseline) and never moved.",
    )(command)
    return click.option(
        "--baseline",
        type=click.Path(path_type=Path),
        default=None,
        help="Re-planning: the approved plan folder to keep as far as the rules allow.",
    )(command)


def recorded(plan_dir: Path) -> tuple[Path | None, int | None]:
    """The baseline and as-of year a re-plan's plan.json records (None, None otherwise)."""
    document = plan_document_of(plan_dir)
    record = document.get("replan") if document else None
    if not isinstance(record, dict) or not record.get("baseline"):
        return None, None
    as_of = record.get("as_of")
    return Path(str(record["baseline"])), as_of if isinstance(as_of, int) else None


def replanned_or_exit(
    loaded: Loaded,
    source: Path | None,
    baseline: Path | None,
    as_of: int | None,
    lang: str,
    plan_dir: Path | None = None,
) -> Scenario:
    """``loaded``'s scenario re-planning ``baseline`` as of ``as_of`` (for ``check`` and ``report``,
    what ``plan_dir``'s plan.json recorded when no option is given); exit 2 with every
    problem if they cannot be read, nothing written."""
    if baseline is None and plan_dir is not None:
        baseline, recorded_as_of = recorded(plan_dir)
        as_of = recorded_as_of if as_of is None else as_of
    if baseline is None:
        if as_of is not None:
            err.print(say("terminal.as_of_needs_baseline", lang), markup=False)
            sys.exit(EXIT_INVALID)
        return loaded.scenario
    notes: list[Problem] = []
    sheet = loaded.actuals
    try:
        replanned = with_replan(loaded.scenario, source, baseline, as_of, notes, sheet)
    except InputError as error:
        own = {ACTUALS, "--as-of", *([sheet.file] if sheet else [])}  # the scenario's
        where = source if source is not None and error.problems[0].file in own else baseline
        print_lines(err, problem_report(error.problems, where, lang))
        sys.exit(EXIT_INVALID)
    print_lines(err, [warning_line(note, lang) for note in notes])
    if replanned.replan is not None and plan_dir is None:  # solve: say what was read
        approved = len(replanned.replan.approved)
        err.print(say("terminal.approvals_read", lang, n=approved, folder=baseline), markup=False)
    return replanned


def replan_conflicts(error: Any, loaded: Loaded, scenario: Scenario, lang: str) -> list[str]:
    """Why no plan keeps the hard rules: pins named by their file and row, an approved
    enrollment of the baseline by its plan folder."""
    own = len(loaded.scenario.pins)
    replan = scenario.replan

    def where(index: int) -> str:
        if index < own or replan is None:
            return pin_place(loaded, index, lang)
        pin = scenario.pins[index]
        return say(
            "terminal.approved_place",
            lang,
            folder=replan.baseline_folder,
            official=pin.official_id,
            course=pin.course_id,
            year=pin.year,
        )

    return [
        say("terminal.infeasible", lang),
        *(f"  {r}" for r in conflict_lines(error, where, lang)),
    ]


def _message(record: object) -> Message:
    """A message as plan.json records it (``files.plancontent.replan_record``)."""
    if not isinstance(record, dict):
        return Message("change.better")
    params = {
        name: _message(value) if isinstance(value, dict) and "key" in value else value
        for name, value in dict(record.get("params") or {}).items()
    }
    return Message(str(record.get("key", "change.better")), **params)


def changes_of(document: dict[str, Any] | None) -> tuple[Change, ...]:
    """The changes a re-plan's plan.json records, for rewriting its reports."""
    found = []
    for row in (document or {}).get("changes") or ():
        try:
            found.append(
                Change(
                    str(row["official_id"]),
                    str(row["course_id"]),
                    ChangeKind(row["change"]),
                    row.get("baseline_year"),
                    row.get("year"),
                    _message(row.get("reason")),
                    bool(row.get("history")),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(found)
