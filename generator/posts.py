"""Posts of Decree 34/2019 and the qualifications their holders had in 2018: what a generated
commune is staffed with (calibrated on Bình Gia district, DOMAIN.md)."""

from __future__ import annotations

import random
from dataclasses import dataclass

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


def unit_class(size: int) -> str:
    """The lowest commune class whose headcount (Decree 34/2019: III 19, II 21, I 23) admits
    ``size`` officials."""
    return "III" if size <= 19 else "II" if size <= 21 else "I"
