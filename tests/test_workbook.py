"""A planner who lives in Excel: settings as sheets, any workbook name, title rows above the
header, Vietnamese sheet names and headers, rows hidden by a filter, stray sheets.

Each test starts from the tiny scenario written as a workbook (``test_loader.write_workbook``)
and checks that the same data reads as the same ``Scenario``, or that what is wrong is named
by sheet, row (as the spreadsheet numbers it) and column.
"""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from test_loader import TINY, problems_of, write_workbook

from trainplan.files import read_scenario
from trainplan.files.headers import COLUMNS, SHEETS, canonical, fold, sheet_kind
from trainplan.files.loader import STATIC_COLUMNS
from trainplan.models import Problem
from trainplan.wording import render

SETTINGS_ROWS = [
    ("name", "tiny"),
    ("title", "Tiny district, 2 communes"),
    ("horizon", "2018-2020"),
    ("budget.per_year", 200_000_000),
    ("budget.total", None),
    ("continuity.working_days", 250),
    ("continuity.max_away_share", 0.1),
    ("continuity.max_leaders_away", 1),
    ("continuity.max_personal_days", 80),
    ("continuity.day_value", "300.000"),
    ("continuity.leader_factor", 2),
    ("service_obligation", 2),
]
"""tests/data/tiny/scenario.yaml as rows of a settings sheet."""


def add_settings_sheets(book: openpyxl.Workbook, vietnamese: bool = False) -> None:
    """The settings of the tiny scenario as sheets (tracks: one level a cell, or all in one)."""
    settings = book.create_sheet("Thiết lập" if vietnamese else "settings")
    settings.append(["Thiết lập", "Giá trị"] if vietnamese else ["setting", "value"])
    for row in SETTINGS_ROWS:
        settings.append(list(row))
    tracks = book.create_sheet("Trình độ" if vietnamese else "tracks")
    tracks.append(["track", "levels"])
    tracks.append(["degree", "none", "intermediate", "college", "university"])
    tracks.append(["llct", "none; elementary; intermediate"])
    targets = book.create_sheet("Chỉ tiêu" if vietnamese else "targets")
    targets.append(["id", "year", "category", "has_degree", "standard", "share"])
    targets.append(["cadres-2020", 2020, "cadre", "college", "llct", 0.5])


def workbook_scenario(tmp_path: Path, name: str = "scenario.xlsx", yaml: bool = False) -> Path:
    """The tiny scenario as one workbook whose sheets hold the settings too."""
    folder = tmp_path / "book"
    folder.mkdir()
    write_workbook(folder)
    path = folder / "scenario.xlsx"
    book = openpyxl.load_workbook(path)
    add_settings_sheets(book)
    book.save(path)
    if name != "scenario.xlsx":
        path.rename(folder / name)
    if yaml:
        shutil.copy(TINY / "scenario.yaml", folder)
    return folder


def edit(path: Path, change: object) -> None:
    book = openpyxl.load_workbook(path)
    change(book)  # type: ignore[operator]
    book.save(path)


def places(problems: list[Problem]) -> list[tuple[str, int | None, str | None]]:
    return [(p.file, p.row, p.column) for p in problems]


# ---------------------------------------------------------------- settings as sheets


def test_settings_sheets_read_as_scenario_yaml(tmp_path: Path) -> None:
    """The settings, tracks and targets sheets give the very settings scenario.yaml gives."""
    loaded = read_scenario(workbook_scenario(tmp_path))
    assert loaded.scenario == read_scenario(TINY).scenario
    assert loaded.warnings == []


def test_settings_sheets_in_vietnamese(tmp_path: Path) -> None:
    """Sheet names, headers and setting labels in Vietnamese read the same."""
    folder = tmp_path / "vi"
    folder.mkdir()
    write_workbook(folder)
    path = folder / "scenario.xlsx"
    book = openpyxl.load_workbook(path)
    add_settings_sheets(book, vietnamese=True)
    labels = {"name": "Tên kịch bản", "budget.per_year": "Ngân sách mỗi năm"}
    for row in book["Thiết lập"].iter_rows(min_row=2):
        row[0].value = labels.get(str(row[0].value), row[0].value)
    book.save(path)
    assert read_scenario(folder).scenario == read_scenario(TINY).scenario


