"""Why officials cannot qualify for a target whatever the capacities: the structural reasons
``trainplan explain`` gives when even a plan with no capacity limit misses a target.

Official by official, for the level they lack: no course grants it (``eligibility``), none in
a field their post accepts (``field``), no course
granting it ends by the target's year (``time``), or else the rule that closes most of the
courses and years that would (``candidates.exclusion``, by kind: ``prerequisite``,
``retirement``, ``obligation``, ``age``, ...); a course open to them whose prerequisite chain
cannot complete in time is ``prerequisite``.
"""

from __future__ import annotations

from collections import Counter

from ortools.sat.python import cp_model

from trainplan.models.explanation import Limit
from trainplan.models.message import LEVEL, Message
from trainplan.models.scenario import Need, Official, Scenario, Target
from trainplan.solver.candidates import Facts, exclusion
from trainplan.solver.variables import Variables

EXAMPLES = 5
"""Officials named for a structural reason (the JSON lists them all)."""
KIND_OF = {
    "why.offering": "time",
    "why.horizon": "time",
    "why.joins": "time",
    "why.prerequisite": "prerequisite",
    "why.retirement": "retirement",
    "why.leaves": "retirement",
    "why.obligation": "obligation",
    "why.max_age": "age",
    "why.pin_forbid": "eligibility",
    "why.level": "eligibility",
    "reason.second_degree": "field",
    "why.personal_days": "personal_days",
    "why.leaders_away": "leaders_away",
}
"""The structural kind of each reason a candidate enrollment is ruled out for."""
ORDER = ("eligibility", "field", "time", "prerequisite", "retirement", "obligation", "age")


def structural(
    scenario: Scenario,
    target: Target,
    variables: Variables,
    solver: cp_model.CpSolver | None,
) -> list[Limit]:
    """Why the officials the best plan with no capacity limit (``solver``'s solution over
    ``variables``) does not qualify cannot be qualified, counted by kind."""
    facts = Facts.of(scenario)
    by_kind: dict[str, list[str]] = {}
    details: dict[str, Counter[Message]] = {}
    for official in scenario.population(target):
        needs = scenario.needs(target, official)
        value = variables.qualified_literal(official.official_id, needs, target.year)
        if isinstance(value, int):
            if value == 1:
                continue
        elif solver is not None and solver.value(value):
            continue
        kind, detail = _reason(facts, official, needs, target.year)
        by_kind.setdefault(kind, []).append(official.official_id)
        details.setdefault(kind, Counter())[detail] += 1
    found = []
    for kind in sorted(by_kind, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER)):
        ids = by_kind[kind]
        detail = details[kind].most_common(1)[0][0]
        words = Message(
            f"explain.structural.{kind}",
            n=len(ids),
            examples=", ".join(ids[:EXAMPLES]) + (", …" if len(ids) > EXAMPLES else ""),
            detail=detail,
            year=target.year,
        )
        shown = {
            "officials": len(ids),
            "official_ids": ids,
            "track": detail.params["track"],
            "level": detail.params["level"],
        }
        found.append(Limit(kind, words, shown))
    return found


def _reason(
    facts: Facts, official: Official, needs: tuple[Need, ...], year: int
) -> tuple[str, Message]:
    """(kind, the level it concerns) of why ``official`` cannot meet ``needs`` by the end of
    ``year``: the first need with no course open to them in time, by what closes the courses
    that would meet it; ``prerequisite`` when each need alone has an open course (a chain
    that cannot complete in time)."""
    scenario = facts.scenario
    fallback: Message | None = None
    for need in needs:
        track, rank = need.track, need.rank
        if need.met_by(scenario.rank(track, official.levels[track]), official.fields.get(track)):
            continue
        courses = [
            c
            for c in scenario.courses
            if c.track == track and need.met_by(scenario.rank(track, c.grants), c.field)
        ]
        held = scenario.settings.tracks[track][rank]
        name = scenario.settings.level_names.get(track, {}).get(held, "")
        level = Message(LEVEL, track=track, level=held, name=name)
        if not courses:
            any_field = any(
                c.track == track and scenario.rank(track, c.grants) >= rank
                for c in scenario.courses
            )
            return ("field" if need.fields is not None and any_field else "eligibility"), level
        in_time = [
            (course, offering.year)
            for course in courses
            for offering in scenario.offerings
            if offering.course_id == course.course_id and course.end_year(offering.year) <= year
        ]
        if not in_time:
            return "time", level
        kinds: Counter[str] = Counter()
        for course, start in in_time:
            why = exclusion(facts, official, course, start)
            if why is None:  # open to them: this need is not what stops them
                break
            kinds[KIND_OF.get(why.key, "eligibility")] += 1
        else:
            kind = max(kinds, key=lambda k: (kinds[k], -ORDER.index(k) if k in ORDER else -99))
            return kind, level
        fallback = fallback or level
    return "prerequisite", fallback or Message(LEVEL, track="", level="", name="")


def successor_reason(facts: Facts, official: Official) -> Message:
    """Why a successor whom no plan can ready by the congress, whatever the capacities, is
    out of reach: the words of ``explain.structural.<kind>`` for one official."""
    scenario = facts.scenario
    succession = scenario.settings.succession
    assert succession is not None
    needs = scenario.successor_needs(official)
    kind, detail = _reason(facts, official, needs, succession.year)
    return Message(
        f"explain.structural.{kind}",
        n=1,
        examples=official.official_id,
        detail=detail,
        year=succession.year,
    )
