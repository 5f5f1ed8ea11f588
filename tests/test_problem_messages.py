"""Input problems in Vietnamese: ``trainplan validate/solve/check --lang vi``.

The loaders word every problem in English; ``trainplan.wording.catalogue.problem_text`` shows
it to a
Vietnamese planner, the place ("officials.csv dòng 14, cột unit_id") and the message ("không
có đơn vị 'X12'"), with every value carried over unchanged. A message no pattern knows stays in
English, never a crash.

The coverage tests break the tiny scenario in every way tests/test_validation.py does, and in
the ways files really break (encodings, workbooks, YAML), and require every problem produced
to come out in Vietnamese.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

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
from trainplan.files.planio import read_plan
from trainplan.models import InputError, Problem
from trainplan.wording.english_problems import PROBLEM_TRANSLATIONS, problem_message, problem_text

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
    pytest.param(cell("officials", 5, "birth", "1940-01"), id="retired-before-horizon"),
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
    pytest.param(yaml_text("just text\n"), id="yaml-a-scalar"),
    pytest.param(
        both(remove("scenario.yaml"), lambda f: (f / "scenario.yaml").mkdir()), id="yaml-a-folder"
    ),
    pytest.param(both(remove("units.csv"), lambda f: (f / "units.csv").mkdir()), id="csv-a-folder"),
    # the workbook
    pytest.param(as_workbook(sheet_cell("courses", 3, 6, "=6*2")), id="xlsx-formula"),
    pytest.param(as_workbook(sheet_cell("offerings", 4, 3, "#REF!")), id="xlsx-excel-error"),
    pytest.param(as_workbook(merge("units", "C2:D3")), id="xlsx-merged"),
    pytest.param(as_workbook(rename_sheet("posts", "chức vụ")), id="xlsx-sheet-missing"),
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


GLOSSED = {
    "'Save as: CSV UTF-8'",
    "'<stream end>'",
    "'<scalar>'",
    "'<document start>'",
    "'<block mapping start>'",
    "'<block sequence start>'",
}
"""Quoted English that is worded anew in Vietnamese, not a value of the planner's."""


def assert_in_vietnamese(problems: list[Problem]) -> None:
    """Every problem's message is translated, its values kept, its place in Vietnamese."""
    assert problems
    untranslated = [p.message for p in problems if problem_message(p.message, "vi") == p.message]
    assert not untranslated, "left in English:\n" + "\n".join(untranslated)
    for problem in problems:
        english = str(problem)
        vietnamese = problem_text(problem, "vi")
        assert vietnamese != english
        assert " row " not in vietnamese and " line " not in vietnamese
        message = problem_message(problem.message, "vi")
        kept = re.findall(r"'[^']*'|\d+", problem.message.replace("with base 10", ""))
        lost = [value for value in kept if value not in message and value not in GLOSSED]
        assert not lost, f"{lost} lost from {problem.message!r} -> {message!r}"


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
    assert warnings == [Problem("units.csv", 1, "ghi chú", "unknown column, ignored")]
    assert_in_vietnamese(warnings)


# ---------------------------------------------------------------- every pattern, word for word

