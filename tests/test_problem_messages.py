"""Input problems in words, English or Vietnamese: ``trainplan validate/solve/check --lang vi``.

Every problem is raised as a catalogue key with parameters (``input.*``, in
``wording/locale/<lang>/LC_MESSAGES/input.po``); ``trainplan.wording.problem_text`` words the
place ("officials.csv dòng 14, cột unit_id") and the message ("không có đơn vị 'X12'") for the
reader, with every value carried over unchanged.

The coverage tests break the tiny scenario in every way tests/test_validation.py does, and in
the ways files really break (encodings, workbooks, YAML), and require every problem produced
to be fully keyed (no fallback carrying a library's English) and worded in Vietnamese. One test
renders every ``input.*`` key in both languages with the parameters its producers give.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from test_loader import cp1258, write_workbook
from test_validation import (
    CASES,
    PIN_HEADER,
    add_row,
    both,
    cell,
    remove,
    tiny_copy,
    write_file,
    yaml_insert,
    yaml_line,
)

from trainplan import cli
from trainplan.files import read_scenario
from trainplan.files.errors import pydantic_message, yaml_reason
from trainplan.files.planio import read_plan
from trainplan.models import InputError, Problem
from trainplan.models.message import Message
from trainplan.wording import problem_text, render
from trainplan.wording.catalogue import placeholders, templates

TINY = Path(__file__).parent / "data" / "tiny"

Edit = Callable[[Path], None]


# ---------------------------------------------------------------- more ways to break tiny


def write_bytes(name: str, data: bytes) -> Edit:
    def edit(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return edit


def encoded(name: str, encoding: str) -> Edit:
    """A file re-saved in another encoding (cp1258: Vietnamese Windows; utf-16-le, no BOM)."""

    def edit(folder: Path) -> None:
        text = (TINY / name).read_text(encoding="utf-8-sig").replace("Tiny", "Huyện Bình Gia")
        (folder / name).write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))

    return edit


def as_workbook(change: Callable[[openpyxl.Workbook], None] | None = None) -> Edit:
    """The tables moved into scenario.xlsx (CSV files removed), then ``change`` applied."""

    def edit(folder: Path) -> None:
        write_workbook(folder)
        for csv_file in folder.glob("*.csv"):
            csv_file.unlink()
        if change is not None:
            book = openpyxl.load_workbook(folder / "scenario.xlsx")
            change(book)
            book.save(folder / "scenario.xlsx")

    return edit


def sheet_cell(sheet: str, row: int, column: int, value: object) -> Callable[..., None]:
    def change(book: openpyxl.Workbook) -> None:
        book[sheet].cell(row=row, column=column, value=value)

    return change


def merge(sheet: str, cells: str) -> Callable[..., None]:
    def change(book: openpyxl.Workbook) -> None:
        book[sheet].merge_cells(cells)

    return change


def rename_sheet(old: str, new: str) -> Callable[..., None]:
    def change(book: openpyxl.Workbook) -> None:
        book[old].title = new

    return change


def second_sheet(name: str) -> Callable[..., None]:
    def change(book: openpyxl.Workbook) -> None:
        book.create_sheet(name).append(["unit_id"])

    return change


def yaml_text(text: str) -> Edit:
    return write_file("scenario.yaml", text)


OFFICIALS_HEADER = "official_id,name,unit_id,post_id,sex,birth,degree,llct,successor"

# Broken scenarios beyond tests/test_validation.py: one (or a few) of every kind of message the
# loaders, the workbook reader, the YAML reader and the whole-scenario rules can word.
MORE_CASES = [
    pytest.param(encoded("officials.csv", "cp1258"), id="cp1258"),
    pytest.param(encoded("units.csv", "utf-16-le"), id="utf16-without-bom"),
    pytest.param(encoded("scenario.yaml", "cp1258"), id="yaml-cp1258"),
    pytest.param(encoded("scenario.yaml", "utf-16-le"), id="yaml-utf16-without-bom"),
    pytest.param(write_bytes("posts.csv", b"post_id,name\nchair,\x00x\n"), id="nul-byte"),
    pytest.param(write_bytes("units.csv", b"PK\x03\x04 a workbook"), id="workbook-named-csv"),
    pytest.param(write_bytes("units.csv", b"\xff\xfe\x00\xd8"), id="broken-utf16"),
    pytest.param(write_file("units.csv", "\n\n"), id="blank-lines-only"),
    pytest.param(
        write_file("units.csv", "unit_id,name,district,province,class\n"), id="header-only"
    ),
    pytest.param(
        add_row("officials", 'O5,"Never closed,X1,chair,M,1980-01,none,none,false'),
        id="quote-never-closed",
    ),
    pytest.param(add_row("officials", 'O5,"' + "x" * 140_000 + '\nO6,"Closed",X1'), id="huge-cell"),
    pytest.param(
        cell("officials", 2, "birth", "31/02/1975"),
        id="day-first-date-impossible",
    ),
    pytest.param(cell("officials", 3, "birth", "1970-02-31"), id="iso-date-impossible"),
    pytest.param(cell("officials", 4, "birth", "0000-05"), id="year-zero"),
    pytest.param(
        write_file(
            "officials.csv",
            OFFICIALS_HEADER
            + ",joins,leaves\nO1,An,X1,chair,M,1970-05,none,none,,2019-06,2019-02\n",
        ),
        id="leaves-before-joins",
    ),
    pytest.param(
        write_file(
            "officials.csv",
            OFFICIALS_HEADER
            + ",retires,joins\nO1,An,X1,chair,M,1970-05,none,none,,2019-06,2019-08\n",
        ),
        id="joins-after-retirement",
    ),
    pytest.param(cell("officials", 5, "birth", "2010-01"), id="younger-than-15"),
    pytest.param(cell("courses", 3, "obligation", "lots"), id="obligation-not-a-number"),
    pytest.param(cell("courses", 3, "obligation", "inf"), id="obligation-infinite"),
    pytest.param(cell("courses", 3, "cost_per_learner", "1e20"), id="cost-a-typo"),
    pytest.param(cell("offerings", 4, "seats", "99999999"), id="seats-a-typo"),
    pytest.param(cell("courses", 3, "cost_per_learner", "1" + "0" * 40), id="cost-40-digits"),
    pytest.param(cell("lecturers", 2, "from_year", "3000"), id="lecturer-year-3000"),
    pytest.param(cell("lecturers", 2, "to_year", "1" + "0" * 40), id="lecturer-year-40-digits"),
    pytest.param(cell("courses", 3, "max_age", "0"), id="max-age-zero"),
    pytest.param(cell("courses", 3, "max_age", "200"), id="max-age-200"),
    pytest.param(
        write_file("pins.csv", PIN_HEADER + "O1,llct-adv,2025,require\n"), id="pin-unknown-all"
    ),
    pytest.param(
        both(
            cell("officials", 4, "degree", "college"),
            cell("officials", 4, "llct", "elementary"),
            cell("courses", 3, "requires", "degree>=university; llct>=intermediate"),
        ),
        id="never-starts-two-requirements",
    ),
    # scenario.yaml
    pytest.param(yaml_line(1, "name: a/b"), id="name-not-a-folder"),
    pytest.param(yaml_line(1, 'name: ""'), id="name-empty"),
    pytest.param(yaml_line(1, "name: [1, 2]"), id="name-a-list"),
    pytest.param(yaml_line(3, "horizon: soon"), id="horizon-text"),
    pytest.param(yaml_line(3, "horizon: [2018, 2019, 2020]"), id="horizon-three-years"),
    pytest.param(yaml_line(3, "horizon: [1990, 2030]"), id="horizon-too-long"),
    pytest.param(yaml_line(3, "horizon: [1800, 1801]"), id="horizon-1800"),
    pytest.param(yaml_line(3, "horizon: [twenty, 2020]"), id="horizon-year-text"),
    pytest.param(yaml_line(3, "horizon: [1.0e+300, 2020]"), id="horizon-year-huge"),
    pytest.param(yaml_line(3, "horizon: [1.0e+400, 2020]"), id="horizon-year-infinite"),
    pytest.param(yaml_line(3, "horizon: [2018.5, 2020]"), id="horizon-year-fraction"),
    pytest.param(
        both(yaml_line(4, "tracks: {}"), yaml_line(5, ""), yaml_line(6, "")), id="no-tracks"
    ),
    pytest.param(
        both(yaml_line(4, "tracks: [degree, llct]"), yaml_line(5, ""), yaml_line(6, "")),
        id="tracks-a-list",
    ),
    pytest.param(yaml_line(6, "  llct: [none, none]"), id="level-twice"),
    pytest.param(yaml_line(10, "    who: {category: party}"), id="who-unknown-category"),
    pytest.param(yaml_line(10, "    who: {post: mayor}"), id="who-unknown-post"),
    pytest.param(yaml_line(11, "    has: {degree: phd}"), id="target-unknown-level"),
    pytest.param(yaml_line(13, "    share: half"), id="share-text"),
    pytest.param(yaml_line(13, "    share: .nan"), id="share-nan"),
    pytest.param(yaml_line(12, "    hard: maybe"), id="hard-not-a-boolean"),
    pytest.param(yaml_line(14, "budget: lots"), id="budget-text"),
    pytest.param(yaml_line(14, "budget: {per_year: .nan, total: null}"), id="budget-nan"),
    pytest.param(yaml_line(14, "budget: {per_year: 1e30, total: null}"), id="budget-a-typo"),
    pytest.param(yaml_line(16, "  working_days: 250.5"), id="working-days-fraction"),
    pytest.param(yaml_line(16, "  working_days: many"), id="working-days-text"),
    pytest.param(yaml_line(18, "  max_leaders_away: 9999999"), id="leaders-a-typo"),
    pytest.param(yaml_line(19, "  max_personal_days: 9999999"), id="personal-days-a-typo"),
    pytest.param(
        yaml_insert(21, "  years: {2019: {max_leaders_away: 9999999}, 2030: {}}"),
        id="continuity-year",
    ),
    pytest.param(
        both(yaml_line(15, "continuity: 5"), *(yaml_line(line, "") for line in range(16, 22))),
        id="continuity-a-number",
    ),
    pytest.param(yaml_line(2, "title:\tTiny"), id="yaml-tab"),
    pytest.param(yaml_line(2, "title: 'Tiny"), id="yaml-quote-never-closed"),
    pytest.param(yaml_line(2, "title: *nowhere"), id="yaml-undefined-alias"),
    pytest.param(yaml_line(2, "title: @Tiny"), id="yaml-reserved-character"),
    pytest.param(yaml_line(6, "  llct: [none, elementary}"), id="yaml-bracket-mismatch"),
    pytest.param(yaml_line(10, "    who: {category: cadre"), id="yaml-brace-never-closed"),
    pytest.param(yaml_line(6, " llct: [none, elementary]"), id="yaml-bad-indentation"),
    pytest.param(yaml_line(7, "targets:\n- id: x"), id="yaml-list-not-indented"),
    pytest.param(yaml_line(17, "   max_away_share: 0.10"), id="yaml-colon-in-value"),
    pytest.param(yaml_line(3, "horizon: [!!int twenty, 2020]"), id="yaml-tag-no-int"),
    pytest.param(yaml_line(2, "title: !!timestamp 2018-02-31"), id="yaml-impossible-date"),
    pytest.param(yaml_text("name: tiny\n--- x\n"), id="yaml-two-documents"),
    pytest.param(yaml_text("[" * 5000), id="yaml-too-deep"),
    pytest.param(yaml_line(2, "title: Tiny\x07"), id="yaml-control-character"),
    pytest.param(yaml_text("name: &x tiny\ntitle: &x Tiny\n"), id="yaml-anchor-twice"),
    pytest.param(yaml_line(2, "title: !!foo Tiny"), id="yaml-unknown-tag"),
    pytest.param(yaml_line(2, "? [a, b]\n: c"), id="yaml-list-as-key"),
    pytest.param(yaml_text("just text\n"), id="yaml-a-scalar"),
    pytest.param(
        both(remove("scenario.yaml"), lambda f: (f / "scenario.yaml").mkdir()), id="yaml-a-folder"
    ),
    pytest.param(both(remove("units.csv"), lambda f: (f / "units.csv").mkdir()), id="csv-a-folder"),
    # the workbook
    pytest.param(as_workbook(sheet_cell("courses", 3, 6, "=6*2")), id="xlsx-formula"),
    pytest.param(as_workbook(sheet_cell("offerings", 4, 3, "#REF!")), id="xlsx-excel-error"),
    pytest.param(as_workbook(merge("units", "C2:D3")), id="xlsx-merged"),
    pytest.param(as_workbook(rename_sheet("posts", "chức vụ (2)")), id="xlsx-sheet-missing"),
    pytest.param(as_workbook(second_sheet(" Units ")), id="xlsx-sheet-twice"),
    pytest.param(as_workbook(lambda book: book["units"].delete_rows(1, 10)), id="xlsx-empty-sheet"),
    pytest.param(
        as_workbook(lambda book: book["Officials"].cell(row=2, column=5, value="X")),
        id="xlsx-bad-cell",
    ),
    pytest.param(
        both(as_workbook(), write_bytes("scenario.xlsx", b"\xd0\xcf\x11\xe0old")), id="xls"
    ),
    pytest.param(
        both(as_workbook(), write_bytes("scenario.xlsx", b"not a zip")), id="xlsx-not-a-zip"
    ),
]


def problems_after(tmp_path: Path, edit: Edit) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read_scenario(tiny_copy(tmp_path, edit))
    return caught.value.problems


FALLBACKS = {
    "input.text",
    "input.pydantic",
    "input.pydantic.value_error",
    "input.os.other",
    "input.csv.error",
    "input.xlsx.error",
    "input.yaml.reason.text",
    "input.yaml.context.text",
}
"""Keys that carry a library's own (English) words as a parameter: a last resort."""

