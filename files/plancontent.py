"""What a plan folder holds (SPEC.md, "A plan"): the text of each file trainplan writes, and
the one list of those files, by which a plan folder trainplan wrote is recognised."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from trainplan.checking.checker import Evaluation
from trainplan.models.message import Message
from trainplan.models.plan import Plan, SolverInfo, SolveStatus
from trainplan.models.scenario import Scenario
from trainplan.wording.catalogue import render

PLAN_FORMAT = "trainplan-plan/1"
"""plan.json's ``format``: marks a folder as a plan trainplan wrote."""

PLAN_FILES = frozenset(
    {
        "enrollments.csv",
        "classes.csv",
        "attainment.csv",
        "plan.json",
        "plan.xlsx",
        "report.html",
    }
)
"""Every file trainplan writes into a plan folder (SPEC.md, "A plan"). A folder holding any
other file is the user's: trainplan never replaces it (SPEC.md, "Nothing lost")."""


def _csv_text(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _money(value: Fraction) -> int:
    return round(value)


def plan_document(scenario: Scenario, plan: Plan, evaluation: Evaluation) -> dict[str, Any]:
    """Everything about the plan as one JSON-ready document (plan.json); a re-plan's also
    records its baseline, as-of year, history and changes (``replan_record``)."""
    document = _document(scenario, plan, evaluation)
    if scenario.replan is not None:
        document.update(replan_record(scenario, plan))
    if plan.explanations:  # why the targets it misses are missed (trainplan explain)
        document["explanations"] = [found.as_json() for found in plan.explanations]
    return document


def _document(scenario: Scenario, plan: Plan, evaluation: Evaluation) -> dict[str, Any]:
    info = plan.solver or SolverInfo(status=SolveStatus.HAND_MADE)
    return {
        "format": PLAN_FORMAT,
        "scenario": {
            "name": scenario.settings.name,
            "title": scenario.settings.title,
            "horizon": list(scenario.settings.horizon),
            "input_hash": info.input_hash,
        },
        "solver": {
            "status": info.status,
            "objective": info.objective,
            "bound": info.bound,
            "gap": info.gap,
            "seconds": info.seconds,
            "seed": info.seed,
            "workers": info.workers,
            "time_limit": info.time_limit,
            "interrupted": info.interrupted,
            "reproducible": info.reproducible,
            "parameters": info.parameters,
            "ortools_version": info.ortools_version,
            "stages": info.stages,
        },
        "objective": {
            "weighted_shortfall": float(evaluation.weighted_shortfall),
            "money": _money(evaluation.money),
        },
        "totals": {
            "enrollments": len(plan.enrollments),
            "classes": len({(c.course_id, c.year, c.class_no) for c in plan.classes}),
            "cost": _money(evaluation.cost_total),
            "learner_cost": _money(evaluation.learner_cost),
            "class_cost": _money(evaluation.class_cost),
            "lecturer_cost": _money(evaluation.lecturer_cost),
            "away_days": evaluation.away_days_total,
            "away_value": _money(evaluation.away_value),
            "targets_met": sum(a.met for a in evaluation.attainment),
            "targets": len(evaluation.attainment),
            # who pays, when not the budget alone (courses.funding)
            **(
                {
                    "budget_cost": _money(evaluation.cost_total - evaluation.other_paid),
                    "other_paid": _money(evaluation.other_paid),
                    "self_paid": _money(evaluation.self_paid),
                }
                if evaluation.other_paid or evaluation.self_paid
                else {}
            ),
        },
        "cost_by_year": {str(y): _money(c) for y, c in sorted(evaluation.cost_by_year.items())},
        "away_days_by_unit_year": [
            {"unit_id": u, "year": y, "days": float(d)}
            for (u, y), d in sorted(evaluation.away_days_by_unit_year.items())
        ],
        "attainment": [
            {
                "target_id": a.target_id,
                "year": a.year,
                "population": a.population,
                "qualified": a.qualified,
                "required": a.required,
                "share": a.share,
                "met": a.met,
                "shortfall": a.shortfall,
                "hard": a.hard,
                "weight": a.weight,
            }
            for a in evaluation.attainment
        ],
        "enrollments": [
            {"official_id": e.official_id, "course_id": e.course_id, "start_year": e.start_year}
            for e in plan.enrollments
        ],
        "classes": [
            {
                "course_id": c.course_id,
                "year": c.year,
                "class_no": c.class_no,
                "learners": c.learners,
                "lecturer_id": c.lecturer_id,
                "hours": c.hours,
            }
            for c in plan.classes
        ],
        "violations": [
            {"rule": str(v.rule), "message": render(v.message, "en")} for v in evaluation.violations
        ],
    }


def _message(message: Message) -> dict[str, Any]:
    """A message as JSON: its key and parameters (a parameter that is a message, nested)."""
    params = {
        name: _message(value) if isinstance(value, Message) else value
        for name, value in message.params.items()
    }
    return {"key": message.key, "params": params}


def replan_record(scenario: Scenario, plan: Plan) -> dict[str, Any]:
    """plan.json's record of a re-plan: where its baseline was, the as-of year, the history
    it kept and every change with its reason (English words beside the catalogue key)."""
    replan = scenario.replan
    assert replan is not None
    return {
        "replan": {
            "baseline": replan.baseline_folder,
            "as_of": replan.as_of,
            "change_value": scenario.settings.change_value,
            "history": [
                {
                    "official_id": row.official_id,
                    "course_id": row.course_id,
                    "start_year": row.start_year,
                    "status": str(row.status),
                    "source": str(row.source),
                }
                for row in replan.history
            ],
        },
        "changes": [
            {
                "official_id": change.official_id,
                "course_id": change.course_id,
                "change": str(change.kind),
                "baseline_year": change.before,
                "year": change.after,
                "history": change.history,
                "reason": _message(change.reason),
                "words": render(change.reason, "en"),
            }
            for change in plan.changes
        ],
    }


def plan_files(
    scenario: Scenario,
    plan: Plan,
    evaluation: Evaluation,
    reports: Mapping[str, str | bytes] | None = None,
) -> dict[str, str | bytes]:
    """The content of every file of the plan folder, by file name: the tables, the
    ``reports`` for people (plan.xlsx, report.html) as given, and plan.json, which records a
    digest of each of them."""
    enrollment_rows = []
    paying = any(course.funding != "budget" for course in scenario.courses)
    for e in plan.enrollments:
        official = scenario.official_by_id[e.official_id]
        course = scenario.course_by_id[e.course_id]
        unit = scenario.unit_by_id[official.unit_id]
        enrollment_rows.append(
            [
                e.official_id,
                e.course_id,
                e.start_year,
                course.end_year(e.start_year),
                official.name,
                official.unit_id,
                unit.name,
                official.post_id,
                course.name,
                course.track,
                course.grants,
                course.mode,
                course.away_days,
                course.cost_per_learner,
                *([scenario.payer(official, course)] if paying else []),
            ]
        )
    class_rows = [
        [
            c.course_id,
            c.year,
            c.class_no,
            c.learners,
            c.lecturer_id,
            c.hours,
            scenario.lecturer_by_id[c.lecturer_id].name
            if c.lecturer_id in scenario.lecturer_by_id
            else "",
        ]
        for c in plan.classes
    ]
    attainment_rows = [
        [
            a.target_id,
            a.year,
            a.population,
            a.qualified,
            a.required,
            a.share,
            "true" if a.met else "false",
            a.shortfall,
            "true" if a.hard else "false",
        ]
        for a in evaluation.attainment
    ]
    tables = {
        "enrollments.csv": _csv_text(
            [
                "official_id",
                "course_id",
                "start_year",
                "end_year",
                "official_name",
                "unit_id",
                "unit_name",
                "post_id",
                "course_name",
                "track",
                "grants",
                "mode",
                "away_days",
                "cost_per_learner",
                *(["paid_by"] if paying else []),  # budget, self or other (courses.funding)
            ],
            enrollment_rows,
        ),
        "classes.csv": _csv_text(
            ["course_id", "year", "class_no", "learners", "lecturer_id", "hours", "lecturer_name"],
            class_rows,
        ),
        "attainment.csv": _csv_text(
            [
                "target_id",
                "year",
                "population",
                "qualified",
                "required",
                "share",
                "met",
                "shortfall",
                "hard",
            ],
            attainment_rows,
        ),
    }
    document = plan_document(scenario, plan, evaluation)
    files: dict[str, str | bytes] = {**tables, **(reports or {})}
    document["files"] = {name: digest(name, content) for name, content in files.items()}
    return {**files, "plan.json": json.dumps(document, ensure_ascii=False, indent=2) + "\n"}


def encoded(name: str, content: str | bytes) -> bytes:
    """A plan folder's file as written: CSV as UTF-8 with a byte-order mark (so that Excel
    shows Vietnamese names), other text as UTF-8, bytes as they are."""
    if isinstance(content, bytes):
        return content
    return content.encode("utf-8-sig" if name.endswith(".csv") else "utf-8")


def digest(name: str, content: str | bytes) -> str:
    """The SHA-256 of a file as written: plan.json records it for every file, so that a
    plan (or a workbook) edited by hand is told from one trainplan wrote."""
    return hashlib.sha256(encoded(name, content)).hexdigest()
