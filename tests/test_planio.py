"""Plan folders (SPEC.md, "A plan"): written all at once, read back, hand-made ones too.

A plan folder is built in a temporary sibling and swapped in, so a failed write leaves any
earlier plan byte for byte as it was and no temporary folder behind; a hand-made
enrollments.csv saved by Excel is read; a bad plan file is refused naming file, row and column.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import external, internal, lecturer, offer, official, tiny

from trainplan.checking.checker import evaluate
from trainplan.files import planio
from trainplan.files.planio import OutputError, plan_files, plan_lock, read_plan, write_plan_folder
from trainplan.models import InputError, Problem
from trainplan.models.message import Message
from trainplan.models.plan import ClassRow, Enrollment, Plan
from trainplan.wording import problem_text, render

# ---------------------------------------------------------------- a small plan

SCENARIO = tiny(
    officials=(official("A"), official("B"), official("Đ", post="chair")),
    courses=(external("C"), internal("I")),
    offerings=(offer("C", 2020, seats=2), offer("I", 2021, classes=1)),
    lecturers=(lecturer("L1"), lecturer("L2")),
)

PLAN = Plan(
    enrollments=(
        Enrollment("A", "C", 2020),
        Enrollment("Đ", "C", 2020),
        Enrollment("A", "I", 2021),
        Enrollment("B", "I", 2021),
    ),
    classes=(ClassRow("I", 2021, 1, 2, "L1", 25), ClassRow("I", 2021, 1, 2, "L2", 15)),
)


def files_of(the_plan: Plan = PLAN) -> dict[str, str]:
    return plan_files(SCENARIO, the_plan, evaluate(SCENARIO, the_plan))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    """Temporary folders a write may have left beside ``folder``."""
    return sorted(p.name for p in folder.parent.glob(f".{folder.name}.tmp-*"))


@pytest.fixture
def earlier(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A plan folder already written, and its bytes."""
    folder = tmp_path / "plan"
    write_plan_folder(folder, files_of())
    return folder, snapshot(folder)


# ---------------------------------------------------------------- writing and reading back


