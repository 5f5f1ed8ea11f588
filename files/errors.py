"""What pydantic and PyYAML say is wrong, as catalogue messages (``input.pydantic.*``,
``input.yaml.*``), never as their English sentences.

pydantic's errors are keyed by their ``type`` with their ``ctx`` as parameters; the models'
own rules raise ``PydanticCustomError`` whose type already is the key. PyYAML only gives
English strings, so its fixed phrases are looked up in tables; a phrase no table knows is
passed on as a parameter of a fallback key, never lost.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from functools import cache
from typing import Any, get_args

import yaml
from pydantic import TypeAdapter, ValidationError

from trainplan.models.message import Message
from trainplan.models.problems import Problem, joined, number
from trainplan.models.scenario import Category, Mode, PinAction, Provider, Sex
from trainplan.wording.catalogue import keys

# ---------------------------------------------------------------- values as shown


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value: str | int | float) -> Any:
    """A value a planner gave, quoted as Python shows it (a huge integer by its length)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return number(value)  # repr of 10**5000 raises ValueError
    return shorten(repr(value))


OS_ERRORS = {
    errno.EISDIR: "input.os.is_a_directory",
    errno.EACCES: "input.os.permission",
    errno.EPERM: "input.os.permission",
    errno.ENOENT: "input.os.not_found",
    errno.ENOSPC: "input.os.no_space",
    errno.EROFS: "input.os.read_only",
    errno.ENOTDIR: "input.os.not_a_directory",
}


def os_reason(error: OSError) -> Message:
    """Why the system refused a file, by its error number."""
    key = OS_ERRORS.get(error.errno or 0)
    if key is not None:
        return Message(key)
    return Message("input.os.other", text=error.strerror or type(error).__name__)


# ---------------------------------------------------------------- pydantic

ABOUT_SELF = ("field", "setting")
"""Context entries a model rule adds to say where it points (a column; a key of the setting),
not part of its message."""


@cache
def _literals() -> dict[str, tuple[str, ...]]:
    """pydantic's wording of each choice the models offer ("'M' or 'F'") -> the values."""
    found: dict[str, tuple[str, ...]] = {}
    literals: tuple[Any, ...] = (Category, Mode, Provider, Sex, PinAction)
    for choice in literals:
        try:
            TypeAdapter(choice).validate_python(object())
        except ValidationError as error:
            found[str(error.errors()[0]["ctx"]["expected"])] = get_args(choice)
    return found


def choices(values: tuple[str, ...]) -> Any:
    """The values allowed, as "'M' or 'F'" (each glossed in languages that need it)."""
    return joined([Message(f"input.choice.{value}") for value in values], "or")


def pydantic_message(item: Mapping[str, Any]) -> Message:
    """One pydantic error as a message, with the value given when it helps."""
    kind = str(item["type"])
    ctx = dict(item.get("ctx") or {})
    for name in ABOUT_SELF:
        ctx.pop(name, None)
    error = ctx.pop("error", None)
    if kind.startswith("input."):  # a model's rule: its type is the key
        return Message(kind, **ctx)
    if kind in ("value_error", "assertion_error"):
        message = getattr(error, "message", None)
        if isinstance(message, Message):
            return message
        return Message("input.pydantic.value_error", text=str(error))
    if kind == "literal_error":
        values = _literals().get(str(ctx.get("expected")))
        if values is not None:
            ctx["expected"] = choices(values)
    if kind in ("string_too_short", "string_too_long"):
        ctx = {"n": ctx.get("min_length", ctx.get("max_length"))}
    for english in ("field_type", "class_name"):  # pydantic's names for types, not words
        ctx.pop(english, None)
    key = f"input.pydantic.{kind}"
    if key not in keys("en"):
        message = Message("input.pydantic", text=str(item["msg"]))
    else:
        message = Message(key, **ctx)
    given = item.get("input")
    if (
        kind not in ("missing", "extra_forbidden")
        and isinstance(given, str | int | float)
        and not isinstance(given, bool)
        and given != ""
    ):
        return Message("input.given", message=message, value=shown(given))
    return message


