"""Faults, tested rather than assumed (issue "Reliability", part 2).

Real ``trainplan solve`` processes are stopped by SIGTERM, SIGINT and SIGKILL at exact points
of a run: while the scenario is read, once the search has begun with no plan yet, and once a
first plan is found. The run pauses at its point and says so (``PAUSER``); the signal is sent
only then, so the outcome is the same on a fast machine and on a loaded one. A few more runs
kill themselves at exact points of the write; two solves race for one plan folder, the first
to take the lock pausing there until the other has been refused; the plan folder sits on a
read-only or full tmpfs. Whatever happens, the plan folder is either the earlier plan, byte
for byte, or a complete new plan that ``trainplan check`` accepts; no temporary folder
outlives the next run; a killed run's lock does not block the next one; a folder that cannot
be written gives one clear line and exit 1, never a traceback. The same write failures are
also injected in-process (``CliRunner`` on ``cli.main``), where no mount is needed.
"""

from __future__ import annotations

import errno
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_planio import leftovers, snapshot

from trainplan import cli
from trainplan.files import planio
from trainplan.generator.generate import generate

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "tiny"
PYTHON = Path(sys.executable)
TRAINPLAN = PYTHON.parent / "trainplan"
PLAN_FILES = sorted(
    ["attainment.csv", "classes.csv", "enrollments.csv", "plan.json", "plan.xlsx"]
    + (["report.html"] if importlib.util.find_spec("trainplan.reports.html") else [])
)
"""What solve writes: the tables, plan.json and the reports (report.html once it exists)."""
LOCKED = "another trainplan run is writing a plan in"
STOP_WITHIN = 20.0
"""Seconds a SIGINT/SIGTERM may take to stop the search and write the plan: a hang detector
(the signalled runs have a 60 s time limit), far above the second or so it takes."""

pytestmark = pytest.mark.skipif(
    os.name != "posix" or not TRAINPLAN.exists(),
    reason="needs POSIX signals and the trainplan console script next to the interpreter",
)


# ---------------------------------------------------------------- helpers


def trainplan(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TRAINPLAN), *map(str, args)], capture_output=True, text=True, timeout=timeout
    )


def solve_args(scenario: Path, folder: Path, time_limit: float) -> list[str]:
    return [
        str(TRAINPLAN),
        "solve",
        str(scenario),
        "--out",
        str(folder),
        "--time-limit",
        str(time_limit),
        "--workers",
        "2",
    ]


def start(args: list[str], logs: Path) -> subprocess.Popen[bytes]:
    """Start a process writing its stdout and stderr to files in ``logs`` (never a full pipe)."""
    logs.mkdir(parents=True, exist_ok=True)
    with open(logs / "stdout", "wb") as stdout, open(logs / "stderr", "wb") as stderr:
        return subprocess.Popen(args, stdout=stdout, stderr=stderr)


def stderr_of(logs: Path) -> str:
    return (logs / "stderr").read_text(encoding="utf-8", errors="replace")


def found_a_solution(stderr: str) -> bool:
    """The progress printer prints a line on every new best solution."""
    return re.search(r"^\[\w+\] best \d", stderr, re.MULTILINE) is not None


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.02)


def copy_plan(source: Path, folder: Path) -> dict[str, bytes]:
    shutil.copytree(source, folder)
    return snapshot(folder)


