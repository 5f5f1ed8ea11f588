"""The changes a re-plan makes to its approved baseline, as terminal lines."""

from __future__ import annotations

from trainplan.models.plan import Plan
from trainplan.models.scenario import Scenario
from trainplan.wording import render, say


def change_lines(scenario: Scenario, plan: Plan, lang: str) -> list[str]:
    """A heading with the count, then one line per change with its reason; nothing for a
    plan that re-plans no baseline."""
    if scenario.replan is None:
        return []
    if not plan.changes:
        return [say("terminal.no_changes", lang)]
    happened = sum(1 for change in plan.changes if change.history)
    if happened:  # what happened is not the re-plan's choice: count it apart
        chosen = len(plan.changes) - happened
        lines = [say("terminal.changes_happened", lang, n=chosen, happened=happened)]
    else:
        lines = [say("terminal.changes", lang, n=len(plan.changes))]
    for change in plan.changes:
        lines.append(
            say(
                f"terminal.change.{change.kind}",
                lang,
                official=change.official_id,
                course=change.course_id,
                before=change.before or "",
                after=change.after or "",
                reason=render(change.reason, lang),
            )
        )
    return lines
