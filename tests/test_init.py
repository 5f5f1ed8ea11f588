"""``trainplan init``: the template workbook a planner fills in instead of writing YAML.

The template as written validates and solves; filled in as a planner would (Vietnamese
headers kept, values picked from the drop-down lists, births as date cells, one more title
row) it validates and solves too; an existing workbook or scenario is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from trainplan import cli
from trainplan.files import read_scenario
from trainplan.files.headers import sheet_title


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args))


def template(tmp_path: Path, lang: str) -> Path:
    folder = tmp_path / f"template-{lang}"
    result = run("init", str(folder), "--lang", lang)
    assert result.exit_code == 0, result.output
    assert "trainplan validate" in result.output
    return folder


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_template_as_written_validates_and_solves(tmp_path: Path, lang: str) -> None:
    folder = template(tmp_path, lang)
    loaded = read_scenario(folder)
    assert loaded.warnings == []  # every sheet and header is one the reader knows
    assert len(loaded.scenario.officials) == 4 and len(loaded.scenario.settings.targets) == 2
    assert all(o.official_id.startswith("EX-") for o in loaded.scenario.officials)
    validated = run("validate", str(folder), "--lang", lang)
    assert validated.exit_code == 0, validated.output
    solved = run("solve", str(folder), "--out", str(tmp_path / "plan"), "--time-limit", "60")
    assert solved.exit_code == 0, solved.output
    attainment = (tmp_path / "plan" / "attainment.csv").read_text(encoding="utf-8-sig")
    assert attainment.count(",true,") == 2, attainment  # the example meets both targets


def test_the_template_explains_every_sheet_and_column(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(template(tmp_path, "vi") / "scenario.xlsx")
    assert book.sheetnames[0] == "Hướng dẫn"
    explained = {
        (row[0].value, row[1].value): row[2].value for row in book["Hướng dẫn"].iter_rows(min_row=5)
    }
    assert all(explained.values())
    assert ("Cán bộ", None) in explained and (None, "Ngày sinh") in explained
    for title in book.sheetnames[1:]:
        assert (title, None) in explained, title


def allowed(book: openpyxl.Workbook, sheet: str, header: str) -> list[str]:
    """The values of the drop-down list of a column (inline, or a range of another sheet)."""
    work = book[sheet]
    row = next(r for r in range(1, 10) if header in [c.value for c in work[r]])
    letter = next(c.column_letter for c in work[row] if c.value == header)
    for check in work.data_validations.dataValidation:
        if str(check.sqref).startswith(f"{letter}{row + 1}:"):
            formula = str(check.formula1)
            if formula.startswith('"'):
                return formula.strip('"').split(",")
            match = re.fullmatch(r"'(.+)'!\$([A-Z])\$(\d+):\$([A-Z])\$(\d+)", formula)
            assert match, formula
            title, first_col, first_row, last_col, last_row = match.groups()
            end = last_row if first_row == last_row else int(first_row) + 20  # a row, a column
            cells = book[title][f"{first_col}{first_row}:{last_col}{end}"]
            return [str(c.value) for line in cells for c in line if c.value is not None]
    raise AssertionError(f"no drop-down for {sheet}/{header}")


def replace_rows(sheet: Any, rows: list[list[object]], header_row: int = 3) -> None:
    """Delete the example rows under the header and write ``rows`` instead."""
    sheet.delete_rows(header_row + 1, sheet.max_row)
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            sheet.cell(header_row + offset, column, value)


def test_a_planner_fills_in_the_vietnamese_template(tmp_path: Path) -> None:
    folder = template(tmp_path, "vi")
    path = folder / "scenario.xlsx"
    book = openpyxl.load_workbook(path)
    units, posts, officials = (sheet_title(kind, "vi") for kind in ("units", "posts", "officials"))
    replace_rows(book[units], [["BG01", "Xã Hồng Thái"], ["BG02", "Xã Tân Văn"]])
    category = allowed(book, posts, "Nhóm")
    yes_no = allowed(book, posts, "Lãnh đạo")
    levels = allowed(book, posts, "Chuẩn chuyên-môn")
    llct = allowed(book, posts, "Chuẩn llct")
    assert category == ["Cán bộ", "Công chức"] and yes_no == ["có", "không"]
    assert levels[0] == "chưa-có" and llct[-1] == "trung-cấp"
    replace_rows(
        book[posts],
        [
            ["CT", "Chủ tịch UBND xã", category[0], yes_no[0], levels[3], llct[2]],
            ["VP", "Văn phòng - Thống kê", category[1], yes_no[1], levels[3], llct[1]],
        ],
    )
    book.save(path)  # the drop-downs of the officials sheet read the new units and posts
    book = openpyxl.load_workbook(path)
    unit_ids = allowed(book, officials, "Đơn vị")
    post_ids = allowed(book, officials, "Chức vụ")
    sexes = allowed(book, officials, "Giới tính")
    assert unit_ids == ["BG01", "BG02"] and post_ids == ["CT", "VP"] and sexes == ["Nam", "Nữ"]
    people = [
        [
            "BG-001",
            "Nguyễn Văn An",
            unit_ids[0],
            post_ids[0],
            sexes[0],
            dt.datetime(1980, 5, 12),
            levels[3],
            llct[1],
            yes_no[1],
        ],
        [
            "BG-002",
            "Hoàng Thị Bình",
            unit_ids[0],
            post_ids[1],
            sexes[1],
            dt.datetime(1992, 2, 1),
            levels[2],
            llct[0],
            yes_no[0],
        ],
        [
            "BG-003",
            "Lục Văn Cường",
            unit_ids[1],
            post_ids[0],
            sexes[0],
            dt.datetime(1975, 11, 3),
            levels[3],
            llct[2],
        ],
    ]
    replace_rows(book[officials], people)
    book[officials].insert_rows(1)  # one more title row, as offices head their lists
    book[officials]["A1"] = "UBND HUYỆN BÌNH GIA"
    targets = sheet_title("targets", "vi")
    replace_rows(
        book[targets],
        [["CT-llct", None, None, "CT", None, None, None, None, None, None, "llct", 1, "không", 1]],
    )
    settings = {row[0].value: row[1].value for row in book[sheet_title("settings", "vi")]}
    book[targets]["B4"] = settings["Năm cuối"]
    pins = sheet_title("pins", "vi")
    replace_rows(book[pins], [])
    book.save(path)

    loaded = read_scenario(folder)
    assert loaded.warnings == []
    scenario = loaded.scenario
    assert [o.official_id for o in scenario.officials] == ["BG-001", "BG-002", "BG-003"]
    assert scenario.official_by_id["BG-001"].birth.year == 1980
    assert scenario.official_by_id["BG-002"].levels == {"chuyên-môn": "cao-đẳng", "llct": "chưa-có"}
    assert loaded.sources.rows["officials"] == [5, 6, 7]
    validated = run("validate", str(folder), "--lang", "vi")
    assert validated.exit_code == 0, validated.output
    solved = run("solve", str(folder), "--out", str(tmp_path / "plan"), "--time-limit", "60")
    assert solved.exit_code == 0, solved.output
    enrollments = (tmp_path / "plan" / "enrollments.csv").read_text(encoding="utf-8-sig")
    assert "BG-001,EX-llct-mid" in enrollments  # the chair without intermediate LLCT gets it


def test_init_never_overwrites(tmp_path: Path) -> None:
    folder = template(tmp_path, "en")
    before = (folder / "scenario.xlsx").read_bytes()
    again = run("init", str(folder))
    assert again.exit_code == 1
    assert "already holds scenario.xlsx" in again.output
    assert (folder / "scenario.xlsx").read_bytes() == before


@pytest.mark.parametrize("existing", ["Danh sách.xlsx", "scenario.yaml", "officials.csv"])
def test_init_refuses_a_folder_holding_a_scenario(tmp_path: Path, existing: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / existing).write_text("mine", encoding="utf-8")
    result = run("init", str(folder), "--lang", "vi")
    assert result.exit_code == 1
    assert f"đã có {existing}" in result.output
    assert sorted(p.name for p in folder.iterdir()) == [existing]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "2 example rows of the template"), ("vi", "vẫn còn 2 dòng ví dụ của mẫu")],
)
def test_example_rows_left_among_the_planners_own_are_a_warning(
    tmp_path: Path, lang: str, words: str
) -> None:
    """The planner typed a commune under the template's two example communes: the examples
    would be planned with it, so the reader says so (a warning: the scenario still loads);
    the untouched template gets no warning (``loaded.warnings == []`` above)."""
    folder = tmp_path / "district"
    assert CliRunner().invoke(cli.main, ["init", str(folder)]).exit_code == 0
    book = openpyxl.load_workbook(folder / "scenario.xlsx")
    units = book["units"]
    units.append(["X9", "Xã Hồng Phong", "Bình Gia", "Lạng Sơn", "III"])
    book.save(folder / "scenario.xlsx")
    loaded = read_scenario(folder)
    [warning] = [w for w in loaded.warnings if w.message.key == "input.example_rows_left"]
    assert warning.column == "unit_id"
    result = CliRunner().invoke(cli.main, ["validate", str(folder), "--lang", lang])
    assert result.exit_code == 0
    assert words in result.output
