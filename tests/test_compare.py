"""``trainplan compare PLAN_A PLAN_B``: enrollments added (in B only), removed (in A only) and
moved (in both, another start year), classes that changed, totals side by side (SPEC.md,
"Questions a committee asks")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trainplan.files.compare import TOTALS, compare_folders
from trainplan.terminal.compare import comparison_view

TRAINPLAN = Path(sys.executable).parent / "trainplan"
TINY = Path(__file__).parent / "data" / "tiny"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRAINPLAN_STRICT_WORDS": "1"}
    return subprocess.run(
        [str(TRAINPLAN), *args], capture_output=True, text=True, env=env, timeout=300
    )


def hand_made(folder: Path, enrollments: str, classes: str | None = None) -> Path:
    folder.mkdir(parents=True)
    (folder / "enrollments.csv").write_text(enrollments, encoding="utf-8")
    if classes is not None:
        (folder / "classes.csv").write_text(classes, encoding="utf-8")
    return folder


@pytest.fixture
def two_hand_made(tmp_path: Path) -> tuple[Path, Path]:
    """A: O1 deg 2018, O2 deg 2018, O3 llct 2019; B: O1 deg 2018 (same), O2 deg 2020 (moved),
    O4 llct 2019 (added); O3 llct is removed. One llct class in A, two in B."""
    a = hand_made(
        tmp_path / "a",
        "official_id,course_id,start_year,official_name\n"
        "O1,deg,2018,An\nO2,deg,2018,Bình\nO3,llct,2019,Cường\n",
        "course_id,year,class_no,learners,lecturer_id,hours\nllct,2019,1,1,L1,80\n",
    )
    b = hand_made(
        tmp_path / "b",
        "official_id,course_id,start_year,course_name\n"
        "O1,deg,2018,Cao đẳng\nO2,deg,2020,Cao đẳng\nO4,llct,2019,LLCT\n",
        "course_id,year,class_no,learners,lecturer_id,hours\n"
        "llct,2019,1,1,L1,80\nllct,2019,2,1,L2,80\n",
    )
    return a, b


def test_added_removed_and_moved_exactly(two_hand_made: tuple[Path, Path]) -> None:
    a, b = two_hand_made
    found = compare_folders(a, b).to_json()
    assert found["added"] == [
        {"official_id": "O4", "course_id": "llct", "start_year": 2019, "course_name": "LLCT"}
    ]
    assert found["removed"] == [  # names from either plan
        {
            "official_id": "O3",
            "course_id": "llct",
            "start_year": 2019,
            "official_name": "Cường",
            "course_name": "LLCT",
        }
    ]
    assert found["moved"] == [
        {
            "official_id": "O2",
            "course_id": "deg",
            "official_name": "Bình",
            "course_name": "Cao đẳng",
            "start_year_a": 2018,
            "start_year_b": 2020,
        }
    ]
    assert found["classes"] == [
        {
            "course_id": "llct",
            "year": 2019,
            "classes_a": 1,
            "classes_b": 2,
            "learners_a": 1,
            "learners_b": 2,
            "lecturers_a": ["L1"],
            "lecturers_b": ["L1", "L2"],
        }
    ]
    assert found["totals"] is None  # hand-made: no plan.json


def test_the_other_way_round_swaps_added_and_removed(two_hand_made: tuple[Path, Path]) -> None:
    a, b = two_hand_made
    back = compare_folders(b, a).to_json()
    assert [e["official_id"] for e in back["added"]] == ["O3"]
    assert [e["official_id"] for e in back["removed"]] == ["O4"]
    assert [(m["start_year_a"], m["start_year_b"]) for m in back["moved"]] == [(2020, 2018)]


def test_a_plan_against_itself_has_no_change(two_hand_made: tuple[Path, Path]) -> None:
    a, _ = two_hand_made
    found = compare_folders(a, a)
    assert not found.changes and not found.classes
    lang_lines = [shown for shown in comparison_view(found, "vi") if isinstance(shown, str)]
    assert "Hai kế hoạch có cùng các lượt học, vào cùng các năm." in lang_lines


def test_the_command_prints_json_and_tables(two_hand_made: tuple[Path, Path]) -> None:
    a, b = two_hand_made
    result = run("compare", str(a), str(b), "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert {"added", "removed", "moved", "classes", "totals"} <= document.keys()
    english = run("compare", str(a), str(b))
    assert english.returncode == 0, english.stderr
    assert "1 enrollments added, 1 removed, 1 moved" in english.stdout
    assert "O2 (Bình)" in english.stdout and "moved" in english.stdout
    vietnamese = run("compare", str(a), str(b), "--lang", "vi")
    assert "chuyển năm" in vietnamese.stdout and "Lớp đã thay đổi (1)" in vietnamese.stdout


def test_an_unreadable_plan_exits_2_naming_the_file(tmp_path: Path) -> None:
    good = hand_made(tmp_path / "good", "official_id,course_id,start_year\nO1,deg,2018\n")
    bad = hand_made(tmp_path / "bad", "official_id,course_id,start_year\nO1,deg,twenty\n")
    result = run("compare", str(good), str(bad))
    assert result.returncode == 2
    assert "enrollments.csv" in result.stderr and "start_year" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def two_solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The tiny scenario solved twice, by a sweep: with units sparing 10 % of their days the
    llct courses cannot fit (no enrollment), with 50 % three enrollments qualify one cadre."""
    out = tmp_path_factory.mktemp("solved") / "sweep"
    result = run(
        "sweep",
        str(TINY),
        "--vary",
        "continuity.max_away_share=0.1:0.5:2",
        "--out",
        str(out),
        "--time-limit",
        "60",
    )
    assert result.returncode == 0, result.stderr
    return out / "v01", out / "v02"


