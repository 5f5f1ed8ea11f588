"""Loading a scenario folder into a validated ``Scenario``.

Field rules are checked row by row (a bad cell names its file, row and column), then the whole
scenario is checked by ``trainplan.checking.validate``. Every problem is collected before
raising, so the planner sees them all at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from trainplan.files.cells import (
    to_action,
    to_bool,
    to_category,
    to_float,
    to_funding,
    to_int,
    to_list,
    to_mode,
    to_month,
    to_provider,
    to_requirements,
    to_sex,
)
from trainplan.files.errors import grouped, pointed, pydantic_message
from trainplan.files.folder import as_written, is_workbook, read_tables
from trainplan.files.leftovers import example_rows
from trainplan.files.settings import amount_warnings, canonical_levels
from trainplan.files.tables import OPTIONAL_TABLES, RawTable
from trainplan.files.workbook import read_scenario_settings
from trainplan.models.message import Message
from trainplan.models.problems import CellError, InputError, Problem, Sources
from trainplan.models.scenario import (
    Course,
    Lecturer,
    Offering,
    Official,
    Pin,
    Post,
    Scenario,
    Settings,
    Unit,
)

__all__ = [
    "Column",
    "Loaded",
    "load_scenario",
    "read_scenario",
    "table_columns",
    "to_bool",
    "to_float",
    "to_int",
    "to_list",
    "to_month",
    "to_requirements",
]

Converter = Callable[[str], Any]


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, the model field it fills and how to read it."""

    header: str
    field: str
    convert: Converter = str
    required: bool = True
    """A blank cell is a problem (else it takes ``default``, or the model's default)."""
    listed: bool | None = None
    """The header must be present; by default only for required columns."""
    default: Any = None

    @property
    def must_be_listed(self) -> bool:
        return self.required if self.listed is None else self.listed


def _columns(*specs: tuple[str, Converter, bool] | tuple[str, Converter]) -> list[Column]:
    columns = []
    for spec in specs:
        header, convert = spec[0], spec[1]
        required = spec[2] if len(spec) == 3 else True
        field_name = {"class": "unit_class"}.get(header, header)
        columns.append(Column(header, field_name, convert, required))
    return columns


STATIC_COLUMNS: dict[str, list[Column]] = {
    "units": _columns(
        ("unit_id", str),
        ("name", str),
        ("district", str, False),
        ("province", str, False),
        ("class", str, False),
    ),
    "posts": _columns(
        ("post_id", str),
        ("name", str),
        ("category", to_category),
        ("leadership", to_bool),
    ),
    "officials": _columns(
        ("official_id", str),
        ("name", str),
        ("unit_id", str),
        ("post_id", str),
        ("sex", to_sex),
        ("birth", to_month),
        ("successor", to_bool, False),
        ("successor_for", str, False),
        ("ethnic_minority", to_bool, False),
        ("self_funding", to_bool, False),
        ("retires", to_month, False),
        ("joins", to_month, False),
        ("leaves", to_month, False),
    ),
    "courses": _columns(
        ("course_id", str),
        ("name", str),
        ("track", str),
        ("grants", str),
        ("requires", to_requirements, False),
        ("months", to_int),
        ("away_days", to_int),
        ("mode", to_mode),
        ("cost_per_learner", to_int),
        ("provider", to_provider),
        ("max_age", to_int, False),
        ("obligation", to_float, False),
        ("class_max", to_int, False),
        ("class_min", to_int, False),
        ("class_cost", to_int, False),
        ("lecturer_hours", to_int, False),
        ("subject", str, False),
        ("field", str, False),
        ("funding", to_funding, False),
    ),
    "offerings": _columns(
        ("course_id", str),
        ("year", to_int),
        ("seats", to_int, False),
        ("classes", to_int, False),
        ("scope", str, False),
    ),
    "lecturers": _columns(
        ("lecturer_id", str),
        ("name", str),
        ("subjects", to_list),
        ("hours_per_year", to_int),
        ("cost_per_hour", to_int),
        ("from_year", to_int, False),
        ("to_year", to_int, False),
        ("scope", str, False),
    ),
    "pins": _columns(
        ("official_id", str),
        ("course_id", str),
        ("year", to_int),
        ("action", to_action),
    ),
}

MODELS: dict[str, type[BaseModel]] = {
    "units": Unit,
    "posts": Post,
    "officials": Official,
    "courses": Course,
    "offerings": Offering,
    "lecturers": Lecturer,
    "pins": Pin,
}


def table_columns(name: str, settings: Settings | None) -> list[Column]:
    """The columns of table ``name``: the fixed ones, then one per track where the table has it.

    With no settings (scenario.yaml unreadable) the tracks are unknown and left out.
    """
    columns = list(STATIC_COLUMNS[name])
    tracks = settings.tracks if settings else {}
    if name == "officials":
        columns += [
            Column(
                track.lower(),
                f"levels.{track}",
                str,
                required=False,
                listed=True,
                default=levels[0],
            )
            for track, levels in tracks.items()
        ]
        columns += [  # the field of that level: optional, matched against posts' fields
            Column(f"field_{track.lower()}", f"fields.{track}", str, required=False)
            for track in tracks
        ]
    if name == "posts":
        columns += [
            Column(f"std_{track.lower()}", f"standard.{track}", str, required=False, listed=True)
            for track in tracks
        ]
        columns += [
            Column(f"fields_{track.lower()}", f"fields.{track}", to_list, required=False)
            for track in tracks
        ]
    return columns


