"""Broken rules in plain words, in English and Vietnamese.

A ``Violation`` carries a rule key and its parameters; the words are chosen here, so that a
committee reads the same finding in the language it prefers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("en", "vi")

TEMPLATES: dict[str, tuple[str, str]] = {
    "unknown_official": (
        "official {official} is not in the scenario",
        "cán bộ {official} không có trong kịch bản",
    ),
    "unknown_course": (
        "{official}: course {course} is not in the scenario",
        "{official}: khóa học {course} không có trong kịch bản",
    ),
    "unknown_lecturer": (
        "{course} {year}: lecturer {lecturer} is not in the scenario",
        "{course} {year}: giảng viên {lecturer} không có trong kịch bản",
    ),
    "repeat": (
        "{official} takes course {course} more than once",
        "{official} học khóa {course} nhiều hơn một lần",
    ),
    "offering": (
        "{official} starts {course} in {year}, but it is not offered that year",
        "{official} bắt đầu khóa {course} năm {year}, nhưng năm đó không mở khóa này",
    ),
    "horizon": (
        "{official}: {course} runs {start}–{end}, outside the horizon {first}–{last}",
        "{official}: khóa {course} kéo dài {start}–{end}, ngoài giai đoạn kế hoạch {first}–{last}",
    ),
    "level": (
        "{official} starts {course} in {year} but already holds {held} in its track",
        "{official} bắt đầu khóa {course} năm {year} nhưng đã có trình độ {held}",
    ),
    "prerequisite": (
        "{official} starts {course} in {year} without {requirement} completed before that year",
        "{official} bắt đầu khóa {course} năm {year} khi chưa hoàn thành điều kiện {requirement}",
    ),
    "max_age": (
        "{official} is {age} in {year}, above the age limit {max_age} of {course}",
        "{official} {age} tuổi vào năm {year}, quá tuổi tối đa {max_age} của khóa {course}",
    ),
    "retirement": (
        "{official} retires in {retirement}, before {course} completes at the end of {end}",
        "{official} nghỉ hưu tháng {retirement}, trước khi khóa {course} kết thúc cuối năm {end}",
    ),
    "obligation": (
        "{official} can serve only {served} months after {course} (ends {end}; retires "
        "{retirement}) but owes {owed:g}",
        "{official} chỉ còn {served} tháng công tác sau khóa {course} (kết thúc {end}; nghỉ hưu "
        "{retirement}), chưa đủ {owed:g} tháng phải phục vụ",
    ),
    "seats": (
        "{course} {year}: {learners} learners for {seats} seats ({over} too many)",
        "{course} {year}: {learners} học viên cho {seats} chỉ tiêu (thừa {over})",
    ),
    "classes": (
        "{course} {year}: {classes} classes open, {allowed} allowed",
        "{course} {year}: mở {classes} lớp, chỉ được mở {allowed}",
    ),
    "class_size": (
        "{course} {year} class {class_no}: {learners} learners, allowed {low}–{high}",
        "{course} {year} lớp {class_no}: {learners} học viên, quy định {low}–{high}",
    ),
    "class_learners": (
        "{course} {year}: classes seat {seated} learners but {enrolled} are enrolled",
        "{course} {year}: các lớp xếp {seated} học viên nhưng có {enrolled} người đăng ký",
    ),
    "class_rows_disagree": (
        "{course} {year} class {class_no}: its rows give different numbers of learners",
        "{course} {year} lớp {class_no}: các dòng ghi số học viên khác nhau",
    ),
    "class_not_internal": (
        "{course} {year} class {class_no}: classes are only for internal courses",
        "{course} {year} lớp {class_no}: chỉ khóa do huyện tổ chức mới có lớp",
    ),
    "class_hours": (
        "{course} {year} class {class_no}: {hours} lecturer hours, needs {needed}",
        "{course} {year} lớp {class_no}: {hours} giờ giảng, cần {needed}",
    ),
    "lecturer_subject": (
        "{course} {year}: lecturer {lecturer} does not teach {subject}",
        "{course} {year}: giảng viên {lecturer} không dạy môn {subject}",
    ),
    "lecturer_active": (
        "{course} {year}: lecturer {lecturer} is not available in {inactive}",
        "{course} {year}: giảng viên {lecturer} không công tác năm {inactive}",
    ),
    "lecturer_hours": (
        "lecturer {lecturer} teaches {hours:g} hours in {year}, limit {limit} ({over:g} over)",
        "giảng viên {lecturer} dạy {hours:g} giờ năm {year}, tối đa {limit} (vượt {over:g})",
    ),
    "budget_year": (
        "{year}: cost {cost:,.0f} VND above the yearly budget {limit:,.0f} ({over:,.0f} over)",
        "{year}: chi phí {cost:,.0f} đồng vượt ngân sách năm {limit:,.0f} (vượt {over:,.0f})",
    ),
    "budget_total": (
        "total cost {cost:,.0f} VND above the budget {limit:,.0f} ({over:,.0f} over)",
        "tổng chi phí {cost:,.0f} đồng vượt tổng ngân sách {limit:,.0f} (vượt {over:,.0f})",
    ),
    "unit_away": (
        "unit {unit} {year}: {days:g} days away, limit {limit:g} ({over:g} over)",
        "đơn vị {unit} năm {year}: {days:g} ngày vắng mặt, tối đa {limit:g} (vượt {over:g})",
    ),
    "leaders_away": (
        "unit {unit} {year}: {count} leaders in full-time courses ({leaders}), limit {limit}",
        "đơn vị {unit} năm {year}: {count} lãnh đạo học tập trung ({leaders}), tối đa {limit}",
    ),
    "personal_days": (
        "{official} {year}: {days:g} days away, limit {limit} ({over:g} over)",
        "{official} năm {year}: {days:g} ngày vắng mặt, tối đa {limit} (vượt {over:g})",
    ),
    "hard_target": (
        "hard target {target} ({year}): {qualified} qualified, {required} required ({short} short)",
        "chỉ tiêu bắt buộc {target} ({year}): {qualified} đạt, cần {required} (thiếu {short})",
    ),
    "pin_require": (
        "pin: {official} must start {course} in {year}, but the plan does not have it",
        "ghim: {official} phải học khóa {course} năm {year}, nhưng kế hoạch không có",
    ),
    "pin_forbid": (
        "pin: {official} must not start {course} in {year}, but the plan has it",
        "ghim: {official} không được học khóa {course} năm {year}, nhưng kế hoạch có",
    ),
    # why an enrollment can never be in a valid plan (solver.candidates.exclusion)
    "why_not_offered": ("{course} is not offered in {year}", "khóa {course} không mở năm {year}"),
    "why_after_horizon": (
        "{course} started in {start} ends in {end}, after the horizon",
        "khóa {course} bắt đầu năm {start} kết thúc năm {end}, sau giai đoạn kế hoạch",
    ),
    "why_forbidden": ("a forbid pin excludes it", "bị một dòng ghim forbid loại trừ"),
    "why_holds": ("the official already holds {level}", "người này đã có trình độ {level}"),
    "why_age": (
        "aged {age} in {year}, above {max_age}",
        "{age} tuổi vào năm {year}, quá tuổi tối đa {max_age}",
    ),
    "why_retires": (
        "retires in {retirement}, before the course ends in {end}",
        "nghỉ hưu tháng {retirement}, trước khi khóa học kết thúc năm {end}",
    ),
    "why_obligation": (
        "retires in {retirement}, {served} months after the course, short of the obligation",
        "nghỉ hưu tháng {retirement}, chỉ {served} tháng sau khóa học, không đủ thời gian "
        "phải phục vụ",
    ),
    "why_personal_days": (
        "{days} days away exceed the personal limit in {year}",
        "{days} ngày vắng mặt vượt mức tối đa của một người năm {year}",
    ),
    "why_no_leader": (
        "no leader may be away full-time in {year}",
        "năm {year} không lãnh đạo nào được đi học tập trung",
    ),
    "why_prerequisite": (
        "{requirement} cannot be completed before {year}",
        "không thể hoàn thành điều kiện {requirement} trước năm {year}",
    ),
    # hard rules that leave no plan (solver.search.Infeasible)
    "conflict_pin_cannot": (
        "{official} cannot start {course} in {year}: {why}",
        "{official} không thể học khóa {course} năm {year}: {why}",
    ),
    "conflict_pin": (
        "{official} must start {course} in {year} (require pin)",
        "{official} phải học khóa {course} năm {year} (ghim require)",
    ),
    "conflict_target": (
        "hard target {target} (needs {required} qualified)",
        "chỉ tiêu bắt buộc {target} (cần {required} người đạt)",
    ),
    "conflict_unknown": (
        "the hard rules conflict, but the search could not tell which in time",
        "các quy định bắt buộc mâu thuẫn nhau nhưng chưa xác định được quy định nào "
        "trong thời gian cho phép",
    ),
    "conflict_any": (
        "the hard rules conflict with each other",
        "các quy định bắt buộc mâu thuẫn nhau",
    ),
}


@dataclass(frozen=True)
class Reason:
    """A finding to be put in words later, in the reader's language."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        rendered = {
            name: value.text(lang) if isinstance(value, Reason) else value
            for name, value in self.params.items()
        }
        return describe(self.key, rendered, lang)

    def __str__(self) -> str:
        return self.text("en")


def describe(rule: str, params: dict[str, Any], lang: str = "en") -> str:
    """The sentence for a broken rule in ``lang`` (``en`` or ``vi``)."""
    english, vietnamese = TEMPLATES[rule]
    template = vietnamese if lang == "vi" else english
    text = template.format(**params)
    if lang == "vi":  # Vietnamese groups thousands with dots
        text = _vietnamese_digits(text)
    return text


def _vietnamese_digits(text: str) -> str:
    import re

    return re.sub(r"(?<=\d),(?=\d{3})", ".", text)
