"""Broken rules in plain words, in English and Vietnamese.

A ``Violation`` carries a rule key and its parameters; the words are chosen here, so that a
committee reads the same finding in the language it prefers. Problems with the input files
(``models.problems.Problem``) are worded in English by the loaders; ``problem_text`` puts them
in Vietnamese.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from trainplan.models.message import Message
from trainplan.models.problems import Problem, _one_line

LANGUAGES = ("en", "vi")

TEMPLATES: dict[str, tuple[str, str]] = {
    "rule.unknown_official": (
        "official {official} is not in the scenario",
        "cán bộ {official} không có trong kịch bản",
    ),
    "rule.unknown_course": (
        "{official}: course {course} is not in the scenario",
        "{official}: khóa học {course} không có trong kịch bản",
    ),
    "rule.unknown_lecturer": (
        "{course} {year}: lecturer {lecturer} is not in the scenario",
        "{course} {year}: giảng viên {lecturer} không có trong kịch bản",
    ),
    "rule.repeat": (
        "{official} takes course {course} more than once",
        "{official} học khóa {course} nhiều hơn một lần",
    ),
    "rule.offering": (
        "{official} starts {course} in {year}, but it is not offered that year",
        "{official} bắt đầu khóa {course} năm {year}, nhưng năm đó không mở khóa này",
    ),
    "rule.horizon": (
        "{official}: {course} runs {start}–{end}, outside the horizon {first}–{last}",
        "{official}: khóa {course} kéo dài {start}–{end}, ngoài giai đoạn kế hoạch {first}–{last}",
    ),
    "rule.level": (
        "{official} starts {course} in {year} but already holds {held} in its track",
        "{official} bắt đầu khóa {course} năm {year} nhưng đã có trình độ {held}",
    ),
    "rule.prerequisite": (
        "{official} starts {course} in {year} without {requirement} completed before that year",
        "{official} bắt đầu khóa {course} năm {year} khi chưa hoàn thành điều kiện {requirement}",
    ),
    "rule.max_age": (
        "{official} is {age} in {year}, above the age limit {max_age} of {course}",
        "{official} {age} tuổi vào năm {year}, quá tuổi tối đa {max_age} của khóa {course}",
    ),
    "rule.retirement": (
        "{official} retires in {retirement}, before {course} completes at the end of {end}",
        "{official} nghỉ hưu tháng {retirement}, trước khi khóa {course} kết thúc cuối năm {end}",
    ),
    "rule.obligation": (
        "{official} can serve only {served} months after {course} (ends {end}; retires "
        "{retirement}) but owes {owed:g}",
        "{official} chỉ còn {served} tháng công tác sau khóa {course} (kết thúc {end}; nghỉ hưu "
        "{retirement}), chưa đủ {owed:g} tháng phải phục vụ",
    ),
    "rule.seats": (
        "{course} {year}: {learners} learners for {seats} seats ({over} too many)",
        "{course} {year}: {learners} học viên cho {seats} chỉ tiêu (thừa {over})",
    ),
    "rule.classes": (
        "{course} {year}: {classes} classes open, {allowed} allowed",
        "{course} {year}: mở {classes} lớp, chỉ được mở {allowed}",
    ),
    "rule.class_size": (
        "{course} {year} class {class_no}: {learners} learners, allowed {low}–{high}",
        "{course} {year} lớp {class_no}: {learners} học viên, quy định {low}–{high}",
    ),
    "rule.class_learners": (
        "{course} {year}: classes seat {seated} learners but {enrolled} are enrolled",
        "{course} {year}: các lớp xếp {seated} học viên nhưng có {enrolled} người đăng ký",
    ),
    "rule.class_rows_disagree": (
        "{course} {year} class {class_no}: its rows give different numbers of learners",
        "{course} {year} lớp {class_no}: các dòng ghi số học viên khác nhau",
    ),
    "rule.class_not_internal": (
        "{course} {year} class {class_no}: classes are only for internal courses",
        "{course} {year} lớp {class_no}: chỉ khóa do huyện tổ chức mới có lớp",
    ),
    "rule.class_hours": (
        "{course} {year} class {class_no}: {hours} lecturer hours, needs {needed}",
        "{course} {year} lớp {class_no}: {hours} giờ giảng, cần {needed}",
    ),
    "rule.lecturer_subject": (
        "{course} {year}: lecturer {lecturer} does not teach {subject}",
        "{course} {year}: giảng viên {lecturer} không dạy môn {subject}",
    ),
    "rule.lecturer_active": (
        "{course} {year}: lecturer {lecturer} is not available in {inactive}",
        "{course} {year}: giảng viên {lecturer} không công tác năm {inactive}",
    ),
    "rule.lecturer_hours": (
        "lecturer {lecturer} teaches {hours:g} hours in {year}, limit {limit} ({over:g} over)",
        "giảng viên {lecturer} dạy {hours:g} giờ năm {year}, tối đa {limit} (vượt {over:g})",
    ),
    "rule.budget_year": (
        "{year}: cost {cost:,.0f} VND above the yearly budget {limit:,.0f} ({over:,.0f} over)",
        "{year}: chi phí {cost:,.0f} đồng vượt ngân sách năm {limit:,.0f} (vượt {over:,.0f})",
    ),
    "rule.budget_total": (
        "total cost {cost:,.0f} VND above the budget {limit:,.0f} ({over:,.0f} over)",
        "tổng chi phí {cost:,.0f} đồng vượt tổng ngân sách {limit:,.0f} (vượt {over:,.0f})",
    ),
    "rule.unit_away": (
        "unit {unit} {year}: {days:g} days away, limit {limit:g} ({over:g} over)",
        "đơn vị {unit} năm {year}: {days:g} ngày vắng mặt, tối đa {limit:g} (vượt {over:g})",
    ),
    "rule.leaders_away": (
        "unit {unit} {year}: {count} leaders in full-time courses ({leaders}), limit {limit}",
        "đơn vị {unit} năm {year}: {count} lãnh đạo học tập trung ({leaders}), tối đa {limit}",
    ),
    "rule.personal_days": (
        "{official} {year}: {days:g} days away, limit {limit} ({over:g} over)",
        "{official} năm {year}: {days:g} ngày vắng mặt, tối đa {limit} (vượt {over:g})",
    ),
    "rule.hard_target": (
        "hard target {target} ({year}): {qualified} qualified, {required} required ({short} short)",
        "chỉ tiêu bắt buộc {target} ({year}): {qualified} đạt, cần {required} (thiếu {short})",
    ),
    "rule.pin_require": (
        "pin: {official} must start {course} in {year}, but the plan does not have it",
        "ghim: {official} phải học khóa {course} năm {year}, nhưng kế hoạch không có",
    ),
    "rule.pin_forbid": (
        "pin: {official} must not start {course} in {year}, but the plan has it",
        "ghim: {official} không được học khóa {course} năm {year}, nhưng kế hoạch có",
    ),
    # why an enrollment can never be in a valid plan (solver.candidates.exclusion)
    "why.offering": ("{course} is not offered in {year}", "khóa {course} không mở năm {year}"),
    "why.horizon": (
        "{course} started in {start} ends in {end}, after the horizon",
        "khóa {course} bắt đầu năm {start} kết thúc năm {end}, sau giai đoạn kế hoạch",
    ),
    "why.pin_forbid": ("a forbid pin excludes it", "bị một dòng ghim forbid loại trừ"),
    "why.level": ("the official already holds {level}", "người này đã có trình độ {level}"),
    "why.max_age": (
        "aged {age} in {year}, above {max_age}",
        "{age} tuổi vào năm {year}, quá tuổi tối đa {max_age}",
    ),
    "why.retirement": (
        "retires in {retirement}, before the course ends in {end}",
        "nghỉ hưu tháng {retirement}, trước khi khóa học kết thúc năm {end}",
    ),
    "why.obligation": (
        "retires in {retirement}, {served} months after the course, short of the obligation",
        "nghỉ hưu tháng {retirement}, chỉ {served} tháng sau khóa học, không đủ thời gian "
        "phải phục vụ",
    ),
    "why.personal_days": (
        "{days} days away exceed the personal limit in {year}",
        "{days} ngày vắng mặt vượt mức tối đa của một người năm {year}",
    ),
    "why.leaders_away": (
        "no leader may be away full-time in {year}",
        "năm {year} không lãnh đạo nào được đi học tập trung",
    ),
    "why.prerequisite": (
        "{requirement} cannot be completed before {year}",
        "không thể hoàn thành điều kiện {requirement} trước năm {year}",
    ),
    # hard rules that leave no plan (solver.search.Infeasible)
    "conflict.pin_cannot": (
        "{official} cannot start {course} in {year}: {why}",
        "{official} không thể học khóa {course} năm {year}: {why}",
    ),
    "conflict.pin": (
        "{official} must start {course} in {year} (require pin)",
        "{official} phải học khóa {course} năm {year} (ghim require)",
    ),
    "conflict.target": (
        "hard target {target} (needs {required} qualified)",
        "chỉ tiêu bắt buộc {target} (cần {required} người đạt)",
    ),
    # capacity limits an infeasibility core can name beside them (solver.model, explain=True)
    "limit.seats": (
        "limit: {course} {year} has {seats} seats",
        "giới hạn: khóa {course} năm {year} có {seats} chỉ tiêu",
    ),
    "limit.classes": (
        "limit: {course} {year} may open {classes} classes",
        "giới hạn: khóa {course} năm {year} được mở {classes} lớp",
    ),
    "limit.class_size": (
        "limit: classes of {course} {year} take {low}–{high} learners",
        "giới hạn: mỗi lớp {course} năm {year} có {low}–{high} học viên",
    ),
    "limit.lecturer_hours": (
        "limit: lecturer {lecturer} teaches at most {hours} hours in {year}",
        "giới hạn: giảng viên {lecturer} dạy tối đa {hours} giờ năm {year}",
    ),
    "limit.budget_year": (
        "limit: the budget of {year} is {limit:,.0f} VND",
        "giới hạn: ngân sách năm {year} là {limit:,.0f} đồng",
    ),
    "limit.budget_total": (
        "limit: the total budget is {limit:,.0f} VND",
        "giới hạn: tổng ngân sách là {limit:,.0f} đồng",
    ),
    "limit.unit_away": (
        "limit: unit {unit} can spare {limit:g} days in {year}",
        "giới hạn: đơn vị {unit} chỉ bố trí được {limit:g} ngày vắng mặt năm {year}",
    ),
    "limit.personal_days": (
        "limit: {official} may be away {limit} days in {year}",
        "giới hạn: {official} được vắng mặt tối đa {limit} ngày năm {year}",
    ),
    "limit.leaders_away": (
        "limit: unit {unit} may have {limit} leaders in full-time courses in {year}",
        "giới hạn: đơn vị {unit} có tối đa {limit} lãnh đạo học tập trung năm {year}",
    ),
    "conflict.unknown": (
        "the hard rules conflict, but the search could not tell which in time",
        "các quy định bắt buộc mâu thuẫn nhau nhưng chưa xác định được quy định nào "
        "trong thời gian cho phép",
    ),
    "conflict.any": (
        "the hard rules conflict with each other",
        "các quy định bắt buộc mâu thuẫn nhau",
    ),
}


def render(message: Message, lang: str = "en") -> str:
    """``message`` in words, in ``lang`` (``en`` or ``vi``)."""
    params = {
        name: render(value, lang) if isinstance(value, Message) else value
        for name, value in message.params.items()
    }
    return describe(message.key, params, lang)


def conflict_lines(
    error: Any, where: Callable[[int], str] | None = None, lang: str = "en"
) -> list[str]:
    """One line per conflict of a ``trainplan.solver.Infeasible``; ``where(pin_index)`` names
    a pin's file and row."""
    locate = where or (lambda index: f"pins row {index + 2}")
    return [
        f"{locate(c.pin)}: {render(c.reason, lang)}"
        if c.pin is not None
        else render(c.reason, lang)
        for c in error.conflicts
    ]


