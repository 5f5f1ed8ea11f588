"""Writing a ``Scenario`` back to a scenario folder: ``scenario.yaml`` and one CSV file per
table, exactly in the format ``trainplan.files.loader`` reads (SPEC.md, "A scenario").

A what-if made in code (``scenario.model_copy(update=...)``) can so be handed to the command
line, e.g. ``trainplan check``. The columns are the loader's own (``table_columns``): one
``std_<track>`` column per track on posts, one column per track on officials, ``requires`` as
``track>=level; ...``. Loading the folder gives back an equal scenario.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from trainplan.files.loader import MODELS, Column, table_columns
from trainplan.files.tables import TABLES
from trainplan.models.retirement import YearMonth
from trainplan.models.scenario import Requirement, Scenario

LEFT_OUT_UNUSED = ("field", "fields", "funding", "self_funding", "successor_for")
"""Columns added since the first file contract: written only when some row uses them."""


def write_scenario(scenario: Scenario, folder: Path) -> None:
    """Write ``scenario`` into ``folder`` (created if need be) as ``scenario.yaml`` and the CSV
    tables, replacing files of those names.

    Raises
    ------
    ValueError
        If a record holds a value no column of the loader can carry (it would be lost).
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scenario.yaml").write_text(settings_yaml(scenario), encoding="utf-8")
    records: dict[str, Iterable[BaseModel]] = {
        "units": scenario.units,
        "posts": scenario.posts,
        "officials": scenario.officials,
        "courses": scenario.courses,
        "offerings": scenario.offerings,
        "lecturers": scenario.lecturers,
        "pins": scenario.pins,
    }
    for name in TABLES:
        columns = table_columns(name, scenario.settings)
        rows = [_row(name, record, columns) for record in records[name]]
        unused = {  # fields of study and funding are left out where unused (most scenarios)
            index
            for index, column in enumerate(columns)
            if column.field.partition(".")[0] in LEFT_OUT_UNUSED
            and all(row[index] in ("", "false", "budget") for row in rows)
        }
        columns = [column for index, column in enumerate(columns) if index not in unused]
        rows = [[cell for index, cell in enumerate(row) if index not in unused] for row in rows]
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([column.header for column in columns])
            writer.writerows(rows)


def settings_yaml(scenario: Scenario) -> str:
    """The text of ``scenario.yaml``: every setting, leaving out the unset ones (null or empty,
    as their defaults are)."""
    data = _plain(scenario.settings.model_dump(mode="python", exclude_none=True))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _plain(value: Any) -> Any:
    """YAML-ready: tuples as lists (safe_dump refuses tuples), empty entries left out."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item not in ((), [], {})}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _row(name: str, record: BaseModel, columns: list[Column]) -> list[str]:
    """One record as the cells of ``columns``; every field it sets must have a column."""
    carried = {column.field.partition(".")[0] for column in columns}
    model = MODELS[name]
    for field_name, info in model.model_fields.items():
        value = getattr(record, field_name)
        if field_name not in carried and value != info.get_default(call_default_factory=True):
            raise ValueError(
                f"{name}: {field_name} = {value!r} has no column in {name}.csv and would be lost"
            )
    return [_cell(_value(record, column.field)) for column in columns]


def _value(record: BaseModel, field: str) -> Any:
    head, _, key = field.partition(".")
    value = getattr(record, head)
    return value.get(key) if key else value


def _cell(value: Any) -> str:
    """A value as the loader reads it back (blank = the default)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, YearMonth):
        return str(value)
    if isinstance(value, tuple):
        return "; ".join(str(item) if isinstance(item, Requirement) else item for item in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)
