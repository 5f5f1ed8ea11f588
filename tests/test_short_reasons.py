"""Why an official stays below their post standard (report.html, plan.xlsx): a prerequisite
the official could still take first is no reason to call them "not eligible" (the trial: many
officials of the built-in plan were so labelled, though a pin could train them).

Tiny scenario, as in the built-in one: the official holds llct elementary and degree none;
their post's standard is llct intermediate. ``tc`` grants llct intermediate and requires
degree >= college; ``cd`` grants college (no prerequisite), 12 months from 2020, so it
completes before ``tc`` starts in 2021. The plan trains nobody.
"""

from __future__ import annotations

from typing import Any

from builders import external, offer, official, tiny

from trainplan.models.scenario import Unit
from trainplan.reports.short import ShortReason, gap_reason


def _reason(**cd_limits: Any) -> tuple[ShortReason, str]:
    scenario = tiny(
        officials=(official("a", post="chair", birth=(1980, 1), llct="elementary"),),
        courses=(
            external("cd", track="degree", grants="college", **cd_limits),
            external("tc", track="llct", grants="intermediate", requires=(("degree", "college"),)),
        ),
        offerings=(offer("cd", 2020, seats=1), offer("tc", 2021, seats=1)),
    )
    return gap_reason(scenario, scenario.officials[0], "llct", 1, [], [])


def test_a_prerequisite_that_can_be_taken_first_is_no_reason() -> None:
    """cd in 2020 then tc in 2021 is open to the official: not "not eligible" (here no
    target counts them, so they are not needed)."""
    assert _reason() == (ShortReason.NOT_NEEDED, "")


def test_a_prerequisite_out_of_reach_is_a_reason() -> None:
    """cd has an age limit of 30 and the official is 40 in 2020: tc's prerequisite cannot be
    gained in time, so the official is not eligible, by the prerequisite."""
    assert _reason(max_age=30) == (ShortReason.NOT_ELIGIBLE, "prerequisite")


def test_a_course_offered_only_in_another_province_is_a_reason() -> None:
    """tc's only class is for province P2's units; the official works in P1: not eligible, by
    the offering's scope (not "limits", as if a seat were only missing)."""
    scenario = tiny(
        officials=(official("a", post="chair", birth=(1980, 1), llct="elementary"),),
        courses=(external("tc", track="llct", grants="intermediate"),),
        offerings=(offer("tc", 2021, seats=1).model_copy(update={"scope": "P2"}),),
        units=("U1", "U2"),
    )
    units = (
        Unit(unit_id="U1", name="Xã U1", district="D1", province="P1"),
        Unit(unit_id="U2", name="Xã U2", district="D2", province="P2"),
    )
    scenario = scenario.model_copy(update={"units": units})
    reason = gap_reason(scenario, scenario.officials[0], "llct", 1, [], [])
    assert reason == (ShortReason.NOT_ELIGIBLE, "seat_scope")
    # as report.html and plan.xlsx say it, in both languages
    from trainplan.reports.htmltables import Words
    from trainplan.reports.htmltables import reason as said

    assert "offered only to other units' officials" in said(Words("en"), *reason)
    assert "lớp chỉ mở cho cán bộ đơn vị khác" in said(Words("vi"), *reason)
