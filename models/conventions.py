"""How Vietnamese planners write values, read one way everywhere (tables and settings).

- **Choices**: each fixed value (sex, category, mode, provider, pin action) may be written
  canonically (``M``, ``cadre``) or in Vietnamese (``Nam``, ``Cán bộ``), in any case, with or
  without diacritics (``nu``, ``NỮ``).
- **Numbers**: a decimal comma wherever a decimal point is accepted (``12,0``, ``0,6``);
  thousands grouped with dots, commas or spaces (``250.000.000``, ``250,000,000``). Where a
  whole number is expected (amounts in VND, counts), one dot or comma followed by exactly three
  digits groups thousands (``300.000`` is 300000: no amount in VND has three decimals); else it
  is the decimal separator. Where a fraction may be expected, one separator is always decimal
  (``1,5`` and ``1.5`` are 1.5). An amount may be written in words: ``800 triệu``, ``2 tỷ``,
  ``1,5 tỷ`` (millions and billions: unambiguous), with an optional ``đồng``/``đ``/``VND``.
- **Shares**: a fraction (``0.6``, ``0,6``) or a percentage (``60%``); a bare 60 is refused
  with the advice to write 0.6 or 60%.
- **Level names**: a level may be named by its canonical name or an alias given in the
  settings (``level_names``), matched exactly, else case- and diacritic-insensitively where no
  two levels of the track fold to the same name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from pydantic_core import PydanticCustomError


def _bare(text: str) -> str:
    """``text`` without case or diacritics: 'Tỷ' -> 'ty'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def fold(text: str) -> str:
    """``text`` without case, diacritics, ``_``/``-`` or repeated spaces: 'Nữ' -> 'nu'."""
    return " ".join(re.sub(r"[_\-]", " ", _bare(text)).split())


CHOICES: dict[str, dict[str, str]] = {
    "sex": {"m": "M", "f": "F", "nam": "M", "nu": "F"},
    "category": {
        "cadre": "cadre",
        "civil servant": "civil_servant",
        "can bo": "cadre",
        "cong chuc": "civil_servant",
    },
    "mode": {
        "full time": "full_time",
        "in service": "in_service",
        "tap trung": "full_time",
        "vua lam vua hoc": "in_service",
        "khong tap trung": "in_service",
        "tai chuc": "in_service",
    },
    "provider": {
        "internal": "internal",
        "external": "external",
        "noi bo": "internal",
        "huyen to chuc": "internal",
        "ben ngoai": "external",
        "co so ngoai": "external",
    },
    "funding": {
        "budget": "budget",
        "self": "self",
        "other": "other",
        "ngan sach": "budget",
        "tu tuc": "self",
        "ca nhan tu chi tra": "self",
        "nguon khac": "other",
    },
    "status": {
        "completed": "completed",
        "in progress": "in_progress",
        "dropped": "dropped",
        "failed": "failed",
        "hoan thanh": "completed",
        "da hoan thanh": "completed",
        "dang hoc": "in_progress",
        "bo hoc": "dropped",
        "thoi hoc": "dropped",
        "khong dat": "failed",
        "khong hoan thanh": "failed",
    },
    "action": {
        "require": "require",
        "forbid": "forbid",
        "bat buoc": "require",
        "bat buoc hoc": "require",
        "cam": "forbid",
        "khong duoc hoc": "forbid",
    },
}
"""Each kind of choice: the folded ways of writing a value -> the canonical value."""


def choice(kind: str, text: str) -> str | None:
    """The canonical value of ``kind`` written ``text`` ('Nữ' -> 'F'), or None."""
    return CHOICES[kind].get(fold(text))


# ---------------------------------------------------------------- numbers

_SPACES = re.compile(r"[\s\u00a0\u202f_']")
_SCIENTIFIC = re.compile(r"\d+(\.\d*)?[eE][+-]?\d+|\.\d+[eE][+-]?\d+")
_WORDS = {"nghin": 10**3, "ngan": 10**3, "trieu": 10**6, "ty": 10**9, "ti": 10**9}
_IN_WORDS = re.compile(r"([\d.,\s]+?)\s*(nghin|ngan|trieu|ty|ti)\s*(dong|d|vnd)?")
_CURRENCY = re.compile(r"(.*?\d)\s*(dong|d|vnd)")


