"""What changed between two plan folders (``trainplan compare``; SPEC.md, "Questions a
committee asks"), hand-made ones too.

An enrollment is known by (official_id, course_id): *added* is in plan B only, *removed* in
plan A only, *moved* in both with another start year. Classes are compared per course and
year (how many, how many learners, which lecturers). When both folders hold trainplan's
plan.json, the totals are set side by side. Names come from the plans' enrollments.csv when
it carries them (``official_name``, ``course_name``, as trainplan writes them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainplan.files.planread import plan_document_of, read_plan
from trainplan.files.tables import read_csv
from trainplan.models.plan import ClassRow, Plan
from trainplan.models.problems import InputError, Problem

TOTALS = ("cost", "away_days", "targets_met", "shortfall", "money")
"""The totals set side by side, in this order (from plan.json)."""


class UnreadablePlan(InputError):
    """A plan folder of the comparison cannot be read: ``folder`` says which."""

    def __init__(self, folder: Path, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.folder = folder


def _read(folder: Path) -> Plan:
    try:
        return read_plan(folder)
    except InputError as error:
        raise UnreadablePlan(folder, error.problems) from None


@dataclass(frozen=True)
class Change:
    """One enrollment that differs: its start year in plan A and in plan B (None: absent)."""

    official_id: str
    course_id: str
    year_a: int | None
    year_b: int | None
    official_name: str = ""
    course_name: str = ""

    @property
    def kind(self) -> str:
        """``added``, ``removed`` or ``moved``."""
        if self.year_a is None:
            return "added"
        return "removed" if self.year_b is None else "moved"


@dataclass(frozen=True)
class ClassChange:
    """The classes of one course and year in plan A and in plan B."""

    course_id: str
    year: int
    classes_a: int
    classes_b: int
    learners_a: int | None
    learners_b: int | None
    lecturers_a: tuple[str, ...]
    lecturers_b: tuple[str, ...]


@dataclass(frozen=True)
class UnitChange:
    """One commune (unit) in plan A and in plan B: its enrollments, the changes among them,
    its officials' days away and their learner cost (classes and lecturers are the
    district's, not a commune's)."""

    unit_id: str
    unit_name: str
    enrollments: tuple[int, int]
    added: int
    removed: int
    moved: int
    away_days: tuple[float, float]
    learner_cost: tuple[float, float]


@dataclass(frozen=True)
class Comparison:
    """Everything that changed from plan A to plan B."""

    changes: tuple[Change, ...]
    classes: tuple[ClassChange, ...]
    totals: dict[str, tuple[float, float]] | None = None
    """Per name of ``TOTALS``: (plan A, plan B); None unless both have trainplan's plan.json."""
    units: tuple[UnitChange, ...] = ()
    """The communes where something changed, by name; empty when the plans' enrollments.csv
    do not say which commune each official is in (hand-made plans without ``unit_id``)."""

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]

    def to_json(self) -> dict[str, Any]:
        """The comparison as ``trainplan compare --json`` prints it."""

        def enrollment(change: Change, year: int | None) -> dict[str, Any]:
            found: dict[str, Any] = {
                "official_id": change.official_id,
                "course_id": change.course_id,
                "start_year": year,
            }
            if change.official_name:
                found["official_name"] = change.official_name
            if change.course_name:
                found["course_name"] = change.course_name
            return found

        moved = []
        for change in self.of_kind("moved"):
            row = enrollment(change, None)
            del row["start_year"]
            moved.append({**row, "start_year_a": change.year_a, "start_year_b": change.year_b})
        return {
            "added": [enrollment(c, c.year_b) for c in self.of_kind("added")],
            "removed": [enrollment(c, c.year_a) for c in self.of_kind("removed")],
            "moved": moved,
            "classes": [
                {
                    "course_id": c.course_id,
                    "year": c.year,
                    "classes_a": c.classes_a,
                    "classes_b": c.classes_b,
                    "learners_a": c.learners_a,
                    "learners_b": c.learners_b,
                    "lecturers_a": list(c.lecturers_a),
                    "lecturers_b": list(c.lecturers_b),
                }
                for c in self.classes
            ],
            "units": [
                {
                    "unit_id": u.unit_id,
                    "unit_name": u.unit_name,
                    "enrollments": {"a": u.enrollments[0], "b": u.enrollments[1]},
                    "added": u.added,
                    "removed": u.removed,
                    "moved": u.moved,
                    "away_days": {"a": u.away_days[0], "b": u.away_days[1]},
                    "learner_cost": {"a": u.learner_cost[0], "b": u.learner_cost[1]},
                }
                for u in self.units
            ],
            "totals": None
            if self.totals is None
            else {name: {"a": a, "b": b, "change": b - a} for name, (a, b) in self.totals.items()},
        }