def describe(rule: str, params: dict[str, Any], lang: str = "en") -> str:
    """The sentence for a catalogue key in ``lang`` (``en`` or ``vi``)."""
    english, vietnamese = TEMPLATES[rule]
    template = vietnamese if lang == "vi" else english
    text = template.format(**params)
    if lang == "vi":  # Vietnamese groups thousands with dots
        text = _vietnamese_digits(text)
    return text


def _vietnamese_digits(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d{3})", ".", text)


# ---------------------------------------------------------------- input problems, in Vietnamese
#
# The loaders word their problems in English (tests and users' scripts match that text). For a
# Vietnamese reader each English message is matched against an ordered table of regular
# expressions, whose named groups fill a Vietnamese template. Values (ids, numbers, quoted
# text) are carried over unchanged; a few groups hold English words of their own (a hint, a
# parser's reason, a unit) and are translated by small tables of their own. A message that no
# pattern matches is shown in English: never a crash, never a value lost.

Translation = tuple[re.Pattern[str], str]


def _rules(*pairs: tuple[str, str]) -> tuple[Translation, ...]:
    return tuple((re.compile(pattern, re.DOTALL), template) for pattern, template in pairs)


_HINTS = _rules(
    (r"in Excel choose 'Save as: CSV UTF-8'", "trong Excel hãy chọn 'Lưu dưới dạng: CSV UTF-8'"),
    (r"save it as UTF-8 text", "hãy lưu tệp dưới dạng văn bản UTF-8"),
)