ENGLISH = re.compile(
    r"\b(row|line|column|is|are|not|must|should|and|or|the|a|an|cannot|missing|blank|found|"
    r"expected|while|got|but|has|have|needs|no)\b",
    re.IGNORECASE,
)
"""English words no Vietnamese sentence of trainplan holds (identifiers such as class_min,
CSV, YAML or 'Save as' aside)."""


UNFILLED = re.compile(r"\{\w+(:n0?)?\}")
"""A template field left unfilled."""


def leaves(message: Message) -> list[tuple[str, Any]]:
    """Every (key, parameter value) of a message and of the messages inside it."""
    found: list[tuple[str, Any]] = []
    for value in message.params.values():
        if isinstance(value, Message):
            found += leaves(value)
        else:
            found.append((message.key, value))
    return found


def keys_of(message: Message) -> set[str]:
    inner = [keys_of(v) for v in message.params.values() if isinstance(v, Message)]
    return {message.key}.union(*inner)


def masked(message: Message) -> Message:
    """``message`` with every text parameter replaced by a neutral value (names, cells and
    values a planner typed may be English words; the template must not be)."""
    return Message(
        message.key,
        **{
            name: masked(value)
            if isinstance(value, Message)
            else "X"
            if isinstance(value, str)
            else value
            for name, value in message.params.items()
        },
    )


