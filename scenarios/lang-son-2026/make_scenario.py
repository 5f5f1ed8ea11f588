"""Write the built-in scenario lang-son-2026 and print the figures its README quotes.

    .venv/bin/python scenarios/lang-son-2026/make_scenario.py [--solve]

Lạng Sơn after the 2025 reorganisation: no district level, 65 commune-level units (61
communes, 4 wards), the government side's 2,376 staff in post in September 2025, planned for
2026–2030 under the standards of Decree 33/2023 and the Steering Committee's Dispatch 11. The
CSV files are checked in; this script is how they were made (deterministic: the same files
every run). The README explains, figure by figure, where each number comes from. With
``--solve`` it also solves the scenario (HiGHS, to a proven optimum) and prints the plan's
figures as the independent checker sees them.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

from trainplan.checking.checker import evaluate
from trainplan.files import read_scenario
from trainplan.generator.names import person_name
from trainplan.generator.tables import write_csv
from trainplan.models.plan import Plan
from trainplan.models.retirement import YearMonth, retirement_month
from trainplan.models.scenario import Scenario
from trainplan.solver.candidates import enumerate_candidates as candidates

FOLDER = Path(__file__).resolve().parent
SEED = 16_06_2025  # Resolution 1672/NQ-UBTVQH15, adopted 16 Jun 2025
FIRST, LAST = 2026, 2030
WINDOW_END = 2029  # a degree completed by the end of 2029 is held by mid-2030 (Dispatch 11)
OBLIGATION = 2  # service_obligation: months served >= 2 x the course's months (Decree 101/2017)

# The 65 units of Resolution 1672/NQ-UBTVQH15 (in force 16 Jun 2025, operating from 1 Jul 2025),
# in the resolution's order: 61 communes, then 4 wards.
COMMUNE_NAMES = """
    Thất Khê, Đoàn Kết, Tân Tiến, Tràng Định, Quốc Khánh, Kháng Chiến, Quốc Việt, Bình Gia,
    Tân Văn, Hồng Phong, Hoa Thám, Quý Hòa, Thiện Hòa, Thiện Thuật, Thiện Long, Bắc Sơn, Hưng Vũ,
    Vũ Lăng, Nhất Hòa, Vũ Lễ, Tân Tri, Văn Quan, Điềm He, Yên Phúc, Tri Lễ, Tân Đoàn, Khánh Khê,
    Na Sầm, Hoàng Văn Thụ, Thụy Hùng, Văn Lãng, Hội Hoan, Lộc Bình, Mẫu Sơn, Na Dương, Lợi Bác,
    Thống Nhất, Xuân Dương, Khuất Xá, Đình Lập, Thái Bình, Châu Sơn, Kiên Mộc, Hữu Lũng, Tuấn Sơn,
    Tân Thành, Vân Nham, Thiện Tân, Yên Bình, Hữu Liên, Cai Kinh, Chi Lăng, Quan Sơn, Chiến Thắng,
    Nhân Lý, Bằng Mạc, Vạn Linh, Đồng Đăng, Cao Lộc, Công Sơn, Ba Sơn"""
COMMUNES = [" ".join(name.split()) for name in COMMUNE_NAMES.split(",")]
WARDS = ("Tam Thanh", "Lương Văn Tri", "Kỳ Lừa", "Đông Kinh")
STAFF = 2376  # government-side staff in post on 10 Sep 2025 (quota 2,457)
WARD_SIZE = 40  # the most a commune-level unit is given (Dispatch 03/CV-BCĐ: <= 40)
COMMUNE_SIZES = (33, 40)  # U: each commune between these, 2,216 in all (36.3 on average)
VICE_CHAIRS_3 = 29  # communes with 3 People's Committee vice chairs (the rest 2; wards 3)


def table(text: str) -> list[list[str]]:
    """The rows of a table written one row a line (a backslash continues it), cells separated
    by ``|``, runs of spaces as one."""
    return [
        [" ".join(cell.split()) for cell in line.split("|")] for line in text.strip().splitlines()
    ]


# post_id | name | category | leadership | std_degree | std_llct | std_qlnn | share of women (U)
POSTS = table("""
ct-hdnd | Chủ tịch Hội đồng nhân dân | cadre | true | university | intermediate | | 0.15
pct-hdnd | Phó Chủ tịch Hội đồng nhân dân | cadre | true | university | intermediate | | 0.30
ct-ubnd | Chủ tịch Ủy ban nhân dân | cadre | true | university | intermediate | | 0.12
pct-ubnd | Phó Chủ tịch Ủy ban nhân dân | cadre | true | university | intermediate | | 0.25
truong-phong | Trưởng phòng (Văn phòng HĐND-UBND, Kinh tế, Văn hóa - Xã hội) | civil_servant \
    | true | university | intermediate | department | 0.35
