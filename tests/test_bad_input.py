"""Malformed scenarios never crash trainplan: exit 2, the mistake located, nothing written.

Issue "Reliability", part 1: planners feed trainplan whatever their spreadsheets hold. Each
property copies the tiny scenario (tests/data/tiny) into a fresh temporary folder per example,
breaks it in a way Hypothesis chooses and runs the command line in-process (click's CliRunner
on ``cli.main``). Every run must

* end by ``sys.exit(2)`` (invalid input), never by an exception, and print no traceback;
* name the offending file, with its row and column (a spreadsheet's row number, a line of
  scenario.yaml) wherever the mistake has one;
* write nothing: ``solve --out DIR`` leaves no DIR, an earlier plan in DIR byte-identical and no
  lock or temporary file beside it.

A handful of real runs of the ``trainplan`` console script prove that no traceback reaches a
user's terminal. ``solve`` loads the scenario before it writes anything, so bad input never
reaches the solver: most properties use ``validate``; the nothing-written ones use ``solve``.

The 36 kinds of malformed input covered (``K<n>`` marks each in the tests below):

Tables (CSV)
  K1  a required column missing
  K2  a column given twice (also differing only in case or surrounding spaces)
  K3  a row with more cells than the header (an extra, unnamed column)
  K4  wrong types in numeric cells: random text (unicode too), 1e300, 10**30, 400 digits,
      negative numbers, NaN, inf, fractions in whole-number columns
  K5  wrong types in boolean cells
  K6  wrong types in date cells (birth)
  K7  impossible dates: month 13 or 0, year 0 or out of range, 31/02, 2019-02-30
  K8  empty files: 0 bytes
  K9  empty files: column names only, no rows
  K10 empty files: only blank lines
  K11 unknown ids: units, posts, courses, officials, tracks and levels, in tables and pins
  K12 duplicate ids (also with surrounding spaces)
  K13 cycles in prerequisites: each course of a ring needs a level only the next one grants
  K14 Windows-1258 bytes
  K15 UTF-16 without a byte-order mark (little- and big-endian)
  K16 Latin-1 bytes
  K17 random bytes in place of a file
  K18 binary junk (a NUL byte, invalid UTF-8) inside a CSV
  K19 truncated files, cut at a random byte
  K20 a quote never closed / a cell over the CSV field limit
Workbook (scenario.xlsx)
  K21 a sheet renamed or missing
  K22 formulas with no saved value
  K23 merged cells
  K24 a file that is not a zip but named .xlsx (text, random bytes, an old .xls)
  K25 a damaged workbook: cut short, a sheet's XML cut, a chart sheet in place of a table
  K26 wrong types in cells: 1e300, 10**30, negatives, fractions, booleans, dates, text
scenario.yaml
  K27 not YAML
  K28 YAML that is a list or a scalar
  K29 YAML with wrong types: horizon as text, share as text, tracks as a list, ...; and
      settings no one knows, whatever their key (²: 1 once crashed)
  K30 YAML with extreme numbers: 1e300, 10**30, .nan, .inf, negatives
  K31 YAML nested too deep, and a "billion laughs" of aliases
  K32 YAML dates that are no dates (2018-02-31, !!timestamp 2018-13-01)
  K36 a scenario name that is no folder name (../x, a/b, a:b, control characters), which
      solve would otherwise use as plans/<name>
Paths
  K33 a scenario folder that does not exist
  K34 a scenario path that is a file
  K35 a scenario file that is a folder (scenario.yaml, units.csv, scenario.xlsx)

Not a mistake, by SPEC.md ("a column ... it does not name may be added"): an extra column with
a header of its own is read with a warning (tests/test_loader.py), so it is not refused here.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from test_loader import cp1258, write_workbook

from trainplan import cli
from trainplan.files.loader import to_bool, to_month

TINY = Path(__file__).parent / "data" / "tiny"
SETTINGS_FILE = "scenario.yaml"
WORKBOOK = "scenario.xlsx"
TABLE_FILES = (
    "units.csv",
    "posts.csv",
    "officials.csv",
    "courses.csv",
    "offerings.csv",
    "lecturers.csv",
)
ALL_FILES = (*TABLE_FILES, SETTINGS_FILE)
REQUIRED_TABLES = tuple(file.removesuffix(".csv") for file in TABLE_FILES[:-1])

FEW = settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
SOME = settings(FEW, max_examples=40)


# ---------------------------------------------------------------- running the command line


@contextmanager
def scenario_copy() -> Iterator[Path]:
    """A fresh copy of the tiny scenario, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="trainplan-bad-") as root:
        folder = Path(root) / "tiny"
        shutil.copytree(TINY, folder)
        yield folder


@contextmanager
def workbook_copy() -> Iterator[Path]:
    """The tiny scenario with its tables as the sheets of one scenario.xlsx."""
    with tempfile.TemporaryDirectory(prefix="trainplan-bad-") as root:
        folder = Path(root) / "tiny-xlsx"
        folder.mkdir()
        shutil.copy(TINY / SETTINGS_FILE, folder)
        write_workbook(folder)
        yield folder


def invoke(*args: object) -> Result:
    return CliRunner().invoke(cli.main, [str(arg) for arg in args])


def assert_no_crash(result: Result) -> str:
    """Ended by sys.exit, never by an exception, and printed no traceback."""
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"crashed: {result.exception!r}\n{result.output}"
    assert "Traceback" not in result.output
    return result.output


def assert_refused(result: Result, *fragments: str) -> str:
    """Exit 2, no traceback, and every fragment (file, row, column, message) in the output."""
    output = assert_no_crash(result)
    assert result.exit_code == 2, f"exit {result.exit_code}, expected 2:\n{output}"
    for fragment in fragments:
        assert fragment in output, f"{fragment!r} not in:\n{output}"
    return output


def problem_lines(output: str) -> list[str]:
    """The problems the CLI printed, one per line, each indented by two spaces."""
    return [line[2:] for line in output.splitlines() if line.startswith("  ")]


def assert_names(output: str, file: str, pattern: str = "") -> None:
    """A problem line starts with ``file``, then matches ``pattern`` (row, column, message)."""
    regex = re.compile(re.escape(file) + pattern)
    lines = problem_lines(output)
    assert any(regex.match(line) for line in lines), f"no line {file}{pattern}:\n{output}"


def at(file: str, row: int, column: str | None = None) -> str:
    """How a problem's place is printed: 'officials.csv row 4, birth:'."""
    return f"{file} row {row}, {column}:" if column else f"{file} row {row}:"


# ---------------------------------------------------------------- editing the copy


def read_rows(folder: Path, file: str) -> list[list[str]]:
    with (folder / file).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(folder: Path, file: str, rows: list[list[str]]) -> None:
    with (folder / file).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(folder: Path, file: str, row: int, column: str, value: str) -> None:
    """Set one cell; ``row`` as a spreadsheet numbers it (header = 1)."""
    rows = read_rows(folder, file)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(folder, file, rows)


def tiny_rows(file: str) -> list[list[str]]:
    return read_rows(TINY, file)


def tiny_settings() -> dict:
    return yaml.safe_load((TINY / SETTINGS_FILE).read_text(encoding="utf-8"))