def assert_in_vietnamese(problems: list[Problem]) -> None:
    """Every problem is keyed, worded in Vietnamese with its values kept, its place too."""
    assert problems
    for problem in problems:
        english = problem_text(problem, "en")
        vietnamese = problem_text(problem, "vi")
        assert vietnamese != english
        fallback = keys_of(problem.message) & FALLBACKS
        assert not fallback, f"{english!r} is worded by a library: {fallback}"
        assert " row " not in vietnamese and " line " not in vietnamese
        assert not UNFILLED.search(vietnamese) and not UNFILLED.search(english), vietnamese
        words = render(masked(problem.message), "vi")
        assert not ENGLISH.search(words), f"English in {words!r} ({problem.message!r})"
        for key, value in leaves(problem.message):
            assert key != "input.pydantic.literal_error", (
                f"choices left in pydantic's words: {value}"
            )
            if isinstance(value, str):
                shown = (
                    value.encode("unicode_escape").decode() if not value.isprintable() else value
                )
                assert value in vietnamese or shown in vietnamese, (value, vietnamese)


@pytest.mark.parametrize("edit", [pytest.param(c.values[0], id=c.id) for c in CASES])
def test_every_validation_case_reads_in_vietnamese(tmp_path: Path, edit: Edit) -> None:
    """Each broken scenario of tests/test_validation.py: all its problems in Vietnamese."""
    assert_in_vietnamese(problems_after(tmp_path, edit))


@pytest.mark.parametrize("edit", MORE_CASES)
def test_every_kind_of_broken_file_reads_in_vietnamese(tmp_path: Path, edit: Edit) -> None:
    """Encodings, workbooks, YAML, magnitudes, names: all their problems in Vietnamese."""
    assert_in_vietnamese(problems_after(tmp_path, edit))


def test_plan_folder_problems_read_in_vietnamese(tmp_path: Path) -> None:
    """``check``'s own problems with a hand-made plan folder."""
    problems: list[Problem] = []
    for name, files in {
        "nowhere": None,
        "empty": {},
        "bad": {
            "enrollments.csv": "official_id,course_id,start_year\nO1,deg-college,\nO2,x,20l8\n",
            "classes.csv": "course_id,year,class_no,learners,hours\nllct-elem,2018,1,ten,80\n",
        },
    }.items():
        folder = tmp_path / name
        if files is not None:
            folder.mkdir()
            for file, text in files.items():
                (folder / file).write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_plan(folder)
        problems += caught.value.problems
    assert len(problems) >= 5
    assert_in_vietnamese(problems)


def with_notes_column(folder: Path) -> None:
    """A planner's own column of notes in units.csv: read with a warning."""
    path = folder / "units.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace("class\n", "class,ghi chú\n", 1), encoding="utf-8")


def test_unknown_column_warning_reads_in_vietnamese(tmp_path: Path) -> None:
    folder = tiny_copy(tmp_path, with_notes_column)
    warnings = read_scenario(folder).warnings
    assert warnings == [Problem("units.csv", 1, "ghi chú", Message("input.unknown_column"))]
    assert_in_vietnamese(warnings)


