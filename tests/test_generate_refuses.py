"""``trainplan generate`` never writes over a folder it did not make: a planner's scenario
given to it by mistake stays byte for byte (the generated files would replace its tables)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from trainplan import cli

TINY = Path(__file__).parent / "data" / "tiny"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_generate_refuses_a_folder_that_holds_anything(
    tmp_path: Path, scenario: Path, lang: str
) -> None:
    """A user's scenario given to ``generate`` by mistake is left byte for byte."""
    before = {p.name: p.read_bytes() for p in scenario.iterdir()}
    result = CliRunner().invoke(
        cli.main,
        ["generate", str(scenario), "--units", "2", "--officials-per-unit", "3", "--lang", lang],
    )
    assert result.exit_code == 2
    assert ("nothing written" if lang == "en" else "không ghi gì") in result.output
    assert {p.name: p.read_bytes() for p in scenario.iterdir()} == before
    empty = tmp_path / "empty"
    empty.mkdir()
    made = CliRunner().invoke(
        cli.main, ["generate", str(empty), "--units", "2", "--officials-per-unit", "3"]
    )
    assert made.exit_code == 0, made.output
    assert (empty / "officials.csv").exists()
