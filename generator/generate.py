"""Deterministic scenario generator: commune officials of any number of units, districts and
provinces, calibrated on Bình Gia district in 2018 (DOMAIN.md).

``generate`` writes a scenario folder that ``models.load_scenario`` reads. Only
``random.Random(seed)`` draws numbers, in a fixed order, and rows are streamed to CSV, so the
same arguments give byte-identical files and 200,000 officials take seconds.

The building blocks (posts of Decree 34/2019, qualification profiles, courses, names) are
public so that hand-calibrated scenarios (``scenarios/binh-gia-2018/make_scenario.py``) share
them. ``witness_plan`` builds a simple greedy plan that respects the rules of SPEC.md; it shows
that a generated scenario's targets are reachable with its seats, classes and budget. It is a
calibration aid, not the optimiser.
"""

from __future__ import annotations

import csv
import json
import math
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import accumulate, product
from pathlib import Path
from typing import Any

from trainplan.models.retirement import YearMonth, retirement_month
from trainplan.models.scenario import Course, Official, Scenario, Target, as_fraction

TRACKS: dict[str, tuple[str, ...]] = {
    "degree": ("none", "intermediate", "college", "university", "master"),
    "llct": ("none", "elementary", "intermediate", "advanced"),
}

# ---------------------------------------------------------------- posts (Decree 34/2019)

STANDARDS: dict[str, tuple[str, str]] = {
    "cadre": ("intermediate", "intermediate"),
    "civil_servant": ("intermediate", "elementary"),
}
"""(degree, LLCT) standard by category, as in a mountainous, ethnic-minority district such as
Bình Gia: the province accepts an intermediate (trung cấp) professional degree (DOMAIN.md);
cadres need LLCT intermediate, civil servants LLCT elementary (assumption)."""


@dataclass(frozen=True)
class PostSpec:
    """A post of Decree 34/2019 with what the generator needs to staff it."""

    post_id: str
    name: str
    category: str
    leadership: bool
    female: float
    """Share of women holding the post."""
    ages: tuple[int, int]
    """Youngest and oldest plausible age in office."""

    @property
    def standard(self) -> tuple[str, str]:
        return STANDARDS[self.category]

    @property
    def group(self) -> str:
        """Which qualification profile applies: ``leader``, ``mass`` (other cadres) or ``cs``."""
        if self.category == "civil_servant":
            return "cs"
        return "leader" if self.leadership else "mass"


_CADRE, _CS = "cadre", "civil_servant"
POSTS: tuple[PostSpec, ...] = (
    PostSpec("bi-thu", "Bí thư Đảng ủy", _CADRE, True, 0.10, (32, 59)),
    PostSpec("pho-bi-thu", "Phó Bí thư Đảng ủy", _CADRE, True, 0.15, (30, 59)),
    PostSpec("ct-hdnd", "Chủ tịch Hội đồng nhân dân", _CADRE, True, 0.12, (32, 59)),
    PostSpec("pct-hdnd", "Phó Chủ tịch Hội đồng nhân dân", _CADRE, True, 0.25, (28, 59)),
    PostSpec("ct-ubnd", "Chủ tịch Ủy ban nhân dân", _CADRE, True, 0.10, (30, 59)),
    PostSpec("pct-ubnd", "Phó Chủ tịch Ủy ban nhân dân", _CADRE, True, 0.20, (28, 59)),
    PostSpec("ct-mttq", "Chủ tịch Ủy ban Mặt trận Tổ quốc", _CADRE, False, 0.25, (30, 59)),
    PostSpec(
        "bt-doan", "Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh", _CADRE, False, 0.35, (23, 33)
    ),
    PostSpec("ct-phu-nu", "Chủ tịch Hội Liên hiệp Phụ nữ", _CADRE, False, 1.00, (27, 54)),
    PostSpec("ct-nong-dan", "Chủ tịch Hội Nông dân", _CADRE, False, 0.20, (30, 59)),
    PostSpec("ct-cuu-chien-binh", "Chủ tịch Hội Cựu chiến binh", _CADRE, False, 0.03, (42, 59)),
    PostSpec("chqs", "Chỉ huy trưởng Ban Chỉ huy Quân sự", _CS, False, 0.00, (26, 50)),
    PostSpec("vp-tk", "Văn phòng - Thống kê", _CS, False, 0.55, (23, 58)),
    PostSpec("dc-xd", "Địa chính - Xây dựng - Đô thị và Môi trường", _CS, False, 0.20, (23, 58)),
    PostSpec("tc-kt", "Tài chính - Kế toán", _CS, False, 0.65, (23, 58)),
    PostSpec("tp-ht", "Tư pháp - Hộ tịch", _CS, False, 0.50, (23, 58)),
    PostSpec("vh-xh", "Văn hóa - Xã hội", _CS, False, 0.50, (23, 58)),
)
POST_BY_ID: dict[str, PostSpec] = {post.post_id: post for post in POSTS}