# ---------------------------------------------------------------- every key, in both languages

HINT = Message("input.hint.csv")
NUMBER = Message("input.number", value=1_000_000)
PARAMS: dict[str, dict[str, Any]] = {
    "input.binary_file": {"hint": HINT},
    "input.course.class_min_above_max": {"low": 50, "high": 40},
    "input.course.internal_needs": {"fields": "class_cost, subject"},
    "input.csv.error": {"text": "line contains NUL"},
    "input.csv.field_too_large": {"limit": 131072},
    "input.csv.unreadable": {"reason": Message("input.csv.field_too_large", limit=131072)},
    "input.date.year": {"year": 0},
    "input.duplicate": {"key": "O1", "row": 5},
    "input.file_missing": {"folder": "/data/Bình Gia"},
    "input.given": {"message": Message("input.pydantic.greater_than", gt=0), "value": "-24"},
    "input.horizon.reversed": {"first": 2020, "last": 2018},
    "input.horizon.too_long": {"years": 30},
    "input.horizon.years": {"low": 1900, "high": 2200},
    "input.lecturer.years_reversed": {"first": 2020, "last": 2019},
    "input.list.and": {"first": "degree>=university", "second": "llct>=elementary"},
    "input.list.comma": {"first": "'a'", "second": "'b'"},
    "input.list.or": {"first": Message("input.choice.M"), "second": Message("input.choice.F")},
    "input.lowest_level": {"level": "none"},
    "input.month.out_of_range": {"value": "1975-13", "month": 13, "low": 1, "high": 12},
    "input.needs_classes": {"course": "llct-elem"},
    "input.needs_seats": {"course": "llct-mid"},
    "input.never_starts": {
        "course": "llct-mid",
        "requirements": Message("input.list.and", first="degree>=university", second="llct>=x"),
    },
    "input.no_course": {"id": "llct-adv"},
    "input.no_lecturer": {"subject": "qpan", "course": "llct-elem"},
    "input.no_level": {"track": "degree", "level": "phd", "levels": "none, college"},
    "input.no_official": {"id": "O9"},
    "input.no_post": {"id": "mayor"},
    "input.no_track": {"track": "skills", "tracks": "degree, llct"},
    "input.no_track.short": {"track": "lcct"},
    "input.no_unit": {"id": "X12"},
    "input.not_a_date": {"value": "1970-02-31", "reason": Message("input.date.day")},
    "input.not_a_date.day_first": {"value": "31/02/1975", "reason": Message("input.date.month")},
    "input.not_a_folder_name": {"name": "a/b"},
    "input.not_a_month": {"value": "May 1985", "example": "1975-03"},
    "input.not_a_number": {"value": "lots"},
    "input.not_a_year": {"value": Message("input.number", value=3000), "low": 1900, "high": 2200},
    "input.not_finite": {"value": "inf"},
    "input.not_offered": {"course": "llct-mid", "year": 2018},
    "input.not_requirement": {"value": "llct > elementary"},
    "input.not_true_or_false": {"value": "maybe"},
    "input.not_utf8": {"byte": "0xE0", "hint": HINT},
    "input.not_whole_number": {"value": "1.5"},
    "input.number": {"value": 1_000_000},
    "input.number.digits": {"digits": 41},
    "input.os.other": {"text": "Disk on fire"},
    "input.output.cannot_create": {"folder": "plans", "reason": Message("input.os.read_only")},
    "input.output.cannot_write": {"folder": "plans", "reason": Message("input.os.no_space")},
    "input.output.not_written": {"folder": "plans/tiny", "reason": Message("input.os.permission")},
    "input.output.busy": {"folder": "plans/tiny", "parent": "plans"},
    "input.example_rows_left": {"n": 2, "rows": "4, 5", "prefix": "EX-"},
    "input.output.is_scenario": {"folder": "scenarios/tiny"},
    "input.output.holds_scenario": {"folder": "scenarios", "scenario": "scenarios/tiny"},
    "input.output.is_file": {"folder": "plans/tiny.docx"},
    "input.output.not_plan": {"folder": "plans/tiny", "file": "notes.docx"},
    "input.output.previous_taken": {"folder": "plans/tiny", "previous": "plans/tiny.previous"},
    "input.outside_horizon": {"year": 2025, "first": 2018, "last": 2022},
    "input.place.column": {"place": Message("input.place.row", file="a.csv", row=2), "column": "x"},
    "input.place.file": {"file": "units.csv"},
    "input.place.line": {"file": "scenario.yaml", "row": 7},
    "input.place.row": {"file": "units.csv", "row": 2},
    "input.place.setting": {"place": Message("input.place.file", file="s.yaml"), "column": "name"},
    "input.problem": {
        "place": Message("input.place.row", file="units.csv", row=2),
        "message": Message("input.blank"),
    },
    "input.pydantic": {"text": "Input should be a valid UUID"},
    "input.pydantic.greater_than": {"gt": 0},
    "input.pydantic.greater_than_equal": {"ge": 0},
    "input.pydantic.less_than": {"lt": 3},
    "input.pydantic.less_than_equal": {"le": 1_000_000.0},
    "input.pydantic.literal_error": {
        "expected": Message("input.list.or", first="'a'", second="'b'")
    },
    "input.pydantic.string_too_long": {"n": 3},
    "input.pydantic.string_too_short": {"n": 1},
    "input.pydantic.too_long": {"max_length": 2, "actual_length": 3},
    "input.pydantic.too_short": {"min_length": 2, "actual_length": 1},
    "input.pydantic.value_error": {"text": "odd"},
    "input.retired_before_horizon": {"month": "2015-06"},
    "input.retires_before_horizon": {"month": "2015-06"},
    "input.leaves_before_horizon": {"month": "2015-06"},
    "input.joins_after_horizon": {"month": "2031-01"},
    "input.leaves_before_joins": {"leaves": "2019-02", "joins": "2019-06"},
    "input.joins_after_retirement": {"joins": "2019-08", "retirement": "2019-06"},
    "input.table_missing": {"table": "officials", "workbook": "scenario.xlsx"},
    "input.target.duplicate_id": {"id": "cadres-2020", "line": 8},
    "input.target.nobody": {"target": "cadres-2020", "year": 2020},
    "input.text": {"text": "plans/x: cannot write here"},
    "input.too_large": {"value": NUMBER, "limit": NUMBER, "unit": Message("input.unit.VND")},
    "input.too_many_cells": {"cells": 10, "header": 9},
    "input.too_young": {"birth": "2010-01", "age": 15},
    "input.track.level_twice": {"track": "llct"},
    "input.track.too_few_levels": {"track": "llct"},
    "input.unreadable": {"reason": Message("input.os.is_a_directory")},
    "input.utf16_without_bom": {"hint": Message("input.hint.text")},
    "input.xlsx.error": {"text": "KeyError: 'xl/workbook.xml'"},
    "input.xlsx.excel_error": {"error": "#DIV/0!"},
    "input.xlsx.formula": {"formula": "=SUM(B2:B3)"},
    "input.xlsx.merged": {"cells": "C2:D3"},
    "input.xlsx.no_sheet": {"table": "posts", "sheets": "units, courses"},
    "input.xlsx.sheet_twice": {"table": "units", "first": "units", "second": "UNITS"},
    "input.xlsx.unreadable": {"reason": Message("input.xlsx.not_zip")},
    "input.xlsx_and_csv": {"workbook": "scenario.xlsx", "files": "units.csv, pins.csv"},
    "input.yaml.character": {"code": "#x0007"},
    "input.yaml.context.text": {"text": "while scanning a URI"},
    "input.yaml.duplicate_anchor": {"anchor": "'x'", "line": 1},
    "input.yaml.invalid": {"reason": Message("input.yaml.reason.colon")},
    "input.yaml.invalid_in": {
        "reason": Message("input.yaml.reason.end_of_stream"),
        "context": Message("input.yaml.context.quoted"),
        "line": 2,
    },
    "input.yaml.key_twice": {"key": "title", "line": 1},
    "input.yaml.reason.text": {"text": "expected URI, but found '%'"},
    "input.yaml.two_documents": {"line": 1},
    "input.yaml.unreadable": {"value": "'x'", "tag": "tag:yaml.org,2002:binary"},
    "input.yaml.unreadable_as": {"value": "'abc'", "kind": Message("input.yaml.kind.float")},
    "input.year.out_of_range": {"value": "0000-05", "year": 0, "low": 1900, "high": 2100},
    # Vietnamese conventions, messages a planner can act on (tests/test_conventions.py)
    "input.not_choice": {"value": "Nam giới", "write": Message("input.write.sex")},
    "input.share.above_one": {"value": 60, "fraction": 0.6},
    "input.share.unreadable": {"value": "sáu mươi"},
    "input.amount.unreadable": {"value": "nhiều"},
    "input.amount.small": {"value": 250},
    "input.level_names.no_track": {"track": "skills"},
    "input.level_names.no_level": {"track": "degree", "level": "phd", "levels": "none, college"},
    "input.level_names.clash": {"track": "degree", "name": "Trung cấp"},
    "input.target.named": {"target": "cadres-2020", "message": Message("input.no_unit", id="X")},
    "input.on_rows": {"n": 30, "rows": "2, 3, 4, …", "message": Message("input.blank")},
    "input.on_rows.like": {
        "n": 30,
        "rows": "2, 3, 4, …",
        "row": 2,
        "message": Message("input.not_a_month", value="May 1985", example="1975-03"),
    },
    # the workbook as planners keep it (files/sheets.py, files/workbook.py, files/template.py)
    "input.xlsx.unknown_sheet": {"sheet": "units (2)"},
    "input.xlsx.hidden_rows": {"table": "officials", "rows": "14, 15", "n": 2},
    "input.xlsx.two_workbooks": {"workbooks": "a.xlsx, b.xlsx", "n": 2},
    "input.sheet.not_a_horizon": {"value": "2018"},
    "input.sheet.unknown_setting": {"setting": "budget", "known": "name, title"},
    "input.sheet.setting_twice": {"setting": "name", "row": 4},
    "input.sheet.setting_missing": {"setting": "name"},
    "input.sheet.missing": {"sheet": "tracks"},
    "input.sheet.settings_twice": {"sheets": "settings", "workbook": "scenario.xlsx"},
    "input.sheet.no_settings": {"workbook": "scenario.xlsx"},
    "input.template.exists": {"folder": "d", "files": "scenario.xlsx"},
    "input.template.unwritable": {"reason": Message("input.os.permission")},
}
"""Parameters for each key that takes some, as its producer gives them."""
PARAMS.update(  # trainplan sweep (models/whatif.py, files/sweepio.py)
    {
        "input.output.not_sweep": {"folder": "sweeps/seats", "file": "notes.docx"},
        "input.vary.shape": {"text": "budget.per_year=1:2"},
        "input.vary.steps": {"setting": "budget.per_year", "steps": "0"},
        "input.vary.not_whole": {"setting": "budget.per_year", "value": 0.5},
        "input.vary.unknown": {"setting": "budget.per_day"},
        "input.vary.no_year": {"setting": "continuity.years.2030.max_away_share", "year": 2030},
        "input.vary.no_target": {"setting": "targets.t.share", "target": "t"},
        "input.vary.no_course": {"setting": "offerings.c.2020.seats", "course": "c"},
        "input.vary.seats_of_internal": {"setting": "offerings.c.2020.seats", "course": "c"},
        "input.vary.classes_external": {"setting": "offerings.c.2020.classes", "course": "c"},
        "input.vary.no_offering": {
            "setting": "offerings.c.2021.seats",
            "course": "c",
            "year": 2021,
        },
        "input.vary.bad_value": {"setting": "targets.t.share", "value": 2},
        "input.vary.how_many": {"most": 2},
        "input.vary.twice": {"setting": "budget.per_year"},
        "input.vary.too_many": {"n": 10000, "most": 400},
    }
)
PARAMS.update(  # scopes (checking/validate.py)
    {
        "input.no_scope": {"scope": "P09"},
        "input.scope.no_provinces": {"scope": "P01", "n": 30},
        "input.scope.nested": {"scope": "P01"},
        "input.by_province.no_province": {"unit": "P01-D01-U001"},
    }
)
PARAMS.update(  # successors (checking/validate.py), the actuals sheet (files/replan.py)
    {
        "input.successor.no_congress": {"post": "chair"},
        "input.actuals.twice_kept": {"sheet": "scenario.xlsx [Đã diễn ra]"},
        "input.slip.field_nowhere": {"fields": "luat", "track": "degree"},
        "input.slip.field_blank": {"n": 2, "track": "degree", "rows": "3, 5"},
        "input.slip.self_funding_unused": {"n": 1},
        "input.no_unit_by_name": {"id": "Xã Hồng Thái", "code": "X1"},
        "input.no_post_by_name": {"id": "Chủ tịch UBND", "code": "chair"},
        "input.successor.too_late": {
            "post": "chair",
            "year": 2025,
            "last": "2029-06",
            "left": 42,
            "months": 60,
        },
    }
)
PARAMS.update(  # re-planning (files/replan.py)
    {
        "input.actuals.status": {"value": "finished", "allowed": "completed, in_progress"},
        "input.actuals.after_as_of": {"year": 2021, "as_of": 2020},
        "input.actuals.not_over": {"end": 2020, "as_of": 2020},
        "input.actuals.over": {"end": 2018, "as_of": 2020},
        "input.as_of.outside": {"year": 2030, "first": 2018, "last": 2022},
        "input.approval_unclear": {"value": "xem lại"},
    }
)
for _key in [key for key in templates("en") if key.startswith("input.yaml.reason.")]:
    PARAMS.setdefault(_key, {"found": Message("input.yaml.token.stream_end")})