def write_settings(folder: Path, data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (folder / SETTINGS_FILE).write_text(text, encoding="utf-8")


def norm(text: str) -> str:
    """A cell as the loader reads it: NFC, stripped."""
    return unicodedata.normalize("NFC", text.replace("\xa0", " ")).strip()


def reads_as(convert: Callable[[str], object], text: str) -> bool:
    try:
        convert(norm(text))
    except ValueError:
        return False
    return True


def sheet_of(book: openpyxl.Workbook, table: str) -> openpyxl.worksheet.worksheet.Worksheet:
    """The sheet of a table, whatever case write_workbook gave its title."""
    return next(sheet for sheet in book.worksheets if sheet.title.lower() == table)


# ---------------------------------------------------------------- what cells hold

TEXT = st.characters(exclude_categories=("Cs", "Cc"))
"""Any character a spreadsheet cell can hold (no surrogates, no control characters)."""


def non_number(text: str) -> bool:
    """Holds a letter that no number spells (not e, and not inf, nan, infinity)."""
    return any(char.isalpha() and char.lower() not in "einfaty" for char in text)


WORDS = st.text(TEXT, min_size=1, max_size=16).filter(non_number)
"""Random text, unicode included, that is surely not a number."""

SPECIAL_NUMBERS = (
    "1e300",
    "-1e300",
    "1E+300",
    str(10**30),
    str(-(10**30)),
    "9" * 400,
    "1e999",
    "nan",
    "NaN",
    "-nan",
    "inf",
    "-inf",
    "Infinity",
    "∞",
    "½",
    "1/2",
    "12%3",
    "--1",
    "1..2",
    "0x10",
    "1,2,3",
)
NEGATIVE = st.one_of(
    st.integers(max_value=-1).map(str),
    st.floats(max_value=-0.001, allow_nan=False, allow_infinity=False).map(repr),
)
FRACTION = st.builds(
    lambda whole, cents, sep: f"{whole}{sep}{cents:02d}",
    st.integers(0, 10**6),
    st.integers(1, 99),
    st.sampled_from([".", ","]),
)
"""1.05, 3,50: never whole, and never 1.234 (which is Vietnamese for 1234)."""


def bad_numbers(whole: bool) -> st.SearchStrategy[str]:
    options = [WORDS, st.sampled_from(SPECIAL_NUMBERS), NEGATIVE]
    return st.one_of(*options, FRACTION) if whole else st.one_of(*options)


# (file, column, whole number?) of every numeric cell of the tiny tables
NUMERIC = [
    *(
        ("courses.csv", column, True)
        for column in (
            "months",
            "away_days",
            "cost_per_learner",
            "max_age",
            "class_max",
            "class_min",
            "class_cost",
            "lecturer_hours",
        )
    ),
    ("courses.csv", "obligation", False),
    *(("offerings.csv", column, True) for column in ("year", "seats", "classes")),
    *(
        ("lecturers.csv", column, True)
        for column in (
            "hours_per_year",
            "cost_per_hour",
            "from_year",
            "to_year",
        )
    ),
]


@st.composite
def numeric_cells(draw: st.DrawFn) -> tuple[str, int, str, str]:
    file, column, whole = draw(st.sampled_from(NUMERIC))
    row = draw(st.integers(2, len(tiny_rows(file))))
    return file, row, column, draw(bad_numbers(whole))


def any_row(file: str) -> st.SearchStrategy[int]:
    return st.integers(2, len(tiny_rows(file)))


# ================================================================ tables


@SOME
@given(
    file=st.sampled_from(TABLE_FILES),
    data=st.data(),
)
def test_missing_required_column(file: str, data: st.DataObject) -> None:
    """K1: a column SPEC.md requires is missing: refused at row 1 of its file, by name."""
    required = {
        "units.csv": ["unit_id", "name"],
        "posts.csv": ["post_id", "name", "category", "leadership", "std_degree", "std_llct"],
        "officials.csv": [
            "official_id",
            "name",
            "unit_id",
            "post_id",
            "sex",
            "birth",
            "degree",
            "llct",
        ],
        "courses.csv": [
            "course_id",
            "name",
            "track",
            "grants",
            "months",
            "away_days",
            "mode",
            "cost_per_learner",
            "provider",
        ],
        "offerings.csv": ["course_id", "year"],
        "lecturers.csv": ["lecturer_id", "name", "subjects", "hours_per_year", "cost_per_hour"],
    }[file]
    # all but one at most: a file of no columns at all is an empty file (K8-K10)
    dropped = data.draw(
        st.sets(st.sampled_from(required), min_size=1, max_size=len(required) - 1),
        label="dropped",
    )
    with scenario_copy() as folder:
        rows = read_rows(folder, file)
        keep = [index for index, name in enumerate(rows[0]) if name not in dropped]
        write_rows(folder, file, [[row[i] for i in keep if i < len(row)] for row in rows])
        output = assert_refused(invoke("validate", folder))
    for column in dropped:
        assert_names(output, at(file, 1, column), " this required column is missing")


@SOME
@given(
    file=st.sampled_from(TABLE_FILES),
    data=st.data(),
    how=st.sampled_from(["append", "rename"]),
    spelling=st.sampled_from([str, str.upper, str.title, lambda name: f"  {name} "]),
)
def test_column_given_twice(
    file: str, data: st.DataObject, how: str, spelling: Callable[[str], str]
) -> None:
    """K2: a column given twice, however it is spelled, is refused at row 1 by name."""
    header = tiny_rows(file)[0]
    column = data.draw(st.sampled_from(header), label="column")
    with scenario_copy() as folder:
        rows = read_rows(folder, file)
        index = rows[0].index(column)
        if how == "append" or len(header) == 1:
            rows = [[*row, row[index] if index < len(row) else ""] for row in rows]
            rows[0][-1] = spelling(column)
        else:
            other = data.draw(
                st.sampled_from([i for i in range(len(header)) if i != index]), label="other"
            )
            rows[0][other] = spelling(column)
        write_rows(folder, file, rows)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at(file, 1, column), " this column appears twice")


@FEW
@given(
    file=st.sampled_from(TABLE_FILES),
    data=st.data(),
    extra=st.lists(st.text(TEXT, max_size=10), min_size=1, max_size=3).filter(
        lambda cells: any(cell.strip() for cell in cells)
    ),
)
def test_row_longer_than_its_header(file: str, data: st.DataObject, extra: list[str]) -> None:
    """K3: cells beyond the last named column are refused at their row."""
    row = data.draw(any_row(file), label="row")
    with scenario_copy() as folder:
        rows = read_rows(folder, file)
        width = len(rows[0])
        rows[row - 1] = rows[row - 1] + [""] * (width - len(rows[row - 1])) + extra
        write_rows(folder, file, rows)
        output = assert_refused(invoke("validate", folder))
    cells = width + len(extra)
    assert_names(output, at(file, row), f" has {cells} cells but the header has {width}")


@SOME
@given(cell=numeric_cells())
@example(cell=("courses.csv", 4, "obligation", "%" * 5000))  # was a RecursionError
@example(cell=("courses.csv", 2, "cost_per_learner", "1e300"))  # was accepted, crashed solve
@example(cell=("courses.csv", 4, "class_max", str(10**30)))  # was accepted
@example(cell=("lecturers.csv", 2, "from_year", str(10**30)))  # was accepted
@example(cell=("offerings.csv", 4, "seats", "9" * 5000))
def test_wrong_type_in_numeric_cell(cell: tuple[str, int, str, str]) -> None:
    """K4: text, huge, negative, NaN/inf or fractional numbers are refused at their cell."""
    file, row, column, value = cell
    with scenario_copy() as folder:
        set_cell(folder, file, row, column, value)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at(file, row, column))


