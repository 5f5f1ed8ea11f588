"""A message for people, as data: a catalogue key and its parameters.

Code never words a message itself. It raises ``Message("rule.seats", course=..., year=...)``
and ``trainplan.wording`` renders it in the reader's language from the gettext catalogues
(``wording/locale/<lang>/LC_MESSAGES/<domain>.po``). A parameter may itself be a
``Message`` (a reason inside a conflict), rendered in the same language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LEVEL = "level"
"""The key of a level as a message: ``Message(LEVEL, track=..., level=..., name=...)``, ``name``
the scenario's own alias of the level or empty; ``trainplan.wording`` gives it words."""


NAMED_UNIT = frozenset({"limit.unit_away", "limit.leaders_away", "explain.fix.leaders_away"})
"""Keys whose words name a unit by its name (``unit_name``) as well as its id (``unit``)."""


class Message:
    """Catalogue ``key`` with its ``params``; immutable and hashable."""

    __slots__ = ("key", "params")

    key: str
    params: Mapping[str, Any]

    def __init__(self, key: str, /, **params: Any) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "params", dict(params))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Message is immutable")

    def _identity(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        return self.key, tuple(sorted((name, repr(value)) for name, value in self.params.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and self._identity() == other._identity()

    def __lt__(self, other: Message) -> bool:
        return self._identity() < other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    def __repr__(self) -> str:
        params = ", ".join(f"{name}={value!r}" for name, value in self.params.items())
        return f"Message({self.key!r}{', ' if params else ''}{params})"

    def record(self) -> dict[str, Any]:
        """The message as JSON (plan.json keeps messages so): its key and parameters, a
        parameter that is a message nested the same way."""
        params = {
            name: value.record() if isinstance(value, Message) else value
            for name, value in self.params.items()
        }
        return {"key": self.key, "params": params}

    @classmethod
    def of_record(cls, record: Mapping[str, Any]) -> Message:
        """The message ``record`` (as ``Message.record`` made it) stands for."""
        params = {
            name: cls.of_record(value) if isinstance(value, Mapping) and "key" in value else value
            for name, value in dict(record.get("params") or {}).items()
        }
        if "unit" in params and "unit_name" not in params and record["key"] in NAMED_UNIT:
            params["unit_name"] = params["unit"]  # a record from before units were named
        return cls(str(record["key"]), **params)
