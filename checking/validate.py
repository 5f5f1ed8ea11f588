"""Whole-scenario validation: the rules no single row can check.

Each rule is a function returning problems; ``validate_scenario`` runs them all so the planner
sees every problem at once. Field rules live on the models (``models.scenario``).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable

from trainplan.models.conventions import fold
from trainplan.models.message import Message
from trainplan.models.problems import Problem, Sources, joined, number
from trainplan.models.scenario import Official, Scenario
from trainplan.models.service import months_after

Rule = Callable[[Scenario, Sources], Iterable[Problem]]

MIN_AGE = 15
"""No official is younger at the start of the horizon (or of their service, if they join
later)."""


def _outside(year: int, first: int, last: int) -> Message:
    return Message("input.outside_horizon", year=year, first=first, last=last)


def _duplicates(scenario: Scenario, sources: Sources) -> Iterable[Problem]:
    keyed: list[tuple[str, str, list[str]]] = [
        ("units", "unit_id", [u.unit_id for u in scenario.units]),
        ("posts", "post_id", [p.post_id for p in scenario.posts]),
        ("officials", "official_id", [o.official_id for o in scenario.officials]),
        ("courses", "course_id", [c.course_id for c in scenario.courses]),
        ("lecturers", "lecturer_id", [lec.lecturer_id for lec in scenario.lecturers]),
        ("offerings", "year", [f"{o.course_id} {o.year}" for o in scenario.offerings]),
        ("pins", "year", [f"{p.official_id} {p.course_id} {p.year}" for p in scenario.pins]),
    ]
    for table, column, ids in keyed:
        first: dict[str, int] = {}
        for index, key in enumerate(ids):
            if key in first:
                earlier = sources.row(table, first[key])
                yield sources.at(
                    table, index, column, Message("input.duplicate", key=key, row=earlier)
                )
            else:
                first[key] = index
    first_target: dict[str, int] = {}
    for index, target in enumerate(scenario.settings.targets):
        if target.id in first_target:
            line = sources.line(("targets", first_target[target.id], "id"))
            yield sources.setting(
                ("targets", index, "id"),
                Message("input.target.duplicate_id", id=target.id, line=line),
            )
        else:
            first_target[target.id] = index


def _no_track(scenario: Scenario, track: str) -> Message:
    return Message("input.no_track", track=track, tracks=", ".join(scenario.settings.tracks))


def _level_problem(scenario: Scenario, track: str, level: str) -> Message | None:
    levels = scenario.settings.tracks.get(track)
    if levels is None:
        return _no_track(scenario, track)
    if level not in levels:
        names = scenario.settings.level_names.get(track, {})  # "college (Cao đẳng)"
        shown = [f"{known} ({names[known]})" if known in names else known for known in levels]
        return Message("input.no_level", track=track, level=level, levels=", ".join(shown))
    return None


def _unknown(scenario: Scenario, kind: str, written: str) -> Message:
    """No unit or post of that id; when a unit's or post's *name* was written instead (as
    planners often do), or its id in other capitals or accents, the message says which id to
    write."""
    pairs = (
        [(u.name, u.unit_id) for u in scenario.units]
        if kind == "unit"
        else [(p.name, p.post_id) for p in scenario.posts]
    )
    names = {fold(name): code for name, code in pairs} | {fold(code): code for _, code in pairs}
    code = names.get(fold(written))
    if code is not None:
        return Message(f"input.no_{kind}_by_name", id=written, code=code)
    return Message(f"input.no_{kind}", id=written)


def _officials(scenario: Scenario, sources: Sources) -> Iterable[Problem]:
    for index, official in enumerate(scenario.officials):
        if official.unit_id not in scenario.unit_by_id:
            yield sources.at(
                "officials", index, "unit_id", _unknown(scenario, "unit", official.unit_id)
            )
        if official.post_id not in scenario.post_by_id:
            yield sources.at(
                "officials", index, "post_id", _unknown(scenario, "post", official.post_id)
            )
        for track, level in official.levels.items():
            message = _level_problem(scenario, track, level)
            if message:
                yield sources.at("officials", index, track, message)
        first, _ = scenario.settings.horizon
        yield from _joins_before_going(official, index, sources)
        yield from _successor(scenario, official, index, sources)
        starts = max(first, official.joins.year) if official.joins else first
        if starts - official.birth.year < MIN_AGE:
            message = Message("input.too_young", birth=str(official.birth), age=MIN_AGE)
            yield sources.at("officials", index, "birth", message)


def _successor(
    scenario: Scenario, official: Official, index: int, sources: Sources
) -> Iterable[Problem]:
    """A successor is planned for a known post, for the congress of ``settings.succession``,
    and serves a whole term after it (Regulation 50-QĐ/TW)."""
    post = official.successor_for
    if post is None:
        return
    succession = scenario.settings.succession
    if post not in scenario.post_by_id:
        yield sources.at("officials", index, "successor_for", _unknown(scenario, "post", post))
    elif succession is None:
        message = Message("input.successor.no_congress", post=post)
        yield sources.at("officials", index, "successor_for", message)
    else:
        last = official.service.last_month
        left = months_after(succession.year, last)
        if left < succession.months:
            message = Message(
                "input.successor.too_late",
                post=post,
                year=succession.year,
                last=str(last),
                left=max(left, 0),
                months=succession.months,
            )
            yield sources.at("officials", index, "successor_for", message)


def _joins_before_going(official: Official, index: int, sources: Sources) -> Iterable[Problem]:
    """Joining after leaving, or after retiring, leaves no month in service: a typo."""
    joins, leaves = official.joins, official.leaves
    if joins is not None and leaves is not None and leaves < joins:
        message = Message("input.leaves_before_joins", leaves=str(leaves), joins=str(joins))
        yield sources.at("officials", index, "leaves", message)
    elif joins is not None and official.retirement < joins:
        message = Message(
            "input.joins_after_retirement", joins=str(joins), retirement=str(official.retirement)
        )
        yield sources.at("officials", index, "joins", message)


def out_of_service(scenario: Scenario, sources: Sources | None = None) -> list[Problem]:
    """Warnings, not errors: officials in service in no year of the horizon (retired or left
    before it, or joining after it). They stay in the scenario, never planned, counted nowhere
    (``trainplan.models.service``)."""
    where = sources or Sources()
    first, last = scenario.settings.horizon
    found = []
    for index, official in enumerate(scenario.officials):
        service = official.service
        if service.anywhere_in(first, last) or (
            service.joins is not None and service.last_month < service.joins
        ):
            continue  # in service some year, or refused by _joins_before_going
        gone = service.last_month
        if gone.year < first and gone == official.leaves:
            column, message = "leaves", Message("input.leaves_before_horizon", month=str(gone))
        elif gone.year < first and official.retires is not None:
            column, message = "retires", Message("input.retires_before_horizon", month=str(gone))
        elif gone.year < first:
            column, message = "birth", Message("input.retired_before_horizon", month=str(gone))
        else:
            column = "joins"
            message = Message("input.joins_after_horizon", month=str(service.joins))
        found.append(where.at("officials", index, column, message))
    return found


def _posts(scenario: Scenario, sources: Sources) -> Iterable[Problem]:
    for index, post in enumerate(scenario.posts):
        for track, level in post.standard.items():
            message = _level_problem(scenario, track, level)
            if message:
                yield sources.at("posts", index, f"std_{track}", message)
    for index, change in enumerate(scenario.settings.standards):
        for post_id in change.posts:
            if post_id not in scenario.post_by_id:
                message = Message("input.no_post", id=post_id)
                yield sources.setting(("standards", index, "posts"), message)
        for track, level in change.standard.items():
            message = _level_problem(scenario, track, level)
            if message:
                yield sources.setting(("standards", index, "standard", track), message)


def _courses(scenario: Scenario, sources: Sources) -> Iterable[Problem]:
    subjects = {subject for lecturer in scenario.lecturers for subject in lecturer.subjects}
    for index, course in enumerate(scenario.courses):
        if course.track not in scenario.settings.tracks:
            yield sources.at(
                "courses",
                index,
                "track",
                _no_track(scenario, course.track),
            )
        else:
            message = _level_problem(scenario, course.track, course.grants)
            if message:
                yield sources.at("courses", index, "grants", message)
            elif scenario.rank(course.track, course.grants) == 0:
                yield sources.at(
                    "courses",
                    index,
                    "grants",
                    Message("input.lowest_level", level=course.grants),
                )
        for requirement in course.requires:
            message = _level_problem(scenario, requirement.track, requirement.level)
            if message:
                yield sources.at("courses", index, "requires", message)
        if course.provider == "internal" and course.subject not in subjects:
            yield sources.at(
                "courses",
                index,
                "subject",
                Message("input.no_lecturer", subject=course.subject, course=course.course_id),
            )


def _unreachable_courses(scenario: Scenario, sources: Sources) -> Iterable[Problem]:
    """Courses whose prerequisites no official holds and no startable course grants."""
    tracks = scenario.settings.tracks
    if any(c.track not in tracks or c.grants not in tracks[c.track] for c in scenario.courses):
        return  # reported by _courses
    best: dict[str, int] = dict.fromkeys(tracks, 0)
    for official in scenario.officials:
        for track, level in official.levels.items():
            if track in tracks and level in tracks[track]:
                best[track] = max(best[track], tracks[track].index(level))
    startable: set[str] = set()
    changed = True
    while changed:
        changed = False
        for course in scenario.courses:
            if course.course_id in startable:
                continue
            if all(
                r.track in tracks
                and r.level in tracks[r.track]
                and best[r.track] >= tracks[r.track].index(r.level)
                for r in course.requires
            ):
                startable.add(course.course_id)
                grants = tracks[course.track].index(course.grants)
                best[course.track] = max(best[course.track], grants)
                changed = True
    for index, course in enumerate(scenario.courses):
        if course.course_id in startable:
            continue
        missing: list[object] = [
            str(r)
            for r in course.requires
            if r.track in tracks
            and r.level in tracks[r.track]
            and best[r.track] < tracks[r.track].index(r.level)
        ]
        if missing:
            yield sources.at(
                "courses",
                index,
                "requires",
                Message(
                    "input.never_starts", course=course.course_id, requirements=joined(missing)
                ),
            )


def _offerings(scenario: Scenario, sources: Sources) -> Iterable[Problem]:
    first, last = scenario.settings.horizon
    for index, offering in enumerate(scenario.offerings):
        course = scenario.course_by_id.get(offering.course_id)
        if course is None:
            yield sources.at(
                "offerings", index, "course_id", Message("input.no_course", id=offering.course_id)
            )
            continue
        if not first <= offering.year <= last:
            yield sources.at("offerings", index, "year", _outside(offering.year, first, last))
        if course.provider == "external" and offering.seats is None:
            yield sources.at(
                "offerings", index, "seats", Message("input.needs_seats", course=course.course_id)
            )
        if course.provider == "internal" and offering.classes is None:
            yield sources.at(
                "offerings",
                index,
                "classes",
                Message("input.needs_classes", course=course.course_id),
            )


def _pins(scenario: Scenario, sources: Sources) -> Iterable[Problem]:
    first, last = scenario.settings.horizon
    for index, pin in enumerate(scenario.pins):
        if pin.official_id not in scenario.official_by_id:
            yield sources.at(
                "pins", index, "official_id", Message("input.no_official", id=pin.official_id)
            )
        if pin.course_id not in scenario.course_by_id:
            yield sources.at(
                "pins", index, "course_id", Message("input.no_course", id=pin.course_id)
            )
        if not first <= pin.year <= last:
            yield sources.at("pins", index, "year", _outside(pin.year, first, last))
        elif (
            pin.action == "require"
            and pin.course_id in scenario.course_by_id
            and (pin.course_id, pin.year) not in scenario.offering_by_key
        ):
            yield sources.at(
                "pins",
                index,
                "year",
                Message("input.not_offered", course=pin.course_id, year=pin.year),
            )


def _scopes(scenario: Scenario, sources: Sources) -> Iterable[Problem]:
    """Every scope names a province or district that some unit lies in (units.csv columns
    ``province`` and ``district``)."""
    known = scenario.scope_units
    named = {
        *scenario.settings.budget.scopes,
        *(offering.scope for offering in scenario.offerings if offering.scope),
        *(lecturer.scope for lecturer in scenario.lecturers if lecturer.scope),
    }
    unknown = sorted(named - set(known))
    if unknown and not any(unit.province for unit in scenario.units):  # the root cause first
        message = Message("input.scope.no_provinces", scope=unknown[0], n=len(unknown))
        yield Problem(sources.files.get("units", "units.csv"), None, "province", message)
    scoped: list[tuple[str, list[str | None]]] = [
        ("offerings", [offering.scope for offering in scenario.offerings]),
        ("lecturers", [lecturer.scope for lecturer in scenario.lecturers]),
    ]
    for table, scopes in scoped:
        for index, scope in enumerate(scopes):
            if scope and scope not in known:
                yield sources.at(table, index, "scope", Message("input.no_scope", scope=scope))
    for scope, budget in scenario.settings.budget.scopes.items():
        if scope not in known:
            yield sources.setting(
                ("budget", "scopes", scope), Message("input.no_scope", scope=scope)
            )
        elif budget.scopes:
            yield sources.setting(
                ("budget", "scopes", scope, "scopes"), Message("input.scope.nested", scope=scope)
            )


def _of_target(
    sources: Sources, index: int, target_id: str, *setting: str | int, message: Message
) -> Problem:
    """A problem at ``targets[index].<setting>``, naming the target by its id."""
    wrapped = Message("input.target.named", target=target_id, message=message)
    return sources.setting(("targets", index, *setting), wrapped)


def _settings(scenario: Scenario, sources: Sources) -> Iterable[Problem]:
    first, last = scenario.settings.horizon
    units = scenario.unit_by_id
    posts = scenario.post_by_id
    for index, target in enumerate(scenario.settings.targets):
        path: tuple[str | int, ...] = ("targets", index)
        named = functools.partial(_of_target, sources, index, target.id)
        if not first <= target.year <= last:
            yield named("year", message=_outside(target.year, first, last))
        for track, level in target.has.items():
            message = _level_problem(scenario, track, level)
            if message:
                yield named("has", track, message=message)
        for track in target.standard:
            if track not in scenario.settings.tracks:
                yield named("standard", message=Message("input.no_track.short", track=track))
        for unit in target.who.unit:
            if unit not in units:
                yield named("who", "unit", message=_unknown(scenario, "unit", unit))
        for post in target.who.post:
            if post not in posts:
                yield named("who", "post", message=_unknown(scenario, "post", post))
        if (
            first <= target.year <= last
            and all(o.unit_id in units and o.post_id in posts for o in scenario.officials)
            and not scenario.population(target)
        ):
            yield sources.setting(
                (*path, "who"),
                Message("input.target.nobody", target=target.id, year=target.year),
            )
    for year in scenario.settings.continuity.years:
        if not first <= year <= last:
            yield sources.setting(("continuity", "years", year), _outside(year, first, last))
    succession = scenario.settings.succession
    if succession is not None and not first <= succession.year <= last:
        yield sources.setting(("succession", "year"), _outside(succession.year, first, last))


MAX_AMOUNT = 10**15
"""VND: more than any budget a plan could spend (the whole state budget is about 2 x 10^15)."""
MAX_COUNT = 10**6
"""Seats, classes, hours, days and people: more is a typo (or a number where none belongs)."""
YEARS = (1900, 2200)


def _magnitudes(scenario: Scenario, sources: Sources) -> Iterable[Problem]:
    """Numbers no spreadsheet means (1e300, 10^30): refused here, before any solver sees them."""

    def check(value: int | None, limit: int, unit: str) -> Message | None:
        if value is None or value <= limit:
            return None
        return Message(
            "input.too_large",
            value=number(value),
            limit=number(limit),
            unit=Message(f"input.unit.{unit}"),
        )

    fields: dict[str, list[tuple[str, int, str]]] = {
        "courses": [
            ("cost_per_learner", MAX_AMOUNT, "VND"),
            ("class_cost", MAX_AMOUNT, "VND"),
            ("class_max", MAX_COUNT, "learners"),
            ("class_min", MAX_COUNT, "learners"),
            ("lecturer_hours", MAX_COUNT, "hours"),
        ],
        "offerings": [("seats", MAX_COUNT, "seats"), ("classes", MAX_COUNT, "classes")],
        "lecturers": [
            ("hours_per_year", MAX_COUNT, "hours"),
            ("cost_per_hour", MAX_AMOUNT, "VND"),
        ],
    }
    for table, columns in fields.items():
        for index, record in enumerate(getattr(scenario, table)):
            for column, limit, unit in columns:
                message = check(getattr(record, column), limit, unit)
                if message:
                    yield sources.at(table, index, column, message)
    first, last = YEARS
    for index, lecturer in enumerate(scenario.lecturers):
        for column in ("from_year", "to_year"):
            year = getattr(lecturer, column)
            if year is not None and not first <= year <= last:
                yield sources.at(
                    "lecturers",
                    index,
                    column,
                    Message("input.not_a_year", value=number(year), low=first, high=last),
                )
    settings = scenario.settings
    continuity = settings.continuity
    for path, value, limit, unit in (
        (("budget", "per_year"), settings.budget.per_year, MAX_AMOUNT, "VND"),
        (("budget", "total"), settings.budget.total, MAX_AMOUNT, "VND"),
        (("continuity", "day_value"), continuity.day_value, MAX_AMOUNT, "VND"),
        (("continuity", "max_leaders_away"), continuity.max_leaders_away, MAX_COUNT, "leaders"),
        (("continuity", "max_personal_days"), continuity.max_personal_days, MAX_COUNT, "days"),
    ):
        message = check(value, limit, unit)
        if message:
            yield sources.setting(path, message)
    for year, override in continuity.years.items():
        for name, limit, unit in (
            ("max_leaders_away", MAX_COUNT, "leaders"),
            ("max_personal_days", MAX_COUNT, "days"),
        ):
            message = check(getattr(override, name), limit, unit)
            if message:
                yield sources.setting(("continuity", "years", year, name), message)


def _name(scenario: Scenario, sources: Sources) -> Iterable[Problem]:
    """The name is the default plan folder (plans/<name>): it must be one plain folder name."""
    name = scenario.settings.name
    control = any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in name)
    if name in (".", "..") or any(char in name for char in '/\\:*?"<>|') or control:
        yield sources.setting(
            ("name",),
            Message("input.not_a_folder_name", name=name),
        )


RULES: tuple[Rule, ...] = (
    _duplicates,
    _officials,
    _posts,
    _courses,
    _unreachable_courses,
    _offerings,
    _pins,
    _scopes,
    _settings,
    _magnitudes,
    _name,
)


def validate_scenario(scenario: Scenario, sources: Sources | None = None) -> list[Problem]:
    """Every whole-scenario problem, each naming file, row and column."""
    where = sources or Sources()
    return [problem for rule in RULES for problem in rule(scenario, where)]