pho-phong | Phó Trưởng phòng, Phó Giám đốc Trung tâm phục vụ hành chính công | civil_servant \
    | true | university | intermediate | department | 0.40
cv-vp | Công chức Văn phòng HĐND và UBND (văn phòng, tư pháp - hộ tịch) | civil_servant \
    | false | intermediate | | | 0.60 | hành chính; luật
cv-kt | Công chức Phòng Kinh tế (tài chính - kế hoạch, xây dựng, nông nghiệp - môi trường) \
    | civil_servant | false | intermediate | | | 0.45 \
    | kinh tế; kế toán; xây dựng; nông nghiệp; quản lý đất đai
cv-vhxh | Công chức Phòng Văn hóa - Xã hội (văn hóa, giáo dục, y tế, lao động) | civil_servant \
    | false | intermediate | | | 0.60 | văn hóa; xã hội học; công tác xã hội
cv-tt | Công chức Trung tâm phục vụ hành chính công | civil_servant | false | intermediate | | \
    | 0.60 | hành chính; luật; công nghệ thông tin
""")
POST_COLUMNS = (
    *("post_id", "name", "category", "leadership"),
    *("std_degree", "std_llct", "std_qlnn", "fields_degree"),
)
FIELDS = {post[0]: post[8].split("; ") for post in POSTS if len(post) > 8}
"""The fields of study in which a degree meets each professional post's standard (Decree
33/2023 Art. 10: "a matching field"); leaders' posts name none (any field), U."""
GROUPS = {"cv-vp": "hc", "cv-tt": "hc", "cv-kt": "kt", "cv-vhxh": "vhxh"}
GROUP_FIELD = {"hc": "hành chính", "kt": "kinh tế", "vhxh": "văn hóa"}
"""The field of each group's degree courses: one accepted by every post of the group."""
MISMATCHED = 60  # professional graduates whose degree is in another group's field (U)
FEMALE = {post[0]: float(post[7]) for post in POSTS}
DEPUTIES = 7  # 2 per department and 1 for the service centre (Resolution 332/NQ-CP: about 2)
PROFESSIONALS = ("cv-kt", "cv-vp", "cv-vhxh", "cv-tt")
# The professionals of a unit take these posts in turn, 20 at a time: 6 economic, 5 office,
# 5 culture-social, 4 service centre (30/25/25/20 %, U).
TURNS = "kt vp vhxh kt tt vp kt vhxh tt kt vp vhxh kt tt vp kt vhxh tt vp vhxh"
PROFESSIONAL_TURNS = tuple(f"cv-{post}" for post in TURNS.split())

# Qualifications on 1 Jan 2026: the national mix of 31 Dec 2024 (206,707 commune staff) scaled
# to 2,376 — degree: 0.65 % below intermediate, 6.93 % intermediate or college, 92.42 %
# university or higher; LLCT: 12.31 % none or elementary, 80.62 % intermediate, 7.07 % advanced.
BELOW_UNIVERSITY = {"none": 15, "intermediate": 132, "college": 33}  # 180 = 0.65 % + 6.93 %
LLCT_ADVANCED = 168  # chairs of both councils and 38 vice chairs
LLCT_NONE, LLCT_ELEMENTARY = 146, 146  # 292 = 12.31 %, split half and half (U)
LEADERS_ELEMENTARY = 48  # deputy heads with LLCT elementary, appointed from commune staff (U)
QLNN_LACKING = {"truong-phong": 45, "pho-phong": 215}  # no department-leader course yet (U)
SUCCESSORS_PER_UNIT = 2  # professionals in the succession pool for 2030 (U)
AGE_BANDS = {"young": (24, 44), "mid": (45, 55), "old": (56, 61)}
AGE_SHARES = {"young": 1404, "mid": 727, "old": 245}  # 59.09 / 30.58 / 10.33 % of 2,376

