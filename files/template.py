"""``trainplan init``: a workbook a planner fills in, so a scenario never starts from YAML.

One sheet per table and the settings sheets (``trainplan.files.workbook``), headers in the
chosen language (the reader accepts them back), an instruction sheet saying what each sheet
and column means, example rows (ids starting ``EX-``) that validate and solve as written, and
drop-down lists for the cells that take one of a few values or an id of another sheet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from trainplan.files.example import Sheet, choice_list, example_sheets
from trainplan.files.folder import workbooks_in
from trainplan.files.headers import INSTRUCTIONS, header_for, sheet_title
from trainplan.files.loader import STATIC_COLUMNS
from trainplan.files.planio import OutputError
from trainplan.files.tables import TABLES
from trainplan.models.message import Message
from trainplan.models.problems import SETTINGS_FILE
from trainplan.wording import say

TEMPLATE = "scenario.xlsx"
HEADER_ROW = 3
"""Row 1 says what the sheet is, row 2 is blank, the header is row 3: the reader finds it."""
LAST_ROW = 1000
"""Rows given drop-down lists."""


def _refusal(folder: Path) -> Message | None:
    """Why ``init`` must not write into ``folder``: it holds a scenario or a workbook."""
    if not folder.exists():
        return None
    if not folder.is_dir():
        return Message("input.template.not_folder")
    held = [path.name for path in workbooks_in(folder)]
    held += [name for name in (SETTINGS_FILE,) if (folder / name).exists()]
    held += [f"{name}.csv" for name in TABLES if (folder / f"{name}.csv").exists()]
    if held:
        return Message("input.template.exists", folder=str(folder), files=", ".join(held))
    return None


def write_template(folder: Path, lang: str = "en", first_year: int | None = None) -> Path:
    """Write the template workbook into ``folder`` (made if need be) and return its path.

    Raises
    ------
    OutputError
        If ``folder`` already holds a workbook or a scenario (nothing is ever overwritten), or
        cannot be written.
    """
    import openpyxl

    refusal = _refusal(folder)
    if refusal is not None:
        raise OutputError(refusal)
    first = first_year or dt.date.today().year + 1
    sheets = example_sheets(lang, first)
    book = openpyxl.Workbook()
    instructions = book.active
    assert instructions is not None
    instructions.title = sheet_title(INSTRUCTIONS, lang)
    places: dict[str, tuple[str, dict[str, str]]] = {}
    for sheet in sheets:
        title = sheet_title(sheet.kind, lang)
        places[sheet.kind] = (title, _fill(book.create_sheet(title), sheet, lang))
    _instructions(instructions, sheets, lang)
    _drop_downs(book, places, sheets, lang)
    path = folder / TEMPLATE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as handle:  # never over a file that appeared meanwhile
            book.save(handle)
    except FileExistsError:
        message = Message("input.template.exists", folder=str(folder), files=path.name)
        raise OutputError(message) from None
    except OSError as error:
        from trainplan.files.errors import os_reason

        raise OutputError(Message("input.template.unwritable", reason=os_reason(error))) from None
    return path


def _fill(sheet: Any, content: Sheet, lang: str) -> dict[str, str]:
    """Write the title, header and example rows; the column letter of each column."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.cell(1, 1, say(f"input.template.title.{content.kind}", lang)).font = Font(bold=True)
    letters: dict[str, str] = {}
    for number, column in enumerate(content.columns, start=1):
        cell = sheet.cell(HEADER_ROW, number, header_for(content.kind, column, lang))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        letters[column] = get_column_letter(number)
        sheet.column_dimensions[letters[column]].width = max(14, len(str(cell.value)) + 4)
    grey = Font(italic=True, color="808080")
    for offset, row in enumerate(content.rows, start=1):
        for number, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(HEADER_ROW + offset, number, value)
            if content.kind not in ("settings", "tracks"):
                cell.font = grey
            if isinstance(value, dt.date):
                cell.number_format = "mm/yyyy"
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    return letters


