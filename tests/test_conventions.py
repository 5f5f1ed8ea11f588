"""Vietnamese conventions and messages a planner can act on (``models/conventions.py``).

The tiny scenario written the Vietnamese way (Nam/Nữ, Cán bộ, Tập trung, decimal commas,
grouped thousands in scenario.yaml, 60%, Vietnamese level names, a semicolon CSV as Vietnamese
Excel saves it) loads to the same Scenario as written canonically; each convention and each
message is checked on its own, with its words in English and Vietnamese.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from test_validation import cell, problems_of, tiny_copy, yaml_insert, yaml_line

from trainplan.files import read_scenario
from trainplan.files.cells import (
    to_action,
    to_category,
    to_float,
    to_int,
    to_mode,
    to_month,
    to_provider,
    to_requirements,
    to_sex,
)
from trainplan.models import Problem
from trainplan.models.conventions import fold, read_number
from trainplan.models.problems import CellError
from trainplan.models.retirement import YearMonth
from trainplan.models.scenario import Requirement, Scenario
from trainplan.wording import problem_text, render

LEVEL_NAMES = """level_names:
  degree: {intermediate: Trung cấp, college: Cao đẳng, university: Đại học}
  llct: {elementary: Sơ cấp, intermediate: Trung cấp}"""
"""The Vietnamese names of tiny's levels, added to scenario.yaml after line 6 (tracks)."""


def lines_of(problems: list[Problem], lang: str = "en") -> list[str]:
    return [problem_text(problem, lang) for problem in problems]


def rewrite(folder: Path, table: str, changes: dict[str, dict[str, str]], sep: str = ";") -> None:
    """Rewrite ``table`` with each column's values mapped by ``changes`` (value -> written),
    saved as Vietnamese Excel saves CSV: semicolons, UTF-8 with a byte-order mark."""
    path = folder / f"{table}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    for row in rows[1:]:
        for column, mapping in changes.items():
            index = header.index(column)
            row[index] = mapping.get(row[index], row[index])
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")


def vietnamese(folder: Path) -> None:
    """Write tiny the way a Vietnamese planner does, meaning exactly the same."""
    degree = {"intermediate": "Trung cấp", "college": "cao đẳng", "university": "ĐẠI HỌC"}
    llct = {"elementary": "Sơ cấp", "intermediate": "trung cap"}
    rewrite(
        folder,
        "officials",
        {
            "sex": {"M": "Nam", "F": "Nữ"},
            "degree": degree,
            "llct": llct,
            "successor": {"true": "Có", "false": "Không"},
        },
    )
    rewrite(
        folder,
        "posts",
        {
            "category": {"cadre": "Cán bộ", "civil_servant": "Công chức"},
            "leadership": {"true": "có", "false": "không"},
            "std_degree": {"university": "Đại học"},
            "std_llct": {"intermediate": "Trung cấp", "elementary": "Sơ cấp"},
        },
    )
    rewrite(
        folder,
        "courses",
        {
            "mode": {"full_time": "Tập trung", "in_service": "Vừa làm vừa học"},
            "provider": {"internal": "Nội bộ", "external": "Bên ngoài"},
            "grants": {"elementary": "Sơ cấp", "intermediate": "Trung cấp", "college": "Cao đẳng"},
            "requires": {"llct>=elementary; degree>=college": "llct>=Sơ cấp; degree>=Cao đẳng"},
            "cost_per_learner": {
                "1000000": "1.000.000",
                "8000000": "8000000,00",
                "20000000": "20 000 000",
            },
            "months": {"12": "12,0"},
            "class_cost": {"5000000": "5 triệu"},
        },
    )
    rewrite(folder, "lecturers", {"cost_per_hour": {"150000": "150.000"}})
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    for canonical, written in (
        ("who: {category: cadre}", "who: {category: Cán bộ}"),
        ("has: {degree: college}", "has: {degree: Cao đẳng}"),
        ("share: 0.5", "share: 50%"),
        ("per_year: 200000000", "per_year: 200.000.000"),
        ("max_away_share: 0.10", "max_away_share: 10%"),
        ("day_value: 300000", "day_value: 300.000"),
        ("leader_factor: 2.0", "leader_factor: 2,0"),
        ("service_obligation: 2.0", "service_obligation: 2,0"),
    ):
        assert canonical in text, canonical
        text = text.replace(canonical, written)
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")


