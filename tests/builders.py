"""Tiny scenarios built in code, for tests whose optimum is worked out by hand.

``tiny()`` is one unit, horizon 2020–2022, tracks degree [none, college, university] and
llct [none, elementary, intermediate], no targets, no budget cap and loose continuity. Tests
add exactly the officials, courses and rules they reason about.
"""

from __future__ import annotations

from typing import Any

from trainplan.models.retirement import YearMonth
from trainplan.models.scenario import (
    Budget,
    Continuity,
    Course,
    Lecturer,
    Offering,
    Official,
    Pin,
    Post,
    Requirement,
    Scenario,
    Settings,
    Target,
    Unit,
    Who,
)

TRACKS = {
    "degree": ("none", "college", "university"),
    "llct": ("none", "elementary", "intermediate"),
}

POSTS = (
    Post(
        post_id="chair",
        name="Chủ tịch",
        category="cadre",
        leadership=True,
        standard={"degree": "university", "llct": "intermediate"},
    ),
    Post(
        post_id="youth",
        name="Bí thư Đoàn",
        category="cadre",
        leadership=False,
        standard={"degree": "college", "llct": "elementary"},
    ),
    Post(
        post_id="finance",
        name="Tài chính",
        category="civil_servant",
        leadership=False,
        standard={"degree": "college"},
    ),
)


def official(
    official_id: str,
    *,
    post: str = "youth",
    unit: str = "U1",
    sex: str = "M",
    birth: tuple[int, int] = (1985, 1),
    degree: str = "none",
    llct: str = "none",
    **extra: Any,
) -> Official:
    return Official(
        official_id=official_id,
        name=f"Cán bộ {official_id}",
        unit_id=unit,
        post_id=post,
        sex=sex,
        birth=YearMonth(*birth),  # type: ignore[arg-type]
        levels={"degree": degree, "llct": llct},
        **extra,
    )


def external(
    course_id: str,
    *,
    track: str = "degree",
    grants: str = "college",
    months: int = 12,
    away_days: int = 10,
    cost: int = 10_000_000,
    mode: str = "in_service",
    requires: tuple[tuple[str, str], ...] = (),
    **extra: Any,
) -> Course:
    return Course(
        course_id=course_id,
        name=f"Khóa {course_id}",
        track=track,
        grants=grants,
        requires=tuple(Requirement(track=t, level=lv) for t, lv in requires),
        months=months,
        away_days=away_days,
        mode=mode,  # type: ignore[arg-type]
        cost_per_learner=cost,
        provider="external",
        **extra,
    )


def internal(
    course_id: str,
    *,
    track: str = "llct",
    grants: str = "elementary",
    months: int = 1,
    away_days: int = 5,
    cost: int = 1_000_000,
    class_min: int = 1,
    class_max: int = 40,
    class_cost: int = 5_000_000,
    lecturer_hours: int = 40,
    subject: str = "llct",
    mode: str = "full_time",
    requires: tuple[tuple[str, str], ...] = (),
    **extra: Any,
) -> Course:
    return Course(
        course_id=course_id,
        name=f"Lớp {course_id}",
        track=track,
        grants=grants,
        requires=tuple(Requirement(track=t, level=lv) for t, lv in requires),
        months=months,
        away_days=away_days,
        mode=mode,  # type: ignore[arg-type]
        cost_per_learner=cost,
        provider="internal",
        class_min=class_min,
        class_max=class_max,
        class_cost=class_cost,
        lecturer_hours=lecturer_hours,
        subject=subject,
        **extra,
    )


def lecturer(
    lecturer_id: str = "L1",
    *,
    subjects: tuple[str, ...] = ("llct",),
    hours: int = 400,
    cost_per_hour: int = 100_000,
    **extra: Any,
) -> Lecturer:
    return Lecturer(
        lecturer_id=lecturer_id,
        name=f"Giảng viên {lecturer_id}",
        subjects=subjects,
        hours_per_year=hours,
        cost_per_hour=cost_per_hour,
        **extra,
    )


def offer(
    course_id: str, year: int, *, seats: int | None = None, classes: int | None = None
) -> Offering:
    return Offering(course_id=course_id, year=year, seats=seats, classes=classes)


def target(
    target_id: str = "t",
    *,
    year: int = 2022,
    share: float = 1.0,
    has: dict[str, str] | None = None,
    standard: tuple[str, ...] = (),
    hard: bool = False,
    weight: float = 1.0,
    **who: Any,
) -> Target:
    return Target(
        id=target_id,
        year=year,
        who=Who(**who),
        has=has or {"degree": "college"},
        standard=standard,
        share=share,
        hard=hard,
        weight=weight,
    )


def tiny(
    *,
    officials: tuple[Official, ...],
    courses: tuple[Course, ...],
    offerings: tuple[Offering, ...],
    lecturers: tuple[Lecturer, ...] = (),
    targets: tuple[Target, ...] = (),
    pins: tuple[Pin, ...] = (),
    budget: Budget | None = None,
    continuity: Continuity | None = None,
    horizon: tuple[int, int] = (2020, 2022),
    units: tuple[str, ...] = ("U1",),
    service_obligation: float = 0.0,
) -> Scenario:
    settings = Settings(
        name="tiny",
        title="tiny",
        horizon=horizon,
        tracks=TRACKS,
        targets=targets,
        budget=budget or Budget(),
        continuity=continuity
        or Continuity(max_away_share=1.0, max_leaders_away=10, max_personal_days=250, day_value=0),
        service_obligation=service_obligation,
    )
    return Scenario(
        settings=settings,
        units=tuple(Unit(unit_id=u, name=f"Xã {u}") for u in units),
        posts=POSTS,
        officials=officials,
        courses=courses,
        offerings=offerings,
        lecturers=lecturers,
        pins=pins,
    )


def accepting(scenario: Scenario, post_id: str, *fields: str, track: str = "degree") -> Scenario:
    """``scenario`` with post ``post_id`` accepting its standard on ``track`` only in
    ``fields`` (validated again: ``model_copy`` would not read the fields as planners write
    them)."""
    posts = tuple(
        Post.model_validate({**post.model_dump(), "fields": {track: fields}})
        if post.post_id == post_id
        else post
        for post in scenario.posts
    )
    return scenario.model_copy(update={"posts": posts})