_OS_ERRORS = _rules(
    (r"Is a directory", "đây là một thư mục"),
    (r"Permission denied", "không có quyền đọc"),
    (r"No such file or directory", "không tìm thấy tệp"),
)

_CSV_ERRORS = _rules(
    (r"field larger than field limit \((?P<limit>\d+)\)", "ô dài quá giới hạn {limit} ký tự"),
)

_XLSX_ERRORS = _rules(
    (r"File is not a zip file", "tệp không có dạng zip của .xlsx"),
)

_DATE_ERRORS = _rules(
    (r"day is out of range for month", "tháng đó không có ngày này"),
    (r"month must be in 1\.\.12", "tháng phải từ 1 đến 12"),
    (r"year (?P<year>-?\d+) is out of range", "năm {year} nằm ngoài phạm vi"),
    (
        r"invalid literal for int\(\) with base 10: (?P<value>.*)",
        "{value} không phải số nguyên",
    ),
    (r"could not convert string to float: (?P<value>.*)", "{value} không phải là số"),
)

_YAML_TOKENS = _rules(
    (r"<block end>", "hết khối (kiểm tra thụt lề)"),
    (r"'<stream end>'", "cuối tệp"),
    (r"'<scalar>'", "một giá trị"),
    (r"'<block sequence start>'", "đầu danh sách '-'"),
    (r"'<block mapping start>'", "đầu nhóm thiết lập"),
    (r"'<document start>'", "đầu tài liệu '---'"),
    (r"the node content", "một giá trị"),
    (r"a comment or a line break", "chú thích hoặc xuống dòng"),
    (r"alphabetic or numeric character", "chữ cái hoặc chữ số"),
    (r"(?P<first>'[^']*') or (?P<second>'[^']*')", "{first} hoặc {second}"),
)