EXAMPLES = [
    # trainplan.files.tables
    ("looks like UTF-16 but cannot be decoded", "có vẻ là văn bản UTF-16 nhưng không giải mã được"),
    (
        "is a workbook or other binary file, not text; in Excel choose 'Save as: CSV UTF-8'",
        "là tệp bảng tính hoặc tệp nhị phân khác, không phải tệp văn bản; trong Excel hãy "
        "chọn 'Lưu dưới dạng: CSV UTF-8'",
    ),
    (
        "looks like UTF-16 text without a byte-order mark; save it as UTF-8 text",
        "có vẻ là văn bản UTF-16 không có dấu BOM (byte-order mark); hãy lưu tệp dưới dạng "
        "văn bản UTF-8",
    ),
    (
        "not UTF-8 text (byte 0xE0); in Excel choose 'Save as: CSV UTF-8' (Windows-1258 and "
        "other code pages are not read)",
        "không phải tệp văn bản UTF-8 (byte 0xE0); trong Excel hãy chọn 'Lưu dưới dạng: CSV "
        "UTF-8' (không đọc được bảng mã Windows-1258 hay các bảng mã khác)",
    ),
    (
        "holds binary data (a NUL byte), not text",
        "chứa dữ liệu nhị phân (byte NUL), không phải văn bản",
    ),
    ("cannot be read: Is a directory", "không đọc được: đây là một thư mục"),
    ("cannot be read: Disk on fire", "không đọc được: Disk on fire"),
    ("is empty: the first row must hold column names", "trống: dòng đầu tiên phải ghi tên các cột"),
    ("is empty: row 1 must hold column names", "trống: dòng 1 phải ghi tên các cột"),
    ("has 10 cells but the header has 9", "có 10 ô nhưng dòng tiêu đề chỉ có 9 cột"),
    (
        "cannot be read as CSV from here (field larger than field limit (131072)); is a quote "
        '(") left open?',
        "từ đây không đọc được theo dạng CSV (ô dài quá giới hạn 131072 ký tự); có dấu nháy "
        'kép (") nào chưa đóng không?',
    ),
    (
        'a cell opens a quote (") that is never closed (is the file cut short?)',
        'có ô mở dấu nháy kép (") mà không đóng lại (tệp có bị cắt mất phần cuối không?)',
    ),
    ("this column appears twice", "cột này xuất hiện hai lần"),
    (
        "is an old Excel 97-2003 (.xls) workbook; save it as .xlsx",
        "là tệp Excel 97-2003 (.xls) kiểu cũ; hãy lưu lại dưới dạng .xlsx",
    ),
    (
        "is not a readable .xlsx workbook (File is not a zip file)",
        "là tệp .xlsx bị hỏng hoặc không đọc được (tệp không có dạng zip của .xlsx)",
    ),
    (
        "has two sheets for table 'units' ('units' and 'UNITS'); keep one",
        "có hai trang tính cho bảng 'units' ('units' và 'UNITS'); hãy giữ lại một",
    ),
    (
        "has no sheet 'posts' (its sheets: units, Officials, courses)",
        "không có trang tính 'posts' (các trang tính hiện có: units, Officials, courses)",
    ),
    (
        "is a chart, not a sheet of cells",
        "là trang biểu đồ, không phải trang tính có ô dữ liệu",
    ),
    (
        "cells C2:D3 are merged: unmerge them and fill in every cell",
        "các ô C2:D3 đang bị gộp (merge): hãy bỏ gộp và điền đủ từng ô",
    ),
    (
        "holds a formula with no saved value (=SUM(B2:B3)); open and save the workbook in "
        "Excel, or paste values",
        "chứa công thức chưa có giá trị được lưu (=SUM(B2:B3)); hãy mở tệp bằng Excel rồi lưu "
        "lại, hoặc dán dạng giá trị (Paste Values)",
    ),
    ("holds the Excel error #DIV/0!", "chứa lỗi Excel #DIV/0!"),
    (
        "the folder holds both scenario.xlsx and CSV tables (units.csv, pins.csv); keep one of "
        "them",
        "thư mục có cả scenario.xlsx lẫn các bảng CSV (units.csv, pins.csv); chỉ giữ một trong hai",
    ),
    (
        "is missing (or put a sheet 'officials' in scenario.xlsx)",
        "không tìm thấy tệp này (hoặc thêm trang tính 'officials' vào scenario.xlsx)",
    ),
    ("is missing from /data/Bình Gia", "không có trong thư mục /data/Bình Gia"),
    ("is not a scenario folder", "không phải thư mục kịch bản"),
    ("is not a plan folder", "không phải thư mục kế hoạch"),
    (
        "has column names but no rows: the scenario needs at least one",
        "có tên cột nhưng không có dòng dữ liệu nào: kịch bản cần ít nhất một dòng",
    ),
    ("unknown column, ignored", "tên cột không có trong quy định, cột này được bỏ qua"),
    ("this required column is missing", "thiếu cột bắt buộc này"),
    ("is blank", "đang để trống (bắt buộc phải điền)"),
    # trainplan.files.loader: scenario.yaml
    (
        "'title' appears twice (also on line 1)",
        "'title' xuất hiện hai lần (đã có ở dòng 1)",
    ),
    (
        "is not valid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence "
        "that starts on line 3)",
        "không phải YAML hợp lệ: cần ',' hoặc ']' nhưng gặp ':' (khi đọc danh sách [ ] bắt "
        "đầu từ dòng 3)",
    ),
    (
        "is not valid YAML: mapping values are not allowed here",
        "không phải YAML hợp lệ: không được có dấu hai chấm ':' ở đây (văn bản có ':' cần đặt "
        "trong dấu nháy)",
    ),
    (
        "is not valid YAML: could not find expected ':' (while scanning a simple key that "
        "starts on line 7)",
        "không phải YAML hợp lệ: không tìm thấy ':' cần có (khi đọc khóa bắt đầu từ dòng 7)",
    ),
    (
        "is not valid YAML: expected <block end>, but found '-' (while parsing a block mapping "
        "that starts on line 1)",
        "không phải YAML hợp lệ: cần hết khối (kiểm tra thụt lề) nhưng gặp '-' (khi đọc nhóm "
        "thiết lập bắt đầu từ dòng 1)",
    ),
    (
        "is not valid YAML: expected the node content, but found '<stream end>'",
        "không phải YAML hợp lệ: cần một giá trị nhưng gặp cuối tệp",
    ),
    (
        "is not valid YAML: found character '\\t' that cannot start any token",
        "không phải YAML hợp lệ: gặp ký tự '\\t' không được dùng ở đây",
    ),
    (
        "is not valid YAML: found undefined alias 'nowhere'",
        "không phải YAML hợp lệ: gặp bí danh 'nowhere' chưa được định nghĩa",
    ),
    (
        "is not valid YAML: found unexpected end of stream (while scanning a quoted scalar "
        "that starts on line 2)",
        "không phải YAML hợp lệ: tệp kết thúc đột ngột (khi đọc chuỗi trong dấu nháy bắt đầu "
        "từ dòng 2)",
    ),
    (
        "is not valid YAML: found a tab character that violates indentation",
        "không phải YAML hợp lệ: gặp ký tự tab ở chỗ phải thụt lề bằng dấu cách",
    ),
    (
        "is not valid YAML: second occurrence (found duplicate anchor 'x'; first occurrence "
        "that starts on line 1)",
        "không phải YAML hợp lệ: nhãn (anchor) 'x' được đặt hai lần (lần đầu ở dòng 1)",
    ),
    (
        "is not valid YAML: but found another document (expected a single document in the "
        "stream that starts on line 1)",
        "không phải YAML hợp lệ: tệp chỉ được có một tài liệu (bắt đầu từ dòng 1) nhưng gặp "
        "thêm tài liệu khác sau dấu '---'",
    ),
    (
        "is not valid YAML: found unknown escape character 'q'",
        "không phải YAML hợp lệ: gặp ký tự thoát (escape) lạ 'q'",
    ),
    (
        "is not valid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:foo'",
        "không phải YAML hợp lệ: không hiểu thẻ (tag) 'tag:yaml.org,2002:foo'",
    ),
    (
        "is not valid YAML: expected alphabetic or numeric character, but found '\\n'",
        "không phải YAML hợp lệ: cần chữ cái hoặc chữ số nhưng gặp '\\n'",
    ),
    (
        "is not valid YAML: cannot read 'abc': could not convert string to float: 'abc'",
        "không phải YAML hợp lệ: không đọc được 'abc': 'abc' không phải là số",
    ),
    (
        "is not valid YAML: cannot read '2018-13-45': month must be in 1..12",
        "không phải YAML hợp lệ: không đọc được '2018-13-45': tháng phải từ 1 đến 12",
    ),
    (
        "is not valid YAML: cannot read '0000-01-01': year 0 is out of range",
        "không phải YAML hợp lệ: không đọc được '0000-01-01': năm 0 nằm ngoài phạm vi",
    ),
    (
        "is not valid YAML: it nests brackets or lists too deeply to read",
        "không phải YAML hợp lệ: lồng ngoặc hoặc danh sách quá nhiều tầng, không đọc được",
    ),
    (
        "is not valid YAML: while scanning a directive, found something odd",
        "không phải YAML hợp lệ: while scanning a directive, found something odd",
    ),
    (
        "must be a mapping of settings (name: ..., horizon: ...)",
        "phải là danh sách thiết lập dạng tên: giá trị (name: ..., horizon: ...)",
    ),
    ("is not a known setting", "không phải thiết lập đã biết (kiểm tra lỗi chính tả)"),
    ("is missing", "còn thiếu (bắt buộc phải có)"),
    ("Field required", "còn thiếu (bắt buộc phải có)"),
    # trainplan.files.loader: cells
    (
        "'maybe' is not true or false",
        "'maybe' không phải đúng/sai (hãy ghi true/false hoặc có/không)",
    ),
    ("'abc' is not a whole number", "'abc' không phải số nguyên"),
    ("'1e999' is not a finite number", "'1e999' không phải số hữu hạn"),
    ("'lots' is not a number", "'lots' không phải là số"),
    (
        "'llct > elementary' is not of the form track>=level",
        "'llct > elementary' không đúng dạng track>=level (lĩnh vực>=trình độ)",
    ),
    (
        "'May 1985' is not a month: write YYYY-MM, e.g. 1975-03",
        "'May 1985' không phải tháng/năm: hãy ghi dạng YYYY-MM, ví dụ 1975-03",
    ),
    (
        "'31/02/1975' is not a date (day/month/year): day is out of range for month",
        "'31/02/1975' không phải ngày hợp lệ (ngày/tháng/năm): tháng đó không có ngày này",
    ),
    (
        "'1970-02-31' is not a date: day is out of range for month",
        "'1970-02-31' không phải ngày hợp lệ: tháng đó không có ngày này",
    ),
    (
        "'1975-13': month 13 is not between 1 and 12",
        "'1975-13': tháng 13 không nằm trong khoảng từ 1 đến 12",
    ),
    (
        "'0000-05': year 0 is not between 1900 and 2100",
        "'0000-05': năm 0 không nằm trong khoảng từ 1900 đến 2100",
    ),
    # models.scenario
    (
        "an internal course needs class_cost, subject",
        "khóa do huyện tự tổ chức (internal) cần điền class_cost, subject",
    ),
    ("class_min 50 is above class_max 40", "class_min 50 lớn hơn class_max 40"),
    (
        "from_year 2020 is after to_year 2019",
        "from_year 2020 sau to_year 2019 (năm bắt đầu sau năm kết thúc)",
    ),
    (
        "horizon starts in 2020, after it ends in 2018",
        "giai đoạn kế hoạch bắt đầu năm 2020, sau năm kết thúc 2018",
    ),
    (
        "horizon years must lie between 1900 and 2200",
        "các năm của giai đoạn kế hoạch phải nằm trong khoảng từ 1900 đến 2200",
    ),
    (
        "a horizon of more than 30 years is not supported",
        "không hỗ trợ giai đoạn kế hoạch dài hơn 30 năm",
    ),
    ("at least one track is needed", "cần ít nhất một lĩnh vực đào tạo (track)"),
    (
        "track 'llct' needs at least two levels, lowest first",
        "lĩnh vực 'llct' cần ít nhất hai trình độ, ghi từ thấp đến cao",
    ),
    ("track 'llct' lists a level twice", "lĩnh vực 'llct' ghi một trình độ hai lần"),
    # trainplan.checking.validate
    ("'O1' already appears in row 5", "mã 'O1' đã có ở dòng 5"),
    (
        "target id 'cadres-2020' is already used on line 8",
        "mã chỉ tiêu 'cadres-2020' đã dùng ở dòng 8",
    ),
    (
        "no track 'skills' (tracks: degree, llct)",
        "không có lĩnh vực 'skills' (các lĩnh vực: degree, llct)",
    ),
    ("no track 'lcct'", "không có lĩnh vực 'lcct'"),
    (
        "track degree has no level 'phd' (levels: none, college)",
        "lĩnh vực degree không có trình độ 'phd' (các trình độ: none, college)",
    ),
    ("no unit 'X12'", "không có đơn vị 'X12'"),
    ("no post 'mayor'", "không có chức vụ 'mayor'"),
    ("no official 'O9'", "không có cán bộ 'O9'"),
    ("no course 'llct-adv'", "không có khóa học 'llct-adv'"),
    (
        "retired in 2015-06 under Decree 135/2020, before the horizon",
        "đã nghỉ hưu từ tháng 2015-06 theo Nghị định 135/2020, trước giai đoạn kế hoạch",
    ),
    (
        "2010-01 makes the official younger than 15",
        "với tháng sinh 2010-01, cán bộ chưa đủ 15 tuổi",
    ),
    (
        "'none' is the lowest level: it grants nothing",
        "'none' là trình độ thấp nhất: khóa học không nâng lên trình độ nào",
    ),
    (
        "no lecturer teaches subject 'qpan', so course llct-elem cannot open a class",
        "không có giảng viên nào dạy môn 'qpan', nên khóa llct-elem không mở lớp được",
    ),
    (
        "course llct-mid can never start: no official holds degree>=university and "
        "llct>=elementary and no course that can start grants it",
        "khóa llct-mid không bao giờ mở được: chưa cán bộ nào đạt degree>=university và "
        "llct>=elementary và không khóa học nào mở được cấp trình độ này",
    ),
    (
        "2025 is outside the horizon 2018–2022",
        "năm 2025 nằm ngoài giai đoạn kế hoạch 2018–2022",
    ),
    (
        "external course llct-mid needs seats",
        "khóa học ở cơ sở ngoài llct-mid cần ghi số chỉ tiêu (seats)",
    ),
    (
        "internal course llct-elem needs classes",
        "khóa do huyện tự tổ chức llct-elem cần ghi số lớp (classes)",
    ),
    ("course llct-mid is not offered in 2018", "khóa llct-mid không mở năm 2018"),
    (
        "target cadres-2020: no official matches it and is in service at the end of 2020",
        "chỉ tiêu cadres-2020: không có cán bộ nào thuộc đối tượng mà còn công tác đến cuối "
        "năm 2020",
    ),
    (
        "100,000,000,000,000,000,000 is more than 1,000,000,000,000,000 VND; is it a typo?",
        "100,000,000,000,000,000,000 lớn hơn 1,000,000,000,000,000 đồng; có phải gõ nhầm không?",
    ),
    (
        "a number of about 41 digits is more than 1,000,000 learners; is it a typo?",
        "một số có khoảng 41 chữ số lớn hơn 1,000,000 học viên; có phải gõ nhầm không?",
    ),
    (
        "3,000 is not a year between 1900 and 2200",
        "3,000 không phải năm trong khoảng từ 1900 đến 2200",
    ),
    (
        "'a/b' cannot be a folder name (plans/<name>): no / \\ : * ? \" < > | and no control "
        "characters; use letters, digits and '-'",
        "'a/b' không dùng làm tên thư mục được (plans/<name>): không được có / \\ : * ? \" < > "
        "| hay ký tự điều khiển; hãy dùng chữ cái, chữ số và '-'",
    ),
    # pydantic, as trainplan.files.loader._message passes it on
    (
        "Input should be greater than or equal to 0 (got -1)",
        "phải lớn hơn hoặc bằng 0 (đang ghi: -1)",
    ),
    ("Input should be greater than 0 (got -24)", "phải lớn hơn 0 (đang ghi: -24)"),
    (
        "Input should be less than or equal to 1 (got 1.5)",
        "phải nhỏ hơn hoặc bằng 1 (đang ghi: 1.5)",
    ),
    ("Input should be less than 3", "phải nhỏ hơn 3"),
    ("Input should be 'M' or 'F' (got 'X')", "phải là 'M' (nam) hoặc 'F' (nữ) (đang ghi: 'X')"),
    (
        "Input should be 'cadre' or 'civil_servant' (got 'party')",
        "phải là 'cadre' (cán bộ) hoặc 'civil_servant' (công chức) (đang ghi: 'party')",
    ),
    (
        "Input should be 'full_time' or 'in_service' (got 'online')",
        "phải là 'full_time' (tập trung) hoặc 'in_service' (vừa làm vừa học) (đang ghi: 'online')",
    ),
    (
        "Input should be 'internal' or 'external' (got 'foreign')",
        "phải là 'internal' (huyện tự tổ chức) hoặc 'external' (học ở cơ sở ngoài) "
        "(đang ghi: 'foreign')",
    ),
    (
        "Input should be 'require' or 'forbid' (got 'maybe')",
        "phải là 'require' (bắt buộc học) hoặc 'forbid' (không được học) (đang ghi: 'maybe')",
    ),
    ("Input should be 'a', 'b' or 'c'", "phải là 'a', 'b' hoặc 'c'"),
    (
        "Input should be a valid integer, got a number with a fractional part (got -1.5)",
        "phải là số nguyên, không có phần thập phân (đang ghi: -1.5)",
    ),
    (
        "Input should be a valid integer, unable to parse string as an integer (got 'x')",
        "phải là số nguyên (đang ghi: 'x')",
    ),
    ("Input should be a valid integer", "phải là số nguyên"),
    (
        "Unable to parse input string as an integer, exceeded maximum size (got 1e+300)",
        "số quá lớn, không đọc được thành số nguyên (đang ghi: 1e+300)",
    ),
    (
        "Input should be a valid number, unable to parse string as a number (got 'half')",
        "phải là số (đang ghi: 'half')",
    ),
    ("Input should be a finite number (got nan)", "phải là số hữu hạn (đang ghi: nan)"),
    (
        "Input should be a valid boolean, unable to interpret input (got 'maybe')",
        "phải là true hoặc false (đang ghi: 'maybe')",
    ),
    ("Input should be a valid string", "phải là văn bản"),
    (
        "Input should be a valid dictionary or instance of Budget (got 'lots')",
        "phải là một nhóm thiết lập dạng tên: giá trị (đang ghi: 'lots')",
    ),
    ("Input should be a valid tuple (got 2020)", "phải là một danh sách (đang ghi: 2020)"),
    (
        "Tuple should have at most 2 items after validation, not 3",
        "chỉ được có tối đa 2 phần tử, đang có 3",
    ),
    (
        "List should have at least 2 items after validation, not 1",
        "phải có ít nhất 2 phần tử, đang có 1",
    ),
    ("String should have at least 1 character", "không được để trống (ít nhất 1 ký tự)"),
    ("String should have at least 3 characters", "phải có ít nhất 3 ký tự"),
    ("String should have at most 3 characters", "chỉ được có tối đa 3 ký tự"),
    (
        "Input should be greater than 0 (got a number of about 165 digits)",
        "phải lớn hơn 0 (đang ghi: một số có khoảng 165 chữ số)",
    ),
]