@SOME
@given(
    where=st.sampled_from([("posts.csv", "leadership"), ("officials.csv", "successor")]),
    data=st.data(),
    value=st.one_of(
        WORDS,
        st.text(TEXT, min_size=1, max_size=5),
        st.sampled_from(
            ["2", "-1", "1.0", "yes please", "nope", "tru", "Đ", "✓", "☐", "1e300", "nan"]
        ),
    ).filter(lambda text: text.strip() != "" and not reads_as(to_bool, text)),
)
def test_wrong_type_in_boolean_cell(
    where: tuple[str, str], data: st.DataObject, value: str
) -> None:
    """K5: what is neither true nor false (in any spelling the loader knows) is refused."""
    file, column = where
    row = data.draw(any_row(file), label="row")
    with scenario_copy() as folder:
        set_cell(folder, file, row, column, value)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at(file, row, column), " .*is not true or false")


@SOME
@given(
    row=any_row("officials.csv"),
    value=st.one_of(
        WORDS,
        st.sampled_from(
            [
                "1975",
                "197505",
                "1e300",
                str(10**30),
                "-1975-05",
                "nan",
                "inf",
                "May 1985",
                "tháng 5/1985",
                "1975-²",
                "①⑨⑦⑤-05",
                "1975--05",
            ]
        ),
        st.integers().map(str),
    ).filter(lambda text: text.strip() != "" and not reads_as(to_month, text)),
)
def test_wrong_type_in_date_cell(row: int, value: str) -> None:
    """K6: a birth cell that is no month is refused at its cell."""
    with scenario_copy() as folder:
        set_cell(folder, "officials.csv", row, "birth", value)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at("officials.csv", row, "birth"))


@st.composite
def impossible_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1940, 1999))
    kind = draw(st.sampled_from(["month", "year", "day", "d/m/y", "m/y"]))
    if kind == "month":
        return f"{year}-{draw(st.sampled_from([0, *range(13, 100)])):02d}"
    if kind == "year":
        far = draw(st.one_of(st.integers(0, 1899), st.integers(2101, 9999)))
        return f"{far:04d}-{draw(st.integers(1, 12)):02d}"
    month = draw(st.integers(1, 12))
    days = calendar.monthrange(year, month)[1]
    day = draw(st.sampled_from([0, *range(days + 1, 32)]))
    if kind == "day":
        return f"{year}-{month:02d}-{day:02d}"
    if kind == "d/m/y":
        return f"{day:02d}/{month:02d}/{year}"
    return f"{draw(st.sampled_from([0, 13, 31, 99])):02d}/{year}"


@SOME
@given(row=any_row("officials.csv"), value=impossible_dates())
@example(row=2, value="1970-02-31")  # was read as 1970-02
@example(row=3, value="0000-05")
@example(row=4, value="31/02/1975")
@example(row=5, value="1975-13")
@example(row=2, value="1971-02-29")  # not a leap year
def test_impossible_date(row: int, value: str) -> None:
    """K7: a birth that no calendar holds is refused at its cell."""
    with scenario_copy() as folder:
        set_cell(folder, "officials.csv", row, "birth", value)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at("officials.csv", row, "birth"))


@SOME
@given(
    file=st.sampled_from(ALL_FILES),
    kind=st.sampled_from(["0 bytes", "names only", "blank lines"]),
    blank=st.lists(
        st.sampled_from(["\n", "\r\n", " \n", "\t\n", "\u00a0\n", ",,,\n", " ; \n"]),
        min_size=1,
        max_size=6,
    ).map("".join),
)
@example(file="units.csv", kind="names only", blank="\n")  # was valid, then unknown units
def test_empty_file(file: str, kind: str, blank: str) -> None:
    """K8-K10: a file of 0 bytes, of column names only, or of blank lines is refused by name."""
    with scenario_copy() as folder:
        path = folder / file
        if kind == "0 bytes":
            path.write_bytes(b"")
        elif kind == "names only":
            first = path.read_text(encoding="utf-8-sig").splitlines()[0]
            text = "# no settings\n" if file == SETTINGS_FILE else first + "\n"
            path.write_text(text, encoding="utf-8")
        else:
            if file != SETTINGS_FILE and blank.startswith((",", " ;")):
                blank = "\n" + blank  # a first row of empty names: still no header
            path.write_text(
                blank.replace(",", "").replace(";", "") if file == SETTINGS_FILE else blank,
                encoding="utf-8",
            )
        output = assert_refused(invoke("validate", folder))
    if file == SETTINGS_FILE:  # nothing, or blanks YAML may find unreadable (a tab)
        assert_names(output, f"{SETTINGS_FILE} line ", r"\d+: (must be a mapping|is not valid)")
    elif kind != "names only":
        assert_names(output, at(file, 1), " is empty")
    elif file == "lecturers.csv":  # optional table: no lecturer, so the internal course fails
        assert_names(output, at("courses.csv", 2, "subject"), " no lecturer teaches")
    else:
        assert_names(output, at(file, 2), " has column names but no rows")


UNITS, POSTS = {"X1", "X2"}, {"chair", "youth", "finance"}
COURSES, OFFICIALS = {"llct-elem", "llct-mid", "deg-college"}, {"O1", "O2", "O3", "O4"}
TRACKS = {
    "degree": ("none", "intermediate", "college", "university"),
    "llct": ("none", "elementary", "intermediate"),
}
LEVELS = {level for levels in TRACKS.values() for level in levels}

# (file, column, message fragment, ids that exist)
REFERENCES = [
    ("officials.csv", "unit_id", "no unit", UNITS),
    ("officials.csv", "post_id", "no post", POSTS),
    ("officials.csv", "degree", "has no level", LEVELS),
    ("officials.csv", "llct", "has no level", LEVELS),
    ("posts.csv", "std_degree", "has no level", LEVELS),
    ("posts.csv", "std_llct", "has no level", LEVELS),
    ("offerings.csv", "course_id", "no course", COURSES),
    ("courses.csv", "track", "no track", set(TRACKS)),
    ("courses.csv", "grants", "has no level", LEVELS),
]


@SOME
@given(reference=st.sampled_from(REFERENCES), data=st.data())
def test_unknown_id(reference: tuple[str, str, str, set[str]], data: st.DataObject) -> None:
    """K11: a cell naming a unit, post, course, track or level that does not exist."""
    file, column, fragment, known = reference
    row = data.draw(any_row(file), label="row")
    value = data.draw(
        st.text(TEXT, min_size=1, max_size=12).filter(
            lambda text: norm(text) != "" and norm(text) not in known
        ),
        label="value",
    )
    with scenario_copy() as folder:
        set_cell(folder, file, row, column, value)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at(file, row, column), f" .*{fragment}")


IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


@FEW
@given(
    row=any_row("courses.csv"),
    track=st.sampled_from(["degree", "llct", None]),
    name=IDS,
)
def test_unknown_prerequisite(row: int, track: str | None, name: str) -> None:
    """K11: 'requires' naming a track or level that does not exist."""
    if track is None:
        assume(name not in TRACKS)
        requires, fragment = f"{name}>=college", "no track"
    else:
        assume(name not in TRACKS[track])
        requires, fragment = f"{track}>={name}", "has no level"
    with scenario_copy() as folder:
        set_cell(folder, "courses.csv", row, "requires", requires)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at("courses.csv", row, "requires"), f" .*{fragment}")