_YAML_REASONS = _rules(
    (
        r"mapping values are not allowed here",
        "không được có dấu hai chấm ':' ở đây (văn bản có ':' cần đặt trong dấu nháy)",
    ),
    (r"could not find expected (?P<token>.+)", "không tìm thấy {token} cần có"),
    (r"expected (?P<token>.+), but (?:found|got) (?P<found>.+)", "cần {token} nhưng gặp {found}"),
    (
        r"found character (?P<char>'.*') that cannot start any token",
        "gặp ký tự {char} không được dùng ở đây",
    ),
    (r"found undefined alias (?P<alias>.+)", "gặp bí danh {alias} chưa được định nghĩa"),
    (r"found unexpected end of stream", "tệp kết thúc đột ngột"),
    (
        r"found a tab character (?:that violates|where an) indentation.*",
        "gặp ký tự tab ở chỗ phải thụt lề bằng dấu cách",
    ),
    (r"found unknown escape character (?P<char>.+)", "gặp ký tự thoát (escape) lạ {char}"),
    (
        r"could not determine a constructor for the tag (?P<tag>.+)",
        "không hiểu thẻ (tag) {tag}",
    ),
    (r"cannot read (?P<value>.+?): (?P<date_error>.+)", "không đọc được {value}: {date_error}"),
    (
        r"it nests brackets or lists too deeply to read",
        "lồng ngoặc hoặc danh sách quá nhiều tầng, không đọc được",
    ),
)

_YAML_CONTEXTS = _rules(
    (r"while scanning a simple key", "khóa"),
    (r"while scanning a quoted scalar", "chuỗi trong dấu nháy"),
    (r"while scanning a plain scalar", "giá trị"),
    (r"while scanning a block scalar", "khối văn bản"),
    (r"while scanning an? (?:anchor|alias)", "bí danh"),
    (r"while scanning a tag", "thẻ"),
    (r"while scanning a directive", "chỉ thị"),
    (r"while parsing a flow sequence", "danh sách [ ]"),
    (r"while parsing a flow mapping", "nhóm {{ }}"),
    (r"while parsing a block mapping", "nhóm thiết lập"),
    (r"while parsing a block collection", "danh sách"),
    (r"while parsing a (?:flow |block )?node", "giá trị"),
    (r"while constructing a mapping", "nhóm thiết lập"),
)

_UNITS = {
    "VND": "đồng",
    "learners": "học viên",
    "hours": "giờ",
    "seats": "chỉ tiêu",
    "classes": "lớp",
    "leaders": "lãnh đạo",
    "days": "ngày",
}

_CHOICES = {
    "M": "nam",
    "F": "nữ",
    "cadre": "cán bộ",
    "civil_servant": "công chức",
    "full_time": "tập trung",
    "in_service": "vừa làm vừa học",
    "internal": "huyện tự tổ chức",
    "external": "học ở cơ sở ngoài",
    "require": "bắt buộc học",
    "forbid": "không được học",
}

_DIGITS = re.compile(r"a number of about (?P<digits>\d+) digits")


def _number(text: str) -> str:
    """'a number of about 301 digits' (a value too long to show) in Vietnamese."""
    return _DIGITS.sub(lambda match: f"một số có khoảng {match['digits']} chữ số", text)


def _choices(text: str) -> str:
    """ "'M' or 'F'" -> "'M' (nam) hoặc 'F' (nữ)": pydantic's list of allowed values."""
    glossed = re.sub(
        r"'([^']*)'",
        lambda match: f"{match[0]} ({_CHOICES[match[1]]})" if match[1] in _CHOICES else match[0],
        text,
    )
    return re.sub(r"(?<=\)|') or '", " hoặc '", glossed)


def _sub_table(table: tuple[Translation, ...]) -> Callable[[str], str]:
    return lambda text: _translate(text, table) or text