def complete_plan(scenario: Path, folder: Path) -> dict[str, Any]:
    """Assert ``folder`` is a whole plan of ``scenario``, files consistent; its plan.json."""
    assert sorted(p.name for p in folder.iterdir()) == PLAN_FILES
    document = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    assert document["format"] == planio.PLAN_FORMAT
    rows = (folder / "enrollments.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) - 1 == document["totals"]["enrollments"] == len(document["enrollments"])
    checked = trainplan("check", scenario, folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "The plan keeps every rule." in checked.stdout
    return document


def message_lines(stderr: str) -> list[str]:
    """What a run said on stderr besides its progress lines."""
    return [line for line in stderr.splitlines() if line.strip() and not line.startswith("[")]


def one_clear_error(stderr: str, *words: str) -> str:
    """Exactly one line of message, an ``error:`` naming ``words``, and no traceback."""
    assert "Traceback" not in stderr
    lines = message_lines(stderr)
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: "), lines
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


# ---------------------------------------------------------------- scenario and earlier plan


@pytest.fixture(scope="session")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 officials in 15 communes: proved optimal in several seconds with 2 workers."""
    path = generate(
        tmp_path_factory.mktemp("faults") / "district", units=15, officials_per_unit=20, seed=3
    )
    validated = trainplan("validate", path)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    return path


@pytest.fixture(scope="session")
def earlier_plan(district: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan written by a quick solve; each test copies it, byte for byte, before a fault.
    (Proven in a few seconds on a quiet machine; the limit leaves room for a loaded one, where
    5 s once ended with no plan at all.)"""
    folder = tmp_path_factory.mktemp("earlier") / "plan"
    done = trainplan("solve", district, "--out", folder, "--time-limit", 40, "--workers", 2)
    assert done.returncode == 0, done.stderr
    document = complete_plan(district, folder)
    assert document["solver"]["interrupted"] is False
    return folder


# ---------------------------------------------------------------- 1. signals

PAUSER = """
import signal, sys, time
from pathlib import Path

# Ctrl-C as at a terminal: a run started in the background (nohup, `&` in a script) inherits
# SIGINT ignored, and Python then never raises KeyboardInterrupt; the user at a terminal has it.
signal.signal(signal.SIGINT, signal.default_int_handler)

from ortools.sat.python import cp_model
import trainplan.solver
from trainplan import cli
from trainplan.commands import common

point, here, args = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
stops = []  # the run's stop event, set by trainplan's own handler of SIGINT and SIGTERM
patched = []  # the search's solution callback, once it waits for the signal


def pause():
    # Say where the run is, then wait for the test: a signal, or the release file.
    (here / "reached").write_text(point)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if (stops and stops[0].is_set()) or (here / "release").exists():
            return
        time.sleep(0.01)


real_read, real_solve = common.read_scenario, trainplan.solver.solve
real_engine = cp_model.CpSolver.solve


def read_scenario(*a, **k):
    pause()  # before the plan folder's lock and trainplan's signal handlers
    return real_read(*a, **k)


def solve(scenario, options):
    stops.append(options.stop)
    if point == "holding-lock":
        pause()  # the lock is held, the handlers are in place, the solver not yet started
    return real_solve(scenario, options)


def engine(self, model, callback=None):
    if point == "before-first-plan" and not (here / "reached").exists():
        pause()  # in the search's thread: CP-SAT has not begun
        if stops[0].is_set():
            return cp_model.UNKNOWN  # what CP-SAT answers when stopped before any solution
    if point == "after-first-plan" and callback is not None and not patched:
        kind = type(callback)
        patched.append(kind)
        found = kind.on_solution_callback

        def on_solution(watcher):
            found(watcher)  # the run has its first plan (and says so on stderr)
            if not (here / "reached").exists():
                pause()  # CP-SAT waits in its callback until the signal has been handled

        kind.on_solution_callback = on_solution
    return real_engine(self, model, callback)


if point == "reading":
    common.read_scenario = read_scenario  # where every command reads its scenario
trainplan.solver.solve = solve
cp_model.CpSolver.solve = engine
sys.argv = ["trainplan", *args]
cli.run()
"""
"""Runs ``trainplan`` and pauses it at an exact point, saying so in ``reached``, until a
signal has been handled or the test creates ``release``. The signal tests send their signal
only once the run has reached its point, so the outcome never depends on how fast the
machine is. Only CP-SAT's timing is replaced: at ``before-first-plan`` a stopped search
answers UNKNOWN, as CP-SAT does when stopped before any solution."""
POINTS = ("reading", "before-first-plan", "after-first-plan")
"""Where a signal lands: while the scenario is read (trainplan's handlers not yet in place,
the lock not yet taken); the lock held, the search begun, no plan yet; a first plan found."""

running: list[subprocess.Popen[bytes]] = []


@pytest.fixture(autouse=True)
def no_process_outlives_its_test() -> Iterator[None]:
    """A paused run waits for its signal; a test that fails first must not leave it behind."""
    yield
    while running:
        process = running.pop()
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def start_paused(
    point: str, scenario: Path, folder: Path, time_limit: float, logs: Path
) -> subprocess.Popen[bytes]:
    """``trainplan solve`` run by PAUSER, which stops at ``point``; logs and markers in
    ``logs``."""
    logs.mkdir(parents=True, exist_ok=True)
    args = solve_args(scenario, folder, time_limit)[1:]
    process = start([str(PYTHON), "-c", PAUSER, point, str(logs), *args], logs)
    running.append(process)
    return process


def wait_for_point(process: subprocess.Popen[bytes], logs: Path) -> None:
    """Until the run has reached its point (a run that ends first fails the test)."""
    wait_until(lambda: (logs / "reached").exists() or process.poll() is not None, 120, "the point")
    assert (logs / "reached").exists(), f"ended ({process.poll()}) first:\n{stderr_of(logs)}"


def release(logs: Path) -> None:
    (logs / "release").touch()


SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGKILL)


@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("sig", SIGNALS, ids=[sig.name for sig in SIGNALS])
def test_a_signal_leaves_the_earlier_plan_or_a_complete_new_one(
    district: Path, earlier_plan: Path, tmp_path: Path, sig: signal.Signals, point: str
) -> None:
    """Whatever the moment, the plan folder holds the earlier plan byte for byte or a complete
    new one, and the outcome is the one that moment calls for."""
    folder, logs = tmp_path / "plan", tmp_path / "logs"
    before = copy_plan(earlier_plan, folder)
    process = start_paused(point, district, folder, 60, logs)
    wait_for_point(process, logs)
    signalled = time.monotonic()
    process.send_signal(sig)
    code = process.wait(timeout=180)  # generous: a loaded machine starts Python slowly
    took = time.monotonic() - signalled
    stderr = stderr_of(logs)
    said = message_lines(stderr)
    assert LOCKED not in stderr
    assert "Traceback" not in stderr

    if sig == signal.SIGKILL:
        assert code == -signal.SIGKILL
        assert snapshot(folder) == before
        # the next run is neither blocked by the dead run's lock nor leaves temporary folders
        later = trainplan("solve", TINY, "--out", folder, "--time-limit", 2, "--workers", 2)
        assert later.returncode == 0, later.stderr
        complete_plan(TINY, folder)
        assert leftovers(folder) == []
        return

    assert took < STOP_WITHIN, f"stopped {took:.1f} s after the signal"
    assert leftovers(folder) == []
    if point == "after-first-plan":
        assert found_a_solution(stderr), stderr
        assert code == 0, stderr
        assert said[0] == "Stopped by the user: the best plan found so far was kept.", said
        assert snapshot(folder) != before
        document = complete_plan(district, folder)
        assert document["solver"]["interrupted"] is True
        return
    assert snapshot(folder) == before
    assert not found_a_solution(stderr), stderr
    if point == "before-first-plan":
        assert code == 1, stderr
        assert said == ["Stopped by the user before any plan was found; nothing written."]
    elif sig == signal.SIGINT:  # reading: Ctrl-C is click's, before trainplan's handler
        assert code == 1, stderr
        assert said == ["Aborted!"]
    else:  # reading: SIGTERM ends the run before it has written anything
        assert code == -signal.SIGTERM, stderr
        assert said == []


def test_a_killed_run_does_not_leave_its_lock_held(
    district: Path, earlier_plan: Path, tmp_path: Path
) -> None:
    """SIGKILL while the lock is held: the OS drops the flock on the parent folder with the
    process, so nothing blocks the next run, and no lock file was ever written."""
    folder, logs = tmp_path / "plan", tmp_path / "logs"
    before = copy_plan(earlier_plan, folder)
    process = start_paused("holding-lock", district, folder, 30, logs)
    wait_for_point(process, logs)
    with pytest.raises(planio.OutputError, match=LOCKED), planio.plan_lock(folder):
        pass  # held by the paused solve
    process.kill()
    assert process.wait(timeout=30) == -signal.SIGKILL
    assert snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logs", "plan"]
    with planio.plan_lock(folder):
        pass
    later = trainplan("solve", TINY, "--out", folder, "--time-limit", 2, "--workers", 2)
    assert later.returncode == 0, later.stderr
    complete_plan(TINY, folder)
    assert leftovers(folder) == []


KILLER = """
import os, signal, sys

from trainplan import cli
from trainplan.files import planio

point, args = sys.argv[1], sys.argv[2:]


def die():
    os.kill(os.getpid(), signal.SIGKILL)


real_fsync, real_rename, real_exchange = os.fsync, os.rename, planio._exchange
synced = []


def fsync(fd):
    real_fsync(fd)
    synced.append(fd)
    if len(synced) == 2:  # two of the four files are in the staging folder
        die()


def exchange(first, second):
    if real_exchange(first, second):
        die()  # before the staging folder, now holding the earlier plan, is removed
    raise AssertionError("renameat2(RENAME_EXCHANGE) is not supported here")


def rename(source, target):
    real_rename(source, target)
    moved_aside = str(target).endswith(".tmp-old")
    moved_in = ".tmp-" in str(source) and not str(source).endswith(".tmp-old")
    if (point, moved_aside, moved_in) in {("aside", True, False), ("moved-in", False, True)}:
        die()


if point == "mid-write":
    os.fsync = fsync
elif point == "exchanged":
    planio._exchange = exchange
else:  # the fallback where renameat2(RENAME_EXCHANGE) is missing
    planio._exchange = lambda first, second: False
    os.rename = rename
sys.argv = ["trainplan", *args]
cli.run()
"""


def kill_while_writing(point: str, folder: Path) -> None:
    """Solve the tiny scenario into ``folder`` in a process that SIGKILLs itself at ``point``."""
    killed = subprocess.run(
        [
            str(PYTHON),
            "-c",
            KILLER,
            point,
            "solve",
            str(TINY),
            "--out",
            str(folder),
            "--time-limit",
            "2",
            "--workers",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr


@pytest.mark.parametrize("point", ["mid-write", "exchanged", "aside", "moved-in"])
def test_a_run_killed_while_writing_is_repaired_by_the_next_run(
    earlier_plan: Path, tmp_path: Path, point: str
) -> None:
    """A real process SIGKILLs itself at an exact point of ``write_plan_folder``: after two of
    the four files; just after the atomic exchange; and, in the fallback without an exchange,
    after moving the earlier plan aside or after moving the new plan in. Whatever the
    point, no plan is lost: a plan that was replaced is kept in plan.previous."""
    folder = tmp_path / "plan"
    before = copy_plan(earlier_plan, folder)
    kill_while_writing(point, folder)
    aside, previous = tmp_path / ".plan.tmp-old", tmp_path / "plan.previous"
    if point == "mid-write":
        assert snapshot(folder) == before
        assert len(leftovers(folder)) == 1
    elif point == "exchanged":
        complete_plan(TINY, folder)
        [staging] = leftovers(folder)
        assert snapshot(tmp_path / staging) == before
        with planio.plan_lock(folder):  # the next run keeps the replaced plan
            assert leftovers(folder) == []
            assert snapshot(previous) == before
    elif point == "aside":
        # the one moment the folder is missing: the next run puts the earlier plan back
        assert not folder.exists()
        assert snapshot(aside) == before
        with planio.plan_lock(folder):
            assert snapshot(folder) == before
            assert leftovers(folder) == []
    else:
        complete_plan(TINY, folder)
        assert snapshot(aside) == before
        with planio.plan_lock(folder):  # the next run keeps the replaced plan
            assert leftovers(folder) == []
            assert snapshot(previous) == before
    replaced = snapshot(folder)
    later = trainplan("solve", TINY, "--out", folder, "--time-limit", 2, "--workers", 2)
    assert later.returncode == 0, later.stderr
    complete_plan(TINY, folder)
    assert leftovers(folder) == []
    assert snapshot(previous) == replaced
    assert f"The previous plan is kept in {previous}" in later.stdout


def test_a_folder_named_like_a_glob_clears_its_own_leftovers_and_spares_its_neighbours(
    earlier_plan: Path, tmp_path: Path
) -> None:
    """ "plan[1]" is a glob pattern matching "plan1": the next run into "plan[1]" must clear
    the staging folder its killed run left, and leave alone "plan1"'s earlier plan, moved
    aside by a run of its own killed in the fallback without an atomic exchange."""
    folder = tmp_path / "plan[1]"
    before = copy_plan(earlier_plan, folder)
    neighbour_aside = tmp_path / ".plan1.tmp-old"
    neighbour = copy_plan(earlier_plan, neighbour_aside)

    def ours() -> list[str]:
        return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".plan[1].tmp-"))

    kill_while_writing("mid-write", folder)
    assert snapshot(folder) == before
    assert len(ours()) == 1
    later = trainplan("solve", TINY, "--out", folder, "--time-limit", 2, "--workers", 2)
    assert later.returncode == 0, later.stderr
    complete_plan(TINY, folder)
    assert ours() == []
    assert snapshot(neighbour_aside) == neighbour
    with planio.plan_lock(tmp_path / "plan1"):  # what plan1's next run does first
        assert snapshot(tmp_path / "plan1") == neighbour
    assert not neighbour_aside.exists()


# ---------------------------------------------------------------- 2. two runs, one folder


def test_a_second_solve_into_a_folder_being_written_stops_at_once(
    district: Path, earlier_plan: Path, tmp_path: Path
) -> None:
    """The first run holds the lock, paused, for as long as the test wants: a second run that
    waited for the lock instead of giving up would never end (and time out)."""
    folder = tmp_path / "plan"
    copy_plan(earlier_plan, folder)
    first = start_paused("holding-lock", district, folder, 4, tmp_path / "first")
    wait_for_point(first, tmp_path / "first")
    second = subprocess.run(
        solve_args(district, folder, time_limit=30), capture_output=True, text=True, timeout=60
    )
    assert first.poll() is None, "the first run ended before the second was refused"
    assert second.returncode == 1
    one_clear_error(second.stderr, str(folder), LOCKED)
    assert second.stdout == ""

    release(tmp_path / "first")
    assert first.wait(timeout=60) == 0, stderr_of(tmp_path / "first")
    document = complete_plan(district, folder)
    assert document["solver"]["time_limit"] == 4.0  # the first run's plan, alone
    assert document["solver"]["interrupted"] is False
    assert leftovers(folder) == []


def test_two_solves_started_together_one_writes_the_other_is_refused(
    district: Path, earlier_plan: Path, tmp_path: Path
) -> None:
    """Whichever takes the lock first pauses there until the other has been refused."""
    folder = tmp_path / "plan"
    copy_plan(earlier_plan, folder)
    limits = [2.0, 2.5]
    logs = [tmp_path / f"run{n}" for n in range(len(limits))]
    runs = [
        start_paused("holding-lock", district, folder, limit, log)
        for limit, log in zip(limits, logs, strict=True)
    ]
    wait_until(lambda: any(run.poll() is not None for run in runs), 120, "one run to end")
    [loser] = [n for n, run in enumerate(runs) if run.poll() is not None]
    winner = 1 - loser
    assert runs[loser].returncode == 1, stderr_of(logs[loser])
    one_clear_error(stderr_of(logs[loser]), str(folder), LOCKED)
    wait_for_point(runs[winner], logs[winner])
    release(logs[winner])
    assert runs[winner].wait(timeout=60) == 0, stderr_of(logs[winner])
    document = complete_plan(district, folder)
    assert document["solver"]["time_limit"] == limits[winner]
    assert leftovers(folder) == []


# ---------------------------------------------------------------- 3. read-only and full disks


@pytest.fixture(scope="session")
def mounting() -> str | None:
    """None if tmpfs can be mounted and remounted read-only here, else why not."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        return "mounting a tmpfs needs Linux, root and mount(8)"
    import tempfile

    probe = Path(tempfile.mkdtemp(prefix="trainplan-mount-probe-"))
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
            capture_output=True,
            text=True,
        )
        if mounted.returncode != 0:
            return f"mount -t tmpfs is not permitted here: {mounted.stderr.strip()}"
        remounted = subprocess.run(
            ["mount", "-o", "remount,ro", str(probe)], capture_output=True, text=True
        )
        subprocess.run(["umount", str(probe)], capture_output=True)
        if remounted.returncode != 0:
            return f"mount -o remount,ro is not permitted here: {remounted.stderr.strip()}"
        return None
    finally:
        probe.rmdir()


@pytest.fixture
def tmpfs(mounting: str | None, tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount a tmpfs with the given options under tmp_path; unmounted afterwards."""
    if mounting is not None:
        pytest.skip(mounting)
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], check=True)
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        if subprocess.run(["umount", str(point)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(point)], capture_output=True)


