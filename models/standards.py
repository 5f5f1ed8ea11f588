"""What posts ask over time, and of whom: standards that change from a year on, and the
succession pool (quy hoạch) whose members must meet their future post's standard by the
congress (``trainplan.models.scenario`` re-exports them)."""

from __future__ import annotations

from pydantic import Field

from trainplan.models.base import Category, Frozen


class StandardChange(Frozen):
    """From ``from_year`` on, the standard of some posts is another on some tracks (Circular
    13/2019 raised civil servants' degree to university; Decree 33/2023 set the commune
    posts' standards anew). A target of year y measures against the standards in force at the
    end of y: the posts' own, changed by every change whose ``from_year`` <= y, in order."""

    from_year: int
    posts: tuple[str, ...] = ()
    """The posts it concerns; none named: every post (of ``category``, if given)."""
    category: Category | None = None
    standard: dict[str, str]
    """The new standard level per track; the other tracks keep theirs."""


class Succession(Frozen):
    """The congress by which the succession pool must be ready (Regulation 50-QĐ/TW on
    cadre planning): each official planned for a post (``Official.successor_for``) meets that
    post's standard in force at the end of ``year``, and still has ``months`` of working
    life after it (a whole term: 60 months)."""

    year: int
    months: int = Field(default=60, ge=0, le=600)
