"""Scenario and plan data: frozen, validated, with no file reading and no solver here."""

from trainplan.models.problems import InputError, Problem
from trainplan.models.retirement import YearMonth, retirement_month
from trainplan.models.scenario import Course, Official, Scenario, Target

__all__ = [
    "Course",
    "InputError",
    "Official",
    "Problem",
    "Scenario",
    "Target",
    "YearMonth",
    "retirement_month",
]
