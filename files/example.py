"""The example scenario ``trainplan init`` writes into its template: 2 communes, 4 officials,
3 courses and 2 targets over 5 years, in the planner's language. It validates and solves as
written, meeting both targets (``tests/test_init.py``); ids start ``EX-`` so that a planner
sees what to replace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from trainplan.files.loader import STATIC_COLUMNS
from trainplan.files.workbook import setting_label
from trainplan.wording import say

TRACKS = {
    "en": {
        "degree": ("none", "intermediate", "college", "university"),
        "llct": ("none", "elementary", "intermediate"),
    },
    "vi": {
        "chuyên-môn": ("chưa-có", "trung-cấp", "cao-đẳng", "đại-học"),
        "llct": ("chưa-có", "sơ-cấp", "trung-cấp"),
    },
}
"""The example's tracks, levels lowest first: level names are the planner's own words."""


def headers(table: str) -> tuple[str, ...]:
    """A table's columns as the reader knows them (``trainplan.files.loader``), in its order."""
    return tuple(column.header for column in STATIC_COLUMNS[table])


FIELDS = {"vi": ("luật", "hành chính"), "en": ("law", "public administration")}
"""The example's fields of study: those the office post accepts."""

CHOICES = {
    "vi": {
        "M": "Nam",
        "F": "Nữ",
        "cadre": "Cán bộ",
        "civil_servant": "Công chức",
        "full_time": "Tập trung",
        "in_service": "Vừa làm vừa học",
        "internal": "Nội bộ",
        "external": "Bên ngoài",
        "require": "Bắt buộc",
        "forbid": "Cấm",
        "budget": "Ngân sách",
        "self": "Tự túc",
        "other": "Nguồn khác",
    }
}
"""The fixed values as a Vietnamese template writes them (``models.conventions`` reads them)."""


def word(value: str, lang: str) -> str:
    """A fixed value (``M``, ``cadre``...) in the words of ``lang``."""
    return CHOICES.get(lang, {}).get(value, value)


def choice_list(lang: str, *values: str) -> str:
    """A drop-down list of fixed values, as a list formula."""
    return '"' + ",".join(word(value, lang) for value in values) + '"'