def test_two_solved_plans_show_their_totals_side_by_side(two_solved: tuple[Path, Path]) -> None:
    a, b = two_solved
    found = compare_folders(a, b)
    assert found.totals is not None and list(found.totals) == list(TOTALS)
    documents = [json.loads((p / "plan.json").read_text(encoding="utf-8")) for p in (a, b)]
    assert found.totals["cost"] == (documents[0]["totals"]["cost"], documents[1]["totals"]["cost"])
    assert found.totals["money"] == tuple(d["objective"]["money"] for d in documents)
    enrolled = [
        {(e["official_id"], e["course_id"]): e["start_year"] for e in d["enrollments"]}
        for d in documents
    ]
    document = found.to_json()
    assert {(e["official_id"], e["course_id"]) for e in document["added"]} == (
        enrolled[1].keys() - enrolled[0].keys()
    )
    assert {(e["official_id"], e["course_id"]) for e in document["removed"]} == (
        enrolled[0].keys() - enrolled[1].keys()
    )
    moved = {k for k in enrolled[0].keys() & enrolled[1].keys() if enrolled[0][k] != enrolled[1][k]}
    assert {(e["official_id"], e["course_id"]) for e in document["moved"]} == moved
    assert len(document["added"]) == 3 and not document["removed"] and not document["moved"]
    assert document["totals"]["targets_met"] == {"a": 0, "b": 1, "change": 1}
    shown = run("compare", str(a), str(b))
    assert shown.returncode == 0 and "targets met" in shown.stdout


def test_per_commune_exactly_as_counted_by_hand(tmp_path: Path) -> None:
    """X1: O1 stays, O2 moves (A: 2 enrollments, 30 days, 12 M; B: 2, 30 days, 12 M).
    X2: O3 removed, O4 added twice (A: 1, 20 days, 5 M; B: 2, 40 days, 10 M).
    X3: nothing changes, so it is not listed."""
    header = "official_id,course_id,start_year,unit_id,unit_name,away_days,cost_per_learner\n"
    a = hand_made(
        tmp_path / "a",
        header + "O1,deg,2018,X1,Xã Một,10,4000000\nO2,deg,2018,X1,Xã Một,20,8000000\n"
        "O3,llct,2019,X2,Xã Hai,20,5000000\nO5,llct,2019,X3,Xã Ba,5,1000000\n",
    )
    b = hand_made(
        tmp_path / "b",
        header + "O1,deg,2018,X1,Xã Một,10,4000000\nO2,deg,2020,X1,Xã Một,20,8000000\n"
        "O4,llct,2019,X2,Xã Hai,20,5000000\nO4,deg,2020,X2,Xã Hai,20,5000000\n"
        "O5,llct,2019,X3,Xã Ba,5,1000000\n",
    )
    units = compare_folders(a, b).to_json()["units"]
    assert units == [
        {
            "unit_id": "X2",
            "unit_name": "Xã Hai",
            "enrollments": {"a": 1, "b": 2},
            "added": 2,
            "removed": 1,
            "moved": 0,
            "away_days": {"a": 20.0, "b": 40.0},
            "learner_cost": {"a": 5_000_000.0, "b": 10_000_000.0},
        },
        {
            "unit_id": "X1",
            "unit_name": "Xã Một",
            "enrollments": {"a": 2, "b": 2},
            "added": 0,
            "removed": 0,
            "moved": 1,
            "away_days": {"a": 30.0, "b": 30.0},
            "learner_cost": {"a": 12_000_000.0, "b": 12_000_000.0},
        },
    ]
    shown = run("compare", str(a), str(b), "--lang", "vi")
    assert shown.returncode == 0, shown.stderr
    assert "Các xã có thay đổi (2)" in shown.stdout
    assert "+2 −1 ↔0" in shown.stdout


def test_no_commune_table_when_the_plans_do_not_say_which_commune(
    two_hand_made: tuple[Path, Path],
) -> None:
    a, b = two_hand_made
    assert compare_folders(a, b).to_json()["units"] == []