def read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)


def test_a_read_only_disk_gives_one_clear_line_and_keeps_the_earlier_plan(
    district: Path, earlier_plan: Path, tmpfs: Callable[[str], Path]
) -> None:
    point = tmpfs("size=1m")
    folder = point / "plan"
    before = copy_plan(earlier_plan, folder)
    read_only(point)
    done = trainplan("solve", district, "--out", folder, "--time-limit", 5, "--workers", 2)
    assert done.returncode == 1
    one_clear_error(done.stderr, str(point), "cannot write here (Read-only file system)")
    assert snapshot(folder) == before
    assert leftovers(folder) == []


def test_a_read_only_disk_cannot_hold_a_new_output_folder(
    district: Path, tmpfs: Callable[[str], Path]
) -> None:
    point = tmpfs("size=1m")
    read_only(point)
    folder = point / "plans" / "district"
    done = trainplan("solve", district, "--out", folder, "--time-limit", 5, "--workers", 2)
    assert done.returncode == 1
    one_clear_error(done.stderr, str(point / "plans"), "cannot create the output folder")
    assert not (point / "plans").exists()


def fill(point: Path, leave_pages: int) -> None:
    """Fill a tmpfs to capacity, then give back ``leave_pages`` pages."""
    filler = point / "filler"
    chunk = b"\0" * 4096
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(chunk)
        except OSError as error:
            assert error.errno == errno.ENOSPC
    os.truncate(filler, max(0, filler.stat().st_size - leave_pages * 4096))