def test_vietnamese_scenario_equals_canonical(tmp_path: Path) -> None:
    """The same scenario in Vietnamese conventions and canonically: equal Scenarios (so the
    same plan), every level held by its canonical name."""
    names = yaml_insert(6, LEVEL_NAMES)
    canonical = read_scenario(tiny_copy(tmp_path / "a", names)).scenario
    written = read_scenario(tiny_copy(tmp_path / "b", names, vietnamese))
    assert written.scenario == canonical
    assert written.scenario.official_by_id["O1"].levels == {
        "degree": "intermediate",
        "llct": "elementary",
    }
    assert written.scenario.course_by_id["llct-mid"].requires == (
        Requirement(track="llct", level="elementary"),
        Requirement(track="degree", level="college"),
    )
    assert written.scenario.settings.continuity.day_value == 300_000
    assert written.warnings == []
    plain = read_scenario(tiny_copy(tmp_path / "c")).scenario
    settings = canonical.settings.model_copy(update={"level_names": {}})
    assert isinstance(plain, Scenario)
    assert canonical.model_copy(update={"settings": settings}) == plain


# ---------------------------------------------------------------- choices


@pytest.mark.parametrize(
    ("convert", "written", "value"),
    [
        (to_sex, "Nam", "M"),
        (to_sex, "NAM", "M"),
        (to_sex, "m", "M"),
        (to_sex, "Nữ", "F"),
        (to_sex, "NỮ", "F"),
        (to_sex, "nu", "F"),
        (to_sex, "F", "F"),
        (to_category, "Cán bộ", "cadre"),
        (to_category, "cong chuc", "civil_servant"),
        (to_category, "civil_servant", "civil_servant"),
        (to_mode, "Tập trung", "full_time"),
        (to_mode, "vừa làm vừa học", "in_service"),
        (to_mode, "in_service", "in_service"),
        (to_provider, "Nội bộ", "internal"),
        (to_provider, "Bên ngoài", "external"),
        (to_action, "Bắt buộc", "require"),
        (to_action, "Cấm", "forbid"),
        (to_action, "forbid", "forbid"),
    ],
)
def test_choices_in_vietnamese(convert: object, written: str, value: str) -> None:
    assert callable(convert)
    assert convert(written) == value


def test_a_wrong_choice_says_what_to_write() -> None:
    with pytest.raises(CellError) as caught:
        to_sex("Male")
    assert render(caught.value.message, "en") == (
        "'Male' is not allowed here: write M or F (or Nam, Nữ)"
    )
    assert render(caught.value.message, "vi") == (
        "không dùng được 'Male' ở đây: hãy ghi Nam hoặc Nữ (hoặc M, F)"
    )


def test_who_filters_in_vietnamese(tmp_path: Path) -> None:
    """``who: {category: Cán bộ, sex: Nữ}`` in scenario.yaml is ``{category: cadre, sex: F}``."""
    written = tiny_copy(tmp_path / "a", yaml_line(10, "    who: {category: Cán bộ, sex: nữ}"))
    canonical = tiny_copy(tmp_path / "b", yaml_line(10, "    who: {category: cadre, sex: F}"))
    assert read_scenario(written).scenario == read_scenario(canonical).scenario


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("12,0", 12),
        ("1500000,00", 1_500_000),
        ("1.500.000", 1_500_000),
        ("1.500.000,00", 1_500_000),
        ("1,500,000.00", 1_500_000),
        ("300.000", 300_000),
        ("800 triệu", 800_000_000),
        ("2 tỷ", 2_000_000_000),
        ("1,5 tỷ", 1_500_000_000),
        ("300.000 đ", 300_000),
        ("2.0e9", 2_000_000_000),
    ],
)
def test_whole_numbers_the_vietnamese_way(written: str, value: int) -> None:
    assert to_int(written) == value


@pytest.mark.parametrize("written", ["2.1250", "12,5", "1.2.3", "tám trăm"])
def test_not_whole_numbers_say_what_to_write(written: str) -> None:
    with pytest.raises(CellError) as caught:
        to_int(written)
    assert render(caught.value.message, "en") == (
        f"'{written}' is not a whole number: write e.g. 12, 1500000 or 1.500.000"
    )
    assert render(caught.value.message, "vi") == (
        f"'{written}' không phải số nguyên: hãy ghi ví dụ 12, 1500000 hoặc 1.500.000"
    )


@pytest.mark.parametrize(
    ("written", "value"), [("0,6", 0.6), ("1,5", 1.5), ("60%", 0.6), ("1.500,5", 1500.5)]
)
def test_decimal_commas_and_percentages(written: str, value: float) -> None:
    assert to_float(written) == value