def _digits(text: str, whole: bool) -> Decimal | None:
    """Digits with at most a decimal separator and thousands groups, as explained above."""
    if re.fullmatch(r"\d+", text):
        return Decimal(text)
    if _SCIENTIFIC.fullmatch(text):
        return Decimal(text)
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        point = "." if text.rfind(".") > text.rfind(",") else ","
        group = "," if point == "." else "."
        head, _, tail = text.rpartition(point)
        if not re.fullmatch(rf"\d{{1,3}}(\{group}\d{{3}})*", head) or not tail.isdigit():
            return None
        return Decimal(head.replace(group, "") + "." + tail)
    mark = "." if dots else ","
    count = dots or commas
    grouped = re.fullmatch(rf"\d{{1,3}}(\{mark}\d{{3}})+", text) is not None
    if count > 1:
        return Decimal(text.replace(mark, "")) if grouped else None
    if grouped and whole:
        return Decimal(text.replace(mark, ""))
    match = re.fullmatch(rf"(\d*)\{mark}(\d+)|(\d+)\{mark}", text)
    if match is None:
        return None
    return Decimal(text.replace(mark, "."))


def read_number(text: str, *, whole: bool = False, words: bool = True) -> Decimal | None:
    """The number ``text`` holds in any of the conventions above, or None.

    ``whole``: a whole number is expected (one separator before three digits groups
    thousands). ``words``: ``800 triệu``, ``2 tỷ`` and ``300.000 đ`` are read too.
    """
    value = _bare(text).strip()
    sign = Decimal(1)
    if value[:1] in "+-" and value:
        sign = Decimal(-1) if value[0] == "-" else sign
        value = value[1:].strip()
    factor = 1
    if words:
        in_words = _IN_WORDS.fullmatch(value)
        currency = _CURRENCY.fullmatch(value)
        if in_words:
            value, factor = in_words.group(1), _WORDS[in_words.group(2)]
        elif currency:
            value = currency.group(1)
    value = _SPACES.sub("", value)
    try:
        number = _digits(value, whole and factor == 1)
    except InvalidOperation:
        return None
    if number is None or not number.is_finite():
        return None
    return sign * number * factor


def read_share(text: str) -> Decimal | None:
    """A share written ``0.6``, ``0,6`` or ``60%`` (``60 %``), as a fraction; None if not."""
    value = text.strip()
    percent = value.endswith("%")
    number = read_number(value[:-1] if percent else value, words=False)
    if number is None:
        return None
    return number / 100 if percent else number


# ---------------------------------------------------------------- level names


def level_lookup(levels: Iterable[str], names: Mapping[str, str]) -> dict[str, str | None]:
    """Every way to name a level of one track -> the level (None where two levels clash).

    Canonical levels and their ``names`` (level -> alias) match exactly; their folded forms
    match where they point to one level only.
    """
    exact: dict[str, str | None] = {}
    folded: dict[str, str | None] = {}
    for level in levels:
        for name in (level, names.get(level)):
            if name is None:
                continue
            exact[name] = level if exact.get(name, level) == level else None
            key = fold(name)
            folded[key] = level if folded.get(key, level) == level else None
    return {**{f"\0{key}": level for key, level in folded.items()}, **exact}


def level_named(lookup: Mapping[str, str | None], name: str) -> str | None:
    """The level ``name`` means in a track's ``lookup``, or None."""
    if name in lookup:
        return lookup[name]
    return lookup.get(f"\0{fold(name)}")


def target_levels(target: object, tracks: dict[str, object], names: object) -> object:
    """A target as written in the settings (raw data) with ``standard: true`` as every track
    and each level of ``has`` by its canonical name."""
    if not isinstance(target, dict):
        return target
    if target.get("standard") is True:
        target = {**target, "standard": list(tracks)}
    if "has" in target:
        target = {**target, "has": _named_levels(target["has"], tracks, names)}
    return target