def input_keys(lang: str) -> set[str]:
    return {key for key in templates(lang) if key.startswith("input.")}


def test_both_languages_have_the_same_input_keys() -> None:
    assert input_keys("en") == input_keys("vi")
    assert len(input_keys("en")) > 150


@pytest.mark.parametrize("key", sorted(input_keys("en")))
def test_every_input_key_renders_in_both_languages(key: str) -> None:
    """Strict words: a key or parameter missing in either language fails here; no field is
    left unfilled; the Vietnamese holds no English word of its own."""
    params = PARAMS.get(key, {})
    wanted = set().union(*(placeholders(t) for t in templates("en")[key] + templates("vi")[key]))
    assert wanted <= set(params), f"{key}: no sample for {wanted - set(params)}"
    message = Message(key, **params)
    english, vietnamese = render(message, "en"), render(message, "vi")
    literal_braces = any(
        "{{" in t or "}}" in t for t in templates("en")[key] + templates("vi")[key]
    )
    for text in (english, vietnamese):
        assert text
        assert literal_braces or ("{" not in text and "}" not in text), text
    assert not ENGLISH.search(render(masked(message), "vi")), vietnamese
    if key not in FALLBACKS and not key.startswith(("input.place.", "input.list.comma")):
        assert english != vietnamese or key in SAME_IN_BOTH, (key, english)


