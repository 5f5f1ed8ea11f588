"""The changes of a re-plan to its approved baseline, as rows a committee reads: names
beside ids, what changed, when (history or re-planned) and why (a ``Message``)."""

from __future__ import annotations

from dataclasses import dataclass

from trainplan.models.message import Message
from trainplan.models.plan import Plan
from trainplan.models.scenario import Scenario


@dataclass(frozen=True)
class ChangeRow:
    """One change of the plan from its approved baseline."""

    official_id: str
    official_name: str
    unit_name: str
    course_id: str
    course_name: str
    kind: str
    """``added``, ``removed`` or ``moved`` (``models.history.ChangeKind``)."""
    before: int | None
    after: int | None
    history: bool
    """Happened before the as-of year (actuals), rather than chosen by the re-plan."""
    reason: Message


def change_rows(scenario: Scenario, plan: Plan) -> tuple[ChangeRow, ...]:
    """The plan's changes, history first, then by unit, official and course name; an id the
    scenario no longer has (a retired official) stands for its name."""
    rows = []
    for change in plan.changes:
        official = scenario.official_by_id.get(change.official_id)
        course = scenario.course_by_id.get(change.course_id)
        unit = scenario.unit_by_id.get(official.unit_id) if official else None
        rows.append(
            ChangeRow(
                official_id=change.official_id,
                official_name=official.name if official else change.official_id,
                unit_name=unit.name if unit else "",
                course_id=change.course_id,
                course_name=course.name if course else change.course_id,
                kind=str(change.kind),
                before=change.before,
                after=change.after,
                history=change.history,
                reason=change.reason,
            )
        )
    rows.sort(key=lambda r: (not r.history, r.unit_name, r.official_name, r.course_name))
    return tuple(rows)