# The order in which a unit's headcount is filled: the posts every unit has first, then
# second holders of civil-servant posts and the posts often held concurrently (a secretary
# who also chairs the People's Council leaves that post without a separate holder).
ROSTER_ORDER: tuple[str, ...] = (
    "bi-thu",
    "ct-ubnd",
    "pct-ubnd",
    "ct-mttq",
    "bt-doan",
    "ct-phu-nu",
    "ct-nong-dan",
    "ct-cuu-chien-binh",
    "chqs",
    "vp-tk",
    "dc-xd",
    "tc-kt",
    "tp-ht",
    "vh-xh",
    "pct-hdnd",
    "vp-tk",
    "dc-xd",
    "tp-ht",
    "vh-xh",
    "tc-kt",
    "pho-bi-thu",
    "ct-hdnd",
    "dc-xd",
    "pct-ubnd",
)
_EXTRA_ORDER = ("vp-tk", "dc-xd", "tc-kt", "tp-ht", "vh-xh")


def unit_roster(size: int) -> list[str]:
    """The post of each of a unit's ``size`` officials (19 -> 9 cadres and 10 civil servants)."""
    if size < 1:
        raise ValueError("a unit needs at least one official")
    extra = size - len(ROSTER_ORDER)
    return list(ROSTER_ORDER[:size]) + [_EXTRA_ORDER[i % len(_EXTRA_ORDER)] for i in range(extra)]


# ---------------------------------------------------------------- qualifications in 2018


@dataclass(frozen=True)
class Profile:
    """A (degree, LLCT) pair held in 2018, how many hold it, and the age band of its holders."""

    degree: str
    llct: str
    count: int
    band: str


AGE_BANDS: dict[str, tuple[int, int]] = {"young": (24, 40), "mid": (32, 53), "old": (43, 59)}

# Counts are Bình Gia's 368 officials in 2018 (65 leaders, 95 other cadres, 208 civil servants;
# see scenarios/binh-gia-2018/README.md); the generator uses them as weights.
PROFILES: dict[str, tuple[Profile, ...]] = {
    "leader": (
        Profile("university", "intermediate", 19, "mid"),
        Profile("master", "intermediate", 1, "mid"),
        Profile("college", "intermediate", 8, "mid"),
        Profile("university", "advanced", 2, "old"),
        Profile("intermediate", "intermediate", 25, "old"),
        Profile("intermediate", "elementary", 4, "mid"),
        Profile("university", "elementary", 4, "young"),
        Profile("college", "elementary", 2, "young"),
    ),
    "mass": (
        Profile("university", "intermediate", 10, "mid"),
        Profile("college", "intermediate", 8, "mid"),
        Profile("intermediate", "intermediate", 28, "old"),
        Profile("intermediate", "elementary", 16, "mid"),
        Profile("university", "elementary", 8, "young"),
        Profile("college", "elementary", 4, "young"),
        Profile("university", "none", 3, "young"),
        Profile("college", "none", 2, "young"),
        Profile("intermediate", "none", 5, "mid"),
        Profile("none", "elementary", 8, "old"),
        Profile("none", "none", 3, "old"),
    ),
    "cs": (
        Profile("university", "elementary", 58, "young"),
        Profile("university", "intermediate", 20, "mid"),
        Profile("college", "elementary", 36, "young"),
        Profile("college", "intermediate", 5, "mid"),
        Profile("university", "none", 7, "young"),
        Profile("college", "none", 5, "young"),
        Profile("intermediate", "elementary", 50, "mid"),
        Profile("intermediate", "intermediate", 5, "old"),
        Profile("intermediate", "none", 16, "mid"),
        Profile("none", "elementary", 4, "old"),
        Profile("none", "none", 2, "old"),
    ),
}

# ---------------------------------------------------------------- courses and offerings

COURSE_COLUMNS: tuple[str, ...] = (
    "course_id",
    "name",
    "track",
    "grants",
    "requires",
    "months",
    "away_days",
    "mode",
    "cost_per_learner",
    "provider",
    "max_age",
    "obligation",
    "class_max",
    "class_min",
    "class_cost",
    "lecturer_hours",
    "subject",
)


def _course(*values: object) -> dict[str, object]:
    return dict(zip(COURSE_COLUMNS, values, strict=True))