SAME_IN_BOTH = {"input.problem", "input.number", "input.choice.internal"}
"""Keys worded alike in both languages (a place, a number)."""


# ---------------------------------------------------------------- messages, word for word

EXAMPLES = [
    (Message("input.no_unit", id="X12"), "no unit 'X12'", "không có đơn vị 'X12'"),
    (
        Message("input.binary_file", hint=Message("input.hint.csv")),
        "is a workbook or other binary file, not text; in Excel choose 'Save as: CSV UTF-8'",
        "là tệp bảng tính hoặc tệp nhị phân khác, không phải tệp văn bản; trong Excel hãy "
        "chọn 'Lưu dưới dạng: CSV UTF-8'",
    ),
    (
        Message("input.unreadable", reason=Message("input.os.is_a_directory")),
        "cannot be read: Is a directory",
        "không đọc được: đây là một thư mục",
    ),
    (
        Message("input.csv.unreadable", reason=Message("input.csv.field_too_large", limit=131072)),
        "cannot be read as CSV from here (field larger than field limit (131072)); is a quote "
        '(") left open?',
        "từ đây không đọc được theo dạng CSV (ô dài quá giới hạn 131072 ký tự); có dấu nháy "
        'kép (") nào chưa đóng không?',
    ),
    (
        Message("input.too_many_cells", cells=10, header=9),
        "has 10 cells but the header has 9",
        "có 10 ô nhưng dòng tiêu đề chỉ có 9 cột",
    ),
    (
        Message(
            "input.yaml.invalid_in",
            reason=Message("input.yaml.reason.flow_sequence", found="':'"),
            context=Message("input.yaml.context.flow_sequence"),
            line=3,
        ),
        "is not valid YAML: expected ',' or ']', but got ':' (while reading a list in [ ] that "
        "starts on line 3)",
        "không phải YAML hợp lệ: cần ',' hoặc ']' nhưng gặp ':' (khi đọc danh sách [ ] bắt "
        "đầu từ dòng 3)",
    ),
    (
        Message(
            "input.yaml.invalid",
            reason=Message("input.yaml.reason.node", found=Message("input.yaml.token.stream_end")),
        ),
        "is not valid YAML: expected the node content, but found '<stream end>'",
        "không phải YAML hợp lệ: cần một giá trị nhưng gặp cuối tệp",
    ),
    (
        Message(
            "input.yaml.invalid",
            reason=Message("input.yaml.reason.flow_mapping", found="']'"),
        ),
        "is not valid YAML: expected ',' or '}', but got ']'",
        "không phải YAML hợp lệ: cần ',' hoặc '}' nhưng gặp ']'",
    ),
    (
        Message("input.not_a_date.day_first", value="31/02/1975", reason=Message("input.date.day")),
        "'31/02/1975' is not a date (day/month/year): day is out of range for month",
        "'31/02/1975' không phải ngày hợp lệ (ngày/tháng/năm): tháng đó không có ngày này",
    ),
    (
        Message("input.month.out_of_range", value="1975-13", month=13, low=1, high=12),
        "'1975-13': month 13 is not between 1 and 12",
        "'1975-13': tháng 13 không nằm trong khoảng từ 1 đến 12",
    ),
    (
        Message(
            "input.never_starts",
            course="llct-mid",
            requirements=Message(
                "input.list.and", first="degree>=university", second="llct>=elementary"
            ),
        ),
        "course llct-mid can never start: no official holds degree>=university and "
        "llct>=elementary and no course that can start grants it",
        "khóa llct-mid không bao giờ mở được: chưa cán bộ nào đạt degree>=university và "
        "llct>=elementary và không khóa học nào mở được cấp trình độ này",
    ),
    (
        Message(
            "input.too_large",
            value=Message("input.number", value=10**20),
            limit=Message("input.number", value=10**15),
            unit=Message("input.unit.VND"),
        ),
        "100,000,000,000,000,000,000 is more than 1,000,000,000,000,000 VND; is it a typo?",
        "100.000.000.000.000.000.000 lớn hơn 1.000.000.000.000.000 đồng; có phải gõ nhầm không?",
    ),
    (
        Message(
            "input.too_large",
            value=Message("input.number.digits", digits=41),
            limit=Message("input.number", value=10**6),
            unit=Message("input.unit.learners"),
        ),
        "a number of about 41 digits is more than 1,000,000 learners; is it a typo?",
        "một số có khoảng 41 chữ số lớn hơn 1.000.000 học viên; có phải gõ nhầm không?",
    ),
    (
        Message(
            "input.given",
            message=Message("input.pydantic.greater_than_equal", ge=0),
            value="-1",
        ),
        "must be greater than or equal to 0 (got -1)",
        "phải lớn hơn hoặc bằng 0 (đang ghi: -1)",
    ),
    (
        Message("input.pydantic.string_too_short", n=1),
        "must not be empty",
        "phải có ít nhất 1 ký tự (không được để trống)",
    ),
    (
        Message("input.pydantic.string_too_short", n=3),
        "must have at least 3 characters",
        "phải có ít nhất 3 ký tự (không được để trống)",
    ),
]


