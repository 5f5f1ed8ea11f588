"""What identifies a scenario's content: the hash plan.json records, so that a plan can be
told apart from one made from other data (``trainplan check`` warns then)."""

from __future__ import annotations

import hashlib
from typing import Any

from trainplan.models.scenario import Scenario


def input_hash(scenario: Scenario) -> str:
    """A hash of the scenario's content (not of its files' formatting). Fields added since
    (re-planning, scopes, fields of study, funding, succession) count only when set, so that
    a scenario's hash stays what it was before they existed: a plan made then is still known
    as made from this data."""
    unset: dict[str, Any] = {}
    settings: dict[str, Any] = {}
    if scenario.replan is None:
        unset["replan"] = True
    if scenario.settings.change_value is None:
        settings["change_value"] = True
    if not scenario.settings.standards:
        settings["standards"] = True
    if scenario.settings.succession is None:
        settings["succession"] = True
    if not scenario.settings.prefer_ethnic_minority:
        settings["prefer_ethnic_minority"] = True
    if not scenario.settings.budget.scopes:
        settings["budget"] = {"scopes": True}
    if settings:
        unset["settings"] = settings
    new_columns: tuple[tuple[str, str, object], ...] = (  # left out while nobody uses them
        ("offerings", "scope", None),
        ("lecturers", "scope", None),
        ("posts", "fields", {}),
        ("officials", "fields", {}),
        ("officials", "self_funding", False),
        ("officials", "successor_for", None),
        ("courses", "field", None),
        ("courses", "funding", "budget"),
    )
    for table, name, default in new_columns:
        if all(getattr(row, name) == default for row in getattr(scenario, table)):
            unset.setdefault(table, {"__all__": set()})["__all__"].add(name)
    return hashlib.sha256(scenario.model_dump_json(exclude=unset or None).encode()).hexdigest()