def _instructions(sheet: Any, sheets: list[Sheet], lang: str) -> None:
    """What each sheet and column means, in ``lang``."""
    from openpyxl.styles import Font

    sheet.cell(1, 1, say("input.template.title.instructions", lang)).font = Font(bold=True)
    sheet.cell(2, 1, say("input.template.how", lang))
    row = 4
    for heading, number in (("sheet", 1), ("column", 2), ("meaning", 3)):
        sheet.cell(row, number, say(f"input.template.heading.{heading}", lang)).font = Font(
            bold=True
        )
    for content in sheets:
        row += 1
        title = sheet_title(content.kind, lang)
        sheet.cell(row, 1, title).font = Font(bold=True)
        sheet.cell(row, 3, say(f"input.template.sheet.{content.kind}", lang))
        if content.kind == "settings":
            continue
        for column in content.columns:
            row += 1
            key = column
            if column.startswith(("std_", "has_", "fields_", "field_")):
                key = column.partition("_")[0] + "_track"
            elif content.kind == "officials" and column not in _STATIC_OFFICIALS:
                key = "track"
            sheet.cell(row, 2, header_for(content.kind, column, lang))
            sheet.cell(row, 3, say(f"input.template.column.{content.kind}.{key}", lang))
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 26
    sheet.column_dimensions["C"].width = 110


_STATIC_OFFICIALS = frozenset(column.header for column in STATIC_COLUMNS["officials"])


def _drop_downs(
    book: Any, places: dict[str, tuple[str, dict[str, str]]], sheets: list[Sheet], lang: str
) -> None:
    """Drop-down lists: ids of other sheets, levels of a track, and the few fixed values."""
    from openpyxl.worksheet.datavalidation import DataValidation

    first, last = HEADER_ROW + 1, LAST_ROW
    booleans = '"có,không"' if lang == "vi" else '"true,false"'

    def ids(kind: str, column: str) -> str:
        title, letters = places[kind]
        letter = letters[column]
        return f"'{title}'!${letter}${first}:${letter}${last}"

    tracks_title, _ = places["tracks"]
    tracks = next(sheet for sheet in sheets if sheet.kind == "tracks")
    levels = {
        row[0]: f"'{tracks_title}'!$B${first + index}:$K${first + index}"
        for index, row in enumerate(tracks.rows)
    }
    lists: dict[str, dict[str, str]] = {
        "officials": {"unit_id": ids("units", "unit_id"), "post_id": ids("posts", "post_id")}
        | {"sex": choice_list(lang, "M", "F"), "successor": booleans, "ethnic_minority": booleans}
        | {"successor_for": ids("posts", "post_id"), "self_funding": booleans}
        | {track: formula for track, formula in levels.items()},
        "posts": {"category": choice_list(lang, "cadre", "civil_servant"), "leadership": booleans}
        | {f"std_{track}": formula for track, formula in levels.items()},
        "courses": {
            "track": ids("tracks", "track"),
            "mode": choice_list(lang, "full_time", "in_service"),
        }
        | {"provider": choice_list(lang, "internal", "external")}
        | {"funding": choice_list(lang, "budget", "self", "other")},
        "offerings": {"course_id": ids("courses", "course_id")},
        "pins": {"official_id": ids("officials", "official_id")}
        | {"course_id": ids("courses", "course_id")}
        | {"action": choice_list(lang, "require", "forbid")},
        "targets": {"category": choice_list(lang, "cadre", "civil_servant"), "leadership": booleans}
        | {"successor": booleans, "sex": choice_list(lang, "M", "F"), "hard": booleans}
        | {"unit": ids("units", "unit_id"), "post": ids("posts", "post_id")}
        | {f"has_{track}": formula for track, formula in levels.items()},
    }
    for kind, columns in lists.items():
        title, letters = places[kind]
        sheet = book[title]
        for column, formula in columns.items():
            if column not in letters:
                continue
            check = DataValidation(type="list", formula1=formula, allow_blank=True)
            check.add(f"{letters[column]}{first}:{letters[column]}{last}")
            sheet.add_data_validation(check)