@FEW
@given(column=st.sampled_from(["official_id", "course_id"]), name=IDS)
def test_pin_unknown_id(column: str, name: str) -> None:
    """K11: a pin naming an official or a course that does not exist."""
    assume(name not in OFFICIALS | COURSES)
    pin = {"official_id": "O1", "course_id": "llct-elem", "year": "2018", "action": "forbid"}
    pin[column] = name
    with scenario_copy() as folder:
        write_rows(folder, "pins.csv", [list(pin), list(pin.values())])
        output = assert_refused(invoke("validate", folder))
    thing = "official" if column == "official_id" else "course"
    assert_names(output, at("pins.csv", 2, column), f" no {thing} '{name}'")


@FEW
@given(where=st.sampled_from(["unit", "post", "has", "standard"]), name=IDS)
def test_target_unknown_id(where: str, name: str) -> None:
    """K11: a target of scenario.yaml naming a unit, post or track that does not exist."""
    assume(name not in UNITS | POSTS | set(TRACKS))
    settings_data = tiny_settings()
    target = settings_data["targets"][0]
    if where in ("unit", "post"):
        target["who"] = {where: name}
        path, fragment = f"targets[0].who.{where}", f"no {where} '{name}'"
    elif where == "has":
        target["has"] = {name: "college"}
        path, fragment = "targets[0].has", f"no track '{name}'"
    else:
        target["standard"] = [name]
        path, fragment = "targets[0].standard", f"no track '{name}'"
    with scenario_copy() as folder:
        write_settings(folder, settings_data)
        output = assert_refused(invoke("validate", folder))
    pattern = rf"\d+, {re.escape(path)}.*{re.escape(fragment)}"
    assert_names(output, f"{SETTINGS_FILE} line ", pattern)


ID_COLUMNS = {
    "units.csv": "unit_id",
    "posts.csv": "post_id",
    "officials.csv": "official_id",
    "courses.csv": "course_id",
    "lecturers.csv": "lecturer_id",
    "offerings.csv": "year",
}


@SOME
@given(
    file=st.sampled_from(list(ID_COLUMNS)),
    data=st.data(),
    pad=st.sampled_from(["", " ", "  ", "\u00a0"]),
)
def test_duplicate_id(file: str, data: st.DataObject, pad: str) -> None:
    """K12: an id given to two rows (spaces around it do not make it another id)."""
    column = ID_COLUMNS[file]
    with scenario_copy() as folder:
        rows = read_rows(folder, file)
        if len(rows) == 2:  # one lecturer: a second row to collide with
            rows.append([*rows[1][:1], "Người thứ hai", *rows[1][2:]])
            rows[2][0] = "L2"
        first = data.draw(st.integers(2, len(rows) - 1), label="first")
        second = data.draw(st.integers(first + 1, len(rows)), label="second")
        keys = ["course_id", "year"] if file == "offerings.csv" else [column]
        for key in keys:
            index = rows[0].index(key)
            rows[second - 1][index] = pad + rows[first - 1][index] + pad
        write_rows(folder, file, rows)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at(file, second, column), f" .*already appears in row {first}")


@st.composite
def prerequisite_rings(draw: st.DrawFn) -> list[tuple[str, str]]:
    """(course id, track) of 2-4 courses: each requires the level only the next one grants."""
    size = draw(st.integers(2, 4))
    names = draw(st.lists(IDS, min_size=size, max_size=size, unique=True))
    return [(f"c-{name}", f"t-{name}") for name in names]


@FEW
@given(
    ring=prerequisite_rings(),
    year=st.sampled_from([2018, 2019, 2020]),
    level=st.sampled_from(["done", "xong", "hoàn-thành"]),
)
def test_prerequisite_cycle(ring: list[tuple[str, str]], year: int, level: str) -> None:
    """K13: course A requires a level only B grants, B one only A grants (rings of 2-4):
    every course of the ring is refused as one that can never start."""
    settings_data = tiny_settings()
    for _, track in ring:
        settings_data["tracks"][track] = ["none", level]
    with scenario_copy() as folder:
        write_settings(folder, settings_data)
        for file, prefix in (("officials.csv", ""), ("posts.csv", "std_")):
            header, *rows = read_rows(folder, file)
            header += [f"{prefix}{track}" for _, track in ring]
            write_rows(folder, file, [header, *(row + [""] * len(ring) for row in rows)])
        courses, offerings = read_rows(folder, "courses.csv"), read_rows(folder, "offerings.csv")
        for index, (course, track) in enumerate(ring):
            needs = ring[(index + 1) % len(ring)][1]
            courses.append(
                [
                    course,
                    f"Khoá {index}",
                    track,
                    level,
                    f"{needs}>={level}",
                    "12",
                    "10",
                    "in_service",
                    "1000",
                    "external",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            offerings.append([course, str(year), "5", ""])
        write_rows(folder, "courses.csv", courses)
        write_rows(folder, "offerings.csv", offerings)
        output = assert_refused(invoke("validate", folder))
    for index, (course, _) in enumerate(ring):
        assert_names(
            output,
            at("courses.csv", 5 + index, "requires"),
            f" course {re.escape(course)} can never start",
        )


VIETNAMESE_FILES = ("units.csv", "posts.csv", "officials.csv", "courses.csv", "lecturers.csv")


@SOME
@given(
    encoding=st.sampled_from(["windows-1258", "utf-16-le", "utf-16-be", "latin-1", "random"]),
    data=st.data(),
)
def test_wrong_encoding(encoding: str, data: st.DataObject) -> None:
    """K14-K17: Windows-1258, UTF-16 without BOM, Latin-1 or random bytes: the file is named."""
    files = VIETNAMESE_FILES if encoding == "windows-1258" else ALL_FILES
    if encoding == "latin-1":
        files = tuple(file for file in TABLE_FILES if file != "offerings.csv")
    file = data.draw(st.sampled_from(files), label="file")
    with scenario_copy() as folder:
        path = folder / file
        if encoding == "latin-1":  # a Western name, as a Latin-1 Excel saves it
            name = data.draw(st.text("àéèêçñöüßÅØ", min_size=1, max_size=8), label="name")
            set_cell(folder, file, 2, "name", f"Hélène {name}")
        text = path.read_text(encoding="utf-8-sig")
        if encoding == "random":
            raw = data.draw(st.binary(min_size=1, max_size=300), label="bytes")
        elif encoding == "windows-1258":
            raw = cp1258(text)
        else:
            raw = text.encode(encoding, errors="replace")
        path.write_bytes(raw)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, file)
    if encoding in ("windows-1258", "latin-1"):
        assert_names(output, f"{file} row ", r"\d+: not UTF-8 text")
    if encoding.startswith("utf-16") and file != SETTINGS_FILE:
        assert_names(output, f"{file}: looks like UTF-16 text without a byte-order mark")


@SOME
@given(
    file=st.sampled_from(ALL_FILES),
    where=st.floats(0, 1),
    junk=st.binary(min_size=1, max_size=16).filter(lambda raw: b"\x00" in raw or not _utf8(raw)),
)
def test_binary_junk_inside_a_file(file: str, where: float, junk: bytes) -> None:
    """K18: NUL bytes or bytes that are no UTF-8 inside a file: refused at their row."""
    with scenario_copy() as folder:
        path = folder / file
        raw = path.read_bytes()
        # Between two characters, after the first (a byte-order mark kept whole): at byte 0
        # the junk could pass for a BOM or a zip signature; inside a character it could
        # complete it.
        start = 3 if raw.startswith(b"\xef\xbb\xbf") else 1
        between = [
            i for i in range(start, len(raw) + 1) if i == len(raw) or not 0x80 <= raw[i] < 0xC0
        ]
        cut = between[round(where * (len(between) - 1))]
        path.write_bytes(raw[:cut] + junk + raw[cut:])
        output = assert_refused(invoke("validate", folder))
    word = "line" if file == SETTINGS_FILE else "row"
    assert_names(output, f"{file} {word} ", r"\d+: ")


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@SOME
@given(file=st.sampled_from(ALL_FILES), where=st.floats(0, 1, exclude_max=True))
def test_truncated_file_never_crashes(file: str, where: float) -> None:
    """K19: a file cut at any byte. A cut between rows can leave a shorter scenario that is
    still valid (the last official dropped), so exit 0 is allowed there; anything else is 2,
    with a problem naming a scenario file."""
    with scenario_copy() as folder:
        path = folder / file
        raw = path.read_bytes()
        path.write_bytes(raw[: int(where * len(raw))])
        result = invoke("validate", folder)
    output = assert_no_crash(result)
    event(f"exit {result.exit_code}")
    assert result.exit_code in (0, 2), output
    if result.exit_code == 2:
        assert any(line.startswith(ALL_FILES) for line in problem_lines(output)), output
    else:
        assert "is valid" in output


@st.composite
def cuts_that_break(draw: st.DrawFn) -> tuple[str, int]:
    """A cut inside a multi-byte character, or inside the header of a required table."""
    if draw(st.booleans()):
        file = draw(st.sampled_from(VIETNAMESE_FILES))
        raw = (TINY / file).read_bytes()
        inside = [i for i, byte in enumerate(raw) if 0x80 <= byte < 0xC0]
        return file, draw(st.sampled_from(inside))
    file = draw(st.sampled_from(TABLE_FILES[:-1]))
    raw = (TINY / file).read_bytes()
    return file, draw(st.integers(0, raw.index(b"\n")))


@SOME
@given(cut=cuts_that_break())
def test_truncated_file_is_refused(cut: tuple[str, int]) -> None:
    """K19: a file cut inside a character or inside its header is refused, naming the file."""
    file, at_byte = cut
    with scenario_copy() as folder:
        path = folder / file
        path.write_bytes(path.read_bytes()[:at_byte])
        output = assert_refused(invoke("validate", folder))
    assert_names(output, f"{file} row ")


@st.composite
def table_rows(draw: st.DrawFn, files: tuple[str, ...] = TABLE_FILES) -> tuple[str, int]:
    file = draw(st.sampled_from(files))
    return file, draw(any_row(file))


@FEW
@given(where=table_rows(), size=st.integers(0, 300_000))
@example(where=("units.csv", 2), size=200_000)  # was _csv.Error: field larger than field limit
def test_quote_never_closed(where: tuple[str, int], size: int) -> None:
    """K20: a quote opened in a cell and never closed (the rest of the file swallowed, past the
    CSV module's 128 KiB field limit at times) is refused at its row."""
    file, row = where
    with scenario_copy() as folder:
        path = folder / file
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        lines[row - 1] = lines[row - 1] + ',"' + "x" * size
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at(file, row))


