"""The rules of docs/SPEC.md, "What a plan must respect": one name each, used everywhere.

A rule's name is the checker's method (``trainplan.checking.checker.Checker.<name>``), the
solver's constraint family (``trainplan.solver`` method or candidate filter ``<name>``), the
catalogue key of a broken rule (``rule.<name>``), of a limit in an infeasibility core
(``limit.<name>``) and of why an enrollment can never be planned (``why.<name>``), and the
name of its caught/kept test pair. Tests hold them to it: ``tests/test_evaluate.py`` (a
checker method and a caught/kept case per rule), ``tests/test_solver_rules.py`` (a constraint
family or candidate filter per rule) and ``tests/test_catalogue.py`` (words per rule).
"""

from __future__ import annotations

from enum import StrEnum


class Rule(StrEnum):
    """A rule a plan must respect; the value is its name everywhere."""

    # references: a plan may only name what the scenario holds
    UNKNOWN_OFFICIAL = "unknown_official"
    UNKNOWN_COURSE = "unknown_course"
    UNKNOWN_LECTURER = "unknown_lecturer"
    # 1. time
    OFFERING = "offering"
    HORIZON = "horizon"
    # 2. levels
    REPEAT = "repeat"
    LEVEL = "level"
    PREREQUISITE = "prerequisite"
    MAX_AGE = "max_age"
    # 3. retirement
    RETIREMENT = "retirement"
    OBLIGATION = "obligation"
    JOINS = "joins"
    LEAVES = "leaves"
    # 4. seats, classes and lecturers
    SEATS = "seats"
    SEAT_SCOPE = "seat_scope"
    CLASSES = "classes"
    CLASS_SIZE = "class_size"
    CLASS_LEARNERS = "class_learners"
    CLASS_ROWS_DISAGREE = "class_rows_disagree"
    CLASS_NOT_INTERNAL = "class_not_internal"
    CLASS_HOURS = "class_hours"
    LECTURER_SUBJECT = "lecturer_subject"
    LECTURER_ACTIVE = "lecturer_active"
    LECTURER_HOURS = "lecturer_hours"
    LECTURER_SCOPE = "lecturer_scope"
    # 5. money
    BUDGET_YEAR = "budget_year"
    BUDGET_TOTAL = "budget_total"
    BUDGET_SCOPE = "budget_scope"
    # 6. continuity
    UNIT_AWAY = "unit_away"
    LEADERS_AWAY = "leaders_away"
    PERSONAL_DAYS = "personal_days"
    # 7. targets
    HARD_TARGET = "hard_target"
    SUCCESSOR = "successor"
    # 8. pins
    PIN_REQUIRE = "pin_require"
    PIN_FORBID = "pin_forbid"
    # re-planning: what started before the as-of year is history, never moved
    HISTORY = "history"

    @property
    def spec(self) -> int | None:
        """The number of the rule in SPEC.md ("What a plan must respect"); None for
        references, which SPEC.md takes for granted."""
        return SPEC_SECTION[self]


SPEC_SECTION: dict[Rule, int | None] = {
    Rule.UNKNOWN_OFFICIAL: None,
    Rule.UNKNOWN_COURSE: None,
    Rule.UNKNOWN_LECTURER: None,
    Rule.OFFERING: 1,
    Rule.HORIZON: 1,
    Rule.REPEAT: 2,
    Rule.LEVEL: 2,
    Rule.PREREQUISITE: 2,
    Rule.MAX_AGE: 2,
    Rule.RETIREMENT: 3,
    Rule.OBLIGATION: 3,
    Rule.JOINS: 3,
    Rule.LEAVES: 3,
    Rule.SEATS: 4,
    Rule.SEAT_SCOPE: 4,
    Rule.CLASSES: 4,
    Rule.CLASS_SIZE: 4,
    Rule.CLASS_LEARNERS: 4,
    Rule.CLASS_ROWS_DISAGREE: 4,
    Rule.CLASS_NOT_INTERNAL: 4,
    Rule.CLASS_HOURS: 4,
    Rule.LECTURER_SUBJECT: 4,
    Rule.LECTURER_ACTIVE: 4,
    Rule.LECTURER_HOURS: 4,
    Rule.LECTURER_SCOPE: 4,
    Rule.BUDGET_YEAR: 5,
    Rule.BUDGET_TOTAL: 5,
    Rule.BUDGET_SCOPE: 5,
    Rule.UNIT_AWAY: 6,
    Rule.LEADERS_AWAY: 6,
    Rule.PERSONAL_DAYS: 6,
    Rule.HARD_TARGET: 7,
    Rule.SUCCESSOR: 7,
    Rule.PIN_REQUIRE: 8,
    Rule.PIN_FORBID: 8,
    Rule.HISTORY: None,
}

PLAN_ONLY: frozenset[Rule] = frozenset(
    {
        Rule.UNKNOWN_OFFICIAL,
        Rule.UNKNOWN_COURSE,
        Rule.UNKNOWN_LECTURER,
        Rule.CLASS_LEARNERS,
        Rule.CLASS_ROWS_DISAGREE,
        Rule.CLASS_NOT_INTERNAL,
    }
)
"""Rules about how a plan folder is written (ids it names, class rows that agree): the
solver's plans keep them by construction (``trainplan.solver.extract``), so they have no
constraint family."""