def test_a_number_is_read_exactly() -> None:
    assert read_number("0,1") == read_number("0.1")
    assert read_number("1.000", whole=True) == 1000
    assert read_number("1.000") == 1  # where a fraction may be meant, one dot is a point
    assert fold("  Vừa-làm_vừa   HỌC ") == "vua lam vua hoc"


@pytest.mark.parametrize(
    ("line", "text", "path", "value"),
    [
        (14, "budget: {per_year: 250.000.000, total: null}", ("budget", "per_year"), 250_000_000),
        (14, "budget: {per_year: 800 triệu, total: 2 tỷ}", ("budget", "total"), 2_000_000_000),
        (14, "budget: {per_year: 2.0e9, total: null}", ("budget", "per_year"), 2_000_000_000),
        (20, "  day_value: 300.000", ("continuity", "day_value"), 300_000),
        (20, '  day_value: "300.000"', ("continuity", "day_value"), 300_000),
        (20, "  day_value: 300000,00", ("continuity", "day_value"), 300_000),
        (13, "    share: 60%", ("targets", 0, "share"), 0.6),
        (13, "    share: 0,6", ("targets", 0, "share"), 0.6),
        (17, "  max_away_share: 5%", ("continuity", "max_away_share"), 0.05),
        (21, "  leader_factor: 1,5", ("continuity", "leader_factor"), 1.5),
        (16, "  working_days: 250,0", ("continuity", "working_days"), 250),
        (19, "  max_personal_days: 80,0", ("continuity", "max_personal_days"), 80),
    ],
)
def test_numbers_in_settings(
    tmp_path: Path, line: int, text: str, path: tuple[str | int, ...], value: float
) -> None:
    """scenario.yaml reads numbers as the tables do: ``300.000`` is 300000 VND (YAML alone
    would read 300.0), ``60%`` and ``0,6`` are 0.6."""
    settings: object = read_scenario(tiny_copy(tmp_path, yaml_line(line, text))).scenario.settings
    for part in path:
        settings = settings[part] if isinstance(part, int) else getattr(settings, part)  # type: ignore[index]
    assert settings == value


def test_a_real_decimal_is_no_amount(tmp_path: Path) -> None:
    """``300.5`` (not three digits after the dot) is a decimal: no whole number of VND."""
    problems = problems_of(tiny_copy(tmp_path, yaml_line(20, "  day_value: 300.5")))
    assert [problem.column for problem in problems] == ["continuity.day_value"]


def test_an_amount_in_unknown_words(tmp_path: Path) -> None:
    problems = problems_of(tiny_copy(tmp_path, yaml_line(20, "  day_value: ba trăm nghìn")))
    assert lines_of(problems) == [
        "scenario.yaml line 20, continuity.day_value: 'ba trăm nghìn' is not an amount in VND: "
        "write e.g. 250000000 or 250.000.000"
    ]
    assert lines_of(problems, "vi") == [
        "scenario.yaml dòng 20, continuity.day_value: 'ba trăm nghìn' không phải số tiền "
        "(đồng): hãy ghi ví dụ 250000000 hoặc 250.000.000"
    ]


def test_a_bare_share_above_one_names_the_target_and_what_to_write(tmp_path: Path) -> None:
    problems = problems_of(tiny_copy(tmp_path, yaml_line(13, "    share: 60")))
    assert lines_of(problems) == [
        "scenario.yaml line 13, targets[0].share: target 'cadres-2020': a share is a fraction "
        "of 1 (got 60): for 60% write 0.6 or 60%"
    ]
    assert lines_of(problems, "vi") == [
        "scenario.yaml dòng 13, targets[0].share: chỉ tiêu 'cadres-2020': tỷ lệ là phần của 1 "
        "(đang ghi: 60): muốn 60% thì ghi 0,6 hoặc 60%"
    ]


def test_a_share_in_words(tmp_path: Path) -> None:
    problems = problems_of(tiny_copy(tmp_path, yaml_line(13, "    share: sáu mươi")))
    assert lines_of(problems) == [
        "scenario.yaml line 13, targets[0].share: target 'cadres-2020': 'sáu mươi' is not a "
        "share: write a fraction such as 0.6 or 60%"
    ]
    assert "chỉ tiêu 'cadres-2020': 'sáu mươi' không phải tỷ lệ" in lines_of(problems, "vi")[0]


def test_target_problems_found_later_name_the_target(tmp_path: Path) -> None:
    problems = problems_of(tiny_copy(tmp_path, yaml_line(11, "    has: {degree: phd}")))
    assert lines_of(problems) == [
        "scenario.yaml line 11, targets[0].has.degree: target 'cadres-2020': track degree has "
        "no level 'phd' (levels: none, intermediate, college, university)"
    ]


