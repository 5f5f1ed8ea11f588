"""Slips a planner makes that must cost them nothing: ``generate`` into their scenario folder
(refused, every file left), a workbook with a password (named as such), no scenario given
while standing in their own (the built-in example is named as the one used)."""

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


# ---------------------------------------------------------------- a workbook with a password

PROTECTED = Path(__file__).parent / "data" / "protected"
"""scenario.xlsx encrypted with a password (made with msoffcrypto-tool from a filled template,
as Excel's "Encrypt with Password" saves it: an OLE file holding an EncryptedPackage)."""


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "is protected by a password"), ("vi", "đang được đặt mật khẩu")],
)
def test_a_workbook_with_a_password_is_named_as_such(lang: str, words: str) -> None:
    """Not "an old Excel 97-2003 workbook; save it as .xlsx" (it is one), and no second line
    about a missing scenario.yaml: one problem, the real one."""
    result = CliRunner().invoke(cli.main, ["validate", str(PROTECTED), "--lang", lang])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert len(lines) == 1 and words in lines[0] and "scenario.xlsx" in lines[0]
    assert "97-2003" not in result.output


# ---------------------------------------------------------------- no scenario given


@pytest.mark.parametrize("command", ["validate", "solve"])
def test_no_scenario_given_says_the_built_in_one_is_used(
    tmp_path: Path, scenario: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Standing in their own scenario folder, a planner who forgot the folder is told the
    plan is of the built-in example, and how to use theirs."""
    monkeypatch.chdir(scenario)
    args = [command, "--lang", "vi"] + (
        ["--out", str(tmp_path / "p")] if command == "solve" else []
    )
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 0, result.output
    assert "dùng kịch bản mẫu có sẵn binh-gia-2018, không phải kịch bản trong thư mục này" in (
        result.output
    )
    assert f"trainplan {command} ." in result.output
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(cli.main, ["validate"])
    assert "No scenario given: using the built-in example scenario binh-gia-2018." in result.output