def test_the_newer_settings_in_vietnamese_on_the_sheet(tmp_path: Path) -> None:
    """The congress of the succession pool, the ethnic-minority priority and the price of a
    change, as a planner writes them on the settings sheet."""
    folder = workbook_scenario(tmp_path)
    rows = (
        ("Năm đại hội", 2020),
        ("Ưu tiên người dân tộc thiểu số", "có"),
        ("Giá trị một thay đổi", "1.000.000"),
    )
    edit(folder / "scenario.xlsx", lambda book: [book["settings"].append(list(r)) for r in rows])
    settings = read_scenario(folder).scenario.settings
    assert settings.succession is not None
    assert (settings.succession.year, settings.succession.months) == (2020, 60)
    assert settings.prefer_ethnic_minority and settings.change_value == 1_000_000


def test_horizon_as_two_settings(tmp_path: Path) -> None:
    folder = workbook_scenario(tmp_path)

    def split(book: openpyxl.Workbook) -> None:
        sheet = book["settings"]
        sheet.cell(4, 1, "Năm đầu").value = "Năm đầu"
        sheet.cell(4, 2, 2018)
        sheet.append(["horizon_last", 2020])

    edit(folder / "scenario.xlsx", split)
    assert read_scenario(folder).scenario.settings.horizon == (2018, 2020)


def test_yaml_and_settings_sheets_is_a_problem(tmp_path: Path) -> None:
    problems = problems_of(workbook_scenario(tmp_path, yaml=True))
    assert places(problems) == [("scenario.yaml", None, None)]
    text = render(problems[0].message)
    assert "keep one" in text and "the sheets 'settings', 'tracks' and 'targets'" in text


def test_workbook_without_settings_and_no_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "bare"
    folder.mkdir()
    write_workbook(folder)
    problems = problems_of(folder)
    assert places(problems) == [("scenario.yaml", None, None)]
    assert "add the sheets 'settings' and 'tracks'" in render(problems[0].message)


@pytest.mark.parametrize(
    ("sheet", "row", "column", "value", "words"),
    [
        ("targets", 2, "F", 1.5, "less than or equal to 1"),
        ("targets", 2, "B", "next year", "is not a whole number"),
        ("settings", 4, "B", "2018", "is not a horizon"),
        ("settings", 5, "A", "budget per month", "is not a known setting"),
        ("settings", 7, "B", 0, "greater than 0"),
    ],
)
def test_a_bad_setting_names_sheet_row_and_column(
    tmp_path: Path, sheet: str, row: int, column: str, value: object, words: str
) -> None:
    folder = workbook_scenario(tmp_path)
    edit(folder / "scenario.xlsx", lambda book: book[sheet].__setitem__(f"{column}{row}", value))
    problems = problems_of(folder)
    header = {"A": "setting", "B": {"targets": "year"}.get(sheet, "value"), "F": "share"}[column]
    assert places(problems) == [(f"scenario.xlsx [{sheet}]", row, header)]
    assert words in render(problems[0].message)


def test_a_whole_scenario_problem_in_a_target_names_its_cell(tmp_path: Path) -> None:
    """A target's unknown unit is found once the whole scenario reads: still at its cell."""
    folder = workbook_scenario(tmp_path)

    def unit(book: openpyxl.Workbook) -> None:
        book["targets"]["G1"] = "unit"
        book["targets"]["G2"] = "X9"

    edit(folder / "scenario.xlsx", unit)
    problems = problems_of(folder)
    assert ("scenario.xlsx [targets]", 2, "unit") in places(problems)
    assert all("no unit 'X9'" in render(p.message) for p in problems if p.column == "unit")
    assert {p.file for p in problems} == {"scenario.xlsx [targets]"}


def test_a_setting_twice_and_a_track_twice(tmp_path: Path) -> None:
    folder = workbook_scenario(tmp_path)

    def twice(book: openpyxl.Workbook) -> None:
        book["settings"].append(["Name", "other"])
        book["tracks"].append(["llct", "a", "b"])

    edit(folder / "scenario.xlsx", twice)
    problems = problems_of(folder)
    assert places(problems) == [
        ("scenario.xlsx [settings]", 14, "setting"),
        ("scenario.xlsx [tracks]", 4, "track"),
    ]


# ---------------------------------------------------------------- any workbook


def test_any_workbook_name_and_excel_lock_files(tmp_path: Path) -> None:
    folder = workbook_scenario(tmp_path, name="Danh sách 2024.xlsx")
    (folder / "~$Danh sách 2024.xlsx").write_bytes(b"\x00lock")
    assert read_scenario(folder).scenario == read_scenario(TINY).scenario


def test_a_path_straight_to_the_workbook(tmp_path: Path) -> None:
    folder = workbook_scenario(tmp_path, name="plan.xlsx")
    shutil.copy(TINY / "units.csv", folder)  # beside it, not read: the workbook was named
    loaded = read_scenario(folder / "plan.xlsx")
    assert loaded.scenario == read_scenario(TINY).scenario
    assert loaded.sources.files["units"] == "plan.xlsx [units]"