@pytest.mark.parametrize(("message", "english", "vietnamese"), EXAMPLES)
def test_words(message: Message, english: str, vietnamese: str) -> None:
    assert render(message, "en") == english
    assert render(message, "vi") == vietnamese


# ---------------------------------------------------------------- pydantic and PyYAML, keyed


def error_of(model: type, data: dict[str, Any]) -> dict[str, Any]:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)  # type: ignore[attr-defined]
    return dict(caught.value.errors()[0])


def test_pydantic_errors_are_keyed_by_type_and_context() -> None:
    from trainplan.models.scenario import Offering, Pin, Target

    pin = {"official_id": "O1", "course_id": "c", "year": 2020, "action": "maybe"}
    message = pydantic_message(error_of(Pin, pin))
    assert message == Message(
        "input.given",
        message=Message(
            "input.pydantic.literal_error",
            expected=Message(
                "input.list.or",
                first=Message("input.choice.require"),
                second=Message("input.choice.forbid"),
            ),
        ),
        value="'maybe'",
    )
    assert render(message, "en") == "must be 'require' or 'forbid' (got 'maybe')"
    assert render(message, "vi") == (
        "phải là 'require' (bắt buộc học) hoặc 'forbid' (không được học) (đang ghi: 'maybe')"
    )
    target = {"id": "t", "year": 2020, "share": 1.5}
    message = pydantic_message(error_of(Target, target))
    assert message.key == "input.given"
    assert message.params["message"] == Message("input.pydantic.less_than_equal", le=1.0)
    offering = {"course_id": "c", "year": 2020, "seats": -(10**40)}
    huge = pydantic_message(error_of(Offering, offering))
    assert render(huge, "vi").endswith("(đang ghi: một số có khoảng 41 chữ số)")


def test_the_models_english_fallbacks_are_the_catalogues() -> None:
    """The rules the models check carry an English fallback for pydantic: the catalogue's."""
    from trainplan.models.scenario import RULES

    assert RULES
    for key, english in RULES.items():
        assert templates("en")[key] == (english,), key


def test_a_pydantic_error_with_no_key_keeps_pydantic_words() -> None:
    """A type no catalogue knows yet: pydantic's own sentence, and the value, not a crash."""
    item = {"type": "uuid_parsing", "msg": "Input should be a valid UUID", "input": "x"}
    message = pydantic_message(item)
    assert render(message, "en") == "Input should be a valid UUID (got 'x')"
    assert render(message, "vi") == "Input should be a valid UUID (đang ghi: 'x')"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mapping values are not allowed here", Message("input.yaml.reason.colon")),
        (
            "found character '\\t' that cannot start any token",
            Message("input.yaml.reason.tab"),
        ),
        (
            "found character '@' that cannot start any token",
            Message("input.yaml.reason.character", found="'@'"),
        ),
        (
            "expected <block end>, but found '<block mapping start>'",
            Message("input.yaml.reason.block_end", found=Message("input.yaml.token.block_mapping")),
        ),
        ("found undefined alias 'x'", Message("input.yaml.reason.alias", found="'x'")),
        ("something new", Message("input.yaml.reason.text", text="something new")),
    ],
)
def test_yaml_phrases_are_looked_up(text: str, expected: Message) -> None:
    assert yaml_reason(text) == expected


