"""Bad scenarios are refused with one problem per mistake, naming file, row and column.

Each case copies the tiny scenario (tests/data/tiny: 2 units, 3 posts, 4 officials, 3 courses,
4 offerings, 1 lecturer, 1 target), breaks it in one place and checks that
``models.read_scenario`` raises ``InputError`` pointing at that place. Rows are numbered as a
spreadsheet shows them (header = 1, first data row = 2); in scenario.yaml the row is the line.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from trainplan.checking.validate import validate_scenario
from trainplan.files import read_scenario
from trainplan.models import InputError, Problem
from trainplan.models.message import Message
from trainplan.wording import problem_text, render

TINY = Path(__file__).parent / "data" / "tiny"

Edit = Callable[[Path], None]


# ---------------------------------------------------------------- editing a copy of tiny


def read_rows(folder: Path, table: str) -> list[list[str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(folder: Path, table: str, rows: list[list[str]]) -> None:
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def cell(table: str, row: int, column: str, value: str) -> Edit:
    """Set one cell; ``row`` as a spreadsheet numbers it (first data row = 2)."""

    def edit(folder: Path) -> None:
        rows = read_rows(folder, table)
        rows[row - 1][rows[0].index(column)] = value
        write_rows(folder, table, rows)

    return edit


def header(table: str, column: str, new: str | None) -> Edit:
    """Rename a column header, or drop the whole column when ``new`` is None."""

    def edit(folder: Path) -> None:
        rows = read_rows(folder, table)
        at = rows[0].index(column)
        if new is None:
            rows = [row[:at] + row[at + 1 :] for row in rows]
        else:
            rows[0][at] = new
        write_rows(folder, table, rows)

    return edit


def add_row(table: str, line: str) -> Edit:
    """Append one CSV line to a table."""

    def edit(folder: Path) -> None:
        path = folder / f"{table}.csv"
        text = path.read_text(encoding="utf-8-sig")
        path.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")

    return edit


def yaml_line(number: int, text: str) -> Edit:
    """Replace line ``number`` of scenario.yaml (1-based)."""

    def edit(folder: Path) -> None:
        path = folder / "scenario.yaml"
        lines = path.read_text(encoding="utf-8").splitlines()
        lines[number - 1] = text
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return edit


def yaml_insert(after: int, text: str) -> Edit:
    """Insert lines after line ``after`` of scenario.yaml."""

    def edit(folder: Path) -> None:
        path = folder / "scenario.yaml"
        lines = path.read_text(encoding="utf-8").splitlines()
        lines[after:after] = text.splitlines()
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return edit


def write_file(name: str, text: str) -> Edit:
    def edit(folder: Path) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    return edit


def remove(name: str) -> Edit:
    def edit(folder: Path) -> None:
        (folder / name).unlink()

    return edit


def workbook(name: str = "scenario.xlsx") -> Edit:
    def edit(folder: Path) -> None:
        book = openpyxl.Workbook()
        book.active.title = "units"  # type: ignore[union-attr]
        book.save(folder / name)

    return edit


def both(*edits: Edit) -> Edit:
    def edit(folder: Path) -> None:
        for one in edits:
            one(folder)

    return edit


def tiny_copy(tmp_path: Path, *edits: Edit) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    for edit in edits:
        edit(folder)
    return folder


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read_scenario(folder)
    return caught.value.problems


def assert_reported(
    problems: list[Problem], file: str, row: int | None, column: str | None, fragment: str
) -> None:
    found = [
        problem
        for problem in problems
        if (problem.file, problem.row, problem.column) == (file, row, column)
        and fragment in render(problem.message, "en")
    ]
    listing = "\n".join(problem_text(problem) for problem in problems)
    assert found, f"no problem at {file} row {row}, {column} with {fragment!r}; got:\n{listing}"


PIN_HEADER = "official_id,course_id,year,action\n"

# (edit, file, row, column, message fragment)
CASES = [
    # ------------------------------------------------------------ field level: tables
    pytest.param(
        header("officials", "birth", None),
        "officials.csv",
        1,
        "birth",
        "required column is missing",
        id="missing-required-column",
    ),
    pytest.param(
        header("officials", "llct", None),
        "officials.csv",
        1,
        "llct",
        "required column is missing",
        id="missing-track-column",
    ),
    pytest.param(
        header("posts", "std_degree", None),
        "posts.csv",
        1,
        "std_degree",
        "required column is missing",
        id="missing-post-standard-column",
    ),
    pytest.param(
        cell("officials", 3, "name", ""),
        "officials.csv",
        3,
        "name",
        "is blank",
        id="blank-required-cell",
    ),
    pytest.param(
        cell("courses", 2, "months", "one"),
        "courses.csv",
        2,
        "months",
        "'one' is not a whole number",
        id="months-not-a-number",
    ),
    pytest.param(
        cell("courses", 3, "months", "1.5"),
        "courses.csv",
        3,
        "months",
        "'1.5' is not a whole number",
        id="months-not-whole",
    ),
    pytest.param(
        cell("courses", 4, "months", "-24"),
        "courses.csv",
        4,
        "months",
        "greater than 0 (got -24)",
        id="months-negative",
    ),
    pytest.param(
        cell("courses", 3, "cost_per_learner", "-1"),
        "courses.csv",
        3,
        "cost_per_learner",
        "greater than or equal to 0",
        id="cost-negative",
    ),
    pytest.param(
        cell("officials", 2, "sex", "X"),
        "officials.csv",
        2,
        "sex",
        "'X' is not allowed here: write M or F (or Nam, Nữ)",
        id="bad-sex",
    ),
    pytest.param(
        cell("officials", 4, "birth", "1975-13"),
        "officials.csv",
        4,
        "birth",
        "'1975-13': month 13 is not between 1 and 12",
        id="birth-month-13",
    ),
    pytest.param(
        cell("officials", 5, "birth", "May 1985"),
        "officials.csv",
        5,
        "birth",
        "'May 1985' is not a month",
        id="birth-not-a-month",
    ),
    pytest.param(
        cell("posts", 2, "leadership", "maybe"),
        "posts.csv",
        2,
        "leadership",
        "'maybe' is not true or false",
        id="bad-boolean",
    ),
    pytest.param(
        cell("officials", 5, "successor", "perhaps"),
        "officials.csv",
        5,
        "successor",
        "'perhaps' is not true or false",
        id="bad-optional-boolean",
    ),
    pytest.param(
        cell("posts", 3, "category", "party"),
        "posts.csv",
        3,
        "category",
        "'party' is not allowed here: write cadre or civil_servant (or Cán bộ, Công chức)",
        id="unknown-category",
    ),
    pytest.param(
        cell("courses", 2, "mode", "online"),
        "courses.csv",
        2,
        "mode",
        "'online' is not allowed here: write full_time or in_service",
        id="unknown-mode",
    ),
    pytest.param(
        cell("courses", 4, "provider", "foreign"),
        "courses.csv",
        4,
        "provider",
        "'foreign' is not allowed here: write internal or external",
        id="unknown-provider",
    ),
    pytest.param(
        write_file("pins.csv", PIN_HEADER + "O2,llct-elem,2018,maybe\n"),
        "pins.csv",
        2,
        "action",
        "'maybe' is not allowed here: write require or forbid (or Bắt buộc, Cấm)",
        id="unknown-pin-action",
    ),
    pytest.param(
        cell("courses", 3, "requires", "llct > elementary"),
        "courses.csv",
        3,
        "requires",
        "'llct > elementary' is not of the form track>=level",
        id="requires-syntax",
    ),
    pytest.param(
        cell("courses", 2, "class_min", "50"),
        "courses.csv",
        2,
        "class_min",
        "class_min 50 is above class_max 40",
        id="class-min-above-max",
    ),
    pytest.param(
        cell("courses", 2, "lecturer_hours", ""),
        "courses.csv",
        2,
        "lecturer_hours",
        "an internal course needs lecturer_hours",
        id="internal-course-missing-class-field",
    ),
    pytest.param(
        both(cell("lecturers", 2, "from_year", "2020"), cell("lecturers", 2, "to_year", "2019")),
        "lecturers.csv",
        2,
        "from_year",
        "from_year 2020 is after to_year 2019",
        id="lecturer-years-reversed",
    ),
    pytest.param(
        add_row("officials", "O5,Extra,X1,chair,M,1980-01,none,none,false,surplus"),
        "officials.csv",
        6,
        None,
        "has 10 cells but the header has 9",
        id="row-too-long",
    ),
    pytest.param(
        header("officials", "successor", "name"),
        "officials.csv",
        1,
        "name",
        "appears twice",
        id="column-twice",
    ),
    pytest.param(
        write_file("units.csv", ""),
        "units.csv",
        1,
        None,
        "is empty",
        id="empty-table",
    ),
    # ------------------------------------------------------------ field level: scenario.yaml
    pytest.param(
        yaml_line(13, "    share: 1.5"),
        "scenario.yaml",
        13,
        "targets[0].share",
        "less than or equal to 1 (got 1.5)",
        id="share-above-1",
    ),
    pytest.param(
        yaml_line(3, "horizon: [2020, 2018]"),
        "scenario.yaml",
        3,
        "horizon",
        "horizon starts in 2020, after it ends in 2018",
        id="horizon-reversed",
    ),
    pytest.param(
        write_file("scenario.yaml", "- name: tiny\n- horizon: [2018, 2020]\n"),
        "scenario.yaml",
        1,
        None,
        "must be a mapping",
        id="yaml-not-a-mapping",
    ),
    pytest.param(
        yaml_line(2, "title: Tiny: 2 communes"),
        "scenario.yaml",
        2,
        None,
        "is not valid YAML: mapping values are not allowed here",
        id="yaml-syntax",
    ),
    pytest.param(
        yaml_line(3, "horizon: [2018, 2020"),
        "scenario.yaml",
        4,
        None,
        "starts on line 3",
        id="yaml-unclosed-bracket",
    ),
    pytest.param(
        yaml_line(22, "service_obligaton: 2.0"),
        "scenario.yaml",
        22,
        "service_obligaton",
        "is not a known setting",
        id="unknown-setting",
    ),
    pytest.param(
        yaml_line(17, "  max_away_shares: 0.10"),
        "scenario.yaml",
        17,
        "continuity.max_away_shares",
        "is not a known setting",
        id="unknown-nested-setting",
    ),
    pytest.param(
        yaml_line(14, "budget: {per_year: -5, total: null}"),
        "scenario.yaml",
        14,
        "budget.per_year",
        "greater than or equal to 0",
        id="budget-negative",
    ),
    pytest.param(
        yaml_line(6, "  llct: [none]"),
        "scenario.yaml",
        6,
        "tracks.llct",
        "needs at least two levels",
        id="track-one-level",
    ),
    pytest.param(
        yaml_line(1, "title: again"),
        "scenario.yaml",
        2,
        "title",
        "'title' appears twice (also on line 1)",
        id="yaml-key-twice",
    ),
    pytest.param(
        yaml_line(1, "# no name"),
        "scenario.yaml",
        None,
        "name",
        "is missing",
        id="setting-missing",
    ),
    # ------------------------------------------------------------ whole scenario: ids
    pytest.param(
        cell("officials", 5, "official_id", "O2"),
        "officials.csv",
        5,
        "official_id",
        "'O2' already appears in row 3",
        id="duplicate-official",
    ),
    pytest.param(
        cell("units", 3, "unit_id", "X1"),
        "units.csv",
        3,
        "unit_id",
        "'X1' already appears in row 2",
        id="duplicate-unit",
    ),
    pytest.param(
        cell("courses", 4, "course_id", "llct-mid"),
        "courses.csv",
        4,
        "course_id",
        "'llct-mid' already appears in row 3",
        id="duplicate-course",
    ),
    pytest.param(
        cell("posts", 4, "post_id", "chair"),
        "posts.csv",
        4,
        "post_id",
        "'chair' already appears in row 2",
        id="duplicate-post",
    ),
    pytest.param(
        cell("offerings", 3, "year", "2018"),
        "offerings.csv",
        3,
        "year",
        "already appears in row 2",
        id="duplicate-offering",
    ),
    pytest.param(
        cell("officials", 3, "unit_id", "X9"),
        "officials.csv",
        3,
        "unit_id",
        "no unit 'X9'",
        id="unknown-unit",
    ),
    pytest.param(
        cell("officials", 4, "post_id", "mayor"),
        "officials.csv",
        4,
        "post_id",
        "no post 'mayor'",
        id="unknown-post",
    ),
    # ------------------------------------------------------------ whole scenario: levels
    pytest.param(
        cell("officials", 2, "degree", "phd"),
        "officials.csv",
        2,
        "degree",
        "track degree has no level 'phd'",
        id="official-level-unknown",
    ),
    pytest.param(
        cell("posts", 4, "std_llct", "advanced"),
        "posts.csv",
        4,
        "std_llct",
        "track llct has no level 'advanced'",
        id="post-standard-unknown",
    ),
    pytest.param(
        cell("courses", 4, "track", "skills"),
        "courses.csv",
        4,
        "track",
        "no track 'skills'",
        id="course-track-unknown",
    ),
    pytest.param(
        cell("courses", 4, "grants", "doctorate"),
        "courses.csv",
        4,
        "grants",
        "track degree has no level 'doctorate'",
        id="grants-unknown-level",
    ),
    pytest.param(
        cell("courses", 2, "grants", "none"),
        "courses.csv",
        2,
        "grants",
        "'none' is the lowest level",
        id="grants-lowest-level",
    ),
    pytest.param(
        cell("courses", 3, "requires", "llct>=advanced"),
        "courses.csv",
        3,
        "requires",
        "track llct has no level 'advanced'",
        id="requires-unknown-level",
    ),
    pytest.param(
        cell("courses", 3, "requires", "diploma>=college"),
        "courses.csv",
        3,
        "requires",
        "no track 'diploma'",
        id="requires-unknown-track",
    ),
    pytest.param(
        # Nobody holds a university degree once O3 has only college, and no course grants it.
        both(
            cell("officials", 4, "degree", "college"),
            cell("courses", 3, "requires", "degree>=university"),
        ),
        "courses.csv",
        3,
        "requires",
        "course llct-mid can never start: no official holds degree>=university",
        id="prerequisite-nobody-can-get",
    ),
    pytest.param(
        # deg-univ needs llct intermediate, which only llct-mid grants, which needs a
        # university degree, which only deg-univ grants: neither can ever start.
        both(
            cell("officials", 4, "degree", "college"),
            cell("officials", 4, "llct", "elementary"),
            cell("courses", 3, "requires", "degree>=university"),
            add_row(
                "courses",
                "deg-univ,Đại học,degree,university,llct>=intermediate,48,100,"
                "in_service,30000000,external,,,,,,,",
            ),
            add_row("offerings", "deg-univ,2018,5,"),
        ),
        "courses.csv",
        5,
        "requires",
        "course deg-univ can never start",
        id="course-never-starts",
    ),
    pytest.param(
        cell("courses", 2, "subject", "qpan"),
        "courses.csv",
        2,
        "subject",
        "no lecturer teaches subject 'qpan'",
        id="internal-course-without-lecturer",
    ),
    # ------------------------------------------------------------ whole scenario: offerings
    pytest.param(
        cell("offerings", 2, "course_id", "llct-adv"),
        "offerings.csv",
        2,
        "course_id",
        "no course 'llct-adv'",
        id="offering-unknown-course",
    ),
    pytest.param(
        cell("offerings", 3, "year", "2021"),
        "offerings.csv",
        3,
        "year",
        "2021 is outside the horizon 2018–2020",
        id="offering-outside-horizon",
    ),
    pytest.param(
        cell("offerings", 4, "seats", ""),
        "offerings.csv",
        4,
        "seats",
        "external course llct-mid needs seats",
        id="external-offering-without-seats",
    ),
    pytest.param(
        cell("offerings", 2, "classes", ""),
        "offerings.csv",
        2,
        "classes",
        "internal course llct-elem needs classes",
        id="internal-offering-without-classes",
    ),
    # ------------------------------------------------------------ whole scenario: pins
    pytest.param(
        write_file("pins.csv", PIN_HEADER + "O9,llct-elem,2018,require\n"),
        "pins.csv",
        2,
        "official_id",
        "no official 'O9'",
        id="pin-unknown-official",
    ),
    pytest.param(
        write_file("pins.csv", PIN_HEADER + "O1,llct-elem,2018,forbid\nO2,llct-mid,2018,require\n"),
        "pins.csv",
        3,
        "year",
        "course llct-mid is not offered in 2018",
        id="require-pin-not-offered",
    ),
    # ------------------------------------------------------------ whole scenario: targets
    pytest.param(
        yaml_line(9, "    year: 2021"),
        "scenario.yaml",
        9,
        "targets[0].year",
        "2021 is outside the horizon 2018–2020",
        id="target-year-outside-horizon",
    ),
    pytest.param(
        yaml_line(10, "    who: {category: civil_servant, leadership: true}"),
        "scenario.yaml",
        10,
        "targets[0].who",
        "target cadres-2020: no official matches it",
        id="target-empty-population",
    ),
    pytest.param(
        yaml_line(11, "    has: {diploma: college}"),
        "scenario.yaml",
        11,
        "targets[0].has.diploma",
        "no track 'diploma'",
        id="target-unknown-track",
    ),
    pytest.param(
        yaml_line(12, "    standard: [lcct]"),
        "scenario.yaml",
        12,
        "targets[0].standard",
        "no track 'lcct'",
        id="target-standard-unknown-track",
    ),
    pytest.param(
        yaml_line(10, "    who: {unit: X9}"),
        "scenario.yaml",
        10,
        "targets[0].who.unit",
        "no unit 'X9'",
        id="target-unknown-unit",
    ),
    pytest.param(
        yaml_insert(13, "  - id: cadres-2020\n    year: 2019\n    share: 0.2"),
        "scenario.yaml",
        14,
        "targets[1].id",
        "target id 'cadres-2020' is already used on line 8",
        id="duplicate-target-id",
    ),
    # ------------------------------------------------------------ files
    pytest.param(
        remove("officials.csv"),
        "officials.csv",
        None,
        None,
        "is missing",
        id="missing-officials-csv",
    ),
    pytest.param(
        remove("scenario.yaml"),
        "scenario.yaml",
        None,
        None,
        "is missing",
        id="missing-scenario-yaml",
    ),
    pytest.param(
        workbook(),
        "scenario.xlsx",
        None,
        None,
        "both scenario.xlsx and CSV tables",
        id="xlsx-and-csv",
    ),
]


@pytest.mark.parametrize(("edit", "file", "row", "column", "fragment"), CASES)
def test_bad_input_is_located(
    tmp_path: Path, edit: Edit, file: str, row: int | None, column: str | None, fragment: str
) -> None:
    """One mistake gives a problem naming its file, row and column, with a clear message."""
    assert_reported(problems_of(tiny_copy(tmp_path, edit)), file, row, column, fragment)


def test_there_are_many_cases() -> None:
    """The table above keeps covering at least 30 distinct mistakes."""
    assert len(CASES) >= 30


def test_tiny_is_valid() -> None:
    """The example scenario loads, without warnings, and passes every whole-scenario rule."""
    loaded = read_scenario(TINY)
    scenario = loaded.scenario
    assert loaded.warnings == []
    assert validate_scenario(scenario, loaded.sources) == []
    assert (len(scenario.units), len(scenario.posts), len(scenario.officials)) == (2, 3, 4)
    assert [course.course_id for course in scenario.courses] == [
        "llct-elem",
        "llct-mid",
        "deg-college",
    ]
    assert len(scenario.offerings) == 4
    assert scenario.settings.horizon == (2018, 2020)


def test_field_problems_in_several_files_are_reported_together(tmp_path: Path) -> None:
    """A planner fixes everything in one pass: every file's problems come in one error."""
    folder = tiny_copy(
        tmp_path,
        yaml_line(13, "    share: 1.5"),
        cell("officials", 2, "sex", "X"),
        cell("courses", 3, "months", "twelve"),
        cell("offerings", 5, "year", "20l8"),
    )
    problems = problems_of(folder)
    assert_reported(problems, "scenario.yaml", 13, "targets[0].share", "less than or equal")
    assert_reported(problems, "officials.csv", 2, "sex", "write M or F")
    assert_reported(problems, "courses.csv", 3, "months", "'twelve' is not a whole number")
    assert_reported(problems, "offerings.csv", 5, "year", "'20l8' is not a whole number")
    assert len(problems) == 4


