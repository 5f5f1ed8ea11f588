"""Why the targets a plan misses are missed, and what would meet them, as rows a committee
reads (the plan's ``explanations``, made by ``trainplan explain`` when ``solve`` missed a
target; plan.json keeps them, so that ``report`` words them again in either language)."""

from __future__ import annotations

from dataclasses import dataclass

from trainplan.models.explanation import STRUCTURAL_KINDS, TargetExplanation
from trainplan.models.message import Message

PARTS = ("limit", "reason", "fix")
"""What a row says: a capacity limit in the way, a reason in the data, a verified fix."""


@dataclass(frozen=True)
class WhyRow:
    """One thing said about a missed target."""

    target_id: str
    year: int
    part: str
    """One of ``PARTS``."""
    words: Message
    reaches: int | None = None
    """For a fix: how many qualify once it is made (verified by solving again)."""


@dataclass(frozen=True)
class WhyTarget:
    """A missed target: its heading, the best any plan reaches without capacity limits, and
    what is said about it, in order: limits, reasons, fixes."""

    target_id: str
    heading: Message
    without_limits: int
    rows: tuple[WhyRow, ...]


def why_targets(explanations: tuple[TargetExplanation, ...]) -> tuple[WhyTarget, ...]:
    """The explanations as the reports show them, in the scenario's order of targets."""
    found = []
    for explained in explanations:
        rows: list[WhyRow] = []
        for limit in explained.limits:
            part = "reason" if limit.kind in STRUCTURAL_KINDS else "limit"
            rows.append(WhyRow(explained.target_id, explained.year, part, limit.message))
        rows.sort(key=lambda row: PARTS.index(row.part))
        for fix in explained.fixes:
            words = fix.message
            for other in fix.together:
                words = Message("explain.together_inline", fix=words, other=other.message)
            rows.append(WhyRow(explained.target_id, explained.year, "fix", words, fix.best))
        found.append(
            WhyTarget(
                explained.target_id, explained.heading(), explained.without_limits, tuple(rows)
            )
        )
    return tuple(found)