@pytest.mark.parametrize(("english", "vietnamese"), EXAMPLES)
def test_translation(english: str, vietnamese: str) -> None:
    assert problem_message(english, "vi") == vietnamese
    assert problem_message(english, "en") == english


def test_every_pattern_has_an_example() -> None:
    """No pattern of the table is dead: each one words at least one example above."""
    unused = [
        pattern.pattern
        for pattern, _ in PROBLEM_TRANSLATIONS
        if not any(
            pattern.fullmatch(english) or pattern.fullmatch(english.partition(" (got ")[0])
            for english, _ in EXAMPLES
        )
    ]
    assert not unused


# ---------------------------------------------------------------- the place, in Vietnamese


@pytest.mark.parametrize(
    ("problem", "vietnamese"),
    [
        (
            Problem("officials.csv", 14, "unit_id", "no unit 'X12'"),
            "officials.csv dòng 14, cột unit_id: không có đơn vị 'X12'",
        ),
        (
            Problem(
                "scenario.yaml",
                7,
                "targets[0].share",
                "Input should be less than or equal to 1 (got 1.5)",
            ),
            "scenario.yaml dòng 7, targets[0].share: phải nhỏ hơn hoặc bằng 1 (đang ghi: 1.5)",
        ),
        (
            Problem(
                "scenario.xlsx [officials]",
                3,
                "birth",
                "'May 1985' is not a month: write YYYY-MM, e.g. 1975-03",
            ),
            "scenario.xlsx [officials] dòng 3, cột birth: 'May 1985' không phải tháng/năm: hãy "
            "ghi dạng YYYY-MM, ví dụ 1975-03",
        ),
        (
            Problem("officials.csv", 6, None, "has 10 cells but the header has 9"),
            "officials.csv dòng 6: có 10 ô nhưng dòng tiêu đề chỉ có 9 cột",
        ),
        (
            Problem("scenario.yaml", None, "name", "is missing"),
            "scenario.yaml, name: còn thiếu (bắt buộc phải có)",
        ),
        (
            Problem(
                "officials.csv",
                None,
                None,
                "is missing (or put a sheet 'officials' in scenario.xlsx)",
            ),
            "officials.csv: không tìm thấy tệp này (hoặc thêm trang tính 'officials' vào "
            "scenario.xlsx)",
        ),
        (
            Problem(
                "scenario.yaml", 2, None, "is not valid YAML: mapping values are not allowed here"
            ),
            "scenario.yaml dòng 2: không phải YAML hợp lệ: không được có dấu hai chấm ':' ở đây "
            "(văn bản có ':' cần đặt trong dấu nháy)",
        ),
    ],
)
def test_place_in_vietnamese(problem: Problem, vietnamese: str) -> None:
    assert problem_text(problem, "vi") == vietnamese
    assert problem_text(problem, "en") == str(problem)


