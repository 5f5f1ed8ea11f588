"""Re-planning (SPEC.md, "Version 2 / Re-planning"): the approved baseline and what really
happened, as data.

A re-plan keeps an approved plan (``Replan.baseline``) as far as it can. With an as-of year,
every enrollment that started before it is history (``Replan.history``): taken from
actuals.csv, or, where the actuals are silent about an enrollment, from the baseline. History
is never moved. The solver (``trainplan.solver.replan``) and the checker
(``trainplan.checking.history``) each read this data on their own.

What history means for the rules, in both:

- ``completed`` and ``in_progress`` rows stay in the plan as enrollments: they use seats,
  money, days away and lecturers' hours in the years they span as any enrollment does, and
  grant their level when they complete; the per-enrollment rules (offering, levels, age,
  retirement, obligation, ...) are not asked of them: they happened.
- ``dropped`` and ``failed`` rows are not enrollments of the plan: they spent what they spent
  in the years before the as-of year (counted in ``budget.total``) and grant nothing; the
  official may start the course again.
- The years before the as-of year are over: their capacity limits (seats, classes, lecturers'
  hours, budget per year, days away, leaders away) are not checked again.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Status(StrEnum):
    """What became of an enrollment that started before the as-of year."""

    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    DROPPED = "dropped"
    FAILED = "failed"

    @property
    def stays(self) -> bool:
        """Whether the enrollment stays in the plan (it was, or is being, taken)."""
        return self in (Status.COMPLETED, Status.IN_PROGRESS)


class Source(StrEnum):
    """Where a history row comes from."""

    ACTUALS = "actuals"
    BASELINE = "baseline"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Planned(_Frozen):
    """One enrollment of the approved baseline plan."""

    official_id: str
    course_id: str
    start_year: int

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.official_id, self.course_id, self.start_year)


class Past(_Frozen):
    """One enrollment that started before the as-of year, and what became of it."""

    official_id: str
    course_id: str
    start_year: int
    status: Status
    source: Source

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.official_id, self.course_id, self.start_year)


class PastClass(_Frozen):
    """A class of the baseline: one row per lecturer (``lecturer_id`` blank: none)."""

    course_id: str
    year: int
    class_no: int
    lecturer_id: str
    hours: int


class Replan(_Frozen):
    """A re-plan's baseline and history (``trainplan solve --baseline PLAN [--as-of YEAR]``)."""

    baseline_folder: str = ""
    """The approved plan's folder, as plan.json records it for ``check`` and ``report``."""
    baseline: tuple[Planned, ...] = ()
    """Every enrollment of the approved plan."""
    approved: tuple[Planned, ...] = ()
    """The baseline enrollments the committee approved (also require pins of the scenario)."""
    as_of: int | None = None
    """The first year still to plan; None: every year is still to plan."""
    history: tuple[Past, ...] = ()
    """Every enrollment that started before ``as_of``, with what became of it."""
    classes: tuple[PastClass, ...] = ()
    """The baseline's classes: those of the years that are over keep their lecturers."""

    def past(self, year: int) -> bool:
        """Whether ``year`` is over (before the as-of year)."""
        return self.as_of is not None and year < self.as_of

    @property
    def kept(self) -> frozenset[tuple[str, str, int]]:
        """The history enrollments that stay in the plan (completed or in progress)."""
        return frozenset(row.key for row in self.history if row.status.stays)

    @property
    def future(self) -> tuple[Planned, ...]:
        """The baseline enrollments still to come (starting in or after the as-of year)."""
        return tuple(row for row in self.baseline if not self.past(row.start_year))


class ChangeKind(StrEnum):
    """How a re-plan differs from its baseline, for one (official, course)."""

    ADDED = "added"
    """Not in the baseline; in the re-plan."""
    REMOVED = "removed"
    """In the baseline; not in the re-plan (or dropped out, failed: see the reason)."""
    MOVED = "moved"
    """In both, starting in another year."""