# ================================================================ the workbook


def edit_workbook(folder: Path, change: Callable[[openpyxl.Workbook], None]) -> None:
    path = folder / WORKBOOK
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)


SHEET_TITLE = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="[]:*?/\\'\ufeff"),
    min_size=1,
    max_size=31,
)


@FEW
@given(table=st.sampled_from(REQUIRED_TABLES), rename=st.one_of(st.none(), SHEET_TITLE))
def test_sheet_renamed_or_missing(table: str, rename: str | None) -> None:
    """K21: a required sheet renamed (to anything that is not its table) or deleted."""
    if rename is not None:
        assume(norm(rename).lower() not in (*REQUIRED_TABLES, "lecturers", "pins"))
    with workbook_copy() as folder:

        def change(book: openpyxl.Workbook) -> None:
            sheet = sheet_of(book, table)
            if rename is None:
                book.remove(sheet)
            else:
                assume(rename.lower() not in (s.title.lower() for s in book.worksheets))
                sheet.title = rename

        edit_workbook(folder, change)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, f"{WORKBOOK}: has no sheet '{table}'")


@st.composite
def workbook_cells(draw: st.DrawFn) -> tuple[str, int, int, str]:
    """(table, row, column number, header) of any data cell of the tiny tables."""
    table = draw(st.sampled_from([*REQUIRED_TABLES, "lecturers"]))
    header, *rows = tiny_rows(f"{table}.csv")
    row = draw(st.integers(2, len(rows) + 1))
    column = draw(st.integers(1, len(header)))
    return table, row, column, header[column - 1]


@FEW
@given(
    cell=workbook_cells(),
    formula=st.sampled_from(
        [
            "=1+1",
            "=A1",
            "=SUM(B2:B3)",
            "=NOW()",
            '="x"&"y"',
            "=1/0",
            "=VLOOKUP(A2,units!A:B,2,FALSE)",
        ]
    ),
)
def test_workbook_formula(cell: tuple[str, int, int, str], formula: str) -> None:
    """K22: a formula Excel never calculated is refused at its sheet, row and column."""
    table, row, column, name = cell
    with workbook_copy() as folder:
        edit_workbook(folder, lambda book: sheet_of(book, table).cell(row, column, formula))
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at(f"{WORKBOOK} [{table}]", row, name), " holds a formula")


@st.composite
def merged_ranges(draw: st.DrawFn) -> tuple[str, int, int, str, int, int]:
    """A range of two cells or more inside a table: its first cell, then its last."""
    table, row, column, name = draw(workbook_cells())
    header, *rows = tiny_rows(f"{table}.csv")
    to_row = draw(st.integers(row, len(rows) + 1))
    to_column = draw(st.integers(column, len(header)))
    assume((to_row, to_column) != (row, column))
    return table, row, column, name, to_row, to_column


@FEW
@given(merged=merged_ranges())
@example(merged=("units", 2, 3, "district", 3, 3))  # optional column: was read as blank
def test_workbook_merged_cells(merged: tuple[str, int, int, str, int, int]) -> None:
    """K23: merged cells (Excel keeps the first value only) are refused where they start."""
    table, row, column, name, to_row, to_column = merged
    ref = f"{get_column_letter(column)}{row}:{get_column_letter(to_column)}{to_row}"
    with workbook_copy() as folder:
        edit_workbook(folder, lambda book: sheet_of(book, table).merge_cells(ref))
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at(f"{WORKBOOK} [{table}]", row, name), f" cells {ref} are merged")


@FEW
@given(
    content=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.binary(max_size=200).map(lambda raw: b"PK\x03\x04" + raw),
        st.binary(max_size=200).map(lambda raw: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + raw),
        st.just((TINY / "units.csv").read_bytes()),
    )
)
def test_not_a_workbook(content: bytes) -> None:
    """K24: scenario.xlsx that is text, random bytes, a broken zip or an old .xls."""
    with tempfile.TemporaryDirectory(prefix="trainplan-bad-") as root:
        folder = Path(root)
        shutil.copy(TINY / SETTINGS_FILE, folder)
        (folder / WORKBOOK).write_bytes(content)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, f"{WORKBOOK}: ")