@dataclass(frozen=True)
class Sheet:
    """One sheet of the template: its kind, columns and example rows."""

    kind: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def example_sheets(lang: str, first: int) -> list[Sheet]:
    """The example scenario: 2 communes, 4 officials, 3 courses, 2 targets, over 5 years."""
    (degree, deg), (llct, pol) = TRACKS[lang].items()
    yes, no = ("có", "không") if lang == "vi" else ("true", "false")
    ex = "(ví dụ)" if lang == "vi" else "(example)"
    std = (f"std_{degree}", f"std_{llct}")

    def w(value: str) -> str:
        return word(value, lang)

    return [
        Sheet(
            "settings",
            ("setting", "value", "note"),
            tuple(
                (setting_label(name, lang), value, say(f"input.template.setting.{name}", lang))
                for name, value in (
                    ("name", "vi-du" if lang == "vi" else "example"),
                    ("title", f"{ex} {first}–{first + 4}"),
                    ("horizon_first", first),
                    ("horizon_last", first + 4),
                    ("budget.per_year", 100_000_000),
                    ("budget.total", None),
                    ("continuity.working_days", 250),
                    ("continuity.max_away_share", 0.1),
                    ("continuity.max_leaders_away", 1),
                    ("continuity.max_personal_days", 80),
                    ("continuity.day_value", 300_000),
                    ("continuity.leader_factor", 2),
                    ("service_obligation", 2),
                    ("succession.year", None),
                    ("succession.months", None),
                )
            ),
        ),
        Sheet("tracks", ("track", "levels"), ((degree, *deg), (llct, *pol))),
        Sheet(
            "targets",
            (
                "id",
                "year",
                "category",
                "post",
                "unit",
                "leadership",
                "successor",
                "sex",
                f"has_{degree}",
                f"has_{llct}",
                "standard",
                "share",
                "hard",
                "weight",
            ),
            (
                (
                    "EX-leaders-llct",
                    first + 2,
                    None,
                    None,
                    None,
                    yes,
                    None,
                    None,
                    None,
                    None,
                    llct,
                    1,
                    no,
                    1,
                ),
                (
                    "EX-cs-degree",
                    first + 4,
                    w("civil_servant"),
                    None,
                    None,
                    None,
                    None,
                    None,
                    deg[3],
                    None,
                    None,
                    0.5,
                    no,
                    1,
                ),
            ),
        ),
        Sheet(
            "continuity_years",
            ("year", "max_away_share", "max_leaders_away", "max_personal_days"),
            ((first + 3, 0.05, None, None),),
        ),
        Sheet(
            "units",
            headers("units"),
            (
                ("EX-X1", f"{ex} Xã Mẫu Một", "Huyện Mẫu", "Tỉnh Mẫu", "I"),
                ("EX-X2", f"{ex} Xã Mẫu Hai", "Huyện Mẫu", "Tỉnh Mẫu", "II"),
            ),
        ),
        Sheet(
            "posts",
            ("post_id", "name", "category", "leadership", *std, f"fields_{degree}"),
            (
                ("EX-chair", f"{ex} Chủ tịch UBND xã", w("cadre"), yes, deg[3], pol[2], None),
                (
                    "EX-office",
                    f"{ex} Công chức Văn phòng",
                    w("civil_servant"),
                    no,
                    deg[3],
                    pol[1],
                    "; ".join(FIELDS[lang]),
                ),
            ),
        ),
        Sheet(
            "officials",
            (
                "official_id",
                "name",
                "unit_id",
                "post_id",
                "sex",
                "birth",
                degree,
                llct,
                "successor",
                "ethnic_minority",
                f"field_{degree}",
                "successor_for",
                "self_funding",
                "retires",
                "joins",
                "leaves",
            ),
            (
                (
                    "EX-O1",
                    f"{ex} Nguyễn Văn An",
                    "EX-X1",
                    "EX-chair",
                    w("M"),
                    dt.date(first - 40, 3, 1),
                    deg[3],
                    pol[1],
                    no,
                    no,
                ),
                (
                    "EX-O2",
                    f"{ex} Hoàng Thị Bình",
                    "EX-X1",
                    "EX-office",
                    w("F"),
                    dt.date(first - 30, 7, 1),
                    deg[2],
                    pol[0],
                    yes,
                    yes,
                    FIELDS[lang][1],
                ),
                (
                    "EX-O3",
                    f"{ex} Lục Văn Cường",
                    "EX-X2",
                    "EX-chair",
                    w("M"),
                    dt.date(first - 50, 1, 1),
                    deg[2],
                    pol[2],
                    no,
                    yes,
                ),
                (
                    "EX-O4",
                    f"{ex} Nông Thị Dung",
                    "EX-X2",
                    "EX-office",
                    w("F"),
                    dt.date(first - 28, 11, 1),
                    deg[1],
                    pol[1],
                    no,
                    no,
                    FIELDS[lang][0],
                ),
            ),
        ),
        Sheet(
            "courses",
            headers("courses"),
            (
                (
                    "EX-llct-elem",
                    f"{ex} Sơ cấp LLCT",
                    llct,
                    pol[1],
                    None,
                    3,
                    20,
                    w("in_service"),
                    1000000,
                    w("internal"),
                    None,
                    None,
                    40,
                    2,
                    5000000,
                    60,
                    "llct",
                ),
                (
                    "EX-llct-mid",
                    f"{ex} Trung cấp LLCT",
                    llct,
                    pol[2],
                    f"{llct}>={pol[1]}",
                    12,
                    40,
                    w("in_service"),
                    8000000,
                    w("external"),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ),
                (
                    "EX-univ",
                    f"{ex} Đại học (vừa làm vừa học)",
                    degree,
                    deg[3],
                    f"{degree}>={deg[2]}",
                    24,
                    60,
                    w("in_service"),
                    20000000,
                    w("external"),
                    45,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    FIELDS[lang][1],
                ),
            ),
        ),
        Sheet(
            "offerings",
            headers("offerings"),
            (
                ("EX-llct-elem", first, None, 1),
                ("EX-llct-elem", first + 1, None, 1),
                ("EX-llct-mid", first + 1, 2, None),
                ("EX-llct-mid", first + 2, 2, None),
                ("EX-univ", first, 2, None),
                ("EX-univ", first + 1, 2, None),
            ),
        ),
        Sheet(
            "lecturers",
            headers("lecturers"),
            (("EX-L1", f"{ex} Trần Văn Giảng", "llct", 200, 150_000, None, None),),
        ),
        Sheet(
            "pins",
            headers("pins"),
            (("EX-O1", "EX-llct-mid", first + 1, w("forbid")),),
        ),
    ]