@pytest.mark.parametrize("leave_pages", [0, 2], ids=["full", "room-for-two-files"])
def test_a_full_disk_gives_one_clear_line_and_keeps_the_earlier_plan(
    earlier_plan: Path, tmpfs: Callable[[str], Path], leave_pages: int
) -> None:
    point = tmpfs("size=256k")
    folder = point / "plan"
    before = copy_plan(earlier_plan, folder)
    fill(point, leave_pages)
    done = trainplan("solve", TINY, "--out", folder, "--time-limit", 2, "--workers", 2)
    assert done.returncode == 1
    one_clear_error(
        done.stderr,
        str(folder),
        "the plan could not be written (No space left on device); "
        "any earlier plan there is unchanged",
    )
    assert snapshot(folder) == before
    assert leftovers(folder) == []


def test_a_disk_out_of_inodes_gives_one_clear_line_and_keeps_the_earlier_plan(
    earlier_plan: Path, tmpfs: Callable[[str], Path]
) -> None:
    point = tmpfs("size=1m,nr_inodes=32")
    folder = point / "plan"
    before = copy_plan(earlier_plan, folder)
    for n in range(64):
        try:
            (point / f"filler-{n}").touch()
        except OSError as error:
            assert error.errno == errno.ENOSPC
            break
    else:
        pytest.fail("nr_inodes did not limit the files of the tmpfs")
    done = trainplan("solve", TINY, "--out", folder, "--time-limit", 2, "--workers", 2)
    assert done.returncode == 1
    one_clear_error(done.stderr, str(point), "(No space left on device)")
    assert snapshot(folder) == before
    assert leftovers(folder) == []