def _rezip(folder: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Rewrite the workbook's zip, each member through ``change`` (None drops it)."""
    path = folder / WORKBOOK
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = change(item.filename, source.read(item.filename))
            if content is not None:
                target.writestr(item, content)
    path.write_bytes(out.getvalue())


def _chart_sheet(folder: Path) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book.remove(sheet_of(book, "units"))
        book.create_chartsheet("units")

    edit_workbook(folder, change)


DAMAGES: dict[str, Callable[[Path], None]] = {
    "a chart sheet named units": _chart_sheet,  # was AttributeError inside openpyxl
    "a sheet's XML cut in half": lambda folder: _rezip(  # was ParseError while reading rows
        folder, lambda name, raw: raw[: len(raw) // 2] if "worksheets/sheet2" in name else raw
    ),
    "no workbook.xml": lambda folder: _rezip(
        folder, lambda name, raw: None if name == "xl/workbook.xml" else raw
    ),
    "sheet XML replaced by junk": lambda folder: _rezip(
        folder, lambda name, raw: b"\x00junk<" if "worksheets/sheet1" in name else raw
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damaged_workbook(damage: str) -> None:
    """K25: a workbook damaged inside its zip is refused, naming it."""
    with workbook_copy() as folder:
        DAMAGES[damage](folder)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, WORKBOOK)


@FEW
@given(where=st.floats(0, 1, exclude_max=True))
def test_truncated_workbook(where: float) -> None:
    """K19/K25: a workbook cut at any byte is refused, naming it."""
    with workbook_copy() as folder:
        path = folder / WORKBOOK
        raw = path.read_bytes()
        path.write_bytes(raw[: int(where * len(raw))])
        output = assert_refused(invoke("validate", folder))
    assert_names(output, f"{WORKBOOK}: ")


@SOME
@given(
    where=st.sampled_from(NUMERIC),
    data=st.data(),
    value=st.one_of(
        st.sampled_from([1e300, -1e300, 10**30, -5, -0.5, True, False, "nan", "inf", "∞"]),
        st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1)),
        WORDS,
        st.integers(max_value=-1),
    ),
)
def test_workbook_wrong_type_in_cell(
    where: tuple[str, str, bool], data: st.DataObject, value: object
) -> None:
    """K26: a real number, boolean, date or text no numeric cell can take, in a workbook."""
    file, column, whole = where
    if whole and data.draw(st.booleans(), label="fraction"):
        value = data.draw(st.floats(0.01, 1e6).filter(lambda x: not x.is_integer()), label="x")
    table = file.removesuffix(".csv")
    header = tiny_rows(file)[0]
    row = data.draw(any_row(file), label="row")
    with workbook_copy() as folder:
        edit_workbook(
            folder, lambda book: sheet_of(book, table).cell(row, header.index(column) + 1, value)
        )
        output = assert_refused(invoke("validate", folder))
    assert_names(output, at(f"{WORKBOOK} [{table}]", row, column))


# ================================================================ scenario.yaml

NOT_YAML = [
    "horizon: [2018, 2020",
    'title: "never closed',
    "\tindented: with a tab",
    "*undefined",
    "key: *nowhere",
    "@reserved: 1",
    "`backtick: 1",
    "name: a: b",
    "- a list item",
    "  - stray: [",
    "{unclosed: 1",
    "]",
    "}",
    "key: 'open",
    "%YAML 1.1",
    "!!python/name:os.system x",
    "a: !!int notanumber",
    "key: |\n bad\n  worse\nx",
]


@SOME
@given(snippet=st.sampled_from(NOT_YAML), data=st.data())
def test_settings_not_yaml(snippet: str, data: st.DataObject) -> None:
    """K27: a line no YAML parser accepts, anywhere in scenario.yaml: refused at a line."""
    lines = (TINY / SETTINGS_FILE).read_text(encoding="utf-8").splitlines()
    index = data.draw(st.integers(0, len(lines)), label="line")
    with scenario_copy() as folder:
        text = "\n".join([*lines[:index], snippet, *lines[index:]]) + "\n"
        (folder / SETTINGS_FILE).write_text(text, encoding="utf-8")
        output = assert_refused(invoke("validate", folder))
    assert_names(output, f"{SETTINGS_FILE} line ", r"\d+: is not valid YAML")


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(TEXT, max_size=20),
)


@FEW
@given(
    value=st.one_of(
        SCALARS,
        st.lists(
            st.recursive(
                SCALARS,
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3)
                ),
                max_leaves=8,
            ),
            max_size=4,
        ),
    )
)
def test_settings_list_or_scalar(value: object) -> None:
    """K28: scenario.yaml holding a list or a scalar, not a mapping of settings."""
    with scenario_copy() as folder:
        write_settings(folder, value)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, f"{SETTINGS_FILE} line 1: must be a mapping")


def _put(data: dict, path: tuple[str | int, ...], value: object) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


# (path in scenario.yaml, wrong values): each value is refused at that setting
WRONG_TYPES: list[tuple[tuple[str | int, ...], st.SearchStrategy[object]]] = [
    (
        ("horizon",),
        st.one_of(
            WORDS,
            st.integers(2018, 2020),
            st.just({"from": 2018}),
            st.lists(WORDS, min_size=2, max_size=2),
            st.lists(st.integers(2018, 2020), min_size=3, max_size=4),
        ),
    ),
    (
        ("tracks",),
        st.one_of(
            st.just(["degree", "llct"]),
            st.lists(WORDS, min_size=1, max_size=3),
            WORDS,
            st.integers(),
        ),
    ),
    (("targets", 0, "share"), st.one_of(WORDS, st.just([0.5]), st.just({"value": 0.5}))),
    (("targets", 0, "year"), st.one_of(WORDS, st.just([2020]))),
    (("targets",), st.one_of(WORDS, st.just({"cadres-2020": {"year": 2020}}))),
    (("budget", "per_year"), st.one_of(WORDS, st.just([1, 2]))),
    (("budget",), st.one_of(WORDS, st.just([200000000]))),
    (("continuity", "working_days"), st.one_of(WORDS, st.just({"days": 250}))),
    (("continuity",), st.one_of(WORDS, st.just([250, 0.1]))),
    (("service_obligation",), WORDS),
    (("name",), st.one_of(st.just(["tiny"]), st.just({"vi": "nhỏ"}))),
]


@SOME
@given(case=st.sampled_from(range(len(WRONG_TYPES))), data=st.data())
def test_settings_wrong_type(case: int, data: st.DataObject) -> None:
    """K29: horizon as text, share as text, tracks as a list, and more: refused at the setting."""
    path, values = WRONG_TYPES[case]
    value = data.draw(values, label="value")
    settings_data = tiny_settings()
    _put(settings_data, path, value)
    dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    with scenario_copy() as folder:
        write_settings(folder, settings_data)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, f"{SETTINGS_FILE} line ", rf"\d+, {re.escape(dotted)}")


KNOWN_SETTINGS: dict[tuple[str | int, ...], set[str]] = {
    (): {
        "name",
        "title",
        "horizon",
        "tracks",
        "targets",
        "budget",
        "continuity",
        "service_obligation",
    },
    ("continuity",): {
        "working_days",
        "max_away_share",
        "max_leaders_away",
        "max_personal_days",
        "day_value",
        "leader_factor",
        "years",
    },
    ("budget",): {"per_year", "total"},
    ("targets", 0): {"id", "year", "who", "has", "standard", "share", "hard", "weight"},
}


@SOME
@given(
    key=st.one_of(
        st.text(TEXT, min_size=1, max_size=10),
        st.sampled_from(["²", "١٢", "2019", "0", "9" * 40, "yes", "null", "~", "<<", "name"]),
    ),
    value=SCALARS,
    where=st.sampled_from([(), ("continuity",), ("budget",), ("targets", 0)]),
)
@example(key="²", value=1, where=())  # was ValueError: int('²') while indexing lines
def test_settings_unknown_key(key: str, value: object, where: tuple[str | int, ...]) -> None:
    """K29: a setting no one knows (or one given twice), whatever its key: refused at its line."""
    settings_data = tiny_settings()
    if key in KNOWN_SETTINGS[where]:
        key = key.upper()  # a known setting: put a near-miss
    block = settings_data
    for part in where:
        block = block[part]
    assume(key not in block)
    block[key] = value
    with scenario_copy() as folder:
        write_settings(folder, settings_data)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, f"{SETTINGS_FILE} line ", r"\d+, ")


