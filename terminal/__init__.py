"""What the command line shows: tables, progress lines and summaries, worded from the
``terminal`` catalogue in the reader's language.

``trainplan.cli`` parses, calls and prints; this package turns results into words and rich
tables. It may import every layer but the solver (it only reads the solver's ``Progress``), so
that a refused run never waits for OR-Tools to load.
"""

from trainplan.terminal.lines import (
    conflict_report,
    language_of,
    output_problem,
    pin_place,
    problem_report,
    violation_lines,
    warning_line,
)
from trainplan.terminal.progress import ProgressPrinter, progress_line
from trainplan.terminal.summaries import grouping, plan_summary, scenario_summary, verdict

__all__ = [
    "ProgressPrinter",
    "conflict_report",
    "grouping",
    "language_of",
    "output_problem",
    "pin_place",
    "plan_summary",
    "problem_report",
    "progress_line",
    "scenario_summary",
    "verdict",
    "violation_lines",
    "warning_line",
]
