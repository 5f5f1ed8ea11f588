"""Deterministic scenario generator: commune officials of any number of units, districts and
provinces, calibrated on Bình Gia district in 2018 (DOMAIN.md).

``generate`` writes a scenario folder that ``trainplan.files.load_scenario`` reads. Only
``random.Random(seed)`` draws numbers, in a fixed order, and rows are streamed to CSV, so the
same arguments give byte-identical files and 200,000 officials take seconds.

The building blocks live in their own modules so that hand-calibrated scenarios
(``scenarios/binh-gia-2018/make_scenario.py``) share them: ``posts`` (posts of Decree 34/2019
and qualification profiles), ``names``, ``courses`` (courses and offerings), ``tables``
(columns, rows and the CSV writer) and ``settings`` (scenario.yaml). Whether a generated
scenario's targets are reachable is for the solver to show and the checker to confirm
(tests/test_generate.py), not for the generator.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from pathlib import Path

from trainplan.generator.courses import (
    COURSE_COLUMNS,
    OFFERING_COLUMNS,
    course_rows,
    offering_rows,
    scoped_course_rows,
    scoped_offering_rows,
)
from trainplan.generator.names import person_name, place_names
from trainplan.generator.posts import POST_BY_ID, PROFILES, profile_deck, unit_class, unit_roster
from trainplan.generator.settings import BUDGET_PER_OFFICIAL, last_retirements, settings_yaml
from trainplan.generator.tables import (
    LECTURER_COLUMNS,
    OFFICIAL_COLUMNS,
    POST_COLUMNS,
    UNIT_COLUMNS,
    official_row,
    post_rows,
    write_csv,
)

__all__ = ["generate"]


def generate(
    out: Path,
    *,
    units: int,
    officials_per_unit: int,
    seed: int,
    districts: int = 1,
    provinces: int = 1,
    first_year: int = 2018,
    years: int = 5,
) -> Path:
    """Write a scenario folder of ``provinces x districts x units`` units of
    ``officials_per_unit`` officials each; returns ``out``.

    Raises
    ------
    ValueError
        If a count is below 1.
    """
    if min(units, officials_per_unit, districts, provinces, years) < 1:
        raise ValueError("units, officials_per_unit, districts, provinces and years must be >= 1")
    rng = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    last_year = first_year + years - 1
    officials = provinces * districts * units * officials_per_unit
    province_names = place_names(rng, provinces)
    district_names = [place_names(rng, districts) for _ in range(provinces)]
    # (province index, district index, id prefix), in file order
    district_keys = [
        (p, d, f"P{p + 1:02d}-D{d + 1:02d}") for p in range(provinces) for d in range(districts)
    ]
    roster = [POST_BY_ID[post_id] for post_id in unit_roster(officials_per_unit)]
    per_group = {group: units * sum(p.group == group for p in roster) for group in PROFILES}
    klass = unit_class(officials_per_unit)
    # About 100 hours a year each for a district of 361 officials: 12 x 100 = 1,200 hours
    # against 2 elementary classes x 120 hours; more in bigger districts.
    hours = 10 * max(6, math.ceil(units * officials_per_unit * 10 / 361))

    scoped = provinces > 1
    """Several provinces: units name their district and province by id (``P01-D02``,
    ``P01``), which courses, lecturers and budgets of one province name as their scope."""

    def units_table() -> Iterator[list[object]]:
        for p, d, prefix in district_keys:
            names = place_names(rng, units)
            for u in range(units):
                kind = "Thị trấn" if u == 0 else "Xã"
                yield [
                    f"{prefix}-U{u + 1:03d}",
                    f"{kind} {names[u]}",
                    prefix if scoped else f"Huyện {district_names[p][d]}",
                    f"P{p + 1:02d}" if scoped else f"Tỉnh {province_names[p]}",
                    klass,
                ]

    youngest: dict[tuple[str, str], str] = {}
    """The latest birth month (YYYY-MM) by (profile group, sex): who retires last."""

    def officials_table() -> Iterator[list[object]]:
        for _, _, prefix in district_keys:
            decks = {group: iter(profile_deck(rng, group, n)) for group, n in per_group.items()}
            for u in range(units):
                unit_id = f"{prefix}-U{u + 1:03d}"
                for index, post in enumerate(roster, start=1):
                    profile = next(decks[post.group])
                    row = official_row(
                        rng, f"{unit_id}-{index:02d}", unit_id, post, profile, first_year
                    )
                    key = (post.group, str(row[4]))
                    youngest[key] = max(youngest.get(key, ""), str(row[5]))
                    yield row

    def lecturers_table() -> Iterator[list[object]]:
        for _, _, prefix in district_keys:
            for k in range(12):
                name, _ = person_name(rng, "F" if rng.random() < 0.4 else "M")
                yield [
                    f"{prefix}-GV{k + 1:02d}",
                    name,
                    "llct; qlnn" if k % 3 else "llct",
                    hours + 10 * rng.randint(0, 4),
                    125_000 if k % 4 else 150_000,
                    "",
                    "",
                    *([prefix.split("-")[0]] if scoped else []),
                ]

    write_csv(out / "units.csv", UNIT_COLUMNS, units_table())
    write_csv(out / "posts.csv", POST_COLUMNS, post_rows())
    write_csv(out / "officials.csv", OFFICIAL_COLUMNS, officials_table())
    province_ids = [f"P{p + 1:02d}" for p in range(provinces)]
    if scoped:
        named = [(f"P{p + 1:02d}", f"Tỉnh {province_names[p]}") for p in range(provinces)]
        write_csv(out / "courses.csv", COURSE_COLUMNS, scoped_course_rows(named))
        offerings = scoped_offering_rows(first_year, last_year, officials, province_ids)
        write_csv(out / "offerings.csv", (*OFFERING_COLUMNS, "scope"), offerings)
    else:
        write_csv(out / "courses.csv", COURSE_COLUMNS, course_rows())
        offerings = offering_rows(first_year, last_year, officials)
        write_csv(out / "offerings.csv", OFFERING_COLUMNS, offerings)
    lecturer_columns = (*LECTURER_COLUMNS, "scope") if scoped else LECTURER_COLUMNS
    write_csv(out / "lecturers.csv", lecturer_columns, lecturers_table())
    per_year = officials * BUDGET_PER_OFFICIAL
    each = per_year // provinces
    scopes = {province: (each, each * years * 4 // 5) for province in province_ids}
    title = (
        f"Generated: {provinces} province(s) x {districts} district(s) x {units} unit(s) "
        f"x {officials_per_unit} officials, seed {seed}"
    )
    (out / "scenario.yaml").write_text(
        settings_yaml(
            name=f"generated-{seed}",
            title=title,
            first_year=first_year,
            last_year=last_year,
            per_year=per_year,
            total=per_year * years * 4 // 5,
            retire_by=last_retirements(youngest),
            scopes=scopes if scoped else None,
        ),
        encoding="utf-8",
    )
    return out