def test_two_workbooks_are_a_problem_naming_both(tmp_path: Path) -> None:
    folder = workbook_scenario(tmp_path)
    shutil.copy(folder / "scenario.xlsx", folder / "copy.xlsx")
    problems = problems_of(folder)
    assert len(problems) == 1
    assert "2 workbooks (copy.xlsx and scenario.xlsx)" in render(problems[0].message)


# ---------------------------------------------------------------- title rows, Vietnamese


VI_OFFICIALS = {
    "official_id": "Mã CB",
    "name": "Họ và tên",
    "unit_id": "Đơn vị",
    "post_id": "Chức vụ",
    "sex": "Giới tính",
    "birth": "Ngày sinh",
    "successor": "Kế cận",
}


def vietnamese_officials(book: openpyxl.Workbook) -> None:
    """Officials as a Vietnamese office keeps them: sheet 'Cán bộ', a merged title and a blank
    row above Vietnamese headers, births as date cells."""
    sheet = book["Officials"]
    sheet.title = "Cán bộ"
    sheet.insert_rows(1, 2)
    sheet["A1"] = "DANH SÁCH CÁN BỘ XÃ HỒNG THÁI VÀ XÃ TÂN VĂN"
    sheet.merge_cells("A1:I1")
    for cell in sheet[3]:
        cell.value = VI_OFFICIALS.get(str(cell.value), cell.value)
    births = [cell.value for cell in sheet[3]].index("Ngày sinh") + 1
    for row in range(4, sheet.max_row + 1):
        text = str(sheet.cell(row, births).value)[:7]
        sheet.cell(row, births, dt.datetime(int(text[:4]), int(text[5:7]), 15))


def test_title_rows_and_vietnamese_headers(tmp_path: Path) -> None:
    folder = workbook_scenario(tmp_path)
    edit(folder / "scenario.xlsx", vietnamese_officials)
    loaded = read_scenario(folder)
    assert loaded.scenario == read_scenario(TINY).scenario
    assert loaded.warnings == []
    assert loaded.sources.files["officials"] == "scenario.xlsx [Cán bộ]"
    assert loaded.sources.rows["officials"][0] == 4


def test_rows_below_title_rows_are_numbered_as_the_spreadsheet_shows(tmp_path: Path) -> None:
    folder = workbook_scenario(tmp_path)

    def blank_name(book: openpyxl.Workbook) -> None:
        vietnamese_officials(book)
        book["Cán bộ"]["B5"] = None

    edit(folder / "scenario.xlsx", blank_name)
    assert places(problems_of(folder)) == [("scenario.xlsx [Cán bộ]", 5, "name")]


def test_a_missing_column_is_named_at_the_header_row(tmp_path: Path) -> None:
    folder = workbook_scenario(tmp_path)

    def no_sex(book: openpyxl.Workbook) -> None:
        vietnamese_officials(book)
        book["Cán bộ"]["E3"] = "Phái tính"

    edit(folder / "scenario.xlsx", no_sex)
    problems = problems_of(folder)
    assert places(problems) == [("scenario.xlsx [Cán bộ]", 3, "sex")]


