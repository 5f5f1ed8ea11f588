"""The names a planner may give sheets and column headers, in English and in Vietnamese.

One table holds every alias: ``SHEETS`` (sheet names) and ``COLUMNS`` (the headers of each
sheet's table). Names are compared folded: case, accents, ``đ``, spaces, ``_``, ``-`` and
punctuation do not matter, so ``Mã CB``, ``ma cb`` and ``MÃ_CB`` are one header. The first
Vietnamese alias of each name is the one ``trainplan init --lang vi`` writes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

TABLE_SHEETS = ("units", "posts", "officials", "courses", "offerings", "lecturers", "pins")
SETTINGS_SHEETS = ("settings", "tracks", "targets", "continuity_years")
INSTRUCTIONS = "instructions"

SHEETS: dict[str, tuple[str, ...]] = {
    "units": ("Đơn vị", "Danh sách đơn vị", "Xã", "Đơn vị hành chính"),
    "posts": ("Chức vụ", "Chức danh", "Danh mục chức vụ"),
    "officials": ("Cán bộ", "Cán bộ, công chức", "CBCC", "Danh sách cán bộ"),
    "courses": ("Khóa học", "Khóa đào tạo", "Danh mục khóa học"),
    "offerings": ("Lớp mở", "Kế hoạch mở lớp", "Mở lớp"),
    "lecturers": ("Giảng viên", "Danh sách giảng viên"),
    "pins": ("Ghim", "Quyết định", "Quyết định trước"),
    "actuals": ("Đã diễn ra", "Thực tế", "Kết quả đã có"),
    "settings": ("Thiết lập", "Cài đặt", "Thông số"),
    "tracks": ("Trình độ", "Các trình độ", "Loại trình độ"),
    "targets": ("Chỉ tiêu",),
    "continuity_years": ("Theo năm", "Điều chỉnh theo năm"),
    INSTRUCTIONS: ("Hướng dẫn", "Instructions", "Read me", "Đọc trước"),
}
"""Each sheet trainplan reads (and the instruction sheet it skips): its Vietnamese names."""

COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "units": {
        "unit_id": ("Mã đơn vị", "Mã ĐV", "Mã xã", "Mã"),
        "name": ("Tên đơn vị", "Tên xã", "Tên"),
        "district": ("Huyện", "Quận/huyện"),
        "province": ("Tỉnh", "Tỉnh/thành phố"),
        "class": ("Loại đơn vị", "Phân loại", "Loại"),
    },
    "posts": {
        "post_id": ("Mã chức vụ", "Mã chức danh", "Mã CV", "Mã"),
        "name": ("Tên chức vụ", "Tên chức danh", "Tên"),
        "category": ("Nhóm", "Cán bộ/công chức", "Phân loại"),
        "leadership": ("Lãnh đạo", "Chủ chốt", "Lãnh đạo chủ chốt"),
    },
    "officials": {
        "official_id": ("Mã CB", "Mã cán bộ", "Mã CBCC", "Mã số", "Mã"),
        "name": ("Họ và tên", "Họ tên", "Tên"),
        "unit_id": ("Đơn vị", "Mã đơn vị", "Xã"),
        "post_id": ("Chức vụ", "Chức danh", "Mã chức vụ"),
        "sex": ("Giới tính", "Phái"),
        "birth": ("Ngày sinh", "Năm sinh", "Tháng năm sinh", "Ngày tháng năm sinh"),
        "successor": ("Kế cận", "Nguồn kế cận", "Quy hoạch"),
        "successor_for": (
            "Quy hoạch chức danh",
            "Kế cận chức danh",
            "Quy hoạch vào",
            "Chức danh quy hoạch",
            "Quy hoạch vào chức danh",
            "Quy hoạch chức vụ",
            "Chức vụ quy hoạch",
        ),
        "ethnic_minority": ("Dân tộc thiểu số", "DTTS"),
        "self_funding": ("Tự túc kinh phí", "Tự túc"),
        "retires": ("Nghỉ hưu", "Tháng nghỉ hưu"),
        "joins": ("Tuyển dụng", "Vào làm", "Tháng vào làm"),
        "leaves": ("Thôi việc", "Nghỉ việc", "Tháng thôi việc"),
    },
    "courses": {
        "course_id": ("Mã khóa học", "Mã khóa", "Mã"),
        "name": ("Tên khóa học", "Tên khóa", "Tên"),
        "track": ("Loại trình độ", "Lĩnh vực"),
        "grants": ("Cấp trình độ", "Trình độ đạt được", "Đạt trình độ"),
        "requires": ("Điều kiện", "Yêu cầu"),
        "months": ("Số tháng", "Thời gian (tháng)"),
        "away_days": ("Số ngày vắng", "Ngày vắng mặt"),
        "mode": ("Hình thức",),
        "cost_per_learner": ("Chi phí/học viên", "Học phí"),
        "provider": ("Nơi tổ chức", "Đơn vị tổ chức"),
        "max_age": ("Tuổi tối đa",),
        "obligation": ("Hệ số cam kết", "Cam kết"),
        "class_max": ("Sĩ số tối đa",),
        "class_min": ("Sĩ số tối thiểu",),
        "class_cost": ("Chi phí/lớp",),
        "lecturer_hours": ("Số giờ giảng/lớp", "Số giờ giảng"),
        "subject": ("Môn", "Môn học"),
        "field": ("Ngành", "Chuyên ngành", "Ngành đào tạo"),
        "funding": ("Nguồn kinh phí", "Kinh phí"),
    },
    "offerings": {
        "course_id": ("Mã khóa học", "Khóa học", "Mã khóa"),
        "year": ("Năm",),
        "seats": ("Số chỗ", "Số suất"),
        "classes": ("Số lớp",),
        "scope": ("Phạm vi",),
    },
    "lecturers": {
        "lecturer_id": ("Mã giảng viên", "Mã GV", "Mã"),
        "name": ("Họ và tên", "Họ tên", "Tên"),
        "subjects": ("Môn giảng", "Các môn", "Môn"),
        "hours_per_year": ("Số giờ/năm", "Giờ giảng/năm"),
        "cost_per_hour": ("Thù lao/giờ", "Chi phí/giờ"),
        "from_year": ("Từ năm",),
        "to_year": ("Đến năm",),
        "scope": ("Phạm vi",),
    },
    "pins": {
        "official_id": ("Mã CB", "Mã cán bộ", "Cán bộ"),
        "course_id": ("Mã khóa học", "Khóa học"),
        "year": ("Năm",),
        "action": ("Quyết định", "Hành động"),
    },
    "actuals": {
        "official_id": ("Mã CB", "Mã cán bộ", "Cán bộ"),
        "course_id": ("Mã khóa học", "Khóa học"),
        "start_year": ("Năm bắt đầu", "Năm"),
        "status": ("Tình trạng", "Kết quả"),
    },
    "settings": {
        "setting": ("Thiết lập", "Tham số", "Mục"),
        "value": ("Giá trị",),
        "note": ("Ghi chú", "Giải thích", "Notes"),
    },
    "tracks": {
        "track": ("Loại trình độ", "Lĩnh vực"),
        "levels": ("Các trình độ (thấp đến cao)", "Các trình độ", "Trình độ"),
    },
    "targets": {
        "id": ("Mã chỉ tiêu", "Mã", "target_id"),
        "year": ("Năm",),
        "category": ("Nhóm", "Cán bộ/công chức"),
        "post": ("Chức vụ", "Chức danh"),
        "unit": ("Đơn vị",),
        "leadership": ("Lãnh đạo",),
        "successor": ("Kế cận",),
        "sex": ("Giới tính",),
        "ethnic_minority": ("Dân tộc thiểu số", "DTTS"),
        "standard": ("Đạt chuẩn chức danh", "Theo chuẩn chức danh"),
        "share": ("Tỷ lệ", "Tỉ lệ"),
        "hard": ("Bắt buộc",),
        "weight": ("Trọng số",),
    },
    "continuity_years": {
        "year": ("Năm",),
        "max_away_share": ("Tỷ lệ vắng tối đa",),
        "max_leaders_away": ("Lãnh đạo vắng tối đa",),
        "max_personal_days": ("Ngày vắng tối đa/người",),
    },
}
"""Each sheet's columns by their English name (as the file contract names them) and the
Vietnamese headers that mean the same."""

PREFIXES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "posts": (
        ("std_", ("std", "chuẩn", "tiêu chuẩn")),
        ("fields_", ("fields", "ngành phù hợp", "các ngành phù hợp")),
    ),
    "officials": (("field_", ("field", "ngành", "chuyên ngành")),),
    "targets": (("has_", ("has", "đạt", "tối thiểu")),),
}
"""Headers that name a track: ``std_<track>`` (a post's standard), ``fields_<track>`` (the
fields it accepts), ``field_<track>`` (an official's field) and ``has_<track>`` (a target's
minimum level), also written ``Chuẩn <track>``, ``Ngành phù hợp <track>``, ``Ngành <track>``
and ``Đạt <track>``."""

_SEPARATORS = re.compile(r"[\s_\-./()*:,;]+")


def fold(text: str) -> str:
    """``text`` for comparing names: lower case, no accents, ``đ`` as ``d``, one space between
    words and none of ``_ - . / ( ) * : , ;``."""
    lowered = unicodedata.normalize("NFC", text).lower().replace("đ", "d")
    bare = "".join(
        char for char in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(char)
    )
    return _SEPARATORS.sub(" ", bare).strip()


@cache
def _sheet_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for kind, names in SHEETS.items():
        for name in (kind, *names):
            index[fold(name)] = kind
    return index


def sheet_kind(title: str) -> str | None:
    """What a sheet named ``title`` holds (a table, a settings sheet, the instructions), or
    None for a sheet trainplan does not read."""
    return _sheet_index().get(fold(title))


@cache
def _column_index(sheet: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for name, aliases in COLUMNS.get(sheet, {}).items():
        for alias in (name, *aliases):
            index.setdefault(fold(alias), name)
    return index


def canonical(sheet: str, header: str) -> str:
    """The column a header of ``sheet`` names: its English name if known, else the header in
    lower case (a track's column, a column trainplan does not know)."""
    lowered = unicodedata.normalize("NFC", header.replace("\ufeff", "")).strip().lower()
    folded = fold(lowered)
    known = _column_index(sheet).get(folded)
    if known is not None:
        return known
    words = lowered.split()
    for prefix, starts in PREFIXES.get(sheet, ()):
        if lowered.startswith(prefix):
            return lowered
        for start in sorted(starts, key=lambda s: -len(s.split())):  # longest first
            size = len(start.split())
            if len(words) > size and [fold(w) for w in words[:size]] == fold(start).split():
                return prefix + " ".join(words[size:])
    return lowered


def known_columns(sheet: str) -> frozenset[str]:
    """The English names of the columns of ``sheet`` (track columns apart)."""
    return frozenset(COLUMNS.get(sheet, {}))


def header_for(sheet: str, column: str, lang: str) -> str:
    """The header ``trainplan init`` writes for ``column`` of ``sheet`` in ``lang``."""
    if lang == "vi":
        aliases = COLUMNS.get(sheet, {}).get(column)
        if aliases:
            return aliases[0]
        for prefix, starts in PREFIXES.get(sheet, ()):
            if column.startswith(prefix):
                return f"{starts[1].capitalize()} {column.removeprefix(prefix)}"
    return column


def sheet_title(kind: str, lang: str) -> str:
    """The sheet name ``trainplan init`` writes for ``kind`` in ``lang``."""
    if lang == "vi":
        return SHEETS[kind][0]
    return "Instructions" if kind == INSTRUCTIONS else kind