def test_an_implausibly_small_amount_is_a_warning(tmp_path: Path) -> None:
    """``per_year: 250.000`` is 250000 VND: it loads, with a warning for each tiny amount."""
    folder = tiny_copy(
        tmp_path,
        yaml_line(14, "budget: {per_year: 250, total: null}"),
        cell("courses", 2, "cost_per_learner", "8"),
    )
    warnings = read_scenario(folder).warnings
    assert lines_of(warnings) == [
        "scenario.yaml line 14, budget.per_year: only 250 VND: amounts are written in dong, not "
        "in thousands or millions (for 250 million write 250000000 or 250.000.000)",
        "courses.csv row 2, cost_per_learner: only 8 VND: amounts are written in dong, not in "
        "thousands or millions (for 250 million write 250000000 or 250.000.000)",
    ]
    assert lines_of(warnings, "vi")[0] == (
        "scenario.yaml dòng 14, budget.per_year: chỉ có 250 đồng: số tiền ghi bằng đồng, không "
        "phải nghìn hay triệu đồng (250 triệu thì ghi 250000000 hoặc 250.000.000)"
    )


# ---------------------------------------------------------------- months


def test_an_excel_date_serial_is_the_date_it_is() -> None:
    """24909 is how Excel stores 12 March 1968 when a date cell is saved as a number."""
    assert to_month("24909") == YearMonth(1968, 3)
    assert to_month("24909.0") == YearMonth(1968, 3)


def test_not_a_month_says_what_to_write() -> None:
    with pytest.raises(CellError) as caught:
        to_month("tháng 3")
    assert render(caught.value.message, "en") == (
        "'tháng 3' is not a month: write YYYY-MM or DD/MM/YYYY, e.g. 1975-03 or 15/03/1975"
    )
    assert render(caught.value.message, "vi") == (
        "'tháng 3' không phải tháng/năm: hãy ghi dạng YYYY-MM hoặc DD/MM/YYYY, ví dụ 1975-03 "
        "hoặc 15/03/1975"
    )


# ---------------------------------------------------------------- levels


def test_requirements_with_spaces_in_level_names() -> None:
    assert to_requirements("degree>=Trung cấp; llct >= Sơ  cấp") == (
        Requirement(track="degree", level="Trung cấp"),
        Requirement(track="llct", level="Sơ cấp"),
    )


def test_requirements_with_spaces_in_track_names() -> None:
    """A track named 'Chuyên môn' in the tracks sheet is written so in a condition (trial)."""
    assert to_requirements("Chuyên môn>=Trung cấp; Chuyên  môn ≥ Cao đẳng") == (
        Requirement(track="Chuyên môn", level="Trung cấp"),
        Requirement(track="Chuyên môn", level="Cao đẳng"),
    )
    with pytest.raises(CellError):
        to_requirements("Chuyên môn > Trung cấp")


def test_tracks_with_vietnamese_level_names(tmp_path: Path) -> None:
    """Tracks may be written with Vietnamese levels directly; cells match them regardless of
    case and diacritics."""
    folder = tiny_copy(
        tmp_path,
        yaml_line(5, "  degree: [Chưa có, Trung cấp, Cao đẳng, Đại học]"),
        yaml_line(11, "    has: {degree: cao dang}"),
    )
    degree = {"none": "chưa có", "intermediate": "TRUNG CẤP", "college": "Cao Đẳng"}
    rewrite(folder, "officials", {"degree": {**degree, "university": "dai hoc"}})
    rewrite(folder, "posts", {"std_degree": {"university": "Đại học"}})
    rewrite(folder, "courses", {"grants": {"college": "cao đẳng"}, "requires": {}})
    courses = (folder / "courses.csv").read_text(encoding="utf-8-sig")
    (folder / "courses.csv").write_text(courses.replace("degree>=college", "degree>=Cao đẳng"))
    scenario = read_scenario(folder).scenario
    assert scenario.official_by_id["O2"].levels["degree"] == "Cao đẳng"
    assert scenario.settings.targets[0].has == {"degree": "Cao đẳng"}
    assert scenario.course_by_id["deg-college"].grants == "Cao đẳng"