EXTREME_SETTINGS = [
    ("horizon", 0),
    ("horizon", 1),
    ("targets", 0, "share"),
    ("targets", 0, "weight"),
    ("targets", 0, "year"),
    ("budget", "per_year"),
    ("budget", "total"),
    ("continuity", "working_days"),
    ("continuity", "max_away_share"),
    ("continuity", "max_leaders_away"),
    ("continuity", "max_personal_days"),
    ("continuity", "day_value"),
    ("continuity", "leader_factor"),
    ("service_obligation",),
]


@SOME
@given(
    path=st.sampled_from(EXTREME_SETTINGS),
    value=st.one_of(
        st.sampled_from(
            [1e300, -1e300, 10**30, -(10**30), float("nan"), float("inf"), float("-inf"), 10**400]
        ),
        st.integers(max_value=-1),
        st.floats(max_value=-0.001, allow_infinity=False),
    ),
)
@example(path=("budget", "per_year"), value=1e300)  # was valid, crashed the solver
@example(path=("continuity", "max_leaders_away"), value=10**30)  # was valid
def test_settings_extreme_number(path: tuple[str | int, ...], value: object) -> None:
    """K30: 1e300, 10**30, .nan, .inf or a negative number in a numeric setting."""
    settings_data = tiny_settings()
    _put(settings_data, path, value)
    top = (
        path[0]
        if path[0] == "horizon"
        else "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    )
    with scenario_copy() as folder:
        write_settings(folder, settings_data)
        output = assert_refused(invoke("validate", folder))
    assert_names(output, f"{SETTINGS_FILE} line ", rf"\d+, {re.escape(top)}")


BOMB = "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 10)}]\n" for n in range(1, 10)
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("horizon: " + "[" * 5000 + "]" * 5000 + "\n", id="brackets-5000-deep"),
        pytest.param("a: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", id="mappings-3000-deep"),
        pytest.param("[" * 20000 + "\n", id="unclosed-20000-deep"),  # was RecursionError
        pytest.param(BOMB, id="billion-laughs"),  # was out of memory (aliases walked 10^9 times)
        pytest.param(BOMB + "name: *lol9\n", id="billion-laughs-as-name"),
        pytest.param(BOMB.replace("lol0:", "tracks:", 1), id="billion-laughs-as-tracks"),
    ],
)
def test_settings_nested_too_deep(text: str) -> None:
    """K31: deeply nested or exponentially aliased YAML is refused, quickly."""
    with scenario_copy() as folder:
        (folder / SETTINGS_FILE).write_text(text, encoding="utf-8")
        output = assert_refused(invoke("validate", folder))
    assert_names(output, SETTINGS_FILE)


@pytest.mark.parametrize(
    ("line", "text", "path"),
    [
        (3, "horizon: [2018-02-31, 2020]", "horizon"),
        (3, "horizon: [2018-13-01, 2020]", "horizon"),
        (9, "    year: 2020-02-30", "targets[0].year"),
        (1, "name: !!timestamp 2018-02-31", None),  # was ValueError from the YAML constructor
        (3, "horizon: [!!timestamp 2018-13-45, 2020]", None),
        (22, "service_obligation: 0000-00-00", "service_obligation"),
    ],
)
def test_settings_impossible_date(line: int, text: str, path: str | None) -> None:
    """K32: a date no calendar holds, where scenario.yaml wants a number or a name."""
    with scenario_copy() as folder:
        lines = (folder / SETTINGS_FILE).read_text(encoding="utf-8").splitlines()
        lines[line - 1] = text
        (folder / SETTINGS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
        output = assert_refused(invoke("validate", folder))
    assert_names(output, f"{SETTINGS_FILE} line {line}", f", {re.escape(path)}" if path else ":")


def test_dates_in_settings_are_text() -> None:
    """K32: a name that looks like an impossible date is a name (it once crashed YAML's date
    constructor); the scenario is valid."""
    with scenario_copy() as folder:
        path = folder / SETTINGS_FILE
        path.write_text(path.read_text(encoding="utf-8").replace("name: tiny", "name: 2018-02-31"))
        result = invoke("validate", folder)
    assert_no_crash(result)
    assert result.exit_code == 0
    assert "Scenario 2018-02-31 is valid." in result.output


@FEW
@given(
    name=st.one_of(
        st.sampled_from(
            [
                ".",
                "..",
                "../../etc",
                "a/b",
                "a\\b",
                "C:",
                "kế hoạch?",
                "a*",
                "<x>",
                "a|b",
                'say "hi"',
                "tab\there",
                "line\u2028break",
                "bell\a",
            ]
        ),
        st.tuples(
            st.text(TEXT, max_size=5),
            st.sampled_from('/\\:*?"<>|\n\x1b'),
            st.text(TEXT, max_size=5),
        ).map("".join),
    ).filter(lambda name: name.strip() != ""),
)
def test_settings_name_not_a_folder_name(name: str) -> None:
    """K36: solve writes plans/<name>; a name that is no single folder name is refused, and
    solve writes nothing (not even outside plans/)."""
    with tempfile.TemporaryDirectory(prefix="trainplan-bad-") as root:
        scenario = Path(root) / "tiny"
        shutil.copytree(TINY, scenario)
        _put_setting(scenario, ("name",), name)
        before = snapshot(Path(root))
        cwd = os.getcwd()
        os.chdir(scenario)  # plans/<name> would be written here
        try:
            output = assert_refused(invoke("solve", ".", "--time-limit", "1"))
        finally:
            os.chdir(cwd)
        assert snapshot(Path(root)) == before
    assert_names(output, f"{SETTINGS_FILE} line ", r"\d+, name: .*cannot be a folder name")


# ================================================================ paths

FOLDER_NAMES = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="/\\"),
    min_size=1,
    max_size=40,
).filter(lambda name: name not in (".", "..") and len(name.encode("utf-8")) < 200)


@FEW
@given(name=FOLDER_NAMES, command=st.sampled_from(["validate", "solve", "check"]))
def test_scenario_folder_missing(name: str, command: str) -> None:
    """K33: a scenario folder that does not exist."""
    with tempfile.TemporaryDirectory(prefix="trainplan-bad-") as root:
        path = Path(root) / name
        args = [command, path] + ([root] if command == "check" else [])
        output = assert_refused(invoke(*args))
        assert os.listdir(root) == []
    assert_names(output, str(path), ": is not a scenario folder")


@FEW
@given(
    name=FOLDER_NAMES,
    content=st.one_of(st.binary(max_size=100), st.just((TINY / SETTINGS_FILE).read_bytes())),
)
def test_scenario_path_is_a_file(name: str, content: bytes) -> None:
    """K34: a scenario path that is a file (random bytes, or a scenario.yaml itself)."""
    with tempfile.TemporaryDirectory(prefix="trainplan-bad-") as root:
        path = Path(root) / name
        path.write_bytes(content)
        output = assert_refused(invoke("validate", path))
    assert_names(output, str(path), ": is not a scenario folder")


