"""The input hash plan.json records: a plan made by an earlier version must still be known as
made from the same data, so fields added since count only when a scenario sets them."""

from __future__ import annotations

from pathlib import Path

from trainplan.files import read_scenario
from trainplan.models.fingerprint import input_hash

TINY = Path(__file__).parents[1] / "docs" / "examples" / "tiny"
BEFORE = "9e376604ed85fe5b5fce237769135fe2823c36bd1f20eabaad4c9e501c00a7cd"
"""docs/examples/tiny's hash as trainplan computed it before re-planning and scopes existed
(commit c821809)."""


def test_a_scenario_keeps_the_hash_it_had_before_new_fields_existed() -> None:
    assert input_hash(read_scenario(TINY).scenario) == BEFORE


def test_setting_a_new_field_changes_the_hash() -> None:
    scenario = read_scenario(TINY).scenario
    scoped = scenario.model_copy(
        update={
            "offerings": (
                scenario.offerings[0].model_copy(update={"scope": "X1"}),
                *scenario.offerings[1:],
            )
        }
    )
    priced = scenario.model_copy(
        update={"settings": scenario.settings.model_copy(update={"change_value": 5_000_000})}
    )
    assert len({input_hash(scenario), input_hash(scoped), input_hash(priced)}) == 3
