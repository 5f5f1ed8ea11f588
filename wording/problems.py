"""Problems with input files in words: "officials.csv row 14, unit_id: no unit 'X12'", or for a
Vietnamese reader "officials.csv dòng 14, cột unit_id: không có đơn vị 'X12'".

The place and the message both come from the ``input`` catalogue, so every language words its
own "row", "line" and "column"; a problem stays one line whatever its values hold.
"""

from __future__ import annotations

from trainplan.models.message import Message
from trainplan.models.problems import Problem, one_line
from trainplan.wording.catalogue import DEFAULT_LANGUAGE, render


def place(problem: Problem) -> Message:
    """Where the problem is: the file, its row (a line of YAML) and its column (a setting)."""
    where: Message | str = problem.file
    yaml = problem.file.endswith(".yaml")
    if problem.row is not None:
        key = "input.place.line" if yaml else "input.place.row"
        where = Message(key, file=problem.file, row=problem.row)
    if problem.column:
        key = "input.place.setting" if yaml else "input.place.column"
        where = Message(key, place=where, column=problem.column)
    return where if isinstance(where, Message) else Message("input.place.file", file=where)


def problem_text(problem: Problem, lang: str = DEFAULT_LANGUAGE) -> str:
    """One problem on one line, for a reader of ``lang``."""
    return one_line(
        render(Message("input.problem", place=place(problem), message=problem.message), lang)
    )