# Courses (U but where the README cites D): the external ones buy seats, the political
# school's LLCT intermediate class is internal (its lecturers, classes of 30 to 50).
COURSE_COLUMNS = (
    *("course_id", "name", "track", "grants", "requires", "months", "away_days", "mode"),
    *("cost_per_learner", "provider", "obligation", "class_max", "class_min", "class_cost"),
    *("lecturer_hours", "subject", "field"),
)
COURSES = table("""
llct-sc | Sơ cấp lý luận chính trị (trung tâm chính trị cấp xã) | llct | elementary | | 1 | 22 \
    | full_time | 1500000 | external | 0 | | | | |
llct-tc | Trung cấp lý luận chính trị - hành chính (không tập trung), Trường Chính trị Hoàng \
    Văn Thụ | llct | intermediate | llct>=elementary; degree>=college | 12 | 60 | in_service \
    | 9000000 | internal | | 50 | 30 | 50000000 | 600 | llct
qlnn-phong | Bồi dưỡng lãnh đạo, quản lý cấp phòng (4 tuần) | qlnn | department | | 1 | 20 \
    | full_time | 4000000 | external | 0 | | | | |
dh-lt-cd | Đại học liên thông từ cao đẳng (vừa làm vừa học) | degree | university \
    | degree>=college | 24 | 60 | in_service | 24000000 | external | | | | | |
dh-lt-tc | Đại học liên thông từ trung cấp (vừa làm vừa học) | degree | university \
    | degree>=intermediate | 30 | 75 | in_service | 30000000 | external | | | | | |
dh-vlvh | Đại học vừa làm vừa học (4 năm) | degree | university | | 48 | 120 | in_service \
    | 48000000 | external | | | | | |
""")
MONTHS = {course[0]: int(course[5]) for course in COURSES}
DEGREE_COURSES = ("dh-lt-cd", "dh-lt-tc", "dh-vlvh")
"""Each is offered in the three groups' fields: ``dh-lt-cd-kt`` grants a university degree in
economics (and, to a graduate in another field, a second degree: the bridge from college is
as long as a second degree in service, about two years, U)."""
# (course, year): seats (external) or classes (internal), U: the province's degree places and
# the school's classes for commune staff. A course is offered only where it ends by 2030.
OFFERS: dict[str, dict[int, int]] = {
    "llct-sc": {2026: 60, 2027: 60, 2028: 40},
    "llct-tc": {2026: 2, 2027: 2, 2028: 2, 2029: 1, 2030: 1},
    "qlnn-phong": {2026: 100, 2027: 100, 2028: 100, 2029: 40, 2030: 40},
    # degree places by the groups' needs: bridges from intermediate and bachelors must end by
    # 2029 (the window), bridges from college by 2029 too, or by 2030 as second degrees
    "dh-lt-tc-hc": {2026: 25, 2027: 25},
    "dh-lt-tc-kt": {2026: 20, 2027: 20},
    "dh-lt-tc-vhxh": {2026: 15, 2027: 15},
    "dh-lt-cd-hc": {2026: 15, 2027: 15, 2028: 10, 2029: 5},
    "dh-lt-cd-kt": {2026: 10, 2027: 10, 2028: 5, 2029: 5},
    "dh-lt-cd-vhxh": {2026: 10, 2027: 10, 2028: 5, 2029: 5},
    "dh-vlvh-hc": {2026: 4},
    "dh-vlvh-kt": {2026: 2},
    "dh-vlvh-vhxh": {2026: 2},
}
INTERNAL = {"llct-tc"}

# The provincial political school's lecturers who teach the commune staff's classes (U): hours a
# year and VND an hour (D: about 0.5-0.6 million a 4-period session for provincial lecturers).
LECTURERS = tuple((f"GV{i:02d}", "llct", 300, 150_000) for i in range(1, 9))

