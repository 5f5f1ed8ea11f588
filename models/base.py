"""The building blocks of the scenario's models: value types as planners write them, and the
frozen base model (``trainplan.models.scenario`` re-exports them)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from trainplan.models import conventions

Category = Literal["cadre", "civil_servant"]
Mode = Literal["full_time", "in_service"]
Provider = Literal["internal", "external"]
Sex = Literal["M", "F"]
PinAction = Literal["require", "forbid"]
Funding = Literal["budget", "self", "other"]
"""Who pays a course: the budget; its learners who asked to study at their own cost (the
budget for the others); another source (a province, a programme, a sponsor)."""


Money = Annotated[int, BeforeValidator(conventions.whole_amount), Field(ge=0)]
"""An amount in VND, a whole number of dong (``2.0e9``, ``250.000.000``, ``800 triệu``)."""
Share = Annotated[float, BeforeValidator(conventions.share), Field(ge=0.0, le=1.0)]
"""A fraction of 1 (``0.6``, ``0,6`` or ``60%``)."""
Number = Annotated[float, BeforeValidator(conventions.decimal)]
"""A number with a decimal point or comma (``1.5``, ``1,5``)."""
Count = Annotated[int, BeforeValidator(conventions.decimal)]
"""A whole number, also written with a decimal point or comma (``250.0``, ``250,0``)."""
FieldName = Annotated[str, BeforeValidator(conventions.field_name), Field(min_length=1)]
"""A field of study (``luật``, ``kinh tế``): lower case, as ``conventions.field_name`` says."""


class Frozen(BaseModel):
    """Base of every scenario model: immutable, no unknown fields, hashable."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def as_fraction(value: float | int) -> Fraction:
    """The exact decimal a user wrote (0.1 stays 1/10, not the nearest binary float)."""
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


@dataclass(frozen=True)
class Need:
    """One thing an official must hold to count for a target: a level of ``rank`` or more in
    ``track`` and, when ``fields`` is given, in one of those fields (a post's matching fields).
    Degrees accumulate: a need is met by any degree held, initial or completed in the plan."""

    track: str
    rank: int
    fields: frozenset[str] | None = None

    def met_by(self, rank: int, field: str | None) -> bool:
        """Whether a degree of ``rank`` in ``field`` (None: no known field) meets it."""
        if rank < self.rank:
            return False
        return self.rank == 0 or self.fields is None or field in self.fields