_GROUPS: dict[str, Callable[[str], str]] = {
    "hint": _sub_table(_HINTS),
    "oserror": _sub_table(_OS_ERRORS),
    "csv_error": _sub_table(_CSV_ERRORS),
    "xlsx_error": _sub_table(_XLSX_ERRORS),
    "date_error": _sub_table(_DATE_ERRORS),
    "yaml_reason": _sub_table(_YAML_REASONS),
    "yaml_context": _sub_table(_YAML_CONTEXTS),
    "token": _sub_table(_YAML_TOKENS),
    "found": _sub_table(_YAML_TOKENS),
    "unit": lambda unit: _UNITS.get(unit, unit),
    "number": _number,
    "got": _number,
    "choices": _choices,
    "requirements": lambda text: text.replace(" and ", " và "),
}
"""Groups that hold English words of their own; every other group is a value, kept as is."""

_FOLDER_NAME = re.escape(
    ' cannot be a folder name (plans/<name>): no / \\ : * ? " < > | and no control '
    "characters; use letters, digits and '-'"
)

PROBLEM_TRANSLATIONS: tuple[Translation, ...] = _rules(
    # ---- reading files and tables (trainplan.files.tables)
    (
        r"looks like UTF-16 but cannot be decoded",
        "có vẻ là văn bản UTF-16 nhưng không giải mã được",
    ),
    (
        r"is a workbook or other binary file, not text; (?P<hint>.+)",
        "là tệp bảng tính hoặc tệp nhị phân khác, không phải tệp văn bản; {hint}",
    ),
    (
        r"looks like UTF-16 text without a byte-order mark; (?P<hint>.+)",
        "có vẻ là văn bản UTF-16 không có dấu BOM (byte-order mark); {hint}",
    ),
    (
        r"not UTF-8 text \(byte (?P<byte>0x[0-9A-F]+)\); (?P<hint>.+) "
        r"\(Windows-1258 and other code pages are not read\)",
        "không phải tệp văn bản UTF-8 (byte {byte}); {hint} "
        "(không đọc được bảng mã Windows-1258 hay các bảng mã khác)",
    ),
    (
        r"holds binary data \(a NUL byte\), not text",
        "chứa dữ liệu nhị phân (byte NUL), không phải văn bản",
    ),
    (r"cannot be read: (?P<oserror>.+)", "không đọc được: {oserror}"),
    (
        r"is empty: the first row must hold column names",
        "trống: dòng đầu tiên phải ghi tên các cột",
    ),
    (r"is empty: row 1 must hold column names", "trống: dòng 1 phải ghi tên các cột"),
    (
        r"has (?P<cells>\d+) cells but the header has (?P<header>\d+)",
        "có {cells} ô nhưng dòng tiêu đề chỉ có {header} cột",
    ),
    (
        r"cannot be read as CSV from here \((?P<csv_error>.*)\); is a quote \(\"\) left open\?",
        'từ đây không đọc được theo dạng CSV ({csv_error}); có dấu nháy kép (") nào chưa '
        "đóng không?",
    ),
    (
        r"a cell opens a quote \(\"\) that is never closed \(is the file cut short\?\)",
        'có ô mở dấu nháy kép (") mà không đóng lại (tệp có bị cắt mất phần cuối không?)',
    ),
    (r"this column appears twice", "cột này xuất hiện hai lần"),
    (
        r"is an old Excel 97-2003 \(\.xls\) workbook; save it as \.xlsx",
        "là tệp Excel 97-2003 (.xls) kiểu cũ; hãy lưu lại dưới dạng .xlsx",
    ),
    (
        r"is not a readable \.xlsx workbook \((?P<xlsx_error>.*)\)",
        "là tệp .xlsx bị hỏng hoặc không đọc được ({xlsx_error})",
    ),
    (
        r"has two sheets for table '(?P<table>.*)' \('(?P<first>.*)' and '(?P<second>.*)'\); "
        r"keep one",
        "có hai trang tính cho bảng '{table}' ('{first}' và '{second}'); hãy giữ lại một",
    ),
    (
        r"has no sheet '(?P<table>.*?)' \(its sheets: (?P<sheets>.*)\)",
        "không có trang tính '{table}' (các trang tính hiện có: {sheets})",
    ),
    (r"is a chart, not a sheet of cells", "là trang biểu đồ, không phải trang tính có ô dữ liệu"),
    (
        r"cells (?P<cells>\S+) are merged: unmerge them and fill in every cell",
        "các ô {cells} đang bị gộp (merge): hãy bỏ gộp và điền đủ từng ô",
    ),
    (
        r"holds a formula with no saved value \((?P<formula>.*)\); open and save the workbook "
        r"in Excel, or paste values",
        "chứa công thức chưa có giá trị được lưu ({formula}); hãy mở tệp bằng Excel rồi lưu "
        "lại, hoặc dán dạng giá trị (Paste Values)",
    ),
    (r"holds the Excel error (?P<error>.+)", "chứa lỗi Excel {error}"),
    (
        r"the folder holds both scenario\.xlsx and CSV tables \((?P<files>.*)\); keep one of them",
        "thư mục có cả scenario.xlsx lẫn các bảng CSV ({files}); chỉ giữ một trong hai",
    ),
    (
        r"is missing \(or put a sheet '(?P<table>.*)' in scenario\.xlsx\)",
        "không tìm thấy tệp này (hoặc thêm trang tính '{table}' vào scenario.xlsx)",
    ),
    (r"is missing from (?P<folder>.+)", "không có trong thư mục {folder}"),
    (r"is not a scenario folder", "không phải thư mục kịch bản"),
    (r"is not a plan folder", "không phải thư mục kế hoạch"),
    (
        r"has column names but no rows: the scenario needs at least one",
        "có tên cột nhưng không có dòng dữ liệu nào: kịch bản cần ít nhất một dòng",
    ),
    (r"unknown column, ignored", "tên cột không có trong quy định, cột này được bỏ qua"),
    (r"this required column is missing", "thiếu cột bắt buộc này"),
    (r"is blank", "đang để trống (bắt buộc phải điền)"),
    # ---- scenario.yaml (trainplan.files.loader)
    (
        r"'(?P<key>.*)' appears twice \(also on line (?P<line>\d+)\)",
        "'{key}' xuất hiện hai lần (đã có ở dòng {line})",
    ),
    (
        r"is not valid YAML: second occurrence \(found duplicate anchor (?P<anchor>.+); first "
        r"occurrence that starts on line (?P<line>\d+)\)",
        "không phải YAML hợp lệ: nhãn (anchor) {anchor} được đặt hai lần (lần đầu ở dòng {line})",
    ),
    (
        r"is not valid YAML: but found another document \(expected a single document in the "
        r"stream that starts on line (?P<line>\d+)\)",
        "không phải YAML hợp lệ: tệp chỉ được có một tài liệu (bắt đầu từ dòng {line}) nhưng "
        "gặp thêm tài liệu khác sau dấu '---'",
    ),
    (
        r"is not valid YAML: (?P<yaml_reason>.+?) "
        r"\((?P<yaml_context>while .+) that starts on line (?P<line>\d+)\)",
        "không phải YAML hợp lệ: {yaml_reason} (khi đọc {yaml_context} bắt đầu từ dòng {line})",
    ),
    (r"is not valid YAML: (?P<yaml_reason>.+)", "không phải YAML hợp lệ: {yaml_reason}"),
    (
        r"must be a mapping of settings \(name: \.\.\., horizon: \.\.\.\)",
        "phải là danh sách thiết lập dạng tên: giá trị (name: ..., horizon: ...)",
    ),
    (
        r"is not a known setting|Extra inputs are not permitted",
        "không phải thiết lập đã biết (kiểm tra lỗi chính tả)",
    ),
    (r"is missing|Field required", "còn thiếu (bắt buộc phải có)"),
    # ---- cells (trainplan.files.loader converters, models.retirement)
    (
        r"'(?P<value>.*)' is not true or false",
        "'{value}' không phải đúng/sai (hãy ghi true/false hoặc có/không)",
    ),
    (r"'(?P<value>.*)' is not a whole number", "'{value}' không phải số nguyên"),
    (r"'(?P<value>.*)' is not a finite number", "'{value}' không phải số hữu hạn"),
    (r"'(?P<value>.*)' is not a number", "'{value}' không phải là số"),
    (
        r"'(?P<value>.*)' is not of the form track>=level",
        "'{value}' không đúng dạng track>=level (lĩnh vực>=trình độ)",
    ),
    (
        r"(?P<value>.+) is not a month: write YYYY-MM, e\.g\. (?P<example>.+)",
        "{value} không phải tháng/năm: hãy ghi dạng YYYY-MM, ví dụ {example}",
    ),
    (
        r"(?P<value>.+) is not a date \(day/month/year\): (?P<date_error>.+)",
        "{value} không phải ngày hợp lệ (ngày/tháng/năm): {date_error}",
    ),
    (
        r"(?P<value>.+) is not a date: (?P<date_error>.+)",
        "{value} không phải ngày hợp lệ: {date_error}",
    ),
    (
        r"(?P<value>.+): month (?P<month>-?\d+) is not between (?P<low>\d+) and (?P<high>\d+)",
        "{value}: tháng {month} không nằm trong khoảng từ {low} đến {high}",
    ),
    (
        r"(?P<value>.+): year (?P<year>-?\d+) is not between (?P<low>\d+) and (?P<high>\d+)",
        "{value}: năm {year} không nằm trong khoảng từ {low} đến {high}",
    ),
    # ---- rules across fields (models.scenario)
    (
        r"an internal course needs (?P<fields>.+)",
        "khóa do huyện tự tổ chức (internal) cần điền {fields}",
    ),
    (
        r"class_min (?P<low>\S+) is above class_max (?P<high>\S+)",
        "class_min {low} lớn hơn class_max {high}",
    ),
    (
        r"from_year (?P<first>\S+) is after to_year (?P<last>\S+)",
        "from_year {first} sau to_year {last} (năm bắt đầu sau năm kết thúc)",
    ),
    (
        r"horizon starts in (?P<first>-?\d+), after it ends in (?P<last>-?\d+)",
        "giai đoạn kế hoạch bắt đầu năm {first}, sau năm kết thúc {last}",
    ),
    (
        r"horizon years must lie between (?P<low>\d+) and (?P<high>\d+)",
        "các năm của giai đoạn kế hoạch phải nằm trong khoảng từ {low} đến {high}",
    ),
    (
        r"a horizon of more than (?P<years>\d+) years is not supported",
        "không hỗ trợ giai đoạn kế hoạch dài hơn {years} năm",
    ),
    (r"at least one track is needed", "cần ít nhất một lĩnh vực đào tạo (track)"),
    (
        r"track (?P<track>.+) needs at least two levels, lowest first",
        "lĩnh vực {track} cần ít nhất hai trình độ, ghi từ thấp đến cao",
    ),
    (r"track (?P<track>.+) lists a level twice", "lĩnh vực {track} ghi một trình độ hai lần"),
    # ---- the whole scenario (trainplan.checking.validate)
    (r"'(?P<key>.*)' already appears in row (?P<row>\d+)", "mã '{key}' đã có ở dòng {row}"),
    (
        r"target id '(?P<id>.*)' is already used on line (?P<line>\d+)",
        "mã chỉ tiêu '{id}' đã dùng ở dòng {line}",
    ),
    (
        r"no track '(?P<track>.*)' \(tracks: (?P<tracks>.*)\)",
        "không có lĩnh vực '{track}' (các lĩnh vực: {tracks})",
    ),
    (r"no track '(?P<track>.*)'", "không có lĩnh vực '{track}'"),
    (
        r"track (?P<track>.+?) has no level '(?P<level>.*)' \(levels: (?P<levels>.*)\)",
        "lĩnh vực {track} không có trình độ '{level}' (các trình độ: {levels})",
    ),
    (r"no unit '(?P<id>.*)'", "không có đơn vị '{id}'"),
    (r"no post '(?P<id>.*)'", "không có chức vụ '{id}'"),
    (r"no official '(?P<id>.*)'", "không có cán bộ '{id}'"),
    (r"no course '(?P<id>.*)'", "không có khóa học '{id}'"),
    (
        r"retired in (?P<month>\S+) under Decree 135/2020, before the horizon",
        "đã nghỉ hưu từ tháng {month} theo Nghị định 135/2020, trước giai đoạn kế hoạch",
    ),
    (
        r"(?P<birth>\S+) makes the official younger than (?P<age>\d+)",
        "với tháng sinh {birth}, cán bộ chưa đủ {age} tuổi",
    ),
    (
        r"'(?P<level>.*)' is the lowest level: it grants nothing",
        "'{level}' là trình độ thấp nhất: khóa học không nâng lên trình độ nào",
    ),
    (
        r"no lecturer teaches subject '(?P<subject>.*)', so course (?P<course>.+) cannot open "
        r"a class",
        "không có giảng viên nào dạy môn '{subject}', nên khóa {course} không mở lớp được",
    ),
    (
        r"course (?P<course>.+?) can never start: no official holds (?P<requirements>.+) and no "
        r"course that can start grants it",
        "khóa {course} không bao giờ mở được: chưa cán bộ nào đạt {requirements} và không khóa "
        "học nào mở được cấp trình độ này",
    ),
    (
        r"(?P<year>-?\d+) is outside the horizon (?P<first>-?\d+)–(?P<last>-?\d+)",
        "năm {year} nằm ngoài giai đoạn kế hoạch {first}–{last}",
    ),
    (
        r"external course (?P<course>.+) needs seats",
        "khóa học ở cơ sở ngoài {course} cần ghi số chỉ tiêu (seats)",
    ),
    (
        r"internal course (?P<course>.+) needs classes",
        "khóa do huyện tự tổ chức {course} cần ghi số lớp (classes)",
    ),
    (
        r"course (?P<course>.+) is not offered in (?P<year>-?\d+)",
        "khóa {course} không mở năm {year}",
    ),
    (
        r"target (?P<target>.+?): no official matches it and is in service at the end of "
        r"(?P<year>-?\d+)",
        "chỉ tiêu {target}: không có cán bộ nào thuộc đối tượng mà còn công tác đến cuối năm "
        "{year}",
    ),
    (
        r"(?P<number>.+) is more than (?P<limit>[\d,]+) (?P<unit>\w+); is it a typo\?",
        "{number} lớn hơn {limit} {unit}; có phải gõ nhầm không?",
    ),
    (
        r"(?P<number>.+) is not a year between (?P<low>\d+) and (?P<high>\d+)",
        "{number} không phải năm trong khoảng từ {low} đến {high}",
    ),
    (
        r"(?P<name>.+)" + _FOLDER_NAME,
        "{name} không dùng làm tên thư mục được (plans/<name>): không được có "
        "/ \\ : * ? \" < > | hay ký tự điều khiển; hãy dùng chữ cái, chữ số và '-'",
    ),
    # ---- pydantic's own words, as trainplan.files.loader._message passes them on
    (r"Input should be greater than or equal to (?P<n>\S+)", "phải lớn hơn hoặc bằng {n}"),
    (r"Input should be greater than (?P<n>\S+)", "phải lớn hơn {n}"),
    (r"Input should be less than or equal to (?P<n>\S+)", "phải nhỏ hơn hoặc bằng {n}"),
    (r"Input should be less than (?P<n>\S+)", "phải nhỏ hơn {n}"),
    (r"Input should be (?P<choices>'[^']*'(?:(?:, | or )'[^']*')*)", "phải là {choices}"),
    (
        r"Input should be a valid integer, got a number with a fractional part",
        "phải là số nguyên, không có phần thập phân",
    ),
    (
        r"Input should be a valid integer(?:, unable to parse string as an integer)?",
        "phải là số nguyên",
    ),
    (
        r"Unable to parse input string as an integer, exceeded maximum size",
        "số quá lớn, không đọc được thành số nguyên",
    ),
    (r"Input should be a valid number(?:, unable to parse string as a number)?", "phải là số"),
    (r"Input should be a finite number", "phải là số hữu hạn"),
    (
        r"Input should be a valid boolean(?:, unable to interpret input)?",
        "phải là true hoặc false",
    ),
    (r"Input should be a valid string", "phải là văn bản"),
    (
        r"Input should be a valid (?:dictionary|mapping)"
        r"(?: or (?:instance of \w+|object to extract fields from))?",
        "phải là một nhóm thiết lập dạng tên: giá trị",
    ),
    (r"Input should be a valid (?:tuple|list|set|frozenset)", "phải là một danh sách"),
    (
        r"\w+ should have at most (?P<n>\d+) items? after validation, not (?P<m>\d+)",
        "chỉ được có tối đa {n} phần tử, đang có {m}",
    ),
    (
        r"\w+ should have at least (?P<n>\d+) items? after validation, not (?P<m>\d+)",
        "phải có ít nhất {n} phần tử, đang có {m}",
    ),
    (r"String should have at least 1 character", "không được để trống (ít nhất 1 ký tự)"),
    (r"String should have at least (?P<n>\d+) characters", "phải có ít nhất {n} ký tự"),
    (r"String should have at most (?P<n>\d+) characters?", "chỉ được có tối đa {n} ký tự"),
)
"""English input problems (every message the loaders and validation word) -> Vietnamese."""

