"""Nothing lost (SPEC.md): ``solve`` never replaces or deletes what it did not write, keeps
the plan it replaces, leaves no lock file, and ``check`` says when a plan was made from other
data. Real folders under tmp_path; the tiny scenario (tests/data/tiny) copied there first.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_planio import files_of, leftovers, snapshot

from trainplan import cli
from trainplan.files import planio
from trainplan.files.planio import (
    PLAN_FILES,
    RefusedOutput,
    check_output,
    is_plan_folder,
    plan_input_hash,
    plan_lock,
    write_plan_folder,
)
from trainplan.models.message import Message
from trainplan.models.plan import Enrollment, Plan
from trainplan.wording import render

TINY = Path(__file__).parent / "data" / "tiny"
DOCX = b"PK\x03\x04 the planner's own notes, not trainplan's"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """A copy of the tiny scenario in tmp_path/tiny."""
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))


def everything(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` (folders as None, files with their bytes)."""
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    quick = ("--time-limit", "10", "--workers", "2") if args[0] == "solve" else ()
    return CliRunner().invoke(cli.main, [*map(str, args), *quick], env=env)


# ---------------------------------------------------------------- refused, nothing touched


@pytest.mark.parametrize(
    ("where", "words_en", "words_vi"),
    [
        ("scenario", "is the scenario folder", "là thư mục kịch bản"),
        ("parent", "holds the scenario folder", "chứa thư mục kịch bản"),
        ("dot", "holds the scenario folder", "chứa thư mục kịch bản"),
        ("dot-inside", "is the scenario folder", "là thư mục kịch bản"),
        ("docx", "is not a plan folder trainplan wrote (it holds notes.docx)", "notes.docx"),
        ("file", "is a file, not a plan folder", "là một tệp"),
        ("plan-with-docx", "(it holds notes.docx)", "không phải thư mục kế hoạch"),
        ("previous-taken", "but that holds something trainplan did not write", "chuyển nó đi"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_out_that_would_lose_something_is_refused_and_nothing_changes(
    tmp_path: Path,
    scenario: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    words_en: str,
    words_vi: str,
    lang: str,
) -> None:
    """Exit 2, one error line naming the folder in the reader's language, and every file
    and folder under tmp_path byte-identical, nothing created, nothing deleted."""
    monkeypatch.chdir(tmp_path)
    out: Path
    if where == "scenario":
        out = scenario
    elif where == "parent":
        out = tmp_path
    elif where == "dot":  # run from the folder holding the scenario
        out = Path(".")
    elif where == "dot-inside":  # run from inside the scenario folder
        monkeypatch.chdir(scenario)
        out = Path(".")
    elif where == "docx":
        out = tmp_path / "report"
        out.mkdir()
        (out / "notes.docx").write_bytes(DOCX)
    elif where == "file":
        out = tmp_path / "plan.docx"
        out.write_bytes(DOCX)
    elif where == "plan-with-docx":  # a plan trainplan wrote, then a planner's file added
        out = tmp_path / "plan"
        write_plan_folder(out, files_of())
        (out / "notes.docx").write_bytes(DOCX)
    else:  # the place the replaced plan would be kept holds the planner's own folder
        out = tmp_path / "plan"
        write_plan_folder(out, files_of())
        (tmp_path / "plan.previous").mkdir()
        (tmp_path / "plan.previous" / "notes.docx").write_bytes(DOCX)
    before = everything(tmp_path)
    done = invoke("solve", scenario, "--out", out, "--lang", lang)
    assert done.exit_code == 2, done.output
    assert done.stdout == ""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: " if lang == "en" else "lỗi: "), lines
    assert str(out) in lines[0]
    assert (words_en if lang == "en" else words_vi) in lines[0]
    assert "Traceback" not in done.output
    assert everything(tmp_path) == before


def test_the_refusal_comes_before_the_search(
    scenario: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused run never starts the solver (so never waits minutes to be refused)."""
    from trainplan import solver

    def never(*_: object) -> None:
        raise AssertionError("the solver started")

    monkeypatch.setattr(solver, "solve", never)
    done = invoke("solve", scenario, "--out", scenario)
    assert done.exit_code == 2, done.output


# ---------------------------------------------------------------- allowed, and the plan kept


def test_a_new_plan_folder_inside_the_scenario_folder_is_allowed(scenario: Path) -> None:
    before = everything(scenario)
    done = invoke("solve", scenario, "--out", scenario / "plans" / "first")
    assert done.exit_code == 0, done.output
    after = everything(scenario)
    assert {k: v for k, v in after.items() if not k.startswith("plans")} == before
    assert is_plan_folder(scenario / "plans" / "first")
    again = invoke("solve", scenario, "--out", scenario / "plans" / "first")
    assert again.exit_code == 0, again.output  # a plan trainplan wrote there: replaced, kept
    assert is_plan_folder(scenario / "plans" / "first.previous")


def test_solving_again_keeps_the_previous_plan_where_it_says(
    tmp_path: Path, scenario: Path
) -> None:
    folder = tmp_path / "plans" / "tiny"
    first = invoke("solve", scenario, "--out", folder)
    assert first.exit_code == 0, first.output
    assert "previous plan" not in first.output
    earlier = snapshot(folder)
    second = invoke("solve", scenario, "--out", folder, "--seed", "1")
    assert second.exit_code == 0, second.output
    kept = tmp_path / "plans" / "tiny.previous"
    assert f"The previous plan is kept in {kept}" in second.stdout
    assert snapshot(kept) == earlier
    assert (
        is_plan_folder(folder)
        and json.loads((folder / "plan.json").read_text())["solver"]["seed"] == 1
    )
    later = snapshot(folder)
    third = invoke("solve", scenario, "--out", folder, "--lang", "vi")
    assert f"Kế hoạch trước được giữ lại trong {kept}" in third.stdout
    assert snapshot(kept) == later  # one plan kept: the one just replaced
    assert sorted(p.name for p in (tmp_path / "plans").iterdir()) == ["tiny", "tiny.previous"]


def test_an_empty_folder_may_become_the_plan_folder(tmp_path: Path, scenario: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    done = invoke("solve", scenario, "--out", folder)
    assert done.exit_code == 0, done.output
    assert "previous plan" not in done.output
    assert is_plan_folder(folder)
    assert not planio.previous_of(folder).exists()


def test_no_lock_file_is_left_anywhere(tmp_path: Path, scenario: Path) -> None:
    for _ in range(2):
        done = invoke("solve", scenario, "--out", tmp_path / "plan")
        assert done.exit_code == 0, done.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan", "plan.previous", "tiny"]
    assert [p for p in tmp_path.rglob("*") if "lock" in p.name] == []
    assert leftovers(tmp_path / "plan") == []


# ---------------------------------------------------------------- the folders, one by one


def test_a_plan_folder_is_recognised_by_its_plan_json_and_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    write_plan_folder(folder, files_of())
    assert is_plan_folder(folder)
    assert set(p.name for p in folder.iterdir()) <= PLAN_FILES
    (folder / "report.html").write_text("<p>", encoding="utf-8")  # trainplan writes it too
    assert is_plan_folder(folder)
    hand = tmp_path / "hand"
    hand.mkdir()
    (hand / "enrollments.csv").write_text("official_id,course_id,start_year\n", encoding="utf-8")
    assert not is_plan_folder(hand)  # no plan.json: a hand-made plan
    (hand / "plan.json").write_text(json.dumps({"format": "other/1"}), encoding="utf-8")
    assert not is_plan_folder(hand)
    (hand / "plan.json").write_text("{not json", encoding="utf-8")
    assert not is_plan_folder(hand)
    (folder / "old").mkdir()  # a folder inside: not trainplan's
    assert not is_plan_folder(folder)


def test_check_output_allows_inside_the_scenario_and_refuses_around_it(
    tmp_path: Path, scenario: Path
) -> None:
    assert check_output(scenario / "plan", scenario) is False
    assert check_output(tmp_path / "elsewhere", scenario) is False
    write_plan_folder(scenario / "plan", files_of())
    assert check_output(scenario / "plan", scenario) is True
    for folder, key in [
        (scenario, "input.output.is_scenario"),
        (scenario / ".", "input.output.is_scenario"),
        (tmp_path, "input.output.holds_scenario"),
        (scenario / "officials.csv", "input.output.is_file"),
    ]:
        with pytest.raises(RefusedOutput) as caught:
            check_output(folder, scenario)
        assert caught.value.message.key == key, folder


def test_an_older_previous_plan_gives_way_to_a_newer_one(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    plans = [Plan((Enrollment(who, "C", 2020),)) for who in ("A", "B", "Đ")]
    kept: list[Path | None] = []
    shots = []
    for plan in plans:
        kept.append(write_plan_folder(folder, files_of(plan)))
        shots.append(snapshot(folder))
    assert kept == [None, tmp_path / "plan.previous", tmp_path / "plan.previous"]
    assert snapshot(tmp_path / "plan.previous") == shots[1]
    assert snapshot(folder) == shots[2]


def test_a_previous_that_is_not_a_plan_is_never_deleted(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    write_plan_folder(folder, files_of())
    (tmp_path / "plan.previous").write_bytes(DOCX)  # a file of the planner's
    before = everything(tmp_path)
    with pytest.raises(RefusedOutput) as caught:
        write_plan_folder(folder, files_of(Plan()))
    assert caught.value.message == Message(
        "input.output.previous_taken", folder=str(folder), previous=str(tmp_path / "plan.previous")
    )
    assert everything(tmp_path) == before


def test_a_run_stopped_just_after_the_exchange_keeps_the_replaced_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped between the exchange and keeping the earlier plan: the temporary folder then
    holds the earlier plan (its name says which folder it was); the next run keeps it in
    plan.previous instead of clearing it as a half-written folder."""
    folder = tmp_path / "plan"
    write_plan_folder(folder, files_of())
    before = snapshot(folder)

    def stopped(replaced: Path, previous: Path, set_aside: object = None) -> Path | None:
        raise KeyboardInterrupt

    monkeypatch.setattr(planio, "_keep", stopped)
    with pytest.raises(KeyboardInterrupt):
        write_plan_folder(folder, files_of(Plan()))
    monkeypatch.undo()
    [left] = leftovers(folder)
    assert snapshot(tmp_path / left) == before
    assert read_plan_json(folder)["totals"]["enrollments"] == 0
    with plan_lock(folder):
        assert leftovers(folder) == []
        assert snapshot(tmp_path / "plan.previous") == before


def read_plan_json(folder: Path) -> dict[str, object]:
    document = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


# ---------------------------------------------------------------- the lock


def test_the_lock_writes_no_file_and_refuses_a_second_holder(tmp_path: Path) -> None:
    """flock on the parent folder itself: nothing appears in it; a second run writing a
    plan there is refused at once (this folder or a sibling: one run at a time per parent);
    released, it can be taken again."""
    folder = tmp_path / "plan"
    with plan_lock(folder):
        assert list(tmp_path.iterdir()) == []
        for other in (folder, tmp_path / "sibling"):
            with pytest.raises(planio.OutputError) as caught, plan_lock(other):
                pass
            assert caught.value.message.key == "input.output.busy"
    with plan_lock(folder):
        write_plan_folder(folder, files_of())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_the_lock_file_of_earlier_versions_is_cleared_and_nothing_else(tmp_path: Path) -> None:
    """trainplan before flock left an empty ``.plan.lock``; the next run removes it, but not
    a file of that name with content, nor another folder's."""
    (tmp_path / ".plan.lock").touch()
    (tmp_path / ".other.lock").touch()
    with plan_lock(tmp_path / "plan"):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.lock"]
    (tmp_path / ".plan.lock").write_bytes(DOCX)
    with plan_lock(tmp_path / "plan"):
        pass
    assert (tmp_path / ".plan.lock").read_bytes() == DOCX


# ---------------------------------------------------------------- check: other data


@pytest.fixture
def solved(tmp_path: Path, scenario: Path) -> Iterator[Path]:
    folder = tmp_path / "plan"
    done = invoke("solve", scenario, "--out", folder)
    assert done.exit_code == 0, done.output
    yield folder


def test_check_says_nothing_of_data_when_the_plan_was_made_from_this_scenario(
    scenario: Path, solved: Path
) -> None:
    assert plan_input_hash(solved) is not None
    done = invoke("check", scenario, solved)
    assert done.exit_code == 0, done.output
    assert "other data" not in done.output
    assert done.stderr == ""


def test_check_warns_when_the_plan_was_made_from_other_data(scenario: Path, solved: Path) -> None:
    """An official's name edited after the solve: the plan still keeps every rule (exit 0
    as before), but the planner is told it was made from other data, in either language."""
    officials = scenario / "officials.csv"
    officials.write_text(
        officials.read_text(encoding="utf-8").replace("Nguyễn Văn An", "Nguyễn Văn Anh"),
        encoding="utf-8",
    )
    done = invoke("check", scenario, solved)
    assert done.exit_code == 0, done.output
    [warning] = done.stderr.splitlines()
    assert warning.startswith("warning: this plan was made from other data: ")
    assert str(solved / "plan.json") in warning and str(scenario) in warning
    assert "The plan keeps every rule." in done.stdout
    vietnamese = invoke("check", scenario, solved, "--lang", "vi")
    assert vietnamese.exit_code == 0
    assert vietnamese.stderr.startswith("cảnh báo: kế hoạch này được lập từ dữ liệu khác: ")


def test_check_warns_and_still_finds_the_broken_rules(scenario: Path, solved: Path) -> None:
    """Other data that the plan breaks: the warning, then exit 3 as without it. (The tiny
    scenario's best plan is empty, its target out of reach; made hard, the plan breaks it.)"""
    yaml = scenario / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert text.count("    share: 0.5\n") == 1
    yaml.write_text(text.replace("    share: 0.5\n", "    share: 0.5\n    hard: true\n"))
    done = invoke("check", scenario, solved)
    assert done.exit_code == 3, done.output
    assert "made from other data" in done.stderr
    assert "[hard_target]" in done.stdout
    before = (solved / "report.html").read_bytes()
    refreshed = invoke("check", scenario, solved, "--report")  # says it writes nothing
    assert refreshed.exit_code == 3 and "are left as they are" in refreshed.stderr
    assert (solved / "report.html").read_bytes() == before


def test_a_hand_made_plan_without_plan_json_gets_no_warning(
    tmp_path: Path, scenario: Path, solved: Path
) -> None:
    hand = tmp_path / "hand"
    hand.mkdir()
    shutil.copy(solved / "enrollments.csv", hand)
    shutil.copy(solved / "classes.csv", hand)
    (scenario / "scenario.yaml").write_text(
        (scenario / "scenario.yaml").read_text(encoding="utf-8").replace("Tiny", "Small"),
        encoding="utf-8",
    )
    done = invoke("check", scenario, hand)
    assert done.exit_code == 0, done.output
    assert done.stderr == ""


# ---------------------------------------------------------------- --lang before or after


@pytest.mark.parametrize(
    ("args", "environ", "expected"),
    [
        (["--lang", "vi", "validate", "{tiny}"], {}, "vi"),
        (["validate", "{tiny}", "--lang", "vi"], {}, "vi"),
        (["--lang=vi", "validate", "{tiny}"], {}, "vi"),
        (["validate", "{tiny}"], {"TRAINPLAN_LANG": "vi"}, "vi"),
        (["--lang", "en", "validate", "{tiny}"], {"TRAINPLAN_LANG": "vi"}, "en"),
        (["validate", "{tiny}", "--lang", "en"], {"TRAINPLAN_LANG": "vi"}, "en"),
        (["--lang", "vi", "validate", "{tiny}", "--lang", "en"], {}, "en"),
        (["validate", "{tiny}"], {}, "en"),
    ],
)
def test_lang_works_before_or_after_the_command(
    args: list[str], environ: dict[str, str], expected: str
) -> None:
    """The command's own --lang wins, then the one before the command, then
    TRAINPLAN_LANG, then English."""
    env: dict[str, str | None] = {"TRAINPLAN_LANG": environ.get("TRAINPLAN_LANG")}
    done = CliRunner().invoke(cli.main, [a.format(tiny=TINY) for a in args], env=env)
    assert done.exit_code == 0, done.output
    said = {"en": "Scenario tiny is valid.", "vi": "Kịch bản tiny hợp lệ."}
    assert said[expected] in done.stdout, done.stdout
    assert said["vi" if expected == "en" else "en"] not in done.stdout


def test_lang_before_solve_words_a_refusal(scenario: Path) -> None:
    done = invoke("--lang", "vi", "solve", scenario, "--out", scenario)
    assert done.exit_code == 2
    assert done.stderr.startswith(f"lỗi: {scenario} là thư mục kịch bản")
    assert render(Message("input.output.is_scenario", folder="x"), "en").startswith("x is the")