SETTINGS = """\
name: lang-son-2026
title: "Tỉnh Lạng Sơn, 65 xã và phường: đào tạo cán bộ, công chức cấp xã 2026–2030"
horizon: [2026, 2030]
tracks:
  degree: [none, intermediate, college, university]
  llct: [none, elementary, intermediate, advanced]
  qlnn: [none, department]
level_names:
  degree: {none: Chưa qua đào tạo, intermediate: Trung cấp, college: Cao đẳng, university: Đại học}
  llct: {none: Chưa có, elementary: Sơ cấp, intermediate: Trung cấp, advanced: Cao cấp}
  qlnn: {none: Chưa có, department: Lãnh đạo cấp phòng}
# Decree 33/2023 Art. 10(3) lets the province accept an intermediate degree in mountainous and
# ethnic-minority areas; Dispatch 11/CV-BCĐ gives such staff 5 years from the new commune
# (1 Jul 2025) to hold a university degree. From 2030 every post asks for one.
standards:
  - {from_year: 2030, category: civil_servant, standard: {degree: university}}
targets:
  # Dispatch 11/CV-BCĐ: leadership posts need LLCT intermediate or higher now; the school's
  # classes of 2026 and 2027 close the gap.
  - id: leaders-llct-2027
    year: 2027
    who: {leadership: true}
    standard: [llct]
    share: 1.0
    weight: 2
  # Decree 171/2025: heads and deputy heads of departments take the department-leader course.
  - id: department-leaders-qlnn-2028
    year: 2028
    who: {post: [truong-phong, pho-phong]}
    standard: [qlnn]
    share: 1.0
  # The five-year window: a university degree by mid-2030, i.e. completed by the end of 2029.
  - id: university-2029
    year: 2029
    has: {degree: university}
    share: 1.0
  # The succession pool for the 2030 Party congresses holds LLCT intermediate a year before.
  - id: successors-llct-2029
    year: 2029
    who: {successor: true}
    has: {llct: intermediate}
    share: 1.0
  # Everyone at their post's standard on every track, against the 2030 standards.
  - id: standard-2030
    year: 2030
    standard: true
    share: 1.0
budget: {per_year: 2500000000, total: 9000000000}
continuity:
  working_days: 250
  max_away_share: 0.10
  max_leaders_away: 3
  max_personal_days: 80
  day_value: 300000
  leader_factor: 2.0
  years:
    2026: {max_leaders_away: 2}   # elections of 15 Mar 2026 and the new councils' first months
service_obligation: 2.0
"""

OFFICIAL_COLUMNS = (
    "official_id",
    "name",
    "unit_id",
    "post_id",
    "sex",
    "birth",
    "degree",
    "llct",
    "qlnn",
    "field_degree",
    "successor",
    "ethnic_minority",
    "retires",
)


def slug(name: str) -> str:
    """An ASCII id for a place name: ``Thất Khê`` -> ``that-khe``."""
    import unicodedata

    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "-".join("".join(c for c in plain if unicodedata.category(c) != "Mn").lower().split())


def unit_rows(rng: random.Random) -> list[tuple[str, str, int, int]]:
    """(unit_id, name, staff, vice chairs) of the 65 units; communes' sizes drawn, then evened
    so that they add up to the 2,216 that the wards leave."""
    left = STAFF - WARD_SIZE * len(WARDS)
    low, high = COMMUNE_SIZES
    sizes = [rng.randint(low, high) for _ in COMMUNES]
    while sum(sizes) != left:  # move one at a time towards the total, within the bounds
        index = rng.randrange(len(sizes))
        step = 1 if sum(sizes) < left else -1
        if low <= sizes[index] + step <= high:
            sizes[index] += step
    threes = set(rng.sample(range(len(COMMUNES)), VICE_CHAIRS_3))
    rows = [
        (f"xa-{slug(name)}", f"Xã {name}", size, 3 if i in threes else 2)
        for i, (name, size) in enumerate(zip(COMMUNES, sizes, strict=True))
    ]
    rows += [(f"phuong-{slug(name)}", f"Phường {name}", WARD_SIZE, 3) for name in WARDS]
    return rows


def roster(size: int, vice_chairs: int) -> list[str]:
    """The post of each of a unit's officials: 4 + vice chairs elected cadres, 3 heads and 7
    deputies of departments, the rest professional civil servants."""
    posts = ["ct-hdnd", "pct-hdnd", "ct-ubnd", *["pct-ubnd"] * vice_chairs]
    posts += ["truong-phong"] * 3 + ["pho-phong"] * DEPUTIES
    for k in range(size - len(posts)):
        posts.append(PROFESSIONAL_TURNS[k % len(PROFESSIONAL_TURNS)])
    return posts