_GOT = re.compile(r"(?P<message>.*?) \(got (?P<got>.*)\)", re.DOTALL)
"""The value pydantic was given, as ``trainplan.files.loader._message`` appends it."""


def _translate(text: str, table: tuple[Translation, ...]) -> str | None:
    """``text`` worded by the first rule of ``table`` that matches it whole, else None."""
    for pattern, template in table:
        match = pattern.fullmatch(text)
        if match:
            values = {
                name: _GROUPS[name](value) if name in _GROUPS else value
                for name, value in match.groupdict(default="").items()
            }
            return template.format(**values)
    return None


def problem_message(message: str, lang: str = "en") -> str:
    """The message of a problem in ``lang``; in English when no translation is known."""
    if lang != "vi":
        return message
    try:
        translated = _translate(message, PROBLEM_TRANSLATIONS)
        if translated is None and (got := _GOT.fullmatch(message)):
            base = _translate(got["message"], PROBLEM_TRANSLATIONS)
            if base is not None:
                translated = f"{base} (đang ghi: {_number(got['got'])})"
    except (KeyError, IndexError, ValueError):  # a template gone wrong: the English still helps
        translated = None
    return message if translated is None else translated


def problem_text(problem: Problem, lang: str = "en") -> str:
    """One problem on one line, for a reader of ``lang``: ``str(problem)`` in English, and in
    Vietnamese "officials.csv dòng 14, cột unit_id: không có đơn vị 'X12'"."""
    if lang != "vi":
        return str(problem)
    where = problem.file
    yaml = problem.file.endswith(".yaml")
    if problem.row is not None:
        where += f" dòng {problem.row}"
    if problem.column:
        where += f", {problem.column}" if yaml else f", cột {problem.column}"
    return _one_line(f"{where}: {problem_message(problem.message, lang)}")
