"""What ``trainplan explain`` prints: per target, the best reachable, what stops more and the
verified fixes; per official, why they are (not) in the best plan; as lines or as JSON."""

from __future__ import annotations

from typing import Any

from trainplan.models.explanation import (
    STRUCTURAL_KINDS,
    Limit,
    OfficialExplanation,
    TargetExplanation,
)
from trainplan.models.scenario import Scenario
from trainplan.wording import render, say

SHOWN_PER_KIND = 6
"""Limits of one kind listed before the rest are counted (all are in --json)."""


def target_lines(found: TargetExplanation, lang: str) -> list[str]:
    """One target's explanation, as the terminal shows it."""
    lines = [render(found.heading(), lang)]
    if not found.proven:
        lines.append("  " + say("explain.target.unproven", lang, best=found.best_qualified))
    lines.append("  " + say("explain.without_limits", lang, n=found.without_limits))
    if found.met:
        return lines
    structural = [limit for limit in found.limits if limit.kind in STRUCTURAL_KINDS]
    capacity = [limit for limit in found.limits if limit.kind not in STRUCTURAL_KINDS]
    if capacity:
        lines.append("  " + say("explain.limits", lang))
        lines += _grouped(capacity, lang)
    if structural:
        lines.append("  " + say("explain.reasons", lang))
        lines += [f"    - {render(limit.message, lang)}" for limit in structural]
    if found.fixes:
        lines.append("  " + say("explain.fixes", lang))
        for fix in found.fixes:
            words = render(fix.message, lang)
            lines.append(f"    - {words} → {say('explain.reaches', lang, n=fix.best)}")
            lines += [
                "      " + say("explain.together", lang, fix=render(other.message, lang))
                for other in fix.together
            ]
    else:
        lines.append("  " + say("explain.no_fix", lang))
    return lines


def _grouped(limits: list[Limit], lang: str) -> list[str]:
    """The limits, at most ``SHOWN_PER_KIND`` of each kind, the rest counted."""
    lines: list[str] = []
    by_kind: dict[str, list[Limit]] = {}
    for limit in limits:
        by_kind.setdefault(limit.kind, []).append(limit)
    for kind, found in by_kind.items():
        shown = found if len(found) <= SHOWN_PER_KIND + 1 else found[:SHOWN_PER_KIND]
        lines += [f"    - {render(limit.message, lang)}" for limit in shown]
        if len(shown) < len(found):
            more = len(found) - len(shown)
            lines.append("      " + say("explain.more_limits", lang, n=more, kind=kind))
    return lines


def official_lines(found: OfficialExplanation, scenario: Scenario, lang: str) -> list[str]:
    """Why one official is or is not in the best plan."""
    official = scenario.official_by_id[found.official_id]
    who = {"official": found.official_id, "name": official.name}
    lines = []
    if found.in_plan:
        courses = ", ".join(f"{course} {year}" for course, year in found.enrollments)
        lines.append(say("explain.official.in_plan", lang, **who, courses=courses))
    else:
        lines.append(say("explain.official.not_in_plan", lang, **who))
    if found.counts_for:
        lines.append(say("explain.official.counts_for", lang, targets=", ".join(found.counts_for)))
    else:
        lines.append(say("explain.official.counts_for_none", lang))
    if found.open_courses:
        courses = ", ".join(found.open_courses)
        lines.append(say("explain.official.open", lang, courses=courses))
    for course, why in found.closed:
        lines.append("  " + say("explain.official.closed", lang, course=course, why=why))
    lines.append(_verdict(found, lang))
    if not found.proven:
        lines.append(say("explain.official.unproven", lang))
    return lines


def _verdict(found: OfficialExplanation, lang: str) -> str:
    if found.best is None:
        return say("explain.official.no_plan", lang)
    if found.alternative is None:
        if found.in_plan:
            return say("explain.official.needed", lang)
        if found.counts_for:  # forced to qualify for those targets, no valid plan could
            return say("explain.official.cannot_qualify", lang, targets=", ".join(found.counts_for))
        return say("explain.official.none_open", lang)
    if found.tie:
        key = "explain.official.tie_out" if found.in_plan else "explain.official.tie_in"
        return say(key, lang, course=found.alternative_course or "")
    (short, money), (other_short, other_money) = found.best, found.alternative
    side = "out" if found.in_plan else "in"
    course = found.alternative_course or ""
    if other_short != short:
        key = f"explain.official.shortfall_{side}"
        return say(key, lang, shortfall=other_short, was=short, course=course)
    key = f"explain.official.dearer_{side}"
    return say(key, lang, money=other_money - money, course=course)


def explanation_json(targets: list[TargetExplanation], lang: str) -> dict[str, Any]:
    """SPEC.md's ``explain --json``, each limit and fix with its words in ``lang`` too."""
    shown = []
    for found in targets:
        document = found.as_json()
        for limit, said in zip(document["limits"], found.limits, strict=True):
            limit["text"] = render(said.message, lang)
        for fix, made in zip(document["fixes"], found.fixes, strict=True):
            fix["text"] = render(made.message, lang)
        shown.append(document)
    return {"targets": shown}
