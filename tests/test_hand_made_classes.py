"""A hand-made classes.csv may leave a class's learners blank (issue: "learners: is blank" was
refused). The checker then takes a course-year's only class to seat everyone enrolled, and
checks classes whose size is unknown together: k x class_min <= learners left <= k x
class_max, where k is the number of such classes and "left" is what the classes with a
number do not seat.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from builders import internal, lecturer, offer, official, tiny
from click.testing import CliRunner

from trainplan import cli
from trainplan.checking.checker import evaluate
from trainplan.files.planread import read_plan
from trainplan.models.plan import ClassRow, Enrollment, Plan
from trainplan.models.rules import Rule
from trainplan.models.scenario import Scenario
from trainplan.wording import render

TINY = Path(__file__).parent / "data" / "tiny"


def _hand_made(folder: Path, enrollments: list[str], classes: list[str]) -> Path:
    folder.mkdir()
    (folder / "enrollments.csv").write_text(
        "official_id,course_id,start_year\n" + "".join(f"{row}\n" for row in enrollments),
        encoding="utf-8",
    )
    (folder / "classes.csv").write_text(
        "course_id,year,class_no,learners,lecturer_id,hours\n"
        + "".join(f"{row}\n" for row in classes),
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """tiny: llct-elem is internal, one class a year of 2-40 learners and 80 lecturer hours."""
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder


def test_a_blank_learners_cell_is_read(tmp_path: Path) -> None:
    plan = read_plan(
        _hand_made(tmp_path / "plan", ["O2,llct-elem,2018"], ["llct-elem,2018,1,,L1,80"])
    )
    assert plan.classes == (ClassRow("llct-elem", 2018, 1, None, "L1", 80),)


def test_the_only_class_seats_everyone_enrolled_kept(tmp_path: Path, scenario: Path) -> None:
    """O2 and O4 take llct-elem in 2018; its one class, learners blank, holds both: 2 >= 2."""
    plan = _hand_made(
        tmp_path / "plan",
        ["O2,llct-elem,2018", "O4,llct-elem,2018"],
        ["llct-elem,2018,1,,L1,80"],
    )
    result = CliRunner().invoke(cli.main, ["check", str(scenario), str(plan)])
    assert result.exit_code == 0, result.output
    assert "keeps every rule" in result.output


def test_the_only_class_seats_everyone_enrolled_caught(tmp_path: Path, scenario: Path) -> None:
    """O2 alone: the one class, learners blank, holds 1, below class_min 2."""
    plan = _hand_made(tmp_path / "plan", ["O2,llct-elem,2018"], ["llct-elem,2018,1,,L1,80"])
    result = CliRunner().invoke(cli.main, ["check", str(scenario), str(plan)])
    assert result.exit_code == 3, result.output
    assert "[class_size] llct-elem 2018 class 1: 1 learners, allowed 2–40" in result.output


def _two_classes(enrolled: int) -> tuple[Scenario, list[Enrollment]]:
    """Up to 2 classes of 2-3 learners; ``enrolled`` officials take the course in 2020."""
    officials = tuple(official(f"O{i}") for i in range(enrolled))
    scenario = tiny(
        officials=officials,
        courses=(internal("c", class_min=2, class_max=3, lecturer_hours=10),),
        offerings=(offer("c", 2020, classes=2),),
        lecturers=(lecturer(),),
    )
    return scenario, [Enrollment(o.official_id, "c", 2020) for o in officials]


def _sizes(*learners: int | None) -> tuple[ClassRow, ...]:
    return tuple(
        ClassRow("c", 2020, number, size, "L1", 10) for number, size in enumerate(learners, 1)
    )


@pytest.mark.parametrize(
    ("enrolled", "learners"),
    [(4, (None, None)), (6, (None, None)), (5, (3, None)), (5, (None, 2))],
)
def test_classes_left_blank_are_checked_together_kept(
    enrolled: int, learners: tuple[int | None, ...]
) -> None:
    """Two blank classes hold 4 to 6 together; with one class of 3 (or 2), the other holds the
    2 (or 3) left, within 2-3."""
    scenario, enrollments = _two_classes(enrolled)
    evaluation = evaluate(scenario, Plan(tuple(enrollments), _sizes(*learners)))
    assert [render(v.message) for v in evaluation.violations] == []


@pytest.mark.parametrize(
    ("enrolled", "learners", "words"),
    [
        (
            7,
            (None, None),
            "c 2020 classes 1, 2 (learners left blank): 7 learners left for 2 "
            "classes, allowed 4–6 together",
        ),
        (
            3,
            (None, None),
            "c 2020 classes 1, 2 (learners left blank): 3 learners left for 2 "
            "classes, allowed 4–6 together",
        ),
        (7, (3, None), "c 2020 class 2 (learners left blank): 4 learners left for it, allowed 2–3"),
    ],
)
def test_classes_left_blank_are_checked_together_caught(
    enrolled: int, learners: tuple[int | None, ...], words: str
) -> None:
    scenario, enrollments = _two_classes(enrolled)
    evaluation = evaluate(scenario, Plan(tuple(enrollments), _sizes(*learners)))
    assert [v.rule for v in evaluation.violations] == [Rule.CLASS_SIZE]
    assert render(evaluation.violations[0].message, "en") == words
    vietnamese = render(evaluation.violations[0].message, "vi")
    assert "để trống số học viên" in vietnamese and "{" not in vietnamese


def test_a_number_on_one_row_of_a_class_counts_for_its_blank_rows() -> None:
    """A class taught by two lecturers: one row gives 3 learners, the other is blank; they do
    not disagree, and the class holds 3."""
    scenario, enrollments = _two_classes(3)
    rows = (ClassRow("c", 2020, 1, 3, "L1", 5), ClassRow("c", 2020, 1, None, "L1", 5))
    evaluation = evaluate(scenario, Plan(tuple(enrollments), rows))
    assert [render(v.message) for v in evaluation.violations] == []
