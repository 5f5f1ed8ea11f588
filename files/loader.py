"""Loading a scenario folder into a validated ``Scenario``.

Field rules are checked row by row (a bad cell names its file, row and column), then the whole
scenario is checked by ``trainplan.checking.validate``. Every problem is collected before
raising, so the planner sees them all at once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from trainplan.files.tables import OPTIONAL_TABLES, RawTable, decode_text, read_tables
from trainplan.models.problems import (
    SETTINGS_FILE,
    InputError,
    Problem,
    Sources,
)
from trainplan.models.problems import (
    dotted as _dotted,
)
from trainplan.models.problems import (
    yaml_key as _yaml_key,
)
from trainplan.models.retirement import YearMonth
from trainplan.models.scenario import (
    Course,
    Lecturer,
    Offering,
    Official,
    Pin,
    Post,
    Requirement,
    Scenario,
    Settings,
    Unit,
)

# ---------------------------------------------------------------- cell converters

_TRUE = {"true", "1", "yes", "y", "x", "có", "co", "đúng", "t"}
_FALSE = {"false", "0", "no", "n", "không", "khong", "sai", "f"}
_GROUPED = re.compile(r"^-?\d{1,3}([., \u00a0]\d{3})+$")


def to_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"'{text}' is not true or false")


def to_int(text: str) -> int:
    value = text.strip().replace(" ", "").replace("\xa0", "")
    if _GROUPED.match(text.strip()):
        value = re.sub(r"[., \xa0]", "", text.strip())
    try:
        return int(value)
    except ValueError:
        pass
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"'{text}' is not a whole number") from None
    if not number.is_integer():
        raise ValueError(f"'{text}' is not a whole number")
    return int(number)


def to_float(text: str) -> float:
    value = text.strip().replace(" ", "")
    if "," in value and "." not in value and value.count(",") == 1:
        value = value.replace(",", ".")
    percent = value.endswith("%")
    if percent:
        value = value[:-1]
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"'{text}' is not a finite number")
    return number / 100 if percent else number


def to_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[;,]", text) if part.strip())


def to_requirements(text: str) -> tuple[Requirement, ...]:
    requirements = []
    for part in re.split(r"[;,]", text):
        if not part.strip():
            continue
        match = re.fullmatch(r"\s*([\w-]+)\s*>=\s*([\w-]+)\s*", part)
        if match is None:
            raise ValueError(f"'{part.strip()}' is not of the form track>=level")
        requirements.append(Requirement(track=match.group(1), level=match.group(2)))
    return tuple(requirements)


def to_month(text: str) -> YearMonth:
    value = text.strip()
    if any(char.isdigit() and not char.isdecimal() for char in value):  # '²', '①'
        raise ValueError(f"{text!r} is not a month: write YYYY-MM, e.g. 1975-03")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # a date cell from Excel
        try:
            dt.date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(f"{text!r} is not a date: {error}") from None
        value = value[:7]
    day_first = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    if day_first:  # 15/11/1975, as a Vietnamese-locale Excel saves a date in CSV
        day, month, year = (int(part) for part in day_first.groups())
        try:
            dt.date(year, month, day)
        except ValueError as error:
            raise ValueError(f"{text!r} is not a date (day/month/year): {error}") from None
        value = f"{year:04d}-{month:02d}"
    return YearMonth.parse(value)


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
        ("category", str.lower),
        ("leadership", to_bool),
    ),
    "officials": _columns(
        ("official_id", str),
        ("name", str),
        ("unit_id", str),
        ("post_id", str),
        ("sex", str.upper),
        ("birth", to_month),
        ("successor", to_bool, False),
        ("ethnic_minority", to_bool, False),
    ),
    "courses": _columns(
        ("course_id", str),
        ("name", str),
        ("track", str),
        ("grants", str),
        ("requires", to_requirements, False),
        ("months", to_int),
        ("away_days", to_int),
        ("mode", str.lower),
        ("cost_per_learner", to_int),
        ("provider", str.lower),
        ("max_age", to_int, False),
        ("obligation", to_float, False),
        ("class_max", to_int, False),
        ("class_min", to_int, False),
        ("class_cost", to_int, False),
        ("lecturer_hours", to_int, False),
        ("subject", str, False),
    ),
    "offerings": _columns(
        ("course_id", str),
        ("year", to_int),
        ("seats", to_int, False),
        ("classes", to_int, False),
    ),
    "lecturers": _columns(
        ("lecturer_id", str),
        ("name", str),
        ("subjects", to_list),
        ("hours_per_year", to_int),
        ("cost_per_hour", to_int),
        ("from_year", to_int, False),
        ("to_year", to_int, False),
    ),
    "pins": _columns(
        ("official_id", str),
        ("course_id", str),
        ("year", to_int),
        ("action", str.lower),
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
    if name == "posts":
        columns += [
            Column(f"std_{track.lower()}", f"standard.{track}", str, required=False, listed=True)
            for track in tracks
        ]
    return columns


# ---------------------------------------------------------------- settings

YamlPath = tuple[str | int, ...]


class _SettingsLoader(yaml.SafeLoader):
    """YAML's safe loader, minus dates: no setting is a date, and a text such as 2018-02-31
    must stay text rather than crash the date constructor. A value the constructor cannot build
    (an explicit !!timestamp that is no date, an integer of 5,000 digits) is a YAML problem at
    its line, not a traceback."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError) as error:
            shown = node.value if isinstance(node, yaml.ScalarNode) else node.tag
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {_shorten(repr(shown))}: {error}", node.start_mark
            ) from None


_SettingsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _yaml_lines(
    node: yaml.Node,
    lines: dict[YamlPath, int],
    problems: list[Problem],
    path: YamlPath = (),
    seen: set[int] | None = None,
) -> None:
    """Record the line of every setting in ``lines``; a key given twice is a problem.

    A node reached again through an alias (*name) is not walked again: nested aliases would
    otherwise be walked an exponential number of times.
    """
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = _yaml_key(key_node.value if isinstance(key_node, yaml.ScalarNode) else "?")
            line = key_node.start_mark.line + 1
            if (*path, key) in lines:
                problems.append(
                    Problem(
                        SETTINGS_FILE,
                        line,
                        _dotted((*path, key)),
                        f"'{key}' appears twice (also on line {lines[(*path, key)]})",
                    )
                )
            lines[(*path, key)] = line
            _yaml_lines(value_node, lines, problems, (*path, key), seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _yaml_lines(item, lines, problems, (*path, index), seen)


def _yaml_problem(error: yaml.YAMLError) -> Problem:
    """A YAML syntax error at the line where the parser stopped, and where the construct began."""
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    context, start = getattr(error, "context", None), getattr(error, "context_mark", None)
    message = f"is not valid YAML: {reason}"
    if context and start is not None and (mark is None or start.line != mark.line):
        message += f" ({context} that starts on line {start.line + 1})"
    return Problem(SETTINGS_FILE, mark.line + 1 if mark else None, None, message)


def _read_settings(folder: Path, sources: Sources) -> tuple[Settings | None, list[Problem]]:
    path = folder / SETTINGS_FILE
    if not path.exists():
        return None, [Problem(SETTINGS_FILE, None, None, f"is missing from {folder}")]
    try:
        data_bytes = path.read_bytes()
    except OSError as error:
        return None, [Problem(SETTINGS_FILE, None, None, f"cannot be read: {error.strerror}")]
    text, unreadable = decode_text(data_bytes, SETTINGS_FILE, hint="save it as UTF-8 text")
    if text is None:
        return None, unreadable
    try:
        node = yaml.compose(text, Loader=_SettingsLoader)
        data = yaml.load(text, Loader=_SettingsLoader)  # a safe loader: SafeLoader minus dates
    except yaml.YAMLError as error:
        return None, [_yaml_problem(error)]
    except RecursionError:
        message = "is not valid YAML: it nests brackets or lists too deeply to read"
        return None, [Problem(SETTINGS_FILE, None, None, message)]
    if not isinstance(data, dict):
        message = "must be a mapping of settings (name: ..., horizon: ...)"
        return None, [Problem(SETTINGS_FILE, 1, None, message)]
    problems: list[Problem] = []
    if node is not None:
        _yaml_lines(node, sources.yaml_lines, problems)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            message = _message(item)
            where = _named_setting(tuple(item["loc"]), message, sources.yaml_lines)
            problems.append(sources.setting(where, message))
        return None, problems
    return (None if problems else settings), problems


def _named_setting(path: YamlPath, message: str, lines: dict[YamlPath, int]) -> YamlPath:
    """Narrow ``path`` to the key a message names ("track 'llct' needs ..." -> tracks.llct)."""
    for key in re.findall(r"'([^']+)'", message):
        if (*path, key) in lines:
            return (*path, key)
    return path


def _message(item: Any) -> str:
    message = str(item["msg"]).removeprefix("Value error, ")
    if item["type"] == "extra_forbidden":
        return "is not a known setting"
    if item["type"] == "missing":
        return "is missing"
    given = item.get("input")
    if isinstance(given, str | int | float) and given != "":
        message += f" (got {_shorten(_repr(given))})"
    return message


def _repr(value: str | int | float) -> str:
    if isinstance(value, int) and abs(value) >= 10**30:  # repr of 10**5000 raises ValueError
        return f"a number of about {int(abs(value).bit_length() * 0.30103) + 1} digits"
    return repr(value)


# ---------------------------------------------------------------- tables


def _named_column(message: str, columns: list[Column]) -> str | None:
    """The column a whole-row message names first ("class_min 50 is above class_max 40")."""
    found = [
        (match.start(), column.header)
        for column in columns
        if (match := re.search(rf"\b{re.escape(column.header)}\b", message))
    ]
    return min(found)[1] if found else None


def _build_rows(
    table: RawTable, settings: Settings | None, sources: Sources
) -> tuple[list[Any], list[Problem]]:
    columns = table_columns(table.name, settings)
    problems: list[Problem] = []
    present = set(table.columns)
    for column in columns:
        if column.must_be_listed and column.header not in present:
            problems.append(
                Problem(table.file, 1, column.header, "this required column is missing")
            )
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
                    row_problems.append(Problem(table.file, row, column.header, "is blank"))
                elif column.default is not None:
                    _nest(data, column.field, column.default)
                continue
            try:
                _nest(data, column.field, column.convert(text))
            except ValueError as error:
                row_problems.append(Problem(table.file, row, column.header, str(error)))
        if not row_problems:
            try:
                records.append(MODELS[table.name].model_validate(data))
                rows.append(row)
                continue
            except ValidationError as error:
                for item in error.errors():
                    loc = [part for part in item["loc"] if isinstance(part, str)]
                    message = _message(item)
                    if not loc:  # a rule across fields: name the column it mentions first
                        header = _named_column(message, columns)
                    elif loc[0] in ("levels", "standard"):
                        header = by_field.get(".".join(loc[:2]), loc[0])
                    else:
                        header = by_field.get(loc[0], loc[0])
                    row_problems.append(Problem(table.file, row, header, message))
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


def read_scenario(folder: str | Path) -> Loaded:
    """Load and validate a scenario folder.

    Raises
    ------
    InputError
        With every problem found, each naming file, row and column.
    """
    from trainplan.checking.validate import validate_scenario

    path = Path(folder)
    if not path.is_dir():
        raise InputError([Problem(str(path), None, None, "is not a scenario folder")])
    sources = Sources()
    settings, problems = _read_settings(path, sources)
    tables, table_problems = read_tables(path)
    problems += table_problems
    warnings: list[Problem] = []
    built: dict[str, list[Any]] = {}
    for name, table in tables.items():
        sources.files[name] = table.file
        if (
            not table.rows
            and name not in OPTIONAL_TABLES
            and not any(problem.file == table.file for problem in table_problems)
        ):
            message = "has column names but no rows: the scenario needs at least one"
            problems.append(Problem(table.file, 2, None, message))
        if settings is not None:
            known = {column.header for column in table_columns(name, settings)}
            for column in table.columns:
                if column and column not in known:
                    warnings.append(Problem(table.file, 1, column, "unknown column, ignored"))
        built[name], found = _build_rows(table, settings, sources)
        problems += found
    if problems or settings is None:
        raise InputError(problems)
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
    problems = validate_scenario(scenario, sources)
    if problems:
        raise InputError(problems)
    return Loaded(scenario, sources, warnings)


def load_scenario(folder: str | Path) -> Scenario:
    """Load and validate a scenario folder (see ``read_scenario``)."""
    return read_scenario(folder).scenario
