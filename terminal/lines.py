"""Lines the command line prints about input, conflicts and failures, in the reader's words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trainplan.checking.checker import Violation
from trainplan.files import Loaded
from trainplan.models.message import Message
from trainplan.models.problems import Problem
from trainplan.wording import LANGUAGES, conflict_lines, problem_text, render, say
from trainplan.wording.catalogue import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from trainplan.solver import Infeasible


def problem_report(problems: Sequence[Problem], path: Path, lang: str) -> list[str]:
    """Why ``path`` was refused: a heading with the count, then one indented line a problem."""
    heading = say("terminal.invalid", lang, n=len(problems), path=path)
    return [heading, *(f"  {problem_text(problem, lang)}" for problem in problems)]


def warning_line(problem: Problem, lang: str) -> str:
    """A problem that does not stop the run (data that is only suspicious)."""
    return say("terminal.warning", lang, problem=problem_text(problem, lang))


def pin_place(loaded: Loaded, index: int, lang: str) -> str:
    """Where pin number ``index`` of the scenario was read: its file and row."""
    sources = loaded.sources
    file, row = sources.files.get("pins", "pins.csv"), sources.row("pins", index)
    return say("terminal.place", lang, file=file, row=row)


def conflict_report(error: Infeasible, loaded: Loaded, lang: str) -> list[str]:
    """Why no plan keeps the hard rules: a heading, then one indented line a conflict, pins
    named by file and row."""
    reasons = conflict_lines(error, lambda index: pin_place(loaded, index, lang), lang)
    return [say("terminal.infeasible", lang), *(f"  {reason}" for reason in reasons)]


def violation_lines(violations: Iterable[Violation], lang: str) -> list[str]:
    """One indented line a broken rule, tagged with the rule's name."""
    return [
        "  " + say("terminal.violation", lang, rule=str(v.rule), message=v.message)
        for v in violations
    ]


def output_problem(error: Exception, lang: str) -> str:
    """Why the plan folder could not be written (``trainplan.files.planio.OutputError``)."""
    message = getattr(error, "message", None)
    what = render(message, lang) if isinstance(message, Message) else str(error)
    return say("terminal.error", lang, problem=what)


def language_of(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language a run asked for (``--lang``, else ``TRAINPLAN_LANG``), for the few lines
    printed outside a command (a Ctrl-C while starting, an internal error)."""
    chosen = environ.get("TRAINPLAN_LANG", DEFAULT_LANGUAGE)
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif word.startswith("--lang="):
            chosen = word.removeprefix("--lang=")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE
