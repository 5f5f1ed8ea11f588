"""Reading scenario tables as planners really save them from Excel.

The same data must give the same ``Scenario`` whether it comes as CSV files or as one
``scenario.xlsx``, whatever encoding, separator or number format Excel chose; what cannot be
read is reported as a problem naming file (or sheet), row and column, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainplan.files import read_scenario
from trainplan.files.loader import to_int
from trainplan.files.tables import TABLES
from trainplan.models import InputError, Problem, Scenario
from trainplan.models.message import Message
from trainplan.models.problems import CellError
from trainplan.wording import render

TINY = Path(__file__).parent / "data" / "tiny"


def load(folder: Path) -> Scenario:
    return read_scenario(folder).scenario


def tiny_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder


def rows_of(table: str) -> list[list[str]]:
    with (TINY / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def csv_text(rows: list[list[str]], delimiter: str = ",", newline: str = "\n") -> str:
    lines: list[str] = []

    class Sink:
        def write(self, text: str) -> None:
            lines.append(text)

    csv.writer(Sink(), delimiter=delimiter, lineterminator=newline).writerows(rows)
    return "".join(lines)


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read_scenario(folder)
    return caught.value.problems


# ---------------------------------------------------------------- the workbook

NUMERIC = {
    "months",
    "away_days",
    "cost_per_learner",
    "max_age",
    "class_max",
    "class_min",
    "class_cost",
    "lecturer_hours",
    "year",
    "seats",
    "classes",
    "hours_per_year",
    "cost_per_hour",
}


def excel_value(table: str, column: str, row: int, text: str) -> object:
    """A cell as Excel would hold it: numbers real on even rows, text on odd ones, and so on."""
    if text == "":
        return None
    if column in NUMERIC:
        if row % 2 == 0:
            return float(text) if column == "cost_per_learner" else int(text)
        return text
    if table == "officials" and column == "birth" and row == 2:
        year, month = text.split("-")
        return dt.datetime(int(year), int(month), 1)  # a real date cell
    if column == "leadership":
        return text == "true"  # a real boolean cell
    return text


def write_workbook(folder: Path, skip: str | None = None) -> None:
    """Write the tiny tables as the sheets of ``folder/scenario.xlsx``."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for table in TABLES:
        if table == skip or not (TINY / f"{table}.csv").exists():
            continue
        sheet = book.create_sheet(table.capitalize() if table == "officials" else table)
        header, *rows = rows_of(table)
        sheet.append([f"{column} " if column == "name" else column for column in header])
        for number, row in enumerate(rows, start=2):
            cells = zip(header, row, strict=True)
            sheet.append([excel_value(table, column, number, text) for column, text in cells])
    book.save(folder / "scenario.xlsx")


def workbook_folder(tmp_path: Path, skip: str | None = None) -> Path:
    folder = tmp_path / "xlsx"
    folder.mkdir()
    shutil.copy(TINY / "scenario.yaml", folder)
    write_workbook(folder, skip)
    return folder


def test_workbook_equals_csv(tmp_path: Path) -> None:
    """One scenario.xlsx (real numbers, dates and booleans mixed with text) equals the CSVs."""
    folder = workbook_folder(tmp_path)
    from_csv, from_xlsx = read_scenario(TINY), read_scenario(folder)
    assert from_xlsx.scenario == from_csv.scenario
    assert from_xlsx.warnings == []
    assert from_xlsx.sources.files["officials"] == "scenario.xlsx [officials]"


def test_workbook_missing_sheet_is_named(tmp_path: Path) -> None:
    """A workbook without a required sheet says which sheet is missing."""
    problems = problems_of(workbook_folder(tmp_path, skip="courses"))
    assert [(p.file, p.row, p.column) for p in problems] == [("scenario.xlsx", None, None)]
    assert "has no sheet 'courses'" in render(problems[0].message)


def test_workbook_formula_without_saved_value(tmp_path: Path) -> None:
    """A formula never calculated by Excel is reported at its sheet, row and column."""
    folder = workbook_folder(tmp_path)
    book = openpyxl.load_workbook(folder / "scenario.xlsx")
    sheet = book["courses"]
    months = [cell.value for cell in sheet[1]].index("months") + 1
    sheet.cell(row=3, column=months, value="=6*2")
    book.save(folder / "scenario.xlsx")
    problems = problems_of(folder)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("scenario.xlsx [courses]", 3, "months")
    ]
    assert "formula with no saved value (=6*2)" in render(problems[0].message)


def test_workbook_excel_error_value(tmp_path: Path) -> None:
    """A cell Excel saved as an error (#REF!) is named as such, not as a bad number."""
    folder = workbook_folder(tmp_path)
    book = openpyxl.load_workbook(folder / "scenario.xlsx")
    sheet = book["offerings"]
    sheet.cell(row=4, column=3, value="#REF!")  # seats of llct-mid 2019
    book.save(folder / "scenario.xlsx")
    problems = problems_of(folder)
    excel_error = Message("input.xlsx.excel_error", error="#REF!")
    assert Problem("scenario.xlsx [offerings]", 4, "seats", excel_error) in (problems)


def test_unreadable_workbook(tmp_path: Path) -> None:
    """A file named scenario.xlsx that is no workbook gives a problem, not a traceback."""
    folder = tmp_path / "bad"
    folder.mkdir()
    shutil.copy(TINY / "scenario.yaml", folder)
    (folder / "scenario.xlsx").write_bytes(b"not a zip file")
    problems = problems_of(folder)
    assert [(p.file, p.row, p.column) for p in problems] == [("scenario.xlsx", None, None)]
    assert "is not a readable .xlsx workbook" in render(problems[0].message)


# ---------------------------------------------------------------- CSV as Excel writes it


def test_utf8_bom(tmp_path: Path) -> None:
    """'CSV UTF-8' from Excel starts with a byte-order mark; the first header still reads."""
    folder = tiny_copy(tmp_path)
    path = folder / "officials.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load(folder) == load(TINY)


def test_utf16_tab_separated(tmp_path: Path) -> None:
    """Excel's 'Unicode text' (UTF-16 with BOM, tabs, CRLF) reads like the CSV."""
    folder = tiny_copy(tmp_path)
    for table in ("officials", "posts"):
        text = csv_text(rows_of(table), delimiter="\t", newline="\r\n")
        (folder / f"{table}.csv").write_bytes(text.encode("utf-16"))
    assert load(folder) == load(TINY)


def test_semicolon_separated(tmp_path: Path) -> None:
    """Excel in a locale with decimal commas writes ';' between cells (and quotes 'a; b')."""
    folder = tiny_copy(tmp_path)
    (folder / "courses.csv").write_text(csv_text(rows_of("courses"), delimiter=";"))
    assert load(folder) == load(TINY)


def test_trailing_spaces_in_cells_and_headers(tmp_path: Path) -> None:
    """Spaces around cells and headers (and header case) do not change ids or values."""
    folder = tiny_copy(tmp_path)
    header, *rows = rows_of("officials")
    header = [f" {column.upper()}  " if column == "unit_id" else f"{column} " for column in header]
    rows = [[f"{text}  " if text else text for text in row] for row in rows]
    (folder / "officials.csv").write_text(csv_text([header, *rows]))
    assert load(folder) == load(TINY)


@pytest.mark.parametrize(
    "written", ["20000000", "20000000.0", "20.000.000", "20,000,000", "20 000 000", " 20000000 "]
)
def test_numbers_as_text(tmp_path: Path, written: str) -> None:
    """A cost written the ways Excel and Vietnamese users write it reads as the same number."""
    folder = tiny_copy(tmp_path)
    header, *rows = rows_of("courses")
    rows[2][header.index("cost_per_learner")] = written  # deg-college
    (folder / "courses.csv").write_text(csv_text([header, *rows]))
    assert load(folder).course_by_id["deg-college"].cost_per_learner == 20_000_000


@given(st.integers(0, 10**12))
def test_grouped_thousands(number: int) -> None:
    """Any whole number reads back from its grouped ('1.234.567') and float ('1234567.0') text."""
    assert to_int(f"{number:,}".replace(",", ".")) == number
    assert to_int(f"{number:,}") == number
    assert to_int(f"{number}.0") == number


def test_vietnamese_text_kept_intact() -> None:
    """Names keep their diacritics exactly, in NFC, as a Vietnamese reader expects."""
    scenario = load(TINY)
    assert scenario.official_by_id["O2"].name == "Hoàng Thị Bình"
    assert scenario.post_by_id["finance"].name == "Tài chính - Kế toán"
    assert scenario.unit_by_id["X1"].name == "Xã Hồng Thái"  # the CSV has a trailing space
    assert scenario.unit_by_id["X2"].province == "Lạng Sơn"


def test_decomposed_vietnamese_is_the_same_text(tmp_path: Path) -> None:
    """Text typed with combining accents (NFD) reads as the precomposed (NFC) text."""
    folder = tiny_copy(tmp_path)
    for table in ("units", "officials"):
        text = (TINY / f"{table}.csv").read_text(encoding="utf-8-sig")
        (folder / f"{table}.csv").write_text(unicodedata.normalize("NFD", text))
    assert load(folder) == load(TINY)


def test_blank_lines_at_the_end(tmp_path: Path) -> None:
    """Blank lines and rows of empty cells after the data are ignored."""
    folder = tiny_copy(tmp_path)
    path = folder / "offerings.csv"
    path.write_text(path.read_text() + "\n,,,\n\n , ,\n")
    assert load(folder) == load(TINY)


def test_birth_as_excel_shows_it(tmp_path: Path) -> None:
    """A birth month Excel turned into a date, or shows as MM/YYYY, is the same month."""
    folder = tiny_copy(tmp_path)
    header, *rows = rows_of("officials")
    rows[0][header.index("birth")] = "1970-05-01"
    rows[1][header.index("birth")] = "02/1990"
    (folder / "officials.csv").write_text(csv_text([header, *rows]))
    assert load(folder) == load(TINY)


def test_blank_optional_cells_take_defaults(tmp_path: Path) -> None:
    """Blank optional cells: a level is the track's lowest, a flag false, a limit absent."""
    folder = tiny_copy(tmp_path)
    header, *rows = rows_of("officials")
    rows[3][header.index("degree")] = ""  # O4
    rows[3][header.index("successor")] = ""
    (folder / "officials.csv").write_text(csv_text([header, *rows]))
    scenario = load(folder)
    official = scenario.official_by_id["O4"]
    assert official.levels == {"degree": "none", "llct": "none"}
    assert (official.successor, official.ethnic_minority) == (False, False)
    course = scenario.course_by_id["deg-college"]
    assert (course.obligation, course.requires) == (None, ())
    assert scenario.course_by_id["llct-elem"].max_age is None
    assert scenario.post_by_id["chair"].standard == {"degree": "university", "llct": "intermediate"}


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: 'ị' has no code of its own, so it is 'i' + a combining dot."""
    encoded = b""
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        for split in range(len(parts), 0, -1):  # the longest precomposed head cp1258 holds
            try:
                encoded += (unicodedata.normalize("NFC", parts[:split]) + parts[split:]).encode(
                    "cp1258"
                )
                break
            except UnicodeEncodeError:
                continue
    return encoded


def test_cp1258_file_is_a_clear_problem(tmp_path: Path) -> None:
    """A file saved in the Vietnamese Windows code page is named, with the way to fix it."""
    folder = tiny_copy(tmp_path)
    text = (TINY / "officials.csv").read_text(encoding="utf-8")
    (folder / "officials.csv").write_bytes(cp1258(text))
    with pytest.raises(InputError) as caught:
        read_scenario(folder)
    problems = caught.value.problems
    assert [(p.file, p.row, p.column) for p in problems] == [("officials.csv", 2, None)]
    assert "not UTF-8 text" in render(problems[0].message)
    assert "CSV UTF-8" in render(problems[0].message)
    assert "Traceback" not in str(caught.value)


def test_unknown_column_is_a_warning(tmp_path: Path) -> None:
    """An extra column (a planner's notes) is ignored with a warning, not refused."""
    folder = tiny_copy(tmp_path)
    header, *rows = rows_of("officials")
    (folder / "officials.csv").write_text(
        csv_text([[*header, "ghi chú"], *[[*row, "x"] for row in rows]])
    )
    loaded = read_scenario(folder)
    assert loaded.scenario == load(TINY)
    unknown = Message("input.unknown_column")
    assert loaded.warnings == [Problem("officials.csv", 1, "ghi chú", unknown)]


def test_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path: Path) -> None:
    """Blank lines in the middle do not shift the row numbers problems report."""
    folder = tiny_copy(tmp_path)
    header, *rows = rows_of("officials")
    rows[3][header.index("sex")] = "W"
    (folder / "officials.csv").write_text(csv_text([header, rows[0], [], *rows[1:]]))
    problems = problems_of(folder)
    assert [(p.file, p.row, p.column) for p in problems] == [("officials.csv", 6, "sex")]
    assert load(TINY).official_by_id["O4"].sex == "F"


def test_a_track_named_in_capitals_matches_its_columns(tmp_path: Path) -> None:
    """Headers are read case-blind, so a track 'LLCT' must find its 'llct'/'std_llct' columns."""
    folder = tmp_path / "upper"
    shutil.copytree(Path(__file__).parent / "data" / "tiny", folder)
    yaml_text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    yaml_text = yaml_text.replace("  llct: [", "  LLCT: [").replace("[llct]", "[LLCT]")
    (folder / "scenario.yaml").write_text(yaml_text, encoding="utf-8")
    courses = (folder / "courses.csv").read_text(encoding="utf-8")
    courses = courses.replace(",llct,", ",LLCT,").replace("llct>=", "LLCT>=")
    (folder / "courses.csv").write_text(courses, encoding="utf-8")
    scenario = read_scenario(folder).scenario
    assert scenario.official_by_id["O1"].levels["LLCT"] == "elementary"
    assert scenario.post_by_id["chair"].standard["LLCT"] == "intermediate"


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("15/11/1975", (1975, 11)),
        ("1/2/1980", (1980, 2)),
        ("03/1975", (1975, 3)),
        ("1975-03-31", (1975, 3)),
        ("1975-03", (1975, 3)),
    ],
)
def test_birth_written_as_excel_writes_dates(text: str, month: tuple[int, int]) -> None:
    """A Vietnamese-locale Excel saves dates day first (15/11/1975) in CSV."""
    from trainplan.files.loader import to_month

    assert tuple(to_month(text)) == month


def test_an_impossible_day_first_date_is_refused() -> None:
    from trainplan.files.loader import to_month

    with pytest.raises(CellError) as caught:
        to_month("31/02/1980")
    assert caught.value.message == Message(
        "input.not_a_date.day_first", value="31/02/1980", reason=Message("input.date.day")
    )
    assert render(caught.value.message) == (
        "'31/02/1980' is not a date (day/month/year): day is out of range for month"
    )
