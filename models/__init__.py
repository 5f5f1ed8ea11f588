"""Scenario data, its validation and the plan: everything but the solver (no ortools here)."""

from models.loader import Loaded, Sources, load_scenario, read_scenario
from models.problems import InputError, Problem
from models.retirement import YearMonth, retirement_month
from models.scenario import Course, Official, Scenario, Target

__all__ = [
    "Course",
    "InputError",
    "Loaded",
    "Official",
    "Problem",
    "Scenario",
    "Sources",
    "Target",
    "YearMonth",
    "load_scenario",
    "read_scenario",
    "retirement_month",
]
