"""One official of the scenario: who they are, what they hold, when they serve
(``trainplan.models.scenario`` re-exports it)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from trainplan.models.base import FieldName, Frozen, Sex
from trainplan.models.retirement import YearMonth, retirement_month
from trainplan.models.service import Service, months_after


class Official(Frozen):
    """One official. When they are in service is ``service`` (``trainplan.models.service``)."""

    official_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    unit_id: str = Field(min_length=1)
    post_id: str = Field(min_length=1)
    sex: Sex
    birth: YearMonth
    levels: dict[str, str]
    """The official's level in each track at the start of the horizon."""
    fields: dict[str, FieldName] = Field(default_factory=dict)
    """The field of that level per track (law, economics...); absent: a field no post names."""
    successor: bool = False
    successor_for: str | None = None
    """The post the official is planned for (quy hoạch): a successor (``successor`` is set)
    who meets its standard by the congress (``Settings.succession``)."""
    ethnic_minority: bool = False
    self_funding: bool = False
    """Asked to study at their own cost: pays for courses whose ``funding`` is ``self``."""
    retires: YearMonth | None = None
    """The retirement month when it is not Decree 135/2020's (early retirement, an extension)."""
    joins: YearMonth | None = None
    """The month the official is recruited; None: in service from before the horizon."""
    leaves: YearMonth | None = None
    """The last month in service of an official leaving before retirement; None: stays.
    (Leaving before joining, or joining after retiring, is refused by ``checking.validate``.)"""

    @model_validator(mode="before")
    @classmethod
    def _planned_for_a_post_is_a_successor(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("successor_for"):
            return {**data, "successor": True}
        return data

    @property
    def retirement(self) -> YearMonth:
        """The month the official retires, in service through it: ``retires`` when given, else
        the month they reach the age of Decree 135/2020."""
        return self.retires or retirement_month(self.sex, self.birth)

    @property
    def service(self) -> Service:
        """When the official is in service (joins, retirement, leaves)."""
        return Service(self.joins, self.retirement, self.leaves)

    def months_served_after(self, end_year: int) -> int:
        """Months in service from the end of ``end_year`` to the end of the retirement month:
        what a course completing that year can still be repaid with (SPEC rule 3; to leaving,
        ``Official.leaves``, rule ``leaves`` measures it)."""
        return months_after(end_year, self.retirement)