def test_one_problem_stays_one_line() -> None:
    """A newline or escape code in a value is shown escaped, in Vietnamese as in English."""
    problem = Problem("units.csv", 2, "unit_id", "no unit 'X\n1\x1b[2J'")
    vietnamese = problem_text(problem, "vi")
    assert vietnamese == "units.csv dòng 2, cột unit_id: không có đơn vị 'X\\n1\\x1b[2J'"
    assert "\n" not in vietnamese and "\x1b" not in vietnamese


# ---------------------------------------------------------------- falling back to English


def test_an_unknown_message_stays_in_english() -> None:
    """A message no pattern knows keeps its English words, and its value, after the place."""
    problem = Problem("units.csv", 2, "name", "something new is wrong with 'Xã Ω'")
    assert problem_text(problem, "vi") == (
        "units.csv dòng 2, cột name: something new is wrong with 'Xã Ω'"
    )
    assert problem_message("Input should be a valid UUID (got 'x')", "vi") == (
        "Input should be a valid UUID (got 'x')"
    )
    assert problem_message("", "vi") == ""


@pytest.mark.parametrize(
    "value", ["{0}", "{name}", "}{", "{x!r:>9}", "%s", "\\1", "(got 'y')", "' or '"]
)
def test_values_that_look_like_templates_are_kept(value: str) -> None:
    """Values go into the Vietnamese as they are: braces, backslashes, '(got ...)', quotes."""
    assert problem_message(f"no unit '{value}'", "vi") == f"không có đơn vị '{value}'"
    assert problem_message(f"'{value}' is not a whole number", "vi") == (
        f"'{value}' không phải số nguyên"
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
    assert f"{folder} có 3 lỗi:" in output
    lines = [line.strip() for line in output.splitlines() if line.startswith("  ")]
    assert lines == [
        "courses.csv dòng 3, cột months: 'twelve' không phải số nguyên",
        "officials.csv dòng 2, cột sex: phải là 'M' (nam) hoặc 'F' (nữ) (đang ghi: 'X')",
        "scenario.yaml dòng 13, targets[0].share: phải nhỏ hơn hoặc bằng 1 (đang ghi: 1.5)",
    ]
    code, output = invoke("validate", folder, "--lang", "en")
    assert code == 2
    assert "officials.csv row 2, sex: Input should be 'M' or 'F' (got 'X')" in output


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
        "cảnh báo: units.csv dòng 1, cột ghi chú: tên cột không có trong quy định, cột này "
        "được bỏ qua"
    ) in output
    code, output = invoke("validate", folder, "--lang", "en")
    assert "warning: units.csv row 1, ghi chú: unknown column, ignored" in output


def test_check_prints_plan_problems_in_vietnamese(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "enrollments.csv").write_text(
        "official_id,course_id,start_year\nO1,deg-college,20l8\n", encoding="utf-8"
    )
    code, output = invoke("check", TINY, plan, "--lang", "vi")
    assert code == 2
    assert "enrollments.csv dòng 2, cột start_year: '20l8' không phải số nguyên" in output
