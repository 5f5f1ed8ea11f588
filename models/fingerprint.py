"""What identifies a scenario's content: the hash plan.json records, so that a plan can be
told apart from one made from other data (``trainplan check`` warns then)."""

from __future__ import annotations

import hashlib
from typing import Any

from trainplan.models.scenario import Scenario


def input_hash(scenario: Scenario) -> str:
    """A hash of the scenario's content (not of its files' formatting). The re-planning fields
    count only when set, so that a scenario's hash stays what it was before they existed."""
    unset: dict[str, Any] = {}
    if scenario.replan is None:
        unset["replan"] = True
    if scenario.settings.change_value is None:
        unset["settings"] = {"change_value": True}
    return hashlib.sha256(scenario.model_dump_json(exclude=unset or None).encode()).hexdigest()
