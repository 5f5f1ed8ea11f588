"""Shared, expensive fixtures: plans solved once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import Scenario, load_scenario
from models.plan import Plan

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = ROOT / "scenarios" / "binh-gia-2018"


@pytest.fixture(scope="session")
def builtin_scenario() -> Scenario:
    return load_scenario(BUILTIN)


@pytest.fixture(scope="session")
def builtin_plan(builtin_scenario: Scenario) -> Plan:
    """The built-in scenario solved to a proven optimum (about 15 s on 2 cores)."""
    from solver import SolveOptions, solve

    return solve(builtin_scenario, SolveOptions(time_limit=300, seed=0))


@pytest.fixture(scope="session")
def generated_scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """A generated 8-unit district of about 120 officials."""
    from models.generate import generate

    folder = generate(
        tmp_path_factory.mktemp("generated") / "district", units=8, officials_per_unit=15, seed=3
    )
    return load_scenario(folder)


@pytest.fixture(scope="session")
def generated_plan(generated_scenario: Scenario) -> Plan:
    from solver import SolveOptions, solve

    return solve(generated_scenario, SolveOptions(time_limit=120, seed=0))