def _names(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Official and course names from a plan's enrollments.csv, where it carries them."""
    table, _ = read_csv(folder / "enrollments.csv", "enrollments")
    officials: dict[str, str] = {}
    courses: dict[str, str] = {}
    if table is None:
        return officials, courses
    for _, values in table.rows:
        if values.get("official_name"):
            officials[values.get("official_id", "")] = values["official_name"]
        if values.get("course_name"):
            courses[values.get("course_id", "")] = values["course_name"]
    return officials, courses


Row = dict[str, str]


def _rows(folder: Path) -> list[Row]:
    """enrollments.csv's rows as read (every column as text)."""
    table, _ = read_csv(folder / "enrollments.csv", "enrollments")
    return [] if table is None else [values for _, values in table.rows]


def _amount(text: str | None) -> float:
    try:
        return float(text or 0)
    except ValueError:
        return 0.0


def _units(rows_a: list[Row], rows_b: list[Row], changes: tuple[Change, ...]) -> list[UnitChange]:
    """Per commune: enrollments, changes, days away and learner cost, in A and in B."""
    unit_of: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in rows_a + rows_b:
        if row.get("unit_id"):
            unit_of[row.get("official_id", "")] = row["unit_id"]
            names[row["unit_id"]] = row.get("unit_name") or row["unit_id"]
    if not unit_of:
        return []
    tally: dict[str, dict[str, float]] = {}

    def add(unit: str, name: str, amount: float) -> None:
        tally.setdefault(unit, {}).setdefault(name, 0.0)
        tally[unit][name] += amount

    for side, rows in (("a", rows_a), ("b", rows_b)):
        for row in rows:
            unit = unit_of.get(row.get("official_id", ""), "")
            add(unit, f"enrollments_{side}", 1)
            add(unit, f"days_{side}", _amount(row.get("away_days")))
            if row.get("paid_by") != "self":  # public money: not a fee the official pays
                add(unit, f"cost_{side}", _amount(row.get("cost_per_learner")))
    for change in changes:
        add(unit_of.get(change.official_id, ""), change.kind, 1)
    found = []
    for unit, t in tally.items():
        if not any(t.get(kind) for kind in ("added", "removed", "moved")):
            continue
        found.append(
            UnitChange(
                unit,
                names.get(unit, unit),
                (int(t.get("enrollments_a", 0)), int(t.get("enrollments_b", 0))),
                int(t.get("added", 0)),
                int(t.get("removed", 0)),
                int(t.get("moved", 0)),
                (t.get("days_a", 0.0), t.get("days_b", 0.0)),
                (t.get("cost_a", 0.0), t.get("cost_b", 0.0)),
            )
        )
    return sorted(found, key=lambda u: (u.unit_name, u.unit_id))


def _totals(document: dict[str, Any]) -> dict[str, float]:
    totals = document.get("totals") or {}
    objective = document.get("objective") or {}
    return {
        "cost": totals.get("cost", 0),
        "away_days": totals.get("away_days", 0),
        "targets_met": totals.get("targets_met", 0),
        "shortfall": objective.get("weighted_shortfall", 0),
        "money": objective.get("money", 0),
    }


def _class_summary(rows: list[ClassRow]) -> tuple[int, int | None, tuple[str, ...]]:
    """How many classes, how many learners (None if a class's size is not given), lecturers."""
    sizes: dict[int, int | None] = {}
    for row in rows:
        sizes.setdefault(row.class_no, row.learners)
    learners = None if None in sizes.values() else sum(v for v in sizes.values() if v is not None)
    lecturers = tuple(sorted({row.lecturer_id for row in rows if row.lecturer_id}))
    return len(sizes), learners, lecturers


def _by_course_year(plan: Plan) -> dict[tuple[str, int], list[ClassRow]]:
    found: dict[tuple[str, int], list[ClassRow]] = {}
    for row in plan.classes:
        found.setdefault((row.course_id, row.year), []).append(row)
    return found


def compare_plans(
    a: Plan,
    b: Plan,
    officials: dict[str, str] | None = None,
    courses: dict[str, str] | None = None,
) -> Comparison:
    """What changed from plan ``a`` to plan ``b`` (names by id, when known)."""
    officials, courses = officials or {}, courses or {}
    years_a: dict[tuple[str, str], int] = {}
    years_b: dict[tuple[str, str], int] = {}
    for plan, years in ((a, years_a), (b, years_b)):
        for e in plan.enrollments:  # sorted: the earliest start of a duplicate wins
            years.setdefault((e.official_id, e.course_id), e.start_year)
    changes = [
        Change(
            official,
            course,
            years_a.get((official, course)),
            years_b.get((official, course)),
            officials.get(official, ""),
            courses.get(course, ""),
        )
        for official, course in sorted(years_a.keys() | years_b.keys())
        if years_a.get((official, course)) != years_b.get((official, course))
    ]
    classes_a, classes_b = _by_course_year(a), _by_course_year(b)
    class_changes = []
    for course, year in sorted(classes_a.keys() | classes_b.keys()):
        before = _class_summary(classes_a.get((course, year), []))
        after = _class_summary(classes_b.get((course, year), []))
        if before != after:
            (count_a, learners_a, lecturers_a), (count_b, learners_b, lecturers_b) = (
                before,
                after,
            )
            class_changes.append(
                ClassChange(
                    course,
                    year,
                    count_a,
                    count_b,
                    learners_a,
                    learners_b,
                    lecturers_a,
                    lecturers_b,
                )
            )
    return Comparison(tuple(changes), tuple(class_changes))


def compare_folders(folder_a: Path, folder_b: Path) -> Comparison:
    """What changed from the plan folder ``folder_a`` to ``folder_b``.

    Raises
    ------
    UnreadablePlan
        When either folder cannot be read as a plan (``planread.read_plan``), naming it.
    """
    plan_a, plan_b = _read(folder_a), _read(folder_b)
    officials_a, courses_a = _names(folder_a)
    officials_b, courses_b = _names(folder_b)
    found = compare_plans(
        plan_a, plan_b, {**officials_a, **officials_b}, {**courses_a, **courses_b}
    )
    units = tuple(_units(_rows(folder_a), _rows(folder_b), found.changes))
    document_a, document_b = plan_document_of(folder_a), plan_document_of(folder_b)
    if document_a is None or document_b is None:
        return Comparison(found.changes, found.classes, None, units)
    totals_a, totals_b = _totals(document_a), _totals(document_b)
    totals = {name: (totals_a[name], totals_b[name]) for name in TOTALS}
    return Comparison(found.changes, found.classes, totals, units)