def _named_levels(has: object, tracks: dict[str, object], names: object) -> object:
    if not isinstance(has, dict):
        return has
    result = {}
    for track, level in has.items():
        levels, aliases = tracks.get(track), names.get(track) if isinstance(names, dict) else None
        if isinstance(level, str) and isinstance(levels, list | tuple):
            lookup = level_lookup(_texts(levels), _aliases(aliases))
            level = level_named(lookup, level) or level
        result[track] = level
    return result


def _texts(values: Iterable[object]) -> list[str]:
    return [value for value in values if isinstance(value, str)]


def _aliases(names: object) -> dict[str, str]:
    if not isinstance(names, dict):
        return {}
    return {key: value for key, value in names.items() if isinstance(value, str)}


def level_names_problem(
    tracks: Mapping[str, Iterable[str]], names: Mapping[str, Mapping[str, str]]
) -> tuple[str, dict[str, object]] | None:
    """What is wrong with ``level_names`` (a rule key of ``RULES`` and its parameters)."""
    for track, aliases in names.items():
        if track not in tracks:
            return "input.level_names.no_track", {"track": track, "setting": track}
        levels = list(tracks[track])
        for level in aliases:
            if level not in levels:
                params = {"track": track, "level": level, "levels": ", ".join(levels)}
                return "input.level_names.no_level", {**params, "setting": track}
        lookup = level_lookup(levels, aliases)
        for alias in aliases.values():
            if lookup.get(alias, "") is None or lookup.get(f"\0{fold(alias)}", "") is None:
                return "input.level_names.clash", {"track": track, "name": alias, "setting": track}
    return None


# ---------------------------------------------------------------- model validators

RULES = {
    "input.share.above_one": (
        "a share is a fraction of 1 (got {value:n}): for {value:n}% write {fraction:n} or "
        "{value:n}%"
    ),
    "input.share.unreadable": "'{value}' is not a share: write a fraction such as 0.6 or 60%",
    "input.amount.unreadable": (
        "'{value}' is not an amount in VND: write e.g. 250000000 or 250.000.000"
    ),
    "input.level_names.no_track": "level_names: no track '{track}'",
    "input.level_names.no_level": "track {track} has no level '{level}' (levels: {levels})",
    "input.level_names.clash": "track {track}: '{name}' would name two levels",
}
"""The conventions' rules checked by the models (``models.scenario.RULES`` holds them too)."""


def _broken(key: str, **params: object) -> PydanticCustomError:
    return PydanticCustomError(key, RULES[key], params)


def whole_amount(value: object) -> object:
    """An amount in VND as written (``250.000.000``, ``2.0e9``, ``800 triệu``) as a number."""
    if isinstance(value, str):
        number = read_number(value, whole=True)
        if number is None:
            raise _broken("input.amount.unreadable", value=value)
        value = int(number) if number == number.to_integral_value() else float(number)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_PERCENTS = frozenset(range(2, 101))
"""Whole numbers a share may be written as when a percentage is meant (a bare 60)."""


def share(value: object) -> object:
    """A share as written (``0.6``, ``0,6``, ``60%``); a bare 60 is refused with advice."""
    if isinstance(value, str):
        number = read_share(value)
        if number is None:
            raise _broken("input.share.unreadable", value=value)
        value = float(number)
    if isinstance(value, int | float) and not isinstance(value, bool) and value in _PERCENTS:
        raise _broken("input.share.above_one", value=value, fraction=value / 100)
    return value


def decimal(value: object) -> object:
    """A number written with a decimal comma (``1,5``) as a float; anything else unchanged."""
    if isinstance(value, str):
        number = read_number(value, words=False)
        if number is not None:
            return float(number)
    return value


def chosen(kind: str, values: object) -> object:
    """Each text of ``values`` written the Vietnamese way as its canonical choice of ``kind``."""
    if kind not in CHOICES or not isinstance(values, list | tuple):
        return values
    return tuple(
        (choice(kind, value) or value) if isinstance(value, str) else value for value in values
    )


def field_name(value: object) -> object:
    """A field of study as compared everywhere: NFC, one space between words, lower case
    (``Luật``, `` luật `` and ``LUẬT`` are one field; accents are kept: they tell words apart)."""
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split()).lower()
    return value
