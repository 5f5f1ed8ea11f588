"""The succession pool in the reports: each official planned for a post (``successor_for``),
whether the plan readies them for its standard by the congress (``settings.succession``), with
which courses, and what they would still lack — by the checker's own arithmetic
(``trainplan.checking.recount``), as rule ``successor`` judges it."""

from __future__ import annotations

from dataclasses import dataclass

from trainplan.checking.arithmetic import end_year
from trainplan.checking.recount import successor_lacks
from trainplan.models.plan import Enrollment
from trainplan.models.scenario import Scenario


@dataclass(frozen=True)
class SuccessorFigure:
    """One official of the succession pool."""

    official_id: str
    official_name: str
    unit_name: str
    post_name: str
    """The post they hold now."""
    planned_name: str
    """The post they are planned for."""
    year: int
    """The congress year: ready by its end."""
    ready: bool
    courses: str
    """The plan's courses completing by the congress: ``name (start–end)``, joined."""
    lacking: str
    """What they would still lack at the congress (``track level (fields)``), or ""."""


def successor_figures(
    scenario: Scenario, by_official: dict[str, list[Enrollment]]
) -> tuple[SuccessorFigure, ...]:
    """The succession pool, by unit name and official name (none without a congress)."""
    succession = scenario.settings.succession
    if succession is None:
        return ()
    year = succession.year
    found = []
    for official in scenario.officials:
        planned = official.successor_for
        if planned is None or planned not in scenario.post_by_id:
            continue
        post = scenario.post_by_id[planned]
        taken = by_official.get(official.official_id, [])
        lacking = successor_lacks(scenario, official, taken, year)
        courses = []
        for e in sorted(taken, key=lambda e: (e.start_year, e.course_id)):
            course = scenario.course_by_id[e.course_id]
            if end_year(course, e.start_year) <= year:
                courses.append(f"{course.name} ({e.start_year}–{end_year(course, e.start_year)})")
        found.append(
            SuccessorFigure(
                official_id=official.official_id,
                official_name=official.name,
                unit_name=scenario.unit_by_id[official.unit_id].name,
                post_name=scenario.post_of(official).name,
                planned_name=post.name,
                year=year,
                ready=not lacking,
                courses="; ".join(courses),
                lacking=", ".join(lacking),
            )
        )
    return tuple(sorted(found, key=lambda f: (f.unit_name, f.official_name, f.official_id)))