class Person:
    """One official being drawn: where, which post, and what the decks give them."""

    def __init__(self, official_id: str, unit_id: str, post_id: str, ward: bool) -> None:
        self.official_id, self.unit_id = official_id, unit_id
        self.post_id, self.ward = post_id, ward
        self.degree, self.llct, self.qlnn = "university", "intermediate", ""
        self.band = ""
        self.successor = False
        self.sex, self.birth, self.name, self.minority = "M", YearMonth(1980, 1), "", False
        self.retires = ""
        self.field = ""

    @property
    def retirement(self) -> YearMonth:
        return retirement_month("F" if self.sex == "F" else "M", self.birth)


def qualifications(rng: random.Random, people: list[Person]) -> None:
    """Deal the 2024 mix: degrees below university and LLCT below intermediate to
    professionals (commune staff; wards' staff were screened at the 2025 arrangement: U), LLCT
    elementary to 48 deputy heads, advanced to the two chairs and 38 vice chairs, the
    department-leader course to heads and deputies."""
    pro = [p for p in people if p.post_id in PROFESSIONALS]
    commune_pro = [p for p in pro if not p.ward]
    rng.shuffle(commune_pro)
    at = 0
    for degree, count in BELOW_UNIVERSITY.items():
        for person in commune_pro[at : at + count]:
            person.degree = degree
        at += count
    below = commune_pro[:at]
    # LLCT among professionals: the staff without a degree mostly hold LLCT intermediate (long
    # service); 20 of them elementary, 10 none (U); the rest of the gap is young graduates.
    for person in below[:10]:
        person.llct = "none"
    for person in below[10:30]:
        person.llct = "elementary"
    graduates = [p for p in pro if p.degree == "university"]
    rng.shuffle(graduates)
    none_left = LLCT_NONE - 10
    elementary_left = LLCT_ELEMENTARY - LEADERS_ELEMENTARY - 20
    for person in graduates[:none_left]:
        person.llct, person.band = "none", "young"
    for person in graduates[none_left : none_left + elementary_left]:
        person.llct, person.band = "elementary", "young"
    deputies = [p for p in people if p.post_id == "pho-phong"]
    for person in rng.sample(deputies, LEADERS_ELEMENTARY):
        person.llct, person.band = "elementary", "young"
    chairs = [p for p in people if p.post_id in ("ct-hdnd", "ct-ubnd")]
    vice = [p for p in people if p.post_id in ("pct-hdnd", "pct-ubnd")]
    for person in chairs + rng.sample(vice, LLCT_ADVANCED - len(chairs)):
        person.llct = "advanced"
        person.band = person.band or rng.choice(("mid", "mid", "old"))
    for post_id, lacking in QLNN_LACKING.items():
        holders = [p for p in people if p.post_id == post_id]
        for person in holders:
            person.qlnn = "department"
        for person in rng.sample(holders, lacking):
            person.qlnn = "none"
    for person in people:
        if person.post_id in PROFESSIONALS or person.post_id.startswith(("ct-", "pct-")):
            person.qlnn = person.qlnn or "none"
    for person in below:  # U: the untrained are older; the rest of the gap is mixed
        if person.degree == "none":
            person.band = rng.choice(("mid", "old"))


def ages(rng: random.Random, people: list[Person]) -> None:
    """Age bands in the national proportions of Dec 2024 (those fixed above first), then a
    birth month within the band; nobody already retired when 2026 begins."""
    deck = [band for band, count in AGE_SHARES.items() for _ in range(count)]
    rng.shuffle(deck)
    for person in people:
        if person.band:
            deck.remove(person.band)
    for person in people:
        person.band = person.band or deck.pop()
    assert not deck
    for person in people:
        woman = rng.random() < FEMALE[person.post_id]
        person.sex = "F" if woman else "M"
        person.name, person.minority = person_name(rng, person.sex)
        low, high = AGE_BANDS[person.band]
        while True:
            age = rng.randint(low, high)
            person.birth = YearMonth(FIRST - age, rng.randint(1, 12))
            if person.retirement > YearMonth(FIRST, 6):
                break
            person.sex = "M"  # a woman of the old band would already be retired: a man instead
            person.name, person.minority = person_name(rng, "M")


