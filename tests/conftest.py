"""Shared, expensive fixtures: plans solved once per test session; strict words everywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trainplan.files import load_scenario
from trainplan.models import Scenario
from trainplan.models.plan import Plan
from trainplan.scenarios import builtin

os.environ["TRAINPLAN_STRICT_WORDS"] = "1"
"""A key missing from a catalogue, or a template naming a parameter its message lacks, raises
in every test, and in every command the tests run (subprocesses inherit the environment)."""

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = builtin()


@pytest.fixture(scope="session")
def builtin_scenario() -> Scenario:
    return load_scenario(BUILTIN)


@pytest.fixture(scope="session")
def builtin_plan(builtin_scenario: Scenario) -> Plan:
    """The built-in scenario solved to a proven optimum (about 15 s on 2 cores)."""
    from trainplan.solver import SolveOptions, solve

    return solve(builtin_scenario, SolveOptions(time_limit=300, seed=0))


@pytest.fixture(scope="session")
def generated_scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """A generated 8-unit district of about 120 officials."""
    from trainplan.generator.generate import generate

    folder = generate(
        tmp_path_factory.mktemp("generated") / "district", units=8, officials_per_unit=15, seed=3
    )
    return load_scenario(folder)


@pytest.fixture(scope="session")
def generated_plan(generated_scenario: Scenario) -> Plan:
    from trainplan.solver import SolveOptions, solve

    return solve(generated_scenario, SolveOptions(time_limit=120, seed=0))