@pytest.mark.parametrize(
    ("names", "english", "vietnamese"),
    [
        (
            "level_names: {skills: {basic: Cơ bản}}",
            "level_names.skills: level_names: no track 'skills'",
            "level_names.skills: level_names: không có lĩnh vực 'skills'",
        ),
        (
            "level_names: {degree: {phd: Tiến sĩ}}",
            "level_names.degree: track degree has no level 'phd' (levels: none, intermediate, "
            "college, university)",
            "level_names.degree: lĩnh vực degree không có trình độ 'phd' (các trình độ: none, "
            "intermediate, college, university)",
        ),
        (
            "level_names: {degree: {college: Đại học, university: Đại học}}",
            "level_names.degree: track degree: 'Đại học' would name two levels",
            "level_names.degree: lĩnh vực degree: tên 'Đại học' trùng cho hai trình độ",
        ),
    ],
)
def test_level_names_that_cannot_be(
    tmp_path: Path, names: str, english: str, vietnamese: str
) -> None:
    problems = problems_of(tiny_copy(tmp_path, yaml_insert(6, names)))
    assert [text.split(", ", 1)[1] for text in lines_of(problems)] == [english]
    assert [text.split(", ", 1)[1] for text in lines_of(problems, "vi")] == [vietnamese]


# ---------------------------------------------------------------- once per column


def test_a_whole_column_wrong_is_reported_once(tmp_path: Path) -> None:
    folder = tiny_copy(tmp_path, *(cell("officials", row, "sex", "Male") for row in range(2, 6)))
    problems = problems_of(folder)
    assert lines_of(problems) == [
        "officials.csv, sex: on 4 rows (2, 3, 4, …): 'Male' is not allowed here: write M or F "
        "(or Nam, Nữ)"
    ]
    assert lines_of(problems, "vi") == [
        "officials.csv, cột sex: ở 4 dòng (2, 3, 4, …): không dùng được 'Male' ở đây: hãy ghi "
        "Nam hoặc Nữ (hoặc M, F)"
    ]


def test_a_column_wrong_in_many_ways_is_reported_once_with_an_example(tmp_path: Path) -> None:
    folder = tiny_copy(
        tmp_path,
        cell("officials", 3, "birth", "May 1985"),
        cell("officials", 4, "birth", "June 1990"),
        cell("officials", 5, "birth", "July 1970"),
    )
    assert lines_of(problems_of(folder)) == [
        "officials.csv, birth: on 3 rows (3, 4, 5), such as row 3: 'May 1985' is not a month: "
        "write YYYY-MM or DD/MM/YYYY, e.g. 1975-03 or 15/03/1975"
    ]


def test_a_few_rows_wrong_are_reported_row_by_row(tmp_path: Path) -> None:
    """Two rows are no whole column: each is reported where it is."""
    folder = tiny_copy(tmp_path, *(cell("officials", row, "sex", "X") for row in (2, 3)))
    assert [(problem.row, problem.column) for problem in problems_of(folder)] == [
        (2, "sex"),
        (3, "sex"),
    ]


def test_different_problems_in_one_column_stay_apart(tmp_path: Path) -> None:
    """No unit 'X7', 'X8', 'X9': three problems naming three ids, never one example."""
    folder = tiny_copy(
        tmp_path, *(cell("officials", row, "unit_id", f"X{row + 5}") for row in (2, 3, 4))
    )
    assert [problem.row for problem in problems_of(folder)] == [2, 3, 4]


def test_an_unknown_level_lists_the_vietnamese_names_too(tmp_path: Path) -> None:
    folder = tiny_copy(
        tmp_path, yaml_insert(6, LEVEL_NAMES), cell("officials", 3, "degree", "Tiến sĩ")
    )
    assert lines_of(problems_of(folder)) == [
        "officials.csv row 3, degree: track degree has no level 'Tiến sĩ' (levels: none, "
        "intermediate (Trung cấp), college (Cao đẳng), university (Đại học))"
    ]
    assert lines_of(problems_of(folder), "vi") == [
        "officials.csv dòng 3, cột degree: lĩnh vực degree không có trình độ 'Tiến sĩ' (các "
        "trình độ: none, intermediate (Trung cấp), college (Cao đẳng), university (Đại học))"
    ]


def test_a_budget_written_250_000_is_250000_vnd_and_looks_too_small(tmp_path: Path) -> None:
    """The planner's ``per_year: 250.000`` was read as 250 VND; it is 250000 VND, and a budget
    that small is most likely meant in thousands: a warning says so."""
    loaded = read_scenario(tiny_copy(tmp_path, yaml_line(14, "budget: {per_year: 250.000}")))
    assert loaded.scenario.settings.budget.per_year == 250_000
    assert lines_of(loaded.warnings) == [
        "scenario.yaml line 14, budget.per_year: only 250,000 VND: amounts are written in dong, "
        "not in thousands or millions (for 250 million write 250000000 or 250.000.000)"
    ]