def test_no_regex_words_english() -> None:
    """Messages are keys from the start: the wording and error-mapping modules hold no regex."""
    root = Path(__file__).resolve().parent.parent
    for path in [*root.joinpath("wording").glob("*.py"), root / "files" / "errors.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "re" not in imported, path
    assert not root.joinpath("wording", "english_problems.py").exists()


# ---------------------------------------------------------------- the place, in both languages


@pytest.mark.parametrize(
    ("problem", "english", "vietnamese"),
    [
        (
            Problem("officials.csv", 14, "unit_id", Message("input.no_unit", id="X12")),
            "officials.csv row 14, unit_id: no unit 'X12'",
            "officials.csv dòng 14, cột unit_id: không có đơn vị 'X12'",
        ),
        (
            Problem(
                "scenario.yaml",
                7,
                "targets[0].share",
                Message(
                    "input.given",
                    message=Message("input.pydantic.less_than_equal", le=1),
                    value="1.5",
                ),
            ),
            "scenario.yaml line 7, targets[0].share: must be less than or equal to 1 (got 1.5)",
            "scenario.yaml dòng 7, targets[0].share: phải nhỏ hơn hoặc bằng 1 (đang ghi: 1.5)",
        ),
        (
            Problem(
                "scenario.xlsx [officials]",
                3,
                "birth",
                Message("input.not_a_month", value="May 1985", example="1975-03"),
            ),
            "scenario.xlsx [officials] row 3, birth: 'May 1985' is not a month: write YYYY-MM or "
            "DD/MM/YYYY, e.g. 1975-03 or 15/03/1975",
            "scenario.xlsx [officials] dòng 3, cột birth: 'May 1985' không phải tháng/năm: hãy "
            "ghi dạng YYYY-MM hoặc DD/MM/YYYY, ví dụ 1975-03 hoặc 15/03/1975",
        ),
        (
            Problem("officials.csv", 6, None, Message("input.too_many_cells", cells=10, header=9)),
            "officials.csv row 6: has 10 cells but the header has 9",
            "officials.csv dòng 6: có 10 ô nhưng dòng tiêu đề chỉ có 9 cột",
        ),
        (
            Problem("scenario.yaml", None, "name", Message("input.pydantic.missing")),
            "scenario.yaml, name: is missing",
            "scenario.yaml, name: còn thiếu (bắt buộc phải có)",
        ),
        (
            Problem(
                "officials.csv",
                None,
                None,
                Message("input.table_missing", table="officials", workbook="scenario.xlsx"),
            ),
            "officials.csv: is missing (or put a sheet 'officials' in scenario.xlsx)",
            "officials.csv: không tìm thấy tệp này (hoặc thêm trang tính 'officials' vào "
            "scenario.xlsx)",
        ),
    ],
)
def test_place(problem: Problem, english: str, vietnamese: str) -> None:
    assert problem_text(problem, "en") == english
    assert problem_text(problem, "vi") == vietnamese


def test_one_problem_stays_one_line() -> None:
    """A newline or escape code in a value is shown escaped, in Vietnamese as in English."""
    problem = Problem("units.csv", 2, "unit_id", Message("input.no_unit", id="X\n1\x1b[2J"))
    vietnamese = problem_text(problem, "vi")
    assert vietnamese == "units.csv dòng 2, cột unit_id: không có đơn vị 'X\\n1\\x1b[2J'"
    assert problem_text(problem, "en") == "units.csv row 2, unit_id: no unit 'X\\n1\\x1b[2J'"


@pytest.mark.parametrize(
    "value", ["{0}", "{name}", "}{", "{x!r:>9}", "%s", "\\1", "(got 'y')", "' or '"]
)
def test_values_that_look_like_templates_are_kept(value: str) -> None:
    """Values go into the words as they are: braces, backslashes, '(got ...)', quotes."""
    assert render(Message("input.no_unit", id=value), "vi") == f"không có đơn vị '{value}'"
    assert render(Message("input.not_whole_number", value=value), "en") == (
        f"'{value}' is not a whole number: write e.g. 12, 1500000 or 1.500.000"
    )


# ---------------------------------------------------------------- the command line


def invoke(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, [str(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_validate_prints_problems_in_vietnamese(tmp_path: Path) -> None:
    folder = tiny_copy(
        tmp_path,
        yaml_line(13, "    share: 1.5"),
        cell("officials", 2, "sex", "X"),
        cell("courses", 3, "months", "twelve"),
    )
    code, output = invoke("validate", folder, "--lang", "vi")
    assert code == 2
    lines = [line.strip() for line in output.splitlines() if line.startswith("  ")]
    assert lines == [
        "courses.csv dòng 3, cột months: 'twelve' không phải số nguyên: hãy ghi ví dụ 12, "
        "1500000 hoặc 1.500.000",
        "officials.csv dòng 2, cột sex: không dùng được 'X' ở đây: hãy ghi Nam hoặc Nữ (hoặc M, F)",
        "scenario.yaml dòng 13, targets[0].share: chỉ tiêu 'cadres-2020': phải nhỏ hơn hoặc "
        "bằng 1 (đang ghi: 1.5)",
    ]
    code, output = invoke("validate", folder, "--lang", "en")
    assert code == 2
    assert "officials.csv row 2, sex: 'X' is not allowed here: write M or F (or Nam, Nữ)" in output


def test_validate_prints_scenario_problems_in_vietnamese(tmp_path: Path) -> None:
    folder = tiny_copy(
        tmp_path, cell("officials", 3, "unit_id", "X9"), cell("offerings", 3, "year", "2021")
    )
    code, output = invoke("validate", folder, "--lang", "vi")
    assert code == 2
    assert "officials.csv dòng 3, cột unit_id: không có đơn vị 'X9'" in output
    assert "offerings.csv dòng 3, cột year: năm 2021 nằm ngoài giai đoạn kế hoạch 2018–2020" in (
        output
    )
    assert " row " not in output


def test_warning_in_vietnamese(tmp_path: Path) -> None:
    folder = tiny_copy(tmp_path, with_notes_column)
    code, output = invoke("validate", folder, "--lang", "vi")
    assert code == 0, output
    assert (
        "units.csv dòng 1, cột ghi chú: tên cột không có trong quy định, cột này được bỏ qua"
    ) in output
    code, output = invoke("validate", folder, "--lang", "en")
    assert "units.csv row 1, ghi chú: unknown column, ignored" in output


def test_check_prints_plan_problems_in_vietnamese(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "enrollments.csv").write_text(
        "official_id,course_id,start_year\nO1,deg-college,20l8\n", encoding="utf-8"
    )
    code, output = invoke("check", TINY, plan, "--lang", "vi")
    assert code == 2
    assert "enrollments.csv dòng 2, cột start_year: '20l8' không phải số nguyên" in output