# ---------------------------------------------------------------- tables


def _build_rows(
    table: RawTable, settings: Settings | None, sources: Sources
) -> tuple[list[Any], list[Problem]]:
    columns = table_columns(table.name, settings)
    problems: list[Problem] = []
    present = set(table.columns)
    for column in columns:
        if column.must_be_listed and column.header not in present:
            message = Message("input.column_missing")
            problems.append(Problem(table.file, table.header_row, column.header, message))
    if problems:
        return [], problems
    by_field = {column.field: column.header for column in columns}
    records: list[Any] = []
    rows: list[int] = []
    for row, values in table.rows:
        # Levels start empty: with scenario.yaml unreadable the tracks are unknown, and a
        # missing 'levels' would bury the real problem under one per official.
        data: dict[str, Any] = {"levels": {}} if table.name == "officials" else {}
        row_problems: list[Problem] = []
        for column in columns:
            text = values.get(column.header, "")
            if text == "":
                if column.required:
                    row_problems.append(
                        Problem(table.file, row, column.header, Message("input.blank"))
                    )
                elif column.default is not None:
                    _nest(data, column.field, column.default)
                continue
            try:
                _nest(data, column.field, column.convert(text))
            except CellError as error:
                row_problems.append(Problem(table.file, row, column.header, error.message))
        if not row_problems:
            try:
                records.append(MODELS[table.name].model_validate(data))
                rows.append(row)
                continue
            except ValidationError as error:
                for item in error.errors():
                    loc = [part for part in item["loc"] if isinstance(part, str)]
                    field, _ = pointed(item)
                    if not loc:  # a rule across fields: the column it points at
                        header = by_field.get(field, field) if field else None
                    elif loc[0] in ("levels", "standard", "fields"):
                        header = by_field.get(".".join(loc[:2]), loc[0])
                    else:
                        header = by_field.get(loc[0], loc[0])
                    row_problems.append(Problem(table.file, row, header, pydantic_message(item)))
        problems.extend(row_problems)
    sources.rows[table.name] = rows
    return records, problems


def _nest(data: dict[str, Any], dotted: str, value: Any) -> None:
    head, _, rest = dotted.partition(".")
    if rest:
        data.setdefault(head, {})[rest] = value
    else:
        data[head] = value


@dataclass
class Loaded:
    """A loaded scenario with where each record came from, and warnings worth showing."""

    scenario: Scenario
    sources: Sources
    warnings: list[Problem]
    actuals: RawTable | None = None
    """The workbook's ``actuals`` sheet (``Đã diễn ra``), read with the rest, for re-planning."""


def read_scenario(folder: str | Path) -> Loaded:
    """Load and validate a scenario folder.

    Raises
    ------
    InputError
        With every problem found, each naming file, row and column.
    """
    from trainplan.checking.slips import likely_slips
    from trainplan.checking.validate import out_of_service, validate_scenario

    path = Path(folder)
    if not path.is_dir() and not (is_workbook(path) and path.is_file()):
        raise InputError([Problem(str(path), None, None, Message("input.not_scenario_folder"))])
    sources = Sources()
    inputs = read_tables(path)
    settings, problems, warnings = read_scenario_settings(inputs, sources)
    tables, table_problems = inputs.tables, inputs.problems
    problems += table_problems
    warnings += inputs.warnings
    built: dict[str, list[Any]] = {}
    for name, table in tables.items():
        sources.files[name] = table.file
        if (
            not table.rows
            and name not in OPTIONAL_TABLES
            and not any(problem.file == table.file for problem in table_problems)
        ):
            first_row = table.header_row + 1
            problems.append(Problem(table.file, first_row, None, Message("input.no_rows")))
        if settings is not None:
            known = {column.header for column in table_columns(name, settings)}
            for column in table.columns:
                if column and column not in known:
                    message = Message("input.unknown_column")
                    warnings.append(Problem(table.file, table.header_row, column, message))
        built[name], found = _build_rows(table, settings, sources)
        problems += found
    if problems or settings is None:
        raise InputError(grouped(as_written(problems, inputs)))
    scenario = Scenario(
        settings=settings,
        units=tuple(built["units"]),
        posts=tuple(built["posts"]),
        officials=tuple(built["officials"]),
        courses=tuple(built["courses"]),
        offerings=tuple(built["offerings"]),
        lecturers=tuple(built.get("lecturers", ())),
        pins=tuple(built.get("pins", ())),
    )
    scenario = canonical_levels(scenario)  # level names as the settings' tracks name them
    problems = validate_scenario(scenario, sources)
    if problems:
        raise InputError(grouped(as_written(problems, inputs)))
    warnings += amount_warnings(scenario, sources)
    warnings += out_of_service(scenario, sources) + likely_slips(scenario, sources)
    warnings += example_rows(scenario, sources)
    sheet = inputs.workbook.tables.get("actuals") if inputs.workbook is not None else None
    return Loaded(scenario, sources, as_written(warnings, inputs), sheet)


def load_scenario(folder: str | Path) -> Scenario:
    """Load and validate a scenario folder (see ``read_scenario``)."""
    return read_scenario(folder).scenario
