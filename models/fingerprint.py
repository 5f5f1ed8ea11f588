"""What identifies a scenario's content: the hash plan.json records, so that a plan can be
told apart from one made from other data (``trainplan check`` warns then)."""

from __future__ import annotations

import hashlib
from typing import Any

from trainplan.models.scenario import Scenario


def input_hash(scenario: Scenario) -> str:
    """A hash of the scenario's content (not of its files' formatting). Fields added since
    (re-planning, scopes, fields of study) count only when set, so that a scenario's hash stays
    what it was before they existed: a plan made then is still known as made from this data."""
    unset: dict[str, Any] = {}
    settings: dict[str, Any] = {}
    if scenario.replan is None:
        unset["replan"] = True
    if scenario.settings.change_value is None:
        settings["change_value"] = True
    if not scenario.settings.standards:
        settings["standards"] = True
    if not scenario.settings.prefer_ethnic_minority:
        settings["prefer_ethnic_minority"] = True
    if not scenario.settings.budget.scopes:
        settings["budget"] = {"scopes": True}
    if settings:
        unset["settings"] = settings
    for table, name in (  # scopes (a province's or district's own), fields of study
        ("offerings", "scope"),
        ("lecturers", "scope"),
        ("posts", "fields"),
        ("officials", "fields"),
        ("courses", "field"),
    ):
        if not any(getattr(row, name) for row in getattr(scenario, table)):
            unset[table] = {"__all__": {name}}
    return hashlib.sha256(scenario.model_dump_json(exclude=unset or None).encode()).hexdigest()
