"""Rows of ``trainplan init``'s example left among a planner's own rows.

The template's example rows (ids starting ``EX-``) validate and solve on their own, so a
planner who types their officials under them gets a plan that sends real people to example
courses and plans invented people, without a word. Left alone (the untouched template) they
are fine; mixed with the planner's rows they are a warning naming the table and rows.
"""

from __future__ import annotations

from trainplan.models.message import Message
from trainplan.models.problems import Problem, Sources
from trainplan.models.scenario import Scenario

EXAMPLE_PREFIX = "EX-"
"""How the template's example ids start (``trainplan.files.example``)."""

ID_COLUMNS = {
    "units": "unit_id",
    "posts": "post_id",
    "officials": "official_id",
    "courses": "course_id",
    "lecturers": "lecturer_id",
}


def example_rows(scenario: Scenario, sources: Sources) -> list[Problem]:
    """One warning per table holding both example rows and rows of the planner's own."""
    found = []
    for table, column in ID_COLUMNS.items():
        ids = [getattr(record, column) for record in getattr(scenario, table)]
        examples = [index for index, key in enumerate(ids) if key.startswith(EXAMPLE_PREFIX)]
        if examples and len(examples) < len(ids):
            rows = [sources.row(table, index) for index in examples]
            message = Message(
                "input.example_rows_left",
                n=len(examples),
                rows=", ".join(str(row) for row in rows[:8]) + (", …" if len(rows) > 8 else ""),
                prefix=EXAMPLE_PREFIX,
            )
            found.append(sources.at(table, examples[0], column, message))
    return found
