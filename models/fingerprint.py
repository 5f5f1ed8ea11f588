"""What identifies a scenario's content: the hash plan.json records, so that a plan can be
told apart from one made from other data (``trainplan check`` warns then)."""

from __future__ import annotations

import hashlib

from trainplan.models.scenario import Scenario


def input_hash(scenario: Scenario) -> str:
    """A hash of the scenario's content (not of its files' formatting)."""
    return hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()