def cannot_finish(person: Person) -> bool:
    """No degree course started in 2026 ends by 2029 with the obligation served before the
    official's retirement: the people Decree 178/2024 and 67/2025 let retire early."""
    course = {"college": "dh-lt-cd", "intermediate": "dh-lt-tc", "none": "dh-vlvh"}[person.degree]
    months = MONTHS[course]
    end = FIRST + -(-months // 12) - 1
    assert end <= WINDOW_END, course
    served = person.retirement.index - YearMonth(end + 1, 1).index + 1
    return served < OBLIGATION * months


def early_retirements(rng: random.Random, people: list[Person]) -> None:
    """Staff below the degree standard who cannot reach it in the window retire early in the
    first half of 2026 (`retires`)."""
    for person in people:
        if person.degree != "university" and cannot_finish(person):
            person.retires = f"{FIRST}-{rng.randint(1, 6):02d}"


def successors(rng: random.Random, people: list[Person]) -> None:
    """Two professionals of each unit, graduates aged 40 or under, in the succession pool."""
    by_unit: dict[str, list[Person]] = {}
    for person in people:
        if (
            person.post_id in PROFESSIONALS
            and person.degree == "university"
            and FIRST - person.birth.year <= 40
        ):
            by_unit.setdefault(person.unit_id, []).append(person)
    for unit_id in sorted(by_unit):
        for person in rng.sample(by_unit[unit_id], SUCCESSORS_PER_UNIT):
            person.successor = True


def officials(rng: random.Random, units: list[tuple[str, str, int, int]]) -> list[Person]:
    people = [
        Person(f"{unit_id}-{i + 1:02d}", unit_id, post_id, unit_id.startswith("phuong-"))
        for unit_id, _, size, vice in units
        for i, post_id in enumerate(roster(size, vice))
    ]
    qualifications(rng, people)
    ages(rng, people)
    early_retirements(rng, people)
    successors(rng, people)
    fields(random.Random(SEED + 1), people)
    return people


def fields(rng: random.Random, people: list[Person]) -> None:
    """The field of each degree held (its own random stream, so that the rest of the data stays
    as drawn): a field the post accepts, any field for leaders, none without a degree; 60
    professional graduates who retire after 2034 hold theirs in another group's field and need
    a second degree in a matching one (U)."""
    every = sorted({field for accepted in FIELDS.values() for field in accepted})
    for person in people:
        if person.degree != "none":
            person.field = rng.choice(FIELDS.get(person.post_id, every))
    pool = [
        p
        for p in people
        if p.post_id in FIELDS and p.degree == "university" and p.retirement.year > 2034
    ]
    for person in rng.sample(pool, MISMATCHED):
        person.field = rng.choice([f for f in every if f not in FIELDS[person.post_id]])


def course_rows() -> list[list[str]]:
    """The courses, each degree course once per group's field."""
    rows = []
    for course in COURSES:
        if course[0] not in DEGREE_COURSES:
            rows.append([*course, ""])
            continue
        for group, field in GROUP_FIELD.items():
            rows.append(
                [f"{course[0]}-{group}", f"{course[1]} - ngành {field}", *course[2:], field]
            )
    return rows


def official_row(person: Person) -> list[object]:
    return [
        person.official_id,
        person.name,
        person.unit_id,
        person.post_id,
        person.sex,
        f"{person.birth.year:04d}-{person.birth.month:02d}",
        person.degree,
        person.llct,
        person.qlnn,
        person.field,
        "true" if person.successor else "false",
        "true" if person.minority else "false",
        person.retires,
    ]


def write(folder: Path = FOLDER) -> None:
    """Write the scenario's files into ``folder``."""
    rng = random.Random(SEED)
    units = unit_rows(rng)
    people = officials(rng, units)
    write_csv(
        folder / "units.csv",
        ("unit_id", "name", "district", "province", "class"),
        ([unit_id, name, "", "Lạng Sơn", ""] for unit_id, name, _, _ in units),
    )
    write_csv(
        folder / "posts.csv",
        POST_COLUMNS,
        ([*post[:7], "; ".join(FIELDS.get(post[0], []))] for post in POSTS),
    )
    write_csv(folder / "officials.csv", OFFICIAL_COLUMNS, (official_row(p) for p in people))
    write_csv(folder / "courses.csv", COURSE_COLUMNS, course_rows())
    write_csv(
        folder / "offerings.csv",
        ("course_id", "year", "seats", "classes"),
        (
            [course_id, year, "", amount]
            if course_id in INTERNAL
            else [course_id, year, amount, ""]
            for course_id, years in OFFERS.items()
            for year, amount in years.items()
        ),
    )
    write_csv(
        folder / "lecturers.csv",
        ("lecturer_id", "name", "subjects", "hours_per_year", "cost_per_hour"),
        (
            [lecturer_id, person_name(rng, "F" if i % 2 else "M")[0], *rest]
            for i, (lecturer_id, *rest) in enumerate(LECTURERS)
        ),
    )
    (folder / "scenario.yaml").write_text(SETTINGS, encoding="utf-8")


def describe(scenario: Scenario) -> None:
    """The figures of the README's tables, recomputed from the files just written."""
    people = scenario.officials
    sizes = Counter(o.unit_id for o in people)
    print("units", len(scenario.units), "officials", len(people))
    print("unit sizes: min", min(sizes.values()), "max", max(sizes.values()))
    print("officials by post", dict(sorted(Counter(o.post_id for o in people).items())))
    for track in scenario.settings.tracks:
        print(track, dict(Counter(o.levels[track] for o in people)))
    pro = [o for o in people if not scenario.post_of(o).leadership]
    print("professionals", len(pro), "llct", dict(Counter(o.levels["llct"] for o in pro)))
    bands = Counter(
        "<45" if FIRST - o.birth.year < 45 else "45-55" if FIRST - o.birth.year <= 55 else ">55"
        for o in people
    )
    print("ages in 2026", dict(bands), "women", sum(o.sex == "F" for o in people))
    print("ethnic minority", sum(o.ethnic_minority for o in people))
    early = [o for o in people if o.retires is not None]
    print("early retirements", len(early), dict(Counter(o.levels["degree"] for o in early)))
    decree = Counter(
        o.retirement.year for o in people if o.retires is None and o.retirement.year <= LAST
    )
    print("retirements by Decree 135/2020", dict(sorted(decree.items())))
    for year in range(FIRST, LAST + 1):
        print(
            year, "in service at the end:", sum(scenario.in_service_at_end(o, year) for o in people)
        )
    heirs = [o for o in people if o.successor]
    print(
        "successors",
        len(heirs),
        "below LLCT intermediate",
        dict(Counter(o.levels["llct"] for o in heirs)),
    )
    print("solver binaries (eligible official, course, start year):", len(candidates(scenario)))
    before = evaluate(scenario, Plan())
    for a in before.attainment:
        print(
            f"  {a.target_id:30} {a.year} population {a.population:5}"
            f" qualified {a.qualified:5} need {a.required:5}"
        )


def describe_plan(scenario: Scenario) -> None:
    """Solve (HiGHS, proven optimum) and print the plan as the independent checker sees it."""
    from trainplan.solver import Engine, SolveOptions, solve

    engine = Engine("highs")
    plan = solve(scenario, SolveOptions(time_limit=None, engine=engine))
    assert plan.solver is not None
    after = evaluate(scenario, plan)
    print("solver", plan.solver.status, plan.solver.objective, "valid", after.valid)
    for a in after.attainment:
        print(
            f"  {a.target_id:30} {a.qualified:5} of {a.population:5} need {a.required:5}"
            f" {'met' if a.met else 'SHORT'}"
        )
    print(
        "enrollments by (course, start)",
        dict(sorted(Counter((e.course_id, e.start_year) for e in plan.enrollments).items())),
    )
    print(
        "classes",
        [
            (c.course_id, c.year, c.class_no, c.learners, c.lecturer_id, c.hours)
            for c in plan.classes
        ],
    )
    print(
        "cost by year",
        {y: int(c) for y, c in sorted(after.cost_by_year.items())},
        "total",
        int(after.cost_total),
    )
    print("days away", after.away_days_total, "money", int(after.money))
    for cap in (2_000_000_000, 1_750_000_000, 1_500_000_000):  # the committee's question
        budget = scenario.settings.budget.model_copy(update={"per_year": cap})
        variant = scenario.model_copy(
            update={"settings": scenario.settings.model_copy(update={"budget": budget})}
        )
        checked = evaluate(variant, solve(variant, SolveOptions(time_limit=None, engine=engine)))
        print(
            f"  budget {cap:,} a year: shortfall {checked.weighted_shortfall},"
            f" money {int(checked.money):,}, cost {int(checked.cost_total):,}"
        )


if __name__ == "__main__":
    write()
    loaded = read_scenario(FOLDER)
    if loaded.warnings:
        sys.exit(f"warnings: {loaded.warnings}")
    describe(loaded.scenario)
    if "--solve" in sys.argv:
        describe_plan(loaded.scenario)