def test_scenario_problems_in_several_files_are_reported_together(tmp_path: Path) -> None:
    """Whole-scenario rules are all run, not stopped at the first one that fails."""
    folder = tiny_copy(
        tmp_path,
        cell("officials", 3, "unit_id", "X9"),
        cell("offerings", 2, "course_id", "llct-adv"),
        write_file("pins.csv", PIN_HEADER + "O9,llct-elem,2018,require\n"),
        yaml_line(9, "    year: 2021"),
    )
    problems = problems_of(folder)
    assert_reported(problems, "officials.csv", 3, "unit_id", "no unit 'X9'")
    assert_reported(problems, "offerings.csv", 2, "course_id", "no course 'llct-adv'")
    assert_reported(problems, "pins.csv", 2, "official_id", "no official 'O9'")
    assert_reported(problems, "scenario.yaml", 9, "targets[0].year", "outside the horizon")


def test_each_problem_is_one_line(tmp_path: Path) -> None:
    """The message a planner reads: one line per problem, file, row and column first."""
    folder = tiny_copy(
        tmp_path, cell("officials", 4, "birth", "1975-13"), yaml_line(13, "    share: 1.5")
    )
    with pytest.raises(InputError) as caught:
        read_scenario(folder)
    lines = [problem_text(problem) for problem in caught.value.problems]
    assert lines == [
        "officials.csv row 4, birth: '1975-13': month 13 is not between 1 and 12",
        "scenario.yaml line 13, targets[0].share: target 'cadres-2020': must be less than or "
        "equal to 1 (got 1.5)",
    ]


def test_not_a_folder(tmp_path: Path) -> None:
    """A path that is not a folder is a problem too, not a traceback."""
    problems = problems_of(tmp_path / "nowhere")
    assert [problem.message for problem in problems] == [Message("input.not_scenario_folder")]


def test_standard_true_means_every_track_of_the_post(tmp_path: Path) -> None:
    """SPEC: ``standard: true`` = on every track of the post standard."""
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    (folder / "scenario.yaml").write_text(text.replace("standard: [llct]", "standard: true"))
    scenario = read_scenario(folder).scenario
    assert scenario.settings.targets[0].standard == ("degree", "llct")
