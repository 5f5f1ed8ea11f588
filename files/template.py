"""``trainplan init``: a workbook a planner fills in, so a scenario never starts from YAML.

One sheet per table and the settings sheets (``trainplan.files.workbook``), headers in the
chosen language (the reader accepts them back), an instruction sheet saying what each sheet
and column means, example rows (ids starting ``EX-``) that validate and solve as written, and
drop-down lists for the cells that take one of a few values or an id of another sheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainplan.files.folder import workbooks_in
from trainplan.files.headers import INSTRUCTIONS, header_for, sheet_title
from trainplan.files.planio import OutputError
from trainplan.files.tables import TABLES
from trainplan.files.workbook import setting_label
from trainplan.models.message import Message
from trainplan.models.problems import SETTINGS_FILE
from trainplan.wording import say

TEMPLATE = "scenario.xlsx"
HEADER_ROW = 3
"""Row 1 says what the sheet is, row 2 is blank, the header is row 3: the reader finds it."""
LAST_ROW = 1000
"""Rows given drop-down lists."""

TRACKS = {
    "en": {
        "degree": ("none", "intermediate", "college", "university"),
        "llct": ("none", "elementary", "intermediate"),
    },
    "vi": {
        "chuyên-môn": ("chưa-có", "trung-cấp", "cao-đẳng", "đại-học"),
        "llct": ("chưa-có", "sơ-cấp", "trung-cấp"),
    },
}
"""The example's tracks, levels lowest first: level names are the planner's own words."""


@dataclass(frozen=True)
class Sheet:
    """One sheet of the template: its kind, columns and example rows."""

    kind: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def _example(lang: str, first: int) -> list[Sheet]:
    """The example scenario: 2 communes, 4 officials, 3 courses, 2 targets, over 5 years."""
    (degree, deg), (llct, pol) = TRACKS[lang].items()
    yes, no = ("có", "không") if lang == "vi" else ("true", "false")
    ex = "(ví dụ)" if lang == "vi" else "(example)"
    std = (f"std_{degree}", f"std_{llct}")
    return [
        Sheet(
            "settings",
            ("setting", "value", "note"),
            tuple(
                (setting_label(name, lang), value, say(f"input.template.setting.{name}", lang))
                for name, value in (
                    ("name", "vi-du" if lang == "vi" else "example"),
                    ("title", f"{ex} {first}–{first + 4}"),
                    ("horizon_first", first),
                    ("horizon_last", first + 4),
                    ("budget.per_year", 100_000_000),
                    ("budget.total", None),
                    ("continuity.working_days", 250),
                    ("continuity.max_away_share", 0.1),
                    ("continuity.max_leaders_away", 1),
                    ("continuity.max_personal_days", 80),
                    ("continuity.day_value", 300_000),
                    ("continuity.leader_factor", 2),
                    ("service_obligation", 2),
                )
            ),
        ),
        Sheet("tracks", ("track", "levels"), ((degree, *deg), (llct, *pol))),
        Sheet(
            "targets",
            (
                "id",
                "year",
                "category",
                "post",
                "unit",
                "leadership",
                "successor",
                "sex",
                f"has_{degree}",
                f"has_{llct}",
                "standard",
                "share",
                "hard",
                "weight",
            ),
            (
                (
                    "EX-leaders-llct",
                    first + 2,
                    None,
                    None,
                    None,
                    yes,
                    None,
                    None,
                    None,
                    None,
                    llct,
                    1,
                    no,
                    1,
                ),
                (
                    "EX-cs-degree",
                    first + 4,
                    "civil_servant",
                    None,
                    None,
                    None,
                    None,
                    None,
                    deg[3],
                    None,
                    None,
                    0.5,
                    no,
                    1,
                ),
            ),
        ),
        Sheet(
            "continuity_years",
            ("year", "max_away_share", "max_leaders_away", "max_personal_days"),
            ((first + 3, 0.05, None, None),),
        ),
        Sheet(
            "units",
            ("unit_id", "name", "district", "province", "class"),
            (
                ("EX-X1", f"{ex} Xã Mẫu Một", "Huyện Mẫu", "Tỉnh Mẫu", "I"),
                ("EX-X2", f"{ex} Xã Mẫu Hai", "Huyện Mẫu", "Tỉnh Mẫu", "II"),
            ),
        ),
        Sheet(
            "posts",
            ("post_id", "name", "category", "leadership", *std),
            (
                ("EX-chair", f"{ex} Chủ tịch UBND xã", "cadre", yes, deg[3], pol[2]),
                ("EX-office", f"{ex} Công chức Văn phòng", "civil_servant", no, deg[3], pol[1]),
            ),
        ),
        Sheet(
            "officials",
            (
                "official_id",
                "name",
                "unit_id",
                "post_id",
                "sex",
                "birth",
                degree,
                llct,
                "successor",
                "ethnic_minority",
            ),
            (
                (
                    "EX-O1",
                    f"{ex} Nguyễn Văn An",
                    "EX-X1",
                    "EX-chair",
                    "M",
                    dt.date(first - 40, 3, 1),
                    deg[3],
                    pol[1],
                    no,
                    no,
                ),
                (
                    "EX-O2",
                    f"{ex} Hoàng Thị Bình",
                    "EX-X1",
                    "EX-office",
                    "F",
                    dt.date(first - 30, 7, 1),
                    deg[2],
                    pol[0],
                    yes,
                    yes,
                ),
                (
                    "EX-O3",
                    f"{ex} Lục Văn Cường",
                    "EX-X2",
                    "EX-chair",
                    "M",
                    dt.date(first - 50, 1, 1),
                    deg[2],
                    pol[2],
                    no,
                    yes,
                ),
                (
                    "EX-O4",
                    f"{ex} Nông Thị Dung",
                    "EX-X2",
                    "EX-office",
                    "F",
                    dt.date(first - 28, 11, 1),
                    deg[1],
                    pol[1],
                    no,
                    no,
                ),
            ),
        ),
        Sheet(
            "courses",
            (
                "course_id",
                "name",
                "track",
                "grants",
                "requires",
                "months",
                "away_days",
                "mode",
                "cost_per_learner",
                "provider",
                "max_age",
                "obligation",
                "class_max",
                "class_min",
                "class_cost",
                "lecturer_hours",
                "subject",
            ),
            (
                (
                    "EX-llct-elem",
                    f"{ex} Sơ cấp LLCT",
                    llct,
                    pol[1],
                    None,
                    3,
                    20,
                    "in_service",
                    1000000,
                    "internal",
                    None,
                    None,
                    40,
                    2,
                    5000000,
                    60,
                    "llct",
                ),
                (
                    "EX-llct-mid",
                    f"{ex} Trung cấp LLCT",
                    llct,
                    pol[2],
                    f"{llct}>={pol[1]}",
                    12,
                    40,
                    "in_service",
                    8000000,
                    "external",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ),
                (
                    "EX-univ",
                    f"{ex} Đại học (vừa làm vừa học)",
                    degree,
                    deg[3],
                    f"{degree}>={deg[2]}",
                    24,
                    60,
                    "in_service",
                    20000000,
                    "external",
                    45,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ),
            ),
        ),
        Sheet(
            "offerings",
            ("course_id", "year", "seats", "classes"),
            (
                ("EX-llct-elem", first, None, 1),
                ("EX-llct-elem", first + 1, None, 1),
                ("EX-llct-mid", first + 1, 2, None),
                ("EX-llct-mid", first + 2, 2, None),
                ("EX-univ", first, 2, None),
                ("EX-univ", first + 1, 2, None),
            ),
        ),
        Sheet(
            "lecturers",
            (
                "lecturer_id",
                "name",
                "subjects",
                "hours_per_year",
                "cost_per_hour",
                "from_year",
                "to_year",
            ),
            (("EX-L1", f"{ex} Trần Văn Giảng", "llct", 200, 150_000, None, None),),
        ),
        Sheet(
            "pins",
            ("official_id", "course_id", "year", "action"),
            (("EX-O1", "EX-llct-mid", first + 1, "forbid"),),
        ),
    ]


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
    sheets = _example(lang, first)
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
            if column.startswith(("std_", "has_")):
                key = column[:4] + "track"
            elif content.kind == "officials" and column not in _STATIC_OFFICIALS:
                key = "track"
            sheet.cell(row, 2, header_for(content.kind, column, lang))
            sheet.cell(row, 3, say(f"input.template.column.{content.kind}.{key}", lang))
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 26
    sheet.column_dimensions["C"].width = 110


_STATIC_OFFICIALS = frozenset(
    ("official_id", "name", "unit_id", "post_id", "sex", "birth", "successor", "ethnic_minority")
)


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
        | {"sex": '"M,F"', "successor": booleans, "ethnic_minority": booleans}
        | {track: formula for track, formula in levels.items()},
        "posts": {"category": '"cadre,civil_servant"', "leadership": booleans}
        | {f"std_{track}": formula for track, formula in levels.items()},
        "courses": {"track": ids("tracks", "track"), "mode": '"full_time,in_service"'}
        | {"provider": '"internal,external"'},
        "offerings": {"course_id": ids("courses", "course_id")},
        "pins": {"official_id": ids("officials", "official_id")}
        | {"course_id": ids("courses", "course_id"), "action": '"require,forbid"'},
        "targets": {"category": '"cadre,civil_servant"', "leadership": booleans}
        | {"successor": booleans, "sex": '"M,F"', "hard": booleans}
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
