"""A plan: who starts which course in which year, the classes and their lecturers, and how it
was found. A plain result object; ``trainplan.checking.checker`` recomputes everything else from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from trainplan.models.explanation import TargetExplanation
from trainplan.models.history import ChangeKind
from trainplan.models.message import Message


class SolveStatus(StrEnum):
    """How far a search got: of one stage, or of the whole plan (``SolverInfo.status``).

    A ``StrEnum`` equals its value, so ``"OPTIMAL"`` is still what plan.json says and what a
    comparison with the plain string finds. The first five are CP-SAT's own status names.
    """

    OPTIMAL = "OPTIMAL"
    """Proven best: for a plan, every optimising stage was proven optimal."""
    FEASIBLE = "FEASIBLE"
    """A valid plan, not proven best (the time limit or a stop came first)."""
    INFEASIBLE = "INFEASIBLE"
    """No plan keeps the hard rules (a stage only: the solver then raises ``Infeasible``)."""
    MODEL_INVALID = "MODEL_INVALID"
    """CP-SAT refused the model (a stage only; the solver validates the model first)."""
    UNKNOWN = "UNKNOWN"
    """No plan found before the time limit or a stop; the plan is empty."""
    HAND_MADE = "HAND_MADE"
    """Not found by the solver: a plan folder written by hand or by another tool."""


class Stage(StrEnum):
    """The searches that find a plan, in the order they run (``SolverInfo.stages``)."""

    TARGETS = "targets"
    """Least weighted shortfall of the soft targets."""
    CHANGES = "changes"
    """Re-planning: fewest changes to the approved baseline at that shortfall."""
    MONEY = "money"
    """Least money at that shortfall (and that number of changes)."""
    REPRODUCE = "reproduce"
    """A single-threaded search at both proven optima, for a reproducible plan."""


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
    learners: int | None
    """None when not given: a hand-made classes.csv may leave the cell blank, and the checker
    then takes a course-year's only class to seat everyone enrolled, or checks several
    classes' sizes together (k x class_min <= learners <= k x class_max)."""
    lecturer_id: str
    hours: int

    def sort_key(self) -> tuple[str, int, int, bool, int, str, int]:
        """Order of rows in a plan (a blank learners cell sorts after a number)."""
        learners = -1 if self.learners is None else self.learners
        return (
            self.course_id,
            self.year,
            self.class_no,
            self.learners is None,
            learners,
            self.lecturer_id,
            self.hours,
        )


@dataclass(frozen=True)
class SolverInfo:
    """How a plan was found, so that a committee can reproduce what it approved."""

    status: SolveStatus
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
    """One ``{"name": Stage, "status": SolveStatus, "seconds": float}`` per search run."""

    def __post_init__(self) -> None:
        # a plain status string (a plan read back from plan.json, say) becomes the enum
        object.__setattr__(self, "status", SolveStatus(self.status))


@dataclass(frozen=True)
class Change:
    """One difference of a re-plan from its approved baseline, and why (a ``Message``)."""

    official_id: str
    course_id: str
    kind: ChangeKind
    before: int | None
    """The baseline's start year; None when added."""
    after: int | None
    """The re-plan's start year; None when removed."""
    reason: Message = field(compare=False)
    history: bool = False
    """Before the as-of year: what happened, not what the re-plan chose."""


@dataclass(frozen=True)
class Plan:
    enrollments: tuple[Enrollment, ...] = ()
    classes: tuple[ClassRow, ...] = ()
    solver: SolverInfo | None = None
    changes: tuple[Change, ...] = ()
    """Re-planning: every difference from the baseline, with its reason."""
    explanations: tuple[TargetExplanation, ...] = ()
    """For each target the plan misses: why, and what would meet it (``trainplan explain``)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "enrollments", tuple(sorted(self.enrollments)))
        object.__setattr__(self, "classes", tuple(sorted(self.classes, key=ClassRow.sort_key)))
