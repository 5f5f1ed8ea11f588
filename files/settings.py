"""Reading ``scenario.yaml`` into ``Settings``, every problem at its line and setting.

YAML's safe loader is used minus dates (no setting is a date); a key given twice, a syntax
error or a value of the wrong kind is a problem placed at its line, never a traceback.
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
from trainplan.models.scenario import Settings

YamlPath = tuple[str | int, ...]

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
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            where: YamlPath = tuple(item["loc"])
            _, setting = pointed(item)
            if setting is not None and (*where, setting) in sources.yaml_lines:
                where = (*where, setting)  # "track 'llct' needs ..." -> tracks.llct
            problems.append(sources.setting(where, pydantic_message(item)))
        return None, problems
    return (None if problems else settings), problems