@pytest.mark.parametrize("file", [SETTINGS_FILE, "units.csv", "officials.csv", WORKBOOK])
def test_scenario_file_is_a_folder(file: str) -> None:
    """K35: a folder where a scenario file belongs (scenario.yaml as a folder once crashed)."""
    with scenario_copy() as folder:
        path = folder / file
        if file == WORKBOOK:
            for table in TABLE_FILES:
                (folder / table).unlink()
        else:
            path.unlink()
        path.mkdir()
        output = assert_refused(invoke("validate", folder))
    assert_names(output, f"{file}: ")


# ================================================================ nothing written


def _bad_yaml_date(folder: Path) -> None:
    path = folder / SETTINGS_FILE
    path.write_text(path.read_text().replace("name: tiny", "name: !!timestamp 2018-02-31"))


def _as_bad_workbook(folder: Path) -> None:
    for table in TABLE_FILES:
        (folder / table).unlink()
    (folder / WORKBOOK).write_bytes(b"PK\x03\x04 not really a zip")


BREAKERS: dict[str, Callable[[Path], None]] = {
    "missing column": lambda f: write_rows(
        f, "units.csv", [row[1:] for row in read_rows(f, "units.csv")]
    ),
    "huge cost": lambda f: set_cell(f, "courses.csv", 4, "cost_per_learner", str(10**30)),
    "huge budget": lambda f: _put_setting(f, ("budget", "per_year"), 1e300),
    "bad boolean": lambda f: set_cell(f, "posts.csv", 3, "leadership", "có lẽ"),
    "impossible birth": lambda f: set_cell(f, "officials.csv", 2, "birth", "1970-02-31"),
    "unknown unit": lambda f: set_cell(f, "officials.csv", 3, "unit_id", "X9"),
    "duplicate id": lambda f: set_cell(f, "officials.csv", 5, "official_id", "O1"),
    "cp1258": lambda f: (f / "officials.csv").write_bytes(
        cp1258((TINY / "officials.csv").read_text(encoding="utf-8"))
    ),
    "NUL byte": lambda f: (f / "units.csv").write_bytes(b"unit_id,name\nX1,\x00\n"),
    "yaml a list": lambda f: write_settings(f, ["name", "tiny"]),
    "yaml bad date": _bad_yaml_date,
    "not a workbook": _as_bad_workbook,
    "no scenario.yaml": lambda f: (f / SETTINGS_FILE).unlink(),
}


def _put_setting(folder: Path, path: tuple[str | int, ...], value: object) -> None:
    data = tiny_settings()
    _put(data, path, value)
    write_settings(folder, data)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder``, with the bytes of each file."""
    return {
        str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def earlier_plan(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes | None]:
    """A real plan of the tiny scenario, written once by ``solve``."""
    out = tmp_path_factory.mktemp("earlier") / "plan"
    result = invoke("solve", TINY, "--out", out, "--time-limit", "10", "--workers", "1")
    assert result.exit_code == 0, result.output
    return snapshot(out)


@FEW
@given(
    breaker=st.sampled_from(list(BREAKERS)),
    earlier=st.booleans(),
    nested=st.booleans(),
)
def test_solve_writes_nothing(
    earlier_plan: dict[str, bytes | None], breaker: str, earlier: bool, nested: bool
) -> None:
    """solve --out DIR on bad input: exit 2, DIR not created, or an earlier plan in it kept
    byte for byte, and no lock or temporary file left beside it."""
    with tempfile.TemporaryDirectory(prefix="trainplan-bad-") as root:
        scenario = Path(root) / "tiny"
        shutil.copytree(TINY, scenario)
        BREAKERS[breaker](scenario)
        plans = Path(root) / "plans"
        plans.mkdir()
        out = plans / "new" / "plan" if nested else plans / "plan"
        if earlier:
            out.mkdir(parents=True)
            for name, content in earlier_plan.items():
                assert content is not None
                (out / name).write_bytes(content)
        before = snapshot(plans)
        assert_refused(invoke("solve", scenario, "--out", out, "--time-limit", "1"))
        assert snapshot(plans) == before
        assert out.exists() == earlier


@pytest.mark.parametrize("breaker", ["huge budget", "yaml bad date", "not a workbook"])
def test_solve_without_out_writes_nothing(
    breaker: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """solve with no --out would write plans/<name> here: on bad input nothing appears."""
    monkeypatch.chdir(tmp_path)
    scenario = tmp_path / "tiny"
    shutil.copytree(TINY, scenario)
    BREAKERS[breaker](scenario)
    before = snapshot(tmp_path)
    assert_refused(invoke("solve", scenario, "--time-limit", "1"))
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("breaker", ["unknown unit", "yaml a list"])
def test_check_refuses_bad_scenario(earlier_plan: dict[str, bytes | None], breaker: str) -> None:
    """check SCENARIO PLAN on a bad scenario: exit 2 before the plan is read."""
    with tempfile.TemporaryDirectory(prefix="trainplan-bad-") as root:
        scenario, plan = Path(root) / "tiny", Path(root) / "plan"
        shutil.copytree(TINY, scenario)
        BREAKERS[breaker](scenario)
        plan.mkdir()
        for name, content in earlier_plan.items():
            assert content is not None
            (plan / name).write_bytes(content)
        assert_refused(invoke("check", scenario, plan))
        assert snapshot(plan) == earlier_plan


# ================================================================ at a user's terminal

TRAINPLAN = Path(sys.executable).with_name("trainplan")


def _huge_cell(folder: Path) -> None:
    set_cell(folder, "units.csv", 3, "name", '"' + "x" * 200_000)


def _chart_workbook(folder: Path) -> None:
    for table in TABLE_FILES:
        (folder / table).unlink()
    write_workbook(folder)
    _chart_sheet(folder)


@pytest.mark.skipif(not TRAINPLAN.exists(), reason="the trainplan console script is not installed")
@pytest.mark.parametrize(
    ("breaker", "named"),
    [
        (_bad_yaml_date, SETTINGS_FILE),
        (_huge_cell, "units.csv row 3"),
        (_chart_workbook, WORKBOOK),
        (
            lambda folder: (folder / SETTINGS_FILE).unlink() or (folder / SETTINGS_FILE).mkdir(),
            SETTINGS_FILE,
        ),
        (BREAKERS["cp1258"], "officials.csv row 2"),
    ],
    ids=["yaml-bad-date", "csv-huge-cell", "xlsx-chart-sheet", "yaml-is-a-folder", "cp1258"],
)
def test_console_script_shows_no_traceback(breaker: Callable[[Path], None], named: str) -> None:
    """The installed ``trainplan validate`` on inputs that once crashed it: exit 2, no traceback."""
    with scenario_copy() as folder:
        breaker(folder)
        env = {key: value for key, value in os.environ.items() if key != "TRAINPLAN_DEBUG"}
        done = subprocess.run(
            [str(TRAINPLAN), "validate", str(folder)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "internal error" not in done.stderr
    assert f"  {named}" in done.stderr


@pytest.mark.skipif(not TRAINPLAN.exists(), reason="the trainplan console script is not installed")
def test_console_script_solve_writes_nothing() -> None:
    """The installed ``trainplan solve --out`` on bad input: exit 2, no traceback, no folder."""
    with scenario_copy() as folder:
        _bad_yaml_date(folder)
        out = folder.parent / "plan"
        done = subprocess.run(
            [str(TRAINPLAN), "solve", str(folder), "--out", str(out), "--time-limit", "1"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert done.returncode == 2, done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        assert sorted(os.listdir(folder.parent)) == ["tiny"]
