"""A plan: who starts which course in which year, the classes and their lecturers, and how it
was found. A plain result object; ``trainplan.checking.checker`` recomputes everything else from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Enrollment:
    """Official ``official_id`` starts ``course_id`` in ``start_year``."""

    official_id: str
    course_id: str
    start_year: int


@dataclass(frozen=True, order=True)
class ClassRow:
    """``hours`` taught by ``lecturer_id`` (blank when nobody teaches) to one class.

    A class taught by several lecturers has one row per lecturer, with the same learners.
    """

    course_id: str
    year: int
    class_no: int
    learners: int
    lecturer_id: str
    hours: int


@dataclass(frozen=True)
class SolverInfo:
    """How a plan was found, so that a committee can reproduce what it approved."""

    status: str
    objective: dict[str, float] = field(default_factory=dict)
    bound: dict[str, float] = field(default_factory=dict)
    gap: float | None = None
    seconds: float = 0.0
    seed: int = 0
    workers: int = 0
    time_limit: float | None = None
    interrupted: bool = False
    reproducible: bool = False
    """Both optima proven and the plan found by the single-threaded search at them: the same
    scenario and seed give this plan again, for any number of workers."""
    parameters: dict[str, Any] = field(default_factory=dict)
    ortools_version: str = ""
    input_hash: str = ""
    stages: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    enrollments: tuple[Enrollment, ...] = ()
    classes: tuple[ClassRow, ...] = ()
    solver: SolverInfo | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "enrollments", tuple(sorted(self.enrollments)))
        object.__setattr__(self, "classes", tuple(sorted(self.classes)))