def pointed(item: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The model field (a column) and the settings key a model rule points at, if it says."""
    ctx = item.get("ctx") or {}
    field, setting = ctx.get("field"), ctx.get("setting")
    return (str(field) if field else None), (str(setting) if setting else None)


# ---------------------------------------------------------------- PyYAML

YAML_REASONS = {
    "mapping values are not allowed here": "input.yaml.reason.colon",
    "could not find expected ':'": "input.yaml.reason.no_colon",
    "found unexpected end of stream": "input.yaml.reason.end_of_stream",
    "sequence entries are not allowed here": "input.yaml.reason.dash",
    "mapping keys are not allowed here": "input.yaml.reason.question_mark",
    "found unexpected document separator": "input.yaml.reason.separator",
    "invalid indentation or unclosed '[' or '{'": "input.yaml.reason.indentation",
    "found unhashable key": "input.yaml.reason.unhashable_key",
    "expected non-empty name appended to the tag": "input.yaml.reason.empty_tag",
    "special characters are not allowed": "input.yaml.reason.special",
    "found duplicate key": "input.yaml.reason.duplicate_key",
}
"""PyYAML's fixed phrases, by their key."""

YAML_SHAPES = (
    ("found character ", " that cannot start any token", "input.yaml.reason.character"),
    ("found undefined alias ", "", "input.yaml.reason.alias"),
    ("found unknown escape character ", "", "input.yaml.reason.escape"),
    ("found undefined tag handle ", "", "input.yaml.reason.tag_handle"),
    ("could not determine a constructor for the tag ", "", "input.yaml.reason.tag"),
    ("expected <block end>, but found ", "", "input.yaml.reason.block_end"),
    ("expected the node content, but found ", "", "input.yaml.reason.node"),
    ("expected ',' or ']', but got ", "", "input.yaml.reason.flow_sequence"),
    ("expected ',' or '}', but got ", "", "input.yaml.reason.flow_mapping"),
    ("expected alphabetic or numeric character, but found ", "", "input.yaml.reason.name"),
    ("expected a comment or a line break, but found ", "", "input.yaml.reason.after_value"),
    ("expected '<document start>', but found ", "", "input.yaml.reason.document_start"),
    ("expected ' ', but found ", "", "input.yaml.reason.space"),
)
"""PyYAML's phrases around one quoted value (a character, a token): the text before and
after it, and the key that takes it as ``found``."""

YAML_TOKENS = {
    "'<block end>'": "input.yaml.token.block_end",
    "'<stream end>'": "input.yaml.token.stream_end",
    "'<scalar>'": "input.yaml.token.scalar",
    "'<block sequence start>'": "input.yaml.token.block_sequence",
    "'<block mapping start>'": "input.yaml.token.block_mapping",
    "'<document start>'": "input.yaml.token.document_start",
    "'<document end>'": "input.yaml.token.document_end",
    "'<block entry>'": "input.yaml.token.block_entry",
    "'<alias>'": "input.yaml.token.alias",
    "'<anchor>'": "input.yaml.token.anchor",
    "'<tag>'": "input.yaml.token.tag",
}
"""PyYAML's names of what it found instead, for the reader."""

YAML_CONTEXTS = {
    "while scanning a simple key": "input.yaml.context.key",
    "while scanning a quoted scalar": "input.yaml.context.quoted",
    "while scanning a double-quoted scalar": "input.yaml.context.quoted",
    "while scanning a plain scalar": "input.yaml.context.value",
    "while scanning a block scalar": "input.yaml.context.block_scalar",
    "while scanning an anchor": "input.yaml.context.anchor",
    "while scanning an alias": "input.yaml.context.alias",
    "while scanning a tag": "input.yaml.context.tag",
    "while parsing a tag": "input.yaml.context.tag",
    "while scanning a directive": "input.yaml.context.directive",
    "while scanning for the next token": "input.yaml.context.next",
    "while parsing a flow sequence": "input.yaml.context.flow_sequence",
    "while parsing a flow mapping": "input.yaml.context.flow_mapping",
    "while parsing a block mapping": "input.yaml.context.block_mapping",
    "while parsing a block collection": "input.yaml.context.block_collection",
    "while parsing a flow node": "input.yaml.context.value",
    "while parsing a block node": "input.yaml.context.value",
    "while parsing a node": "input.yaml.context.value",
    "while constructing a mapping": "input.yaml.context.block_mapping",
}
"""What PyYAML was reading when it stopped."""


def yaml_reason(text: str) -> Message:
    """PyYAML's ``problem`` phrase as a message (its own words, as a parameter, if unknown)."""
    key = YAML_REASONS.get(text)
    if key is not None:
        return Message(key)
    if text == "found character '\\t' that cannot start any token":
        return Message("input.yaml.reason.tab")  # the commonest: a line indented with a tab
    for before, after, shaped in YAML_SHAPES:
        if text.startswith(before) and text.endswith(after) and len(text) > len(before + after):
            found = text[len(before) : len(text) - len(after)]
            token = YAML_TOKENS.get(found)
            return Message(shaped, found=Message(token) if token else found)
    return Message("input.yaml.reason.text", text=text)


def yaml_context(text: str) -> Message:
    key = YAML_CONTEXTS.get(text)
    return Message(key) if key else Message("input.yaml.context.text", text=text)


ANCHOR = ("found duplicate anchor ", "; first occurrence")


def yaml_message(error: yaml.YAMLError) -> Message:
    """A YAML syntax error; where the construct it broke began, if on another line."""
    if isinstance(error, yaml.reader.ReaderError):
        char = error.character
        code = char if isinstance(char, int) else ord(char)
        return Message("input.yaml.character", code=f"#x{code:04x}")
    carried = getattr(error, "message", None)
    if isinstance(carried, Message):
        return carried
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context, start = getattr(error, "context", None), getattr(error, "context_mark", None)
    if problem == "but found another document" and start is not None:
        return Message("input.yaml.two_documents", line=start.line + 1)
    before, after = ANCHOR
    if context and context.startswith(before) and context.endswith(after) and start is not None:
        anchor = context[len(before) : len(context) - len(after)]
        return Message("input.yaml.duplicate_anchor", anchor=anchor, line=start.line + 1)
    reason = yaml_reason(problem)
    if context and start is not None and (mark is None or start.line != mark.line):
        return Message(
            "input.yaml.invalid_in",
            reason=reason,
            context=yaml_context(context),
            line=start.line + 1,
        )
    return Message("input.yaml.invalid", reason=reason)


# ---------------------------------------------------------------- once per column

MANY_ROWS = 3
"""The same problem on this many rows of one column is reported once, with its rows."""
ROWS_SHOWN = 3


def _kind(message: Message) -> str:
    """What kind of problem a message says: itself, but for the value given (``value``)."""
    params = {
        name: _kind(value) if isinstance(value, Message) else repr(value)
        for name, value in sorted(message.params.items())
        if name != "value"
    }
    return f"{message.key}{params}"


def grouped(problems: list[Problem]) -> list[Problem]:
    """``problems`` with each problem repeated on many rows of one column of a table reported
    once: "officials.csv, sex: on 30 rows (2, 3, 4, …): ..." (a whole column written wrong).

    Problems of one kind (the same message but for the value given) in one column are grouped;
    when the values differ, the first problem is shown as an example, with its row.
    """
    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for problem in problems:
        if problem.row is not None and problem.column and not problem.file.endswith(".yaml"):
            key = (problem.file, problem.column, _kind(problem.message))
            groups.setdefault(key, []).append(problem)
    result: list[Problem] = []
    done: set[tuple[str, str, str]] = set()
    for problem in problems:
        key = (problem.file, problem.column or "", _kind(problem.message))
        group = groups.get(key, [])
        if len(group) < MANY_ROWS:
            result.append(problem)
            continue
        if key in done:
            continue
        done.add(key)
        rows = sorted({found.row for found in group if found.row is not None})
        shown = ", ".join(str(row) for row in rows[:ROWS_SHOWN])
        first = min(group, key=lambda found: found.row or 0)
        if len(rows) > ROWS_SHOWN:
            shown += ", …"
        if all(found.message == first.message for found in group):
            message = Message("input.on_rows", n=len(rows), rows=shown, message=first.message)
        else:
            message = Message(
                "input.on_rows.like", n=len(rows), rows=shown, row=first.row, message=first.message
            )
        result.append(Problem(problem.file, None, problem.column, message))
    return result
