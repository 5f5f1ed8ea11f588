"""The wheel, as a user gets it: built from the checkout, installed into a fresh virtual
environment outside the checkout, run from an unrelated folder.

The editable install the other tests use cannot show a module or data file missing from the
package configuration, a dependency used but not declared, or code that finds its files through
the checkout. Here the wheel is built from a copy of the working tree (so the build's own
``build/`` and ``*.egg-info`` never land in the shared checkout), installed with its declared
dependencies from the package index into a new venv (``--no-compile`` and no pip inside the
venv keep that to seconds), and ``trainplan`` is run from a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOT_SHIPPED = ("tests", "benchmarks", "docs")
"""Folders of the checkout that are no part of the installed package."""
BUILTIN = "trainplan/scenarios/binh-gia-2018/"
BUILTIN_FILES = (
    "scenario.yaml",
    "units.csv",
    "posts.csv",
    "officials.csv",
    "courses.csv",
    "offerings.csv",
    "lecturers.csv",
)
PLAN_FILES = ("enrollments.csv", "classes.csv", "attainment.csv", "plan.json")
"""The plan files SPEC.md names (the files for people may come with them)."""
LEFT_BEHIND = {".git", ".venv", "build", "dist", "plans", "__pycache__", ".hypothesis"}


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    elsewhere: Path
    """An empty folder, unrelated to the checkout, to run commands from."""

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def trainplan(self) -> Path:
        return self.venv / "bin" / "trainplan"

    def run(self, *args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run a program of the venv from ``elsewhere``, with nothing pointing at the checkout."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")
        }
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        return subprocess.run(
            [str(arg) for arg in args],
            cwd=self.elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def _ignored(folder: str, names: list[str]) -> set[str]:
    """What the copy of the working tree leaves out: VCS, venvs, caches and build output."""
    return {
        name
        for name in names
        if name in LEFT_BEHIND
        or name.endswith((".egg-info", ".lock"))
        or (name.startswith(".") and name.endswith("_cache"))
    }


def _check(done: subprocess.CompletedProcess[str], what: str) -> None:
    assert done.returncode == 0, f"{what} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def installed() -> Iterator[Installed]:
    with tempfile.TemporaryDirectory(prefix="trainplan-wheel-") as name:
        temporary = Path(name).resolve()
        assert not temporary.is_relative_to(ROOT), "the venv must lie outside the checkout"
        source = temporary / "source"
        shutil.copytree(ROOT, source, ignore=_ignored)
        dist = temporary / "dist"
        built = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        _check(built, "python -m build --wheel")
        [wheel] = dist.glob("trainplan-*.whl")
        venv = temporary / "venv"
        made = subprocess.run(
            [sys.executable, "-m", "venv", "--without-pip", str(venv)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        _check(made, "python -m venv")
        # the project's pip installs into the new venv: the wheel and its declared dependencies
        pip = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "--python",
                str(venv / "bin" / "python"),
                "install",
                "--quiet",
                "--no-compile",
                str(wheel),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        _check(pip, "pip install of the wheel")
        elsewhere = temporary / "elsewhere"
        elsewhere.mkdir()
        yield Installed(wheel, venv, elsewhere)


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def _record(wheel: Path) -> set[str]:
    """The files the wheel's RECORD lists."""
    with zipfile.ZipFile(wheel) as archive:
        [record] = [n for n in archive.namelist() if n.endswith(".dist-info/RECORD")]
        lines = archive.read(record).decode("utf-8").splitlines()
    return {line.rsplit(",", 2)[0] for line in lines if line}


def test_the_wheel_holds_trainplan_and_its_metadata_only(installed: Installed) -> None:
    names = _names(installed.wheel)
    assert _record(installed.wheel) == set(names)
    dist_info = {name.split("/")[0] for name in names if ".dist-info/" in name}
    assert len(dist_info) == 1
    [metadata] = dist_info
    assert metadata.startswith("trainplan-")
    strays = [n for n in names if not n.startswith(("trainplan/", f"{metadata}/"))]
    assert strays == [], f"files outside trainplan/ in the wheel: {strays}"
    with zipfile.ZipFile(installed.wheel) as archive:
        if f"{metadata}/top_level.txt" in names:
            top_level = archive.read(f"{metadata}/top_level.txt").decode().split()
            assert top_level == ["trainplan"]
    unshipped = [n for n in names if n.split("/")[1] in NOT_SHIPPED]
    assert unshipped == [], f"tests, benchmarks or docs shipped: {unshipped}"


def test_the_wheel_ships_every_module_and_data_file_of_the_checkout(installed: Installed) -> None:
    """Each package folder of the checkout, with all its modules, its message catalogues and
    the built-in scenario's files: a module missing from pyproject.toml's package list shows
    here by name."""
    names = set(_names(installed.wheel))
    packages = sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in NOT_SHIPPED
    )
    assert {"models", "checking", "wording", "solver", "generator", "files"} <= set(packages)
    expected = {"trainplan/__init__.py", "trainplan/cli.py"}
    for package in packages:
        expected |= {
            f"trainplan/{path.relative_to(ROOT).as_posix()}"
            for path in (ROOT / package).rglob("*")
            if path.suffix in (".py", ".po")
            and "__pycache__" not in path.parts
            and path.name != "make_scenario.py"  # how the built-in files were made, not data
        }
    for folder in (BUILTIN, "trainplan/scenarios/lang-son-2026/"):  # both built-in scenarios
        expected |= {folder + name for name in BUILTIN_FILES}
    missing = sorted(expected - names)
    assert missing == [], f"not in the wheel: {missing}"


def test_the_installed_trainplan_is_the_wheel_not_the_checkout(installed: Installed) -> None:
    probe = installed.run(
        installed.python,
        "-c",
        "import json, trainplan, trainplan.cli, trainplan.scenarios as s;"
        "print(json.dumps([trainplan.__file__, trainplan.cli.__file__, str(s.builtin())]))",
    )
    _check(probe, "import trainplan")
    venv = installed.venv.resolve()
    for path in map(Path, json.loads(probe.stdout)):
        assert path.resolve().is_relative_to(venv), path
        assert not path.resolve().is_relative_to(ROOT), path
    builtin = Path(json.loads(probe.stdout)[2])
    assert sorted(p.name for p in builtin.iterdir() if p.name in BUILTIN_FILES) == sorted(
        BUILTIN_FILES
    )


def test_the_installed_command_validates_and_solves_the_builtin_scenario(
    installed: Installed,
) -> None:
    validated = installed.run(installed.trainplan, "validate")
    _check(validated, "trainplan validate")
    other = installed.run(installed.trainplan, "validate", "--builtin", "lang-son-2026")
    _check(other, "trainplan validate --builtin lang-son-2026")
    plan = installed.elsewhere / "plan"
    solved = installed.run(
        installed.trainplan, "solve", "--out", plan, "--time-limit", 60, timeout=180
    )
    _check(solved, "trainplan solve")
    for name in PLAN_FILES:
        assert (plan / name).is_file(), name
    document = json.loads((plan / "plan.json").read_text(encoding="utf-8"))
    assert document["enrollments"], "the built-in scenario's plan enrolls nobody"
    # the written plan passes the independent check, run against the installed scenario files
    scenario = installed.venv.glob("lib/python*/site-packages/" + BUILTIN.rstrip("/"))
    [folder] = list(scenario)
    checked = installed.run(installed.trainplan, "check", folder, plan)
    _check(checked, "trainplan check")