COURSES: tuple[dict[str, object], ...] = (
    _course(
        "llct-sc",
        "Sơ cấp lý luận chính trị",
        "llct",
        "elementary",
        "",
        1,
        22,
        "full_time",
        1_500_000,
        "internal",
        "",
        0,
        40,
        5,
        20_000_000,
        120,
        "llct",
    ),
    _course(
        "llct-tc",
        "Trung cấp lý luận chính trị - hành chính (tại chức)",
        "llct",
        "intermediate",
        "llct>=elementary; degree>=college",
        12,
        60,
        "in_service",
        12_000_000,
        "external",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    _course(
        "cm-tc",
        "Trung cấp chuyên môn (vừa làm vừa học)",
        "degree",
        "intermediate",
        "",
        18,
        60,
        "in_service",
        12_000_000,
        "external",
        50,
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    _course(
        "cm-cd",
        "Cao đẳng liên thông từ trung cấp (vừa làm vừa học)",
        "degree",
        "college",
        "degree>=intermediate",
        24,
        60,
        "in_service",
        20_000_000,
        "external",
        50,
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    _course(
        "cm-dh-lt",
        "Đại học liên thông từ cao đẳng (vừa làm vừa học)",
        "degree",
        "university",
        "degree>=college",
        24,
        60,
        "in_service",
        24_000_000,
        "external",
        50,
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    _course(
        "cm-dh",
        "Đại học vừa làm vừa học (từ trung cấp)",
        "degree",
        "university",
        "degree>=intermediate",
        48,
        120,
        "in_service",
        40_000_000,
        "external",
        45,
        "",
        "",
        "",
        "",
        "",
        "",
    ),
)

OFFERING_COLUMNS: tuple[str, ...] = ("course_id", "year", "seats", "classes")

# Per 368 officials (Bình Gia): seats (external) or classes (internal) a year, by year offset
# from the first year; the last entry repeats. A year is offered only if the course ends in
# the horizon. Degree seats add up to 11 a year (the article: "10+ a year, 11 in 2021").
OFFER_RATES: dict[str, tuple[int, ...]] = {
    "llct-sc": (2,),
    "llct-tc": (10,),
    "cm-tc": (2,),
    "cm-cd": (5,),
    "cm-dh-lt": (2, 2, 4),
    "cm-dh": (2,),
}
BASE_OFFICIALS = 368


def course_span(course: dict[str, object]) -> int:
    return math.ceil(int(str(course["months"])) / 12)


def offering_rows(first_year: int, last_year: int, officials: int) -> Iterator[list[object]]:
    """Offerings scaled to ``officials``: at least one seat or class a year where offered."""
    factor = Fraction(officials, BASE_OFFICIALS)
    for course in COURSES:
        course_id = str(course["course_id"])
        per_year = OFFER_RATES[course_id]
        for offset, year in enumerate(range(first_year, last_year + 1)):
            if year + course_span(course) - 1 > last_year:
                break
            amount = max(1, math.ceil(per_year[min(offset, len(per_year) - 1)] * factor))
            if course["provider"] == "internal":
                yield [course_id, year, "", amount]
            else:
                yield [course_id, year, amount, ""]


# ---------------------------------------------------------------- names


def _weighted(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """``"Nguyễn 30, Trần 10, Lê"`` -> names and cumulative weights (1 when not given)."""
    names, weights = [], []
    for item in text.split(","):
        parts = item.split()
        if parts and parts[-1].isdigit():
            names.append(" ".join(parts[:-1]))
            weights.append(int(parts[-1]))
        else:
            names.append(" ".join(parts))
            weights.append(1)
    return tuple(names), tuple(accumulate(weights))


# Bình Gia's five main peoples (langson.gov.vn: Nùng, Tày, Kinh, Dao, Hoa; a Nùng-Tày culture);
# the shares are an assumption.
ETHNIC_GROUPS = _weighted("Tày 50, Nùng 34, Kinh 9, Dao 6, Hoa 1")
SURNAMES: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    "Tày": _weighted(
        "Hoàng 15, Nông 12, Lương 10, Vi 8, Hà 6, Lộc 6, Chu 5, Đinh 5, Nguyễn 5, Lăng 4, Bế 4, "
        "Lành 3, Mã 3, Hứa 3, Dương 3, Lâm 3, Đàm 3, Lục 3, Ma 2, Tô 2, Triệu 2, Vy 2, Linh 2"
    ),
    "Nùng": _weighted(
        "Hoàng 10, Vi 8, Lương 6, Lý 6, Nông 6, Chu 4, Lục 4, Mông 3, Hứa 3, Triệu 3, La 3, "
        "Lộc 3, Sầm 2, Lô 2, Lành 2"
    ),
    "Kinh": _weighted(
        "Nguyễn 30, Trần 10, Lê 9, Phạm 7, Hoàng 5, Vũ 4, Đặng 3, Bùi 3, Đỗ 3, Hồ 2, Ngô 2, "
        "Dương 2, Lý 1, Phan 2, Đào 2"
    ),
    "Dao": _weighted("Triệu 12, Bàn 8, Đặng 6, Lý 5, Phùng 4, Chu 2, Dương 2"),
    "Hoa": _weighted("Lưu 3, Trương 3, Lâm 2, Hoàng 2, Lý 2, Tăng"),
}
MIDDLE_NAMES = {
    "M": _weighted(
        "Văn 60, Đức 8, Minh 6, Quang 5, Hữu 5, Xuân 4, Thanh 4, Ngọc 3, Trung 3, "
        "Mạnh 2, Hoàng 2, Đình 2"
    ),
    "F": _weighted("Thị 70, Thu 5, Thanh 5, Ngọc 4, Hồng 4, Kim 3, Minh 3, Bích 2, Phương 2"),
}
GIVEN_NAMES = {
    "M": _weighted(
        "An, Bằng, Bình, Chiến, Chung, Công, Cường, Dũng, Duy, Đạt, Điệp, Định, Đông, Đức, "
        "Giang, Hải, Hiếu, Hòa, Hoàn, Hùng, Huy, Khánh, Khoa, Kiên, Lâm, Linh, Long, Lực, "
        "Mạnh, Minh, Nam, Nghĩa, Ninh, Phong, Phúc, Quân, Quang, Quyết, Sơn, Sỹ, Tài, Tâm, "
        "Thắng, Thành, Thịnh, Thọ, Thuận, Tiến, Toàn, Trọng, Trung, Trường, Tuấn, Tùng, "
        "Tuyên, Việt, Vinh, Vũ, Xuân, Đựng, Thụ, Hưởng, Chương, Quế"
    ),
    "F": _weighted(
        "Anh, Ánh, Bích, Chang, Chinh, Dung, Duyên, Giang, Hà, Hạnh, Hằng, Hiền, Hoa, Hoài, "
        "Hồng, Huệ, Hương, Hường, Huyền, Lan, Liên, Liễu, Linh, Loan, Lụa, Mai, Miên, Nga, "
        "Ngân, Nguyệt, Nhàn, Nhung, Oanh, Phượng, Quyên, Sen, Tâm, Thảo, Thoa, Thơm, Thu, "
        "Thủy, Thương, Trang, Tuyết, Uyên, Vân, Xuân, Yến, Lừu"
    ),
}


def _pick(rng: random.Random, table: tuple[tuple[str, ...], tuple[int, ...]]) -> str:
    names, cumulative = table
    return rng.choices(names, cum_weights=cumulative)[0]


def person_name(rng: random.Random, sex: str) -> tuple[str, bool]:
    """A full name (surname, middle, given) and whether the person belongs to an ethnic minority."""
    group = _pick(rng, ETHNIC_GROUPS)
    surname = _pick(rng, SURNAMES[group])
    middle, given = _pick(rng, MIDDLE_NAMES[sex]), _pick(rng, GIVEN_NAMES[sex])
    return f"{surname} {middle} {given}", group != "Kinh"


# ---------------------------------------------------------------- officials

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


def profile_deck(rng: random.Random, group: str, size: int) -> list[Profile]:
    """``size`` profiles of ``group`` in the proportions of ``PROFILES`` (largest remainders),
    shuffled: a district gets the calibrated mix, not a sample that may stray from it."""
    profiles = PROFILES[group]
    total = sum(p.count for p in profiles)
    counts = [p.count * size // total for p in profiles]
    by_remainder = sorted(
        range(len(profiles)), key=lambda i: (-(profiles[i].count * size % total), i)
    )
    for i in by_remainder[: size - sum(counts)]:
        counts[i] += 1
    deck = [p for p, count in zip(profiles, counts, strict=True) for _ in range(count)]
    rng.shuffle(deck)
    return deck


# ---------------------------------------------------------------- files


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


def course_rows() -> Iterator[list[object]]:
    for course in COURSES:
        yield [course[column] for column in COURSE_COLUMNS]


def unit_class(size: int) -> str:
    """The lowest commune class whose headcount (Decree 34/2019: III 19, II 21, I 23) admits
    ``size`` officials."""
    return "III" if size <= 19 else "II" if size <= 21 else "I"


_PLACE_SYLLABLES = (
    "An",
    "Bình",
    "Hòa",
    "Hưng",
    "Phú",
    "Tân",
    "Thành",
    "Thiện",
    "Hồng",
    "Quang",
    "Minh",
    "Vĩnh",
    "Yên",
    "Đồng",
    "Phúc",
    "Lộc",
    "Tiến",
    "Thắng",
    "Trung",
    "Nghĩa",
    "Sơn",
    "Long",
    "Hải",
    "Xuân",
    "Đức",
    "Thịnh",
    "Lợi",
    "Lạc",
    "Mỹ",
    "Thuận",
    "Khánh",
    "Cường",
    "Văn",
    "Thái",
    "Quý",
    "Hoa",
    "Tú",
    "Mai",
    "Châu",
    "Lâm",
)
_PLACE_NAMES = tuple(f"{a} {b}" for a in _PLACE_SYLLABLES for b in _PLACE_SYLLABLES if a != b)


def place_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct two-syllable place names (numbered once the combinations run out)."""
    if count <= len(_PLACE_NAMES):
        return rng.sample(_PLACE_NAMES, count)
    size = len(_PLACE_NAMES)
    return [f"{_PLACE_NAMES[i % size]} {i // size + 1}" for i in range(count)]


def settings_yaml(
    *,
    name: str,
    title: str,
    first_year: int,
    last_year: int,
    per_year: int,
    total: int | None,
    retire_by: dict[str, int] | None = None,
) -> str:
    """scenario.yaml: the Plan 98-KH/HU targets, later standard targets, budget, continuity.

    ``retire_by`` gives, for ``cadre``, ``civil_servant``, ``leader`` and ``all``, the year by
    which the last of them retires; a target whose population has all retired is left out.
    """
    target_year = min(first_year + 2, last_year)
    targets = [
        (
            "cadre",
            f"cadres-{target_year}",
            target_year,
            0.40,
            ["who: {category: cadre}", "has: {degree: college}", "standard: [llct]"],
        ),
        (
            "civil_servant",
            f"civil-servants-{target_year}",
            target_year,
            0.60,
            ["who: {category: civil_servant}", "has: {degree: college}", "standard: [llct]"],
        ),
        *(
            ("all", f"standard-{year}", year, share, ["standard: [degree, llct]"])
            for year, share in ((first_year + 3, 0.85), (first_year + 4, 0.88))
            if target_year < year <= last_year
        ),
        (
            "leader",
            f"leaders-university-{last_year}",
            last_year,
            0.50,
            ["who: {leadership: true}", "has: {degree: university}"],
        ),
    ]
    lines = [
        f"name: {json.dumps(name, ensure_ascii=False)}",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"horizon: [{first_year}, {last_year}]",
        "tracks:",
        *(f"  {track}: [{', '.join(levels)}]" for track, levels in TRACKS.items()),
        "targets:",
    ]
    kept = 0
    for group, target_id, year, share, body in targets:
        if retire_by is not None and retire_by.get(group, 0) <= year:
            continue
        lines += [
            f"  - id: {target_id}",
            f"    year: {year}",
            *(f"    {line}" for line in body),
            f"    share: {share:.2f}",
        ]
        kept += 1
    if not kept:
        lines[-1] = "targets: []"
    lines += [
        f"budget: {{per_year: {per_year}, total: {'null' if total is None else total}}}",
        "continuity:",
        "  working_days: 250",
        "  max_away_share: 0.10",
        "  max_leaders_away: 1",
        "  max_personal_days: 80",
        "  day_value: 300000",
        "  leader_factor: 2.0",
    ]
    if first_year <= 2021 <= last_year:
        lines += ["  years:", "    2021: {max_away_share: 0.05}"]
    lines.append("service_obligation: 2.0")
    return "\n".join(lines) + "\n"


BUDGET_PER_OFFICIAL = 1_100_000
"""VND a year per official (Bình Gia: 368 x 1.1 million ≈ 400 million a year)."""


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

    def units_table() -> Iterator[list[object]]:
        for p, d, prefix in district_keys:
            names = place_names(rng, units)
            for u in range(units):
                kind = "Thị trấn" if u == 0 else "Xã"
                yield [
                    f"{prefix}-U{u + 1:03d}",
                    f"{kind} {names[u]}",
                    f"Huyện {district_names[p][d]}",
                    f"Tỉnh {province_names[p]}",
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
                ]

    write_csv(out / "units.csv", UNIT_COLUMNS, units_table())
    write_csv(out / "posts.csv", POST_COLUMNS, post_rows())
    write_csv(out / "officials.csv", OFFICIAL_COLUMNS, officials_table())
    write_csv(out / "courses.csv", COURSE_COLUMNS, course_rows())
    write_csv(
        out / "offerings.csv", OFFERING_COLUMNS, offering_rows(first_year, last_year, officials)
    )
    write_csv(out / "lecturers.csv", LECTURER_COLUMNS, lecturers_table())
    per_year = officials * BUDGET_PER_OFFICIAL
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
            retire_by=_retire_by(youngest),
        ),
        encoding="utf-8",
    )
    return out


_TARGET_GROUPS = {
    "leader": ("leader", "cadre", "all"),
    "mass": ("cadre", "all"),
    "cs": ("civil_servant", "all"),
}


def _retire_by(youngest: dict[tuple[str, str], str]) -> dict[str, int]:
    """The year the last official of each target group retires, from the youngest births."""
    last: dict[str, int] = {}
    for (group, sex), birth in sorted(youngest.items()):
        year = retirement_month("F" if sex == "F" else "M", YearMonth.parse(birth)).year
        for name in _TARGET_GROUPS[group]:
            last[name] = max(last.get(name, 0), year)
    return last


# ---------------------------------------------------------------- a greedy witness plan


@dataclass(frozen=True)
class Status:
    """A target in a plan: population, qualified, required (SPEC.md rule 7)."""

    target_id: str
    year: int
    population: int
    qualified: int
    required: int

    @property
    def met(self) -> bool:
        return self.qualified >= self.required


@dataclass
class Witness:
    """A greedy plan: enrollments, classes and what it achieves."""

    enrollments: list[tuple[str, str, int]]
    classes: list[tuple[str, int, int, int, str, int]]
    """(course_id, year, class_no, learners, lecturer_id, hours)"""
    cost_by_year: dict[int, Fraction]
    before: list[Status]
    after: list[Status]
    problems: list[str] = field(default_factory=list)

    @property
    def cost(self) -> Fraction:
        return sum(self.cost_by_year.values(), Fraction(0))


Route = tuple[tuple[Course, int], ...]


def may_take(scenario: Scenario, official: Official, course: Course, start: int) -> bool:
    """The rules that depend on the official and the course alone (SPEC.md rules 1-3): it
    ends in the horizon, the official is young enough and serves the obligation after it."""
    end = course.end_year(start)
    if end > scenario.settings.horizon[1]:
        return False
    if course.max_age is not None and start - official.birth.year > course.max_age:
        return False
    served = official.months_served_after(end)
    return official.retirement.year > end and served >= scenario.obligation_months(course)


class _Ledger:
    """What a plan under construction uses, with a journal so a failed route can be undone."""

    def __init__(self, scenario: Scenario) -> None:
        self.s = scenario
        self.used: dict[tuple[Any, ...], Any] = {}
        self.journal: list[tuple[tuple[Any, ...], Any]] = []
        self.offered: dict[str, list[int]] = defaultdict(list)
        for offering in sorted(scenario.offerings, key=lambda o: (o.course_id, o.year)):
            self.offered[offering.course_id].append(offering.year)
        self.by_track: dict[str, list[Course]] = defaultdict(list)
        for course in scenario.courses:
            self.by_track[course.track].append(course)

    def get(self, *key: Any) -> Any:
        return self.used.get(key, 0)

    def put(self, value: Any, *key: Any) -> None:
        self.journal.append((key, self.used.get(key)))
        self.used[key] = value

    def undo(self, mark: int) -> None:
        while len(self.journal) > mark:
            key, old = self.journal.pop()
            if old is None:
                del self.used[key]
            else:
                self.used[key] = old

    def level(self, official: Official, track: str, year: int) -> int:
        """Rank held at the end of ``year``: the initial level raised by completed courses."""
        rank = self.s.rank(track, official.levels[track])
        for end, granted in self.get("done", official.official_id, track) or ():
            if end <= year:
                rank = max(rank, granted)
        return rank

    def allowed(self, official: Official, course: Course, start: int) -> bool:
        return may_take(self.s, official, course, start)

    def add(self, official: Official, course: Course, start: int) -> bool:
        """Enroll if every rule still holds; on failure nothing is changed."""
        mark = len(self.journal)
        if self._add(official, course, start):
            return True
        self.undo(mark)
        return False

    def _add(self, official: Official, course: Course, start: int) -> bool:
        s, oid, cid = self.s, official.official_id, course.course_id
        offering = s.offering_by_key.get((cid, start))
        if offering is None or self.get("taken", oid, cid):
            return False
        if not self.allowed(official, course, start):
            return False
        if self.level(official, course.track, start - 1) >= s.rank(course.track, course.grants):
            return False
        for requirement in course.requires:
            if self.level(official, requirement.track, start - 1) < s.rank(
                requirement.track, requirement.level
            ):
                return False
        span, years = course.span, list(course.years(start))
        continuity = s.settings.continuity
        leader = s.post_of(official).leadership
        days = Fraction(course.away_days, span)
        for year in years:
            rules = continuity.rules(year)
            personal = self.get("away", oid, year) + days
            unit = self.get("unit", official.unit_id, year) + days
            if personal > rules.max_personal_days or unit > s.away_limit(official.unit_id, year):
                return False
            self.put(personal, "away", oid, year)
            self.put(unit, "unit", official.unit_id, year)
            if course.mode == "full_time" and leader:
                leaders = self.get("leaders", official.unit_id, year) + 1
                if leaders > rules.max_leaders_away:
                    return False
                self.put(leaders, "leaders", official.unit_id, year)
        money = Fraction(course.cost_per_learner, span)
        if course.provider == "external":
            seats = self.get("seats", cid, start) + 1
            if seats > (offering.seats or 0):
                return False
            self.put(seats, "seats", cid, start)
        else:
            learners = self.get("learners", cid, start) + 1
            classes = self.get("classes", cid, start)
            assert course.class_max is not None
            if learners > classes * course.class_max:
                opened = self._open_class(course, start, classes + 1, offering.classes or 0)
                if opened is None:
                    return False
                money += opened
            self.put(learners, "learners", cid, start)
        budget = s.settings.budget
        for year in years:
            spent = self.get("money", year) + money
            if budget.per_year is not None and spent > budget.per_year:
                return False
            self.put(spent, "money", year)
        total = self.get("total") + money * span
        if budget.total is not None and total > budget.total:
            return False
        self.put(total, "total")
        self.put(start, "taken", oid, cid)
        done = self.get("done", oid, course.track) or ()
        self.put(
            (*done, (course.end_year(start), s.rank(course.track, course.grants))),
            "done",
            oid,
            course.track,
        )
        self.put((*(self.get("plan") or ()), (oid, cid, start)), "plan")
        return True

    def _open_class(self, course: Course, start: int, number: int, allowed: int) -> Fraction | None:
        """Open class ``number`` with lecturers' hours; its yearly cost, or None if impossible."""
        if number > allowed:
            return None
        assert course.lecturer_hours is not None and course.class_cost is not None
        years = list(course.years(start))
        lecturers = sorted(
            (
                lec
                for lec in self.s.lecturers
                if course.subject in lec.subjects and all(lec.active(y) for y in years)
            ),
            key=lambda lec: (lec.cost_per_hour, lec.lecturer_id),
        )
        needed, money, rows = course.lecturer_hours, Fraction(course.class_cost), []
        for lecturer in lecturers:
            if needed == 0:
                break
            spare = min(
                lecturer.hours_per_year - self.get("hours", lecturer.lecturer_id, y) for y in years
            ) * len(years)
            hours = min(needed, int(spare))
            if hours <= 0:
                continue
            for y in years:
                self.put(
                    self.get("hours", lecturer.lecturer_id, y) + Fraction(hours, len(years)),
                    "hours",
                    lecturer.lecturer_id,
                    y,
                )
            rows.append((lecturer.lecturer_id, hours))
            money += hours * lecturer.cost_per_hour
            needed -= hours
        if needed:
            return None
        self.put(number, "classes", course.course_id, start)
        self.put(tuple(rows), "teach", course.course_id, start, number)
        return money / len(years)

    def routes(
        self, official: Official, track: str, need: int, by_year: int, depth: int
    ) -> list[Route]:
        """Ways to hold rank ``need`` in ``track`` by the end of ``by_year`` (prerequisites too)."""
        if self.level(official, track, by_year) >= need:
            return [()]
        if depth == 0:
            return []
        found: list[Route] = []
        for course in self.by_track[track]:
            if self.s.rank(track, course.grants) < need or self.get(
                "taken", official.official_id, course.course_id
            ):
                continue
            for start in self.offered[course.course_id]:
                if course.end_year(start) > by_year or not self.allowed(official, course, start):
                    continue
                before: list[Route] = [()]
                for requirement in course.requires:
                    rank = self.s.rank(requirement.track, requirement.level)
                    ways = self.routes(official, requirement.track, rank, start - 1, depth - 1)
                    before = [a + b for a in before for b in ways]
                found += [(*way, (course, start)) for way in before]
        return found


def qualifying_routes(scenario: Scenario, target: Target) -> dict[str, list[Route]]:
    """For each official of the target's population not qualified at the start: the ways
    (course and start year, prerequisites first) to qualify by the target's year, seats and
    budget aside. An empty list: nothing can qualify them in time."""
    ledger = _Ledger(scenario)
    found = {}
    for official in scenario.population(target):
        needs = scenario.required_levels(target, official)
        if all(ledger.level(official, t, target.year) >= r for t, r in needs.items()):
            continue
        found[official.official_id] = _combined_routes(ledger, official, needs, target.year)
    return found


def _combined_routes(
    ledger: _Ledger, official: Official, needs: dict[str, int], year: int
) -> list[Route]:
    """Routes meeting every needed rank (a step two tracks share is taken once), each course
    at most once."""
    per_track = [ledger.routes(official, track, rank, year, 3) for track, rank in needs.items()]
    routes = []
    for combo in product(*per_track):
        steps = {(c.course_id, start): (c, start) for part in combo for c, start in part}
        route = tuple(steps[key] for key in sorted(steps, key=lambda key: (key[1], key[0])))
        if len({course.course_id for course, _ in route}) == len(route):
            routes.append(route)
    return routes


def statuses(scenario: Scenario, ledger: _Ledger) -> list[Status]:
    result = []
    for target in scenario.settings.targets:
        population = scenario.population(target)
        qualified = sum(
            all(
                ledger.level(official, track, target.year) >= rank
                for track, rank in scenario.required_levels(target, official).items()
            )
            for official in population
        )
        required = math.ceil(as_fraction(target.share) * len(population))
        result.append(Status(target.id, target.year, len(population), qualified, required))
    return result


def _route_key(
    scenario: Scenario, official: Official, route: Route, early: bool
) -> tuple[Any, ...]:
    continuity = scenario.settings.continuity
    factor = continuity.leader_factor if scenario.post_of(official).leadership else 1.0
    money = sum(c.cost_per_learner + c.away_days * continuity.day_value * factor for c, _ in route)
    starts = sum(start for _, start in route)
    return (
        money,
        len(route),
        starts if early else -starts,
        official.official_id,
        tuple((c.course_id, y) for c, y in route),
    )


def witness_plan(scenario: Scenario) -> Witness:
    """A greedy plan meeting the targets one by one, in year order, by the cheapest routes.

    For each target with a shortfall, every official of its population who is not qualified
    gets its routes (a course, with the courses its prerequisites need, up to three deep);
    routes are tried cheapest first (money plus away days x day_value), and a route is kept
    only if seats, classes, lecturers, budget and continuity all allow it. Classes below
    class_min are then topped up with other officials who lack the course's level. Ties are
    broken once towards early and once towards late starts; the plan with the smaller total
    shortfall (then cost) is returned.
    """
    plans = [_greedy(scenario, early) for early in (True, False)]
    return min(
        plans,
        key=lambda w: (sum(s.required - min(s.qualified, s.required) for s in w.after), w.cost),
    )


def _greedy(scenario: Scenario, early: bool) -> Witness:
    ledger = _Ledger(scenario)
    before = statuses(scenario, ledger)
    for target in sorted(scenario.settings.targets, key=lambda t: t.year):
        population = scenario.population(target)
        shortfall = math.ceil(as_fraction(target.share) * len(population))
        options: list[tuple[tuple[Any, ...], Official, Route]] = []
        for official in population:
            needs = scenario.required_levels(target, official)
            if all(ledger.level(official, t, target.year) >= r for t, r in needs.items()):
                shortfall -= 1
                continue
            for route in _combined_routes(ledger, official, needs, target.year):
                options.append((_route_key(scenario, official, route, early), official, route))
        options.sort(key=lambda option: option[0])
        done: set[str] = set()
        for _, official, route in options:
            if shortfall <= 0:
                break
            if official.official_id in done:
                continue
            mark = len(ledger.journal)
            if all(ledger.add(official, course, start) for course, start in route):
                shortfall -= 1
                done.add(official.official_id)
            else:
                ledger.undo(mark)
    problems = _fill_classes(scenario, ledger)
    plan = sorted(ledger.get("plan") or ())
    classes = []
    opened = sorted((key[1:], count) for key, count in ledger.used.items() if key[0] == "classes")
    for (course_id, year), count in opened:
        learners = ledger.get("learners", course_id, year)
        for number in range(1, count + 1):
            share = learners // count + (1 if number <= learners % count else 0)
            for lecturer_id, hours in ledger.get("teach", course_id, year, number):
                classes.append((course_id, year, number, share, lecturer_id, hours))
    cost = {year: ledger.get("money", year) or Fraction(0) for year in scenario.years}
    return Witness(plan, classes, cost, before, statuses(scenario, ledger), problems)


def _fill_classes(scenario: Scenario, ledger: _Ledger) -> list[str]:
    """Top up classes below class_min with officials who lack the course's level."""
    problems = []
    for course in scenario.courses:
        if course.provider != "internal":
            continue
        assert course.class_min is not None
        for year in ledger.offered[course.course_id]:
            classes = ledger.get("classes", course.course_id, year)
            for official in scenario.officials:
                if ledger.get("learners", course.course_id, year) >= classes * course.class_min:
                    break
                ledger.add(official, course, year)
            if ledger.get("learners", course.course_id, year) < classes * course.class_min:
                problems.append(f"{course.course_id} {year}: a class below class_min")
    return problems