# ---------------------------------------------------------------- 3b. the same, in-process


def invoke_solve(folder: Path) -> Any:
    return CliRunner().invoke(
        cli.main,
        ["solve", str(TINY), "--out", str(folder), "--time-limit", "2", "--workers", "2"],
    )


@pytest.fixture
def earlier_here(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    folder = tmp_path / "plan"
    done = invoke_solve(folder)
    assert done.exit_code == 0, done.output
    return folder, snapshot(folder)


def refuse(code: int) -> Callable[..., Any]:
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return refused


def refuse_third_file(code: int) -> Callable[..., Any]:
    """``open`` that creates two files of the staging folder, then fails."""
    opened: list[str] = []

    def open_(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        if len(opened) == 3:
            raise OSError(code, os.strerror(code))
        return open(file, *args, **kwargs)

    return open_


FAULTS: dict[str, tuple[Callable[[pytest.MonkeyPatch], None], str]] = {
    "fsync-ENOSPC": (
        lambda mp: mp.setattr(planio.os, "fsync", refuse(errno.ENOSPC)),
        "plan could not be written (No space left on device); any earlier plan there is unchanged",
    ),
    "open-EROFS": (
        lambda mp: mp.setattr(planio, "open", refuse(errno.EROFS), raising=False),
        "plan could not be written (Read-only file system); any earlier plan there is unchanged",
    ),
    "third-file-ENOSPC": (
        lambda mp: mp.setattr(planio, "open", refuse_third_file(errno.ENOSPC), raising=False),
        "plan could not be written (No space left on device); any earlier plan there is unchanged",
    ),
    "staging-EROFS": (
        lambda mp: mp.setattr(planio.tempfile, "mkdtemp", refuse(errno.EROFS)),
        "cannot write here (Read-only file system)",
    ),
    "staging-ENOSPC": (
        lambda mp: mp.setattr(planio.tempfile, "mkdtemp", refuse(errno.ENOSPC)),
        "cannot write here (No space left on device)",
    ),
    "lock-ENOLCK": (
        lambda mp: mp.setattr(planio.fcntl, "flock", refuse(errno.ENOLCK)),
        "cannot write here (No locks available)",
    ),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_write_failure_in_process_gives_one_clear_line_and_keeps_the_earlier_plan(
    earlier_here: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    folder, before = earlier_here
    inject, words = FAULTS[fault]
    inject(monkeypatch)
    done = invoke_solve(folder)
    monkeypatch.undo()
    assert done.exit_code == 1, done.output
    assert isinstance(done.exception, SystemExit)
    assert done.stdout == ""
    line = one_clear_error(done.stderr, words)
    assert str(folder) in line or str(folder.parent) in line
    assert snapshot(folder) == before
    assert leftovers(folder) == []


def test_an_output_folder_that_cannot_be_created_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Path, "mkdir", refuse(errno.EROFS))
    folder = tmp_path / "plans" / "tiny"
    done = invoke_solve(folder)
    monkeypatch.undo()
    assert done.exit_code == 1, done.output
    assert isinstance(done.exception, SystemExit)
    one_clear_error(
        done.stderr, str(tmp_path / "plans"), "cannot create the output folder (Read-only"
    )
    assert not (tmp_path / "plans").exists()
