"""Reading ``scenario.yaml`` into ``Settings``, every problem at its line and setting.

YAML's safe loader is used minus dates (no setting is a date); a key given twice, a syntax
error or a value of the wrong kind is a problem placed at its line, never a traceback.

Amounts in VND are read from the text written, not from YAML's number: YAML reads
``day_value: 300.000`` as the float 300.0, which a Vietnamese planner means as 300000. So for
the amount settings (``AMOUNTS``) the scalar's own text is read by the conventions of
``trainplan.models.conventions``: one dot before exactly three digits groups thousands (no
amount in VND has three decimals). A problem with a target names the target by its id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from trainplan.files.errors import os_reason, pointed, pydantic_message, shorten, yaml_message
from trainplan.files.tables import TEXT_HINT, decode_text
from trainplan.models.message import Message
from trainplan.models.problems import SETTINGS_FILE, Problem, Sources, dotted, yaml_key
from trainplan.models.scenario import Requirement, Scenario, Settings

YamlPath = tuple[str | int, ...]

AMOUNTS: tuple[tuple[str, ...], ...] = (
    ("budget", "per_year"),
    ("budget", "total"),
    ("continuity", "day_value"),
)
"""Settings in VND, read from their text (``300.000`` is 300000, not 300.0)."""

KINDS = {
    "tag:yaml.org,2002:int": "input.yaml.kind.int",
    "tag:yaml.org,2002:float": "input.yaml.kind.float",
    "tag:yaml.org,2002:bool": "input.yaml.kind.bool",
    "tag:yaml.org,2002:timestamp": "input.yaml.kind.timestamp",
}
"""What a tagged value was to be, for "cannot read 'x' as a whole number"."""


class ValueNotRead(yaml.constructor.ConstructorError):
    """A value the YAML constructor cannot build, with what is wrong as a ``Message``."""

    def __init__(self, message: Message, node: yaml.Node) -> None:
        super().__init__(None, None, repr(message), node.start_mark)
        self.message = message


class _SettingsLoader(yaml.SafeLoader):
    """YAML's safe loader, minus dates: no setting is a date, and a text such as 2018-02-31
    must stay text rather than crash the date constructor. A value the constructor cannot build
    (an explicit !!timestamp that is no date, an integer of 5,000 digits) is a YAML problem at
    its line, not a traceback."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError):
            value = shorten(repr(node.value if isinstance(node, yaml.ScalarNode) else node.tag))
            kind = KINDS.get(node.tag)
            if kind is None:
                message = Message("input.yaml.unreadable", value=value, tag=node.tag)
            else:
                message = Message("input.yaml.unreadable_as", value=value, kind=Message(kind))
            raise ValueNotRead(message, node) from None


_SettingsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
            key = yaml_key(key_node.value if isinstance(key_node, yaml.ScalarNode) else "?")
            line = key_node.start_mark.line + 1
            if (*path, key) in lines:
                message = Message("input.yaml.key_twice", key=key, line=lines[(*path, key)])
                problems.append(Problem(SETTINGS_FILE, line, dotted((*path, key)), message))
            lines[(*path, key)] = line
            _yaml_lines(value_node, lines, problems, (*path, key), seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _yaml_lines(item, lines, problems, (*path, index), seen)


def _yaml_problem(error: yaml.YAMLError, text: str) -> Problem:
    """A YAML syntax error at the line where the parser stopped (or the character it refused)."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else None
    if isinstance(error, yaml.reader.ReaderError):
        line = text[: error.position].count("\n") + 1
    return Problem(SETTINGS_FILE, line, None, yaml_message(error))


def read_settings(folder: Path, sources: Sources) -> tuple[Settings | None, list[Problem]]:
    """The settings of ``folder``, or None and every problem found."""
    path = folder / SETTINGS_FILE
    if not path.exists():
        return None, [
            Problem(SETTINGS_FILE, None, None, Message("input.file_missing", folder=str(folder)))
        ]
    try:
        data_bytes = path.read_bytes()
    except OSError as error:
        message = Message("input.unreadable", reason=os_reason(error))
        return None, [Problem(SETTINGS_FILE, None, None, message)]
    text, unreadable = decode_text(data_bytes, SETTINGS_FILE, hint=TEXT_HINT)
    if text is None:
        return None, unreadable
    try:
        node = yaml.compose(text, Loader=_SettingsLoader)
        data = yaml.load(text, Loader=_SettingsLoader)  # a safe loader: SafeLoader minus dates
    except yaml.YAMLError as error:
        return None, [_yaml_problem(error, text)]
    except RecursionError:
        return None, [Problem(SETTINGS_FILE, None, None, Message("input.yaml.too_deep"))]
    if not isinstance(data, dict):
        return None, [Problem(SETTINGS_FILE, 1, None, Message("input.yaml.not_mapping"))]
    problems: list[Problem] = []
    if node is not None:
        _yaml_lines(node, sources.yaml_lines, problems)
        _amounts_as_written(node, data)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            where: YamlPath = tuple(item["loc"])
            _, setting = pointed(item)
            if setting is not None and (*where, setting) in sources.yaml_lines:
                where = (*where, setting)  # "track 'llct' needs ..." -> tracks.llct
            problems.append(setting_problem(sources, where, pydantic_message(item), data))
        return None, problems
    return (None if problems else settings), problems


def _amounts_as_written(node: yaml.Node, data: dict[str, Any]) -> None:
    """Put the text of each amount written as a YAML float (``300.000``) in ``data``."""
    for path in AMOUNTS:
        found: yaml.Node | None = node
        for key in path:
            if not isinstance(found, yaml.MappingNode):
                found = None
                break
            found = next(
                (v for k, v in found.value if isinstance(k, yaml.ScalarNode) and k.value == key),
                None,
            )
        parent: object = data
        for key in path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if (
            isinstance(found, yaml.ScalarNode)
            and found.tag == "tag:yaml.org,2002:float"
            and isinstance(parent, dict)
            and isinstance(parent.get(path[-1]), float)
        ):
            parent[path[-1]] = found.value


def setting_problem(
    sources: Sources, where: YamlPath, message: Message, data: object = None
) -> Problem:
    """A problem with the setting at ``where``; within a target, naming the target by its id
    ("targets[0].share: target 'cadres-2020': ..."): the reader knows targets by their ids."""
    if len(where) >= 2 and where[0] == "targets" and isinstance(where[1], int):
        targets = data.get("targets") if isinstance(data, dict) else None
        target = (
            targets[where[1]] if isinstance(targets, list) and where[1] < len(targets) else None
        )
        target_id = target.get("id") if isinstance(target, dict) else None
        if isinstance(target_id, str | int) and not isinstance(target_id, bool):
            message = Message("input.target.named", target=str(target_id), message=message)
    return sources.setting(where, message)


def canonical_levels(scenario: Scenario) -> Scenario:
    """``scenario`` with every level in the tables by its canonical name: officials' levels,
    posts' standards, courses' grants and requires may use a ``level_names`` alias, in any
    case, with or without diacritics (``Settings.level``). Unknown names are kept, for
    ``checking.validate`` to report."""
    settings = scenario.settings

    def levels(named: dict[str, str]) -> dict[str, str]:
        return {track: settings.level(track, level) for track, level in named.items()}

    officials = tuple(
        official.model_copy(update={"levels": levels(official.levels)})
        for official in scenario.officials
    )
    posts = tuple(
        post.model_copy(update={"standard": levels(post.standard)}) for post in scenario.posts
    )
    courses = tuple(
        course.model_copy(
            update={
                "grants": settings.level(course.track, course.grants),
                "requires": tuple(
                    Requirement(track=r.track, level=settings.level(r.track, r.level))
                    for r in course.requires
                ),
            }
        )
        for course in scenario.courses
    )
    standards = tuple(
        change.model_copy(update={"standard": levels(change.standard)})
        for change in settings.standards
    )
    if standards:  # settings' standards that change, by canonical level names too
        settings = settings.model_copy(update={"standards": standards})
    return scenario.model_copy(
        update={"officials": officials, "posts": posts, "courses": courses, "settings": settings}
    )


SMALL_AMOUNTS: dict[str, int] = {"budget": 1_000_000, "day_value": 1_000, "cost": 1_000}
"""VND below which an amount is surely written in thousands or millions (a budget of 250 VND
is 250 million meant): a warning, not an error, as nothing forbids it."""


def amount_warnings(scenario: Scenario, sources: Sources) -> list[Problem]:
    """Amounts too small to be meant in VND (``250`` for 250 million), each a warning."""
    warnings: list[Problem] = []

    def small(value: int | None, limit: int) -> Message | None:
        if value is None or not 0 < value < limit:
            return None
        return Message("input.amount.small", value=value)

    settings = scenario.settings
    for path, value, limit in (
        (("budget", "per_year"), settings.budget.per_year, SMALL_AMOUNTS["budget"]),
        (("budget", "total"), settings.budget.total, SMALL_AMOUNTS["budget"]),
        (("continuity", "day_value"), settings.continuity.day_value, SMALL_AMOUNTS["day_value"]),
    ):
        message = small(value, limit)
        if message:
            warnings.append(sources.setting(path, message))
    for table, columns in (
        ("courses", ("cost_per_learner", "class_cost")),
        ("lecturers", ("cost_per_hour",)),
    ):
        for index, record in enumerate(getattr(scenario, table)):
            for column in columns:
                message = small(getattr(record, column), SMALL_AMOUNTS["cost"])
                if message:
                    warnings.append(sources.at(table, index, column, message))
    return warnings