def test_csv_with_a_title_line_and_vietnamese_headers(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    shutil.copytree(TINY, folder)
    path = folder / "officials.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    names = [VI_OFFICIALS.get(column, column) for column in header.split(",")]
    title = "DANH SÁCH CÁN BỘ" + "," * (len(names) - 1)
    path.write_text("\n".join([title, ",".join(names), *rows]) + "\n", encoding="utf-8")
    loaded = read_scenario(folder)
    assert loaded.scenario == read_scenario(TINY).scenario
    assert loaded.sources.rows["officials"][0] == 3


# ---------------------------------------------------------------- hidden rows, stray sheets


def test_hidden_rows_are_read_and_named_in_one_warning(tmp_path: Path) -> None:
    folder = workbook_scenario(tmp_path)

    def hide(book: openpyxl.Workbook) -> None:
        for row in (3, 4):
            book["Officials"].row_dimensions[row].hidden = True

    edit(folder / "scenario.xlsx", hide)
    loaded = read_scenario(folder)
    assert loaded.scenario == read_scenario(TINY).scenario
    assert places(loaded.warnings) == [("scenario.xlsx [officials]", None, None)]
    text = render(loaded.warnings[0].message)
    assert "2 rows are hidden in Excel (rows 3 and 4)" in text and "read like the others" in text


def test_a_sheet_trainplan_does_not_read_is_named(tmp_path: Path) -> None:
    folder = workbook_scenario(tmp_path)

    def stray(book: openpyxl.Workbook) -> None:
        book.copy_worksheet(book["units"]).title = "units (2)"
        book.create_sheet("Ghi chú")
        book.create_sheet("Hướng dẫn")  # the instruction sheet init writes: no warning

    edit(folder / "scenario.xlsx", stray)
    loaded = read_scenario(folder)
    words = [render(warning.message) for warning in loaded.warnings]
    assert len(words) == 2
    assert "sheet 'units (2)' is not one trainplan reads" in words[0]
    assert "sheet 'Ghi chú'" in words[1]


# ---------------------------------------------------------------- the alias table


def test_no_alias_names_two_columns_of_a_sheet() -> None:
    for sheet, columns in COLUMNS.items():
        seen: dict[str, str] = {}
        for name, aliases in columns.items():
            for alias in (name, *aliases):
                assert seen.setdefault(fold(alias), name) == name, (sheet, alias)
                assert canonical(sheet, alias.upper()) == name


def test_no_sheet_name_means_two_sheets() -> None:
    seen: dict[str, str] = {}
    for kind, names in SHEETS.items():
        for name in (kind, *names):
            assert seen.setdefault(fold(name), kind) == kind, name
            decomposed = unicodedata.normalize("NFD", name)
            assert sheet_kind(decomposed) == kind


def test_every_column_the_loader_knows_has_its_aliases() -> None:
    for table, columns in STATIC_COLUMNS.items():
        assert {column.header for column in columns} <= set(COLUMNS[table]), table


def test_track_columns_in_vietnamese() -> None:
    assert canonical("posts", "Chuẩn LLCT") == "std_llct"
    assert canonical("posts", "Tiêu chuẩn chuyên-môn") == "std_chuyên-môn"
    assert canonical("targets", "Đạt degree") == "has_degree"
    assert canonical("officials", "LLCT") == "llct"


def test_problems_name_a_column_as_its_header_wrote_it(tmp_path: Path) -> None:
    """A Vietnamese header is named as written, not by the English name it stands for."""
    folder = workbook_scenario(tmp_path)

    def bad(book: openpyxl.Workbook) -> None:
        vietnamese_officials(book)
        book["Cán bộ"]["E5"] = None  # Giới tính
        book["Cán bộ"]["C6"] = "X9"  # Đơn vị
        book["targets"]["F1"] = "Tỷ lệ"
        book["targets"]["F2"] = "nhiều"

    edit(folder / "scenario.xlsx", bad)
    assert places(problems_of(folder)) == [
        ("scenario.xlsx [Cán bộ]", 5, "Giới tính"),
        ("scenario.xlsx [targets]", 2, "Tỷ lệ"),
    ]
    edit(folder / "scenario.xlsx", lambda book: book["Cán bộ"].__setitem__("E5", "F"))
    edit(folder / "scenario.xlsx", lambda book: book["targets"].__setitem__("F2", 0.5))
    assert places(problems_of(folder)) == [("scenario.xlsx [Cán bộ]", 6, "Đơn vị")]


def test_targets_take_vietnamese_values(tmp_path: Path) -> None:
    """A target's filters read the words the tables read: Cán bộ for cadre, Nữ for F."""
    folder = workbook_scenario(tmp_path)

    def vietnamese(book: openpyxl.Workbook) -> None:
        book["targets"]["C2"] = "Cán bộ"
        book["targets"]["G1"], book["targets"]["G2"] = "Giới tính", "Nam; Nữ"

    edit(folder / "scenario.xlsx", vietnamese)
    who = read_scenario(folder).scenario.settings.targets[0].who
    assert who.category == ("cadre",) and who.sex == ("M", "F")


def test_the_command_line_takes_a_path_to_the_workbook(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from trainplan import cli

    folder = workbook_scenario(tmp_path, name="Kế hoạch.xlsx")
    result = CliRunner().invoke(cli.main, ["validate", str(folder / "Kế hoạch.xlsx")])
    assert result.exit_code == 0, result.output
    assert "Scenario tiny is valid." in result.output


def test_an_old_xls_workbook_is_named_rather_than_every_table_missing(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    shutil.copy(TINY / "scenario.yaml", folder)
    (folder / "Danh sách.xls").write_bytes(b"\xd0\xcf\x11\xe0old")
    problems = problems_of(folder)
    assert places(problems) == [("Danh sách.xls", None, None)]
    assert "save it as .xlsx" in render(problems[0].message)