def test_a_written_plan_reads_back_equal(tmp_path: Path) -> None:
    assert evaluate(SCENARIO, PLAN).violations == []
    folder = tmp_path / "out" / "plan"
    (tmp_path / "out").mkdir()
    write_plan_folder(folder, files_of())
    assert sorted(p.name for p in folder.iterdir()) == [
        "attainment.csv",
        "classes.csv",
        "enrollments.csv",
        "plan.json",
    ]
    back = read_plan(folder)
    assert back.enrollments == PLAN.enrollments
    assert back.classes == PLAN.classes
    assert back == Plan(PLAN.enrollments, PLAN.classes)
    # CSV for Excel: UTF-8 with a byte-order mark, so "Đ" shows right
    raw = (folder / "enrollments.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Đ" in raw.decode("utf-8-sig")
    assert leftovers(folder) == []


def test_a_plan_without_classes_reads_back(tmp_path: Path) -> None:
    only_external = Plan((Enrollment("A", "C", 2020),))
    write_plan_folder(tmp_path / "plan", files_of(only_external))
    assert read_plan(tmp_path / "plan") == only_external


def test_an_enrollments_csv_saved_by_excel_is_read(tmp_path: Path) -> None:
    """UTF-8 with BOM, semicolons (a Vietnamese-locale Excel), CRLF, headers in another case,
    extra columns, cells with trailing spaces and an empty row; no classes.csv at all."""
    folder = tmp_path / "handmade"
    folder.mkdir()
    text = (
        "Official_ID;Course_ID ;start_year;Ghi chú;end_year\r\n"
        "A ;C ; 2020 ;Học viên mới;2020\r\n"
        ";;;;\r\n"
        "Đ;C;2020 ;;\r\n"
    )
    (folder / "enrollments.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    back = read_plan(folder)
    assert back.enrollments == (Enrollment("A", "C", 2020), Enrollment("Đ", "C", 2020))
    assert back.classes == ()


def test_a_handmade_classes_csv_may_leave_lecturer_blank(tmp_path: Path) -> None:
    folder = tmp_path / "handmade"
    folder.mkdir()
    (folder / "enrollments.csv").write_text(
        "official_id,course_id,start_year\nA,I,2021\n", encoding="utf-8"
    )
    (folder / "classes.csv").write_text(
        "course_id,year,class_no,learners,lecturer_id,hours\nI,2021,1,1,,0\nI,2021,1,1,L1,40\n",
        encoding="utf-8",
    )
    assert read_plan(folder).classes == (
        ClassRow("I", 2021, 1, 1, "", 0),
        ClassRow("I", 2021, 1, 1, "L1", 40),
    )


# ---------------------------------------------------------------- bad plan files

GOOD_ENROLLMENTS = "official_id,course_id,start_year\nA,C,2020\n"
CLASSES_HEADER = "course_id,year,class_no,learners,lecturer_id,hours\n"


@pytest.mark.parametrize(
    ("enrollments", "classes", "where", "words"),
    [
        pytest.param(
            "official_id,course_id\nA,C\n",
            None,
            ("enrollments.csv", 1, "start_year"),
            "missing",
            id="missing-start_year",
        ),
        pytest.param(
            "official_id,course_id,start_year\nA,C,2020\nB,,2020\n",
            None,
            ("enrollments.csv", 3, "course_id"),
            "blank",
            id="blank-course_id",
        ),
        pytest.param(
            "official_id,course_id,start_year\nA,C,abc\n",
            None,
            ("enrollments.csv", 2, "start_year"),
            "'abc'",
            id="start_year-abc",
        ),
        pytest.param(
            GOOD_ENROLLMENTS,
            CLASSES_HEADER + "I,2021,1,2,L1,x\n",
            ("classes.csv", 2, "hours"),
            "'x'",
            id="classes-hours-x",
        ),
        pytest.param(
            GOOD_ENROLLMENTS,
            CLASSES_HEADER + "I,2021,1,2,L1,40\nI,2021,one,2,L1,4\n",
            ("classes.csv", 3, "class_no"),
            "'one'",
            id="classes-class_no-one",
        ),
        pytest.param(
            GOOD_ENROLLMENTS,
            "course_id,year,class_no,learners,lecturer_id\n",
            ("classes.csv", 1, "hours"),
            "missing",
            id="classes-missing-hours",
        ),
    ],
)
def test_a_bad_plan_file_is_refused_naming_file_row_and_column(
    tmp_path: Path, enrollments: str, classes: str | None, where: tuple[str, int, str], words: str
) -> None:
    folder = tmp_path / "handmade"
    folder.mkdir()
    (folder / "enrollments.csv").write_text(enrollments, encoding="utf-8")
    if classes is not None:
        (folder / "classes.csv").write_text(classes, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_plan(folder)
    located = [p for p in caught.value.problems if (p.file, p.row, p.column) == where]
    assert located, caught.value.problems
    assert words in render(located[0].message)
    file, row, column = where
    assert problem_text(located[0]).startswith(f"{file} row {row}, {column}: ")


def test_every_bad_cell_is_reported_not_only_the_first(tmp_path: Path) -> None:
    folder = tmp_path / "handmade"
    folder.mkdir()
    (folder / "enrollments.csv").write_text(
        "official_id,course_id,start_year\nA,C,abc\n,C,2020\nB,C,20x0\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        read_plan(folder)
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (2, "start_year"),
        (3, "official_id"),
        (4, "start_year"),
    ]


def test_a_missing_enrollments_csv_or_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as caught:
        read_plan(tmp_path / "empty")
    assert caught.value.problems[0].file == "enrollments.csv"
    assert "missing" in render(caught.value.problems[0].message)
    with pytest.raises(InputError) as caught:
        read_plan(tmp_path / "nowhere")
    assert [problem.message for problem in caught.value.problems] == [
        Message("input.not_plan_folder")
    ]


# ---------------------------------------------------------------- replacing a plan


def test_writing_over_a_plan_replaces_it_completely_and_keeps_it(tmp_path: Path) -> None:
    """A stale file trainplan writes (plan.xlsx) goes with the plan it belongs to: the new
    folder holds the new files only, the earlier plan is kept whole in plan.previous."""
    folder = tmp_path / "plan"
    write_plan_folder(folder, {**files_of(), "plan.xlsx": "old workbook"})
    before = snapshot(folder)
    smaller = Plan((Enrollment("B", "C", 2020),))
    kept = write_plan_folder(folder, files_of(smaller))
    assert sorted(p.name for p in folder.iterdir()) == [
        "attainment.csv",
        "classes.csv",
        "enrollments.csv",
        "plan.json",
    ]
    assert snapshot(folder) == {
        name: (b"\xef\xbb\xbf" if name.endswith(".csv") else b"") + text.encode("utf-8")
        for name, text in files_of(smaller).items()
    }
    assert read_plan(folder) == smaller
    assert kept == tmp_path / "plan.previous" == planio.previous_of(folder)
    assert snapshot(kept) == before
    assert leftovers(folder) == []


def test_replacing_works_without_an_atomic_exchange(
    earlier: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where renameat2(RENAME_EXCHANGE) is missing, the old folder is moved aside, the new one
    in, and the old one on to plan.previous."""
    monkeypatch.setattr(planio, "_exchange", lambda first, second: False)
    folder, before = earlier
    smaller = Plan((Enrollment("B", "C", 2020),))
    kept = write_plan_folder(folder, files_of(smaller))
    assert read_plan(folder) == smaller
    assert kept is not None and snapshot(kept) == before
    assert leftovers(folder) == []


class Exploding(dict[str, str]):
    """Files whose content generator fails half-way (a bug, a full disk...)."""

    def items(self) -> Iterator[tuple[str, str]]:  # type: ignore[override]
        yield "enrollments.csv", "official_id,course_id,start_year\n"
        raise RuntimeError("the report generator failed")


def test_a_failing_content_generator_leaves_the_earlier_plan(
    earlier: tuple[Path, dict[str, bytes]],
) -> None:
    folder, before = earlier
    with pytest.raises(RuntimeError, match="report generator"):
        write_plan_folder(folder, Exploding())
    assert snapshot(folder) == before
    assert leftovers(folder) == []


def failing_rename(monkeypatch: pytest.MonkeyPatch, fail_on: int) -> list[tuple[str, str]]:
    """Make the ``fail_on``-th call of os.rename (1-based) raise EACCES; others go through.

    As root a read-only folder does not stop writes, so a refused rename is simulated.
    """
    calls: list[tuple[str, str]] = []
    real = os.rename

    def rename(source: os.PathLike[str] | str, target: os.PathLike[str] | str) -> None:
        calls.append((str(source), str(target)))
        if len(calls) == fail_on:
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        real(source, target)

    monkeypatch.setattr(planio.os, "rename", rename)
    return calls


@pytest.mark.parametrize("fail_on", [1, 2], ids=["moving-old-aside", "moving-new-in"])
def test_a_refused_rename_leaves_the_earlier_plan(
    earlier: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, fail_on: int
) -> None:
    """Without the atomic exchange the old plan is renamed aside (call 1), then the new one
    into place (call 2). Whichever fails, the earlier plan is there, byte-identical."""
    folder, before = earlier
    monkeypatch.setattr(planio, "_exchange", lambda first, second: False)
    calls = failing_rename(monkeypatch, fail_on)
    with pytest.raises(OutputError, match="earlier plan there is unchanged"):
        write_plan_folder(folder, files_of(Plan((Enrollment("B", "C", 2020),))))
    assert len(calls) >= fail_on
    assert snapshot(folder) == before
    assert leftovers(folder) == []


def test_a_refused_exchange_and_rename_leave_the_earlier_plan(
    earlier: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The exchange itself fails (it returns False), then so does the fallback rename."""
    folder, before = earlier
    monkeypatch.setattr(planio, "_exchange", lambda first, second: False)
    failing_rename(monkeypatch, 1)
    with pytest.raises(OutputError):
        write_plan_folder(folder, files_of(Plan()))
    assert snapshot(folder) == before
    assert leftovers(folder) == []


def test_a_refused_first_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plan"
    failing_rename(monkeypatch, 1)
    with pytest.raises(
        OutputError, match=r"plan could not be written \(Permission denied\)"
    ) as caught:
        write_plan_folder(folder, files_of())
    assert caught.value.message == Message(
        "input.output.not_written", folder=str(folder), reason=Message("input.os.permission")
    )
    assert render(caught.value.message, "vi") == (
        f"{folder}: không ghi được kế hoạch (không có quyền truy cập); kế hoạch cũ ở đó (nếu có) "
        "vẫn giữ nguyên"
    )
    assert not folder.exists()
    assert leftovers(folder) == []


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="root writes into read-only folders; see the os.rename tests",
)
def test_a_read_only_parent_leaves_the_earlier_plan(
    earlier: tuple[Path, dict[str, bytes]],
) -> None:
    folder, before = earlier
    os.chmod(folder.parent, 0o555)
    try:
        with pytest.raises(OutputError, match="cannot write here"):
            write_plan_folder(folder, files_of(Plan()))
    finally:
        os.chmod(folder.parent, 0o755)
    assert snapshot(folder) == before
    assert leftovers(folder) == []


# ---------------------------------------------------------------- the lock


def test_a_plan_folder_cannot_be_locked_twice(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    with plan_lock(folder):
        with pytest.raises(OutputError) as caught, plan_lock(folder):
            pass
        message = str(caught.value)
        assert str(folder) in message
        assert f"another trainplan run is writing a plan in {tmp_path}" in message
        assert "--out" in message
        assert caught.value.message == Message(
            "input.output.busy", folder=str(folder), parent=str(tmp_path)
        )
        assert "một lần chạy trainplan khác" in render(caught.value.message, "vi")
    with plan_lock(folder):  # released: a later run may write again
        write_plan_folder(folder, files_of())
    assert read_plan(folder) == PLAN


def test_the_lock_clears_temporary_folders_left_by_a_killed_run(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    stale = tmp_path / ".plan.tmp-abc123"
    stale.mkdir()
    (stale / "enrollments.csv").write_text("half", encoding="utf-8")
    other = tmp_path / ".other.tmp-abc123"  # another plan's: not ours to remove
    other.mkdir()
    with plan_lock(folder):
        assert not stale.exists()
    assert other.exists()


def test_problems_name_file_row_and_column() -> None:
    problem = Problem("enrollments.csv", 3, "course_id", Message("input.blank"))
    assert problem_text(problem) == "enrollments.csv row 3, course_id: is blank"
    assert problem_text(problem, "vi") == (
        "enrollments.csv dòng 3, cột course_id: đang để trống (bắt buộc phải điền)"
    )


def test_the_lock_restores_a_plan_a_killed_run_had_moved_aside(tmp_path: Path) -> None:
    """Killed between moving the earlier plan aside and moving the new one in (the fallback
    without an atomic exchange): the earlier plan is put back, not cleared as temporary."""
    folder = tmp_path / "plan"
    write_plan_folder(folder, files_of())
    before = snapshot(folder)
    os.rename(folder, tmp_path / ".plan.tmp-old")
    (tmp_path / ".plan.tmp-xyz").mkdir()  # the killed run's half-written staging
    with plan_lock(folder):
        assert snapshot(folder) == before
    assert leftovers(folder) == []
