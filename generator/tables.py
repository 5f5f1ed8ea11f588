"""The generated tables: their columns, the rows of posts and officials, and the CSV writer
that streams rows to disk."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from trainplan.generator.names import person_name
from trainplan.generator.posts import AGE_BANDS, POSTS, PostSpec, Profile

OFFICIAL_COLUMNS: tuple[str, ...] = (
    "official_id",
    "name",
    "unit_id",
    "post_id",
    "sex",
    "birth",
    "degree",
    "llct",
    "successor",
    "ethnic_minority",
)
WOMEN_MAX_AGE = 54
"""Oldest woman in office in the first year (women retired at 55 until 2020)."""


def official_row(
    rng: random.Random,
    official_id: str,
    unit_id: str,
    post: PostSpec,
    profile: Profile,
    first_year: int,
) -> list[object]:
    """One officials.csv row: a person of ``post`` holding ``profile`` in ``first_year``."""
    sex = "F" if rng.random() < post.female else "M"
    low, high = AGE_BANDS[profile.band]
    low, high = max(low, post.ages[0]), min(high, post.ages[1])
    if low > high:  # the band does not fit the post (a young Youth Union secretary, say)
        low, high = post.ages
    if sex == "F":
        high = min(high, WOMEN_MAX_AGE)
        low = min(low, high)
    age = rng.randint(low, high)
    name, minority = person_name(rng, sex)
    graduate = profile.degree in ("college", "university", "master")
    successor = age <= 40 and graduate and rng.random() < 0.25
    return [
        official_id,
        name,
        unit_id,
        post.post_id,
        sex,
        f"{first_year - age:04d}-{rng.randint(1, 12):02d}",
        profile.degree,
        profile.llct,
        "true" if successor else "false",
        "true" if minority else "false",
    ]


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a UTF-8 CSV table, streaming ``rows``."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def post_rows() -> Iterator[list[object]]:
    for post in POSTS:
        yield [
            post.post_id,
            post.name,
            post.category,
            "true" if post.leadership else "false",
            *post.standard,
        ]


POST_COLUMNS = ("post_id", "name", "category", "leadership", "std_degree", "std_llct")
UNIT_COLUMNS = ("unit_id", "name", "district", "province", "class")
LECTURER_COLUMNS = (
    "lecturer_id",
    "name",
    "subjects",
    "hours_per_year",
    "cost_per_hour",
    "from_year",
    "to_year",
)
