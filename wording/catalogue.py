"""Words for people, from gettext catalogues.

Code raises messages as data (``trainplan.models.message.Message``: a key and parameters);
this module renders them in the reader's language. The words live in gettext catalogues,
one per domain and language: ``wording/locale/<lang>/LC_MESSAGES/<domain>.po`` (``msgid`` =
the key, ``msgstr`` = the template), read with Babel. English is a catalogue like any other,
so rewording it never loses a translation, and a test fails when a key lacks a language.

Templates use ``str.format`` fields: ``{course}`` shows a value as it is (ids, years),
``{cost:n}`` a number in the reader's conventions (``1,234,567.5`` in English,
``1.234.567,5`` in Vietnamese), ``{seconds:n1}`` one with at most one decimal (``n0``: none),
``{gap:%}`` a fraction as a percentage (``0.4%``, ``0,4%``). A key with plural forms
(``msgid_plural``) chooses its form by the parameter ``n`` (a count that is not whole takes
the form of many, as in "1.5 days").

With ``TRAINPLAN_STRICT_WORDS=1`` (set by the test suite) a key missing from a catalogue, or a
template naming a parameter the message lacks, raises instead of falling back. ``audit`` lists
what the catalogues lack (``tests/test_catalogue.py`` feeds it every key the code names).
"""

from __future__ import annotations

import io
import os
import string
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from trainplan.models.message import LEVEL, Message

LANGUAGES = ("en", "vi")
DEFAULT_LANGUAGE = "en"
DOMAINS = ("input", "plan", "terminal", "report")
"""``input``: problems with scenario and plan files; ``plan``: broken rules, limits and
conflicts; ``terminal``: what the command line prints (labels, progress, summaries);
``report``: the committee's reports (plan.xlsx, report.html: sheets, columns, reasons)."""
LOCALE = Path(__file__).resolve().parent / "locale"


class MissingWords(KeyError):
    """A key or parameter the catalogues lack (raised only in strict mode)."""


def _strict() -> bool:
    return os.environ.get("TRAINPLAN_STRICT_WORDS", "") not in ("", "0")


@cache
def catalogue(lang: str, domain: str) -> Translations:
    """The compiled catalogue of ``domain`` in ``lang`` (an empty one if the file is absent)."""
    path = LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return Translations()
    with path.open("rb") as handle:
        compiled = read_po(handle, locale=lang, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, compiled)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


@cache
def keys(lang: str) -> dict[str, str]:
    """Every key of ``lang``'s catalogues with the domain that holds it."""
    found: dict[str, str] = {}
    for domain in DOMAINS:
        path = LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        with path.open("rb") as handle:
            for entry in read_po(handle, locale=lang, domain=domain):
                key = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
                if key:
                    found[str(key)] = domain
    return found


def _template(key: str, lang: str, count: int | None) -> str | None:
    domain = keys(lang).get(key)
    if domain is None:
        return None
    translations = catalogue(lang, domain)
    text = translations.ngettext(key, key, count) if count is not None else key
    if text == key:  # no plural forms, or no count: the single template
        text = translations.gettext(key)
    return None if text == key else str(text)


def number(value: Any, lang: str = DEFAULT_LANGUAGE, places: int = 2) -> str:
    """A number as a reader of ``lang`` writes it: grouped thousands, at most ``places``
    decimals (exact for fractions: a third of a day is 0.33 in English, 0,33 in Vietnamese)."""
    value = _exact(value)
    pattern = "#,##0" + ("." + "#" * places if places else "")
    return str(format_decimal(value, format=pattern, locale=lang))


_NUMBERS = (int, float, Fraction, Decimal)


SMALLEST_PERCENT = Decimal("0.01")
"""Percentages show two decimals; a nonzero share below 0.01 % reads "<0.01%", never "0%"
(a search gap of 0.004 % is not a proven plan)."""


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        numeric = format_spec in ("n", "%") or (
            format_spec[:1] == "n" and format_spec[1:].isdigit()
        )
        if numeric and (isinstance(value, bool) or not isinstance(value, _NUMBERS)):
            if _strict():
                raise ValueError(f"{value!r} is not a number (format {format_spec!r})")
            return str(value)  # never lose what the message says
        if format_spec == "n":
            return number(value, self.lang)
        if len(format_spec) == 2 and format_spec[0] == "n" and format_spec[1].isdigit():
            return number(value, self.lang, places=int(format_spec[1]))
        if format_spec == "month":  # YYYY-MM as the reader writes a month
            return _month(value, self.lang)
        if format_spec == "%":
            share = _exact(value) * 100
            if share and abs(share) < SMALLEST_PERCENT:  # never a nonzero share shown as 0 %
                return "<" + number(SMALLEST_PERCENT, self.lang) + "%"
            return number(share, self.lang, places=2) + "%"
        return super().format_field(value, format_spec)


def _month(value: Any, lang: str) -> str:
    """A month (``YYYY-MM``, or a YearMonth) as a reader of ``lang`` writes it: 11/2020 in
    Vietnamese; as given in English (and when it is not a month at all)."""
    year, _, month = str(value).partition("-")
    if lang != "vi" or not (year.isdigit() and month.isdigit()):
        return str(value)
    return f"{int(month)}/{year}"


def _exact(value: Any) -> Any:
    """``value`` as a Decimal when it is a float or a fraction (so 0.1 stays 0.1)."""
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def _count(value: Any) -> int | None:
    """The count that chooses a plural form: a whole number as it is; a count that is not whole
    (1.5 days) takes the form of many; anything else (text, None) chooses none."""
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction | Decimal):
        return None
    return int(value) if value == int(value) else 2


def _level_words(params: Mapping[str, Any], lang: str) -> str:
    """A level's words (``models.message.LEVEL``), from the words the reports use for the usual
    tracks and levels (``report.html.level.<track>.<level>``, ``report.html.track.<track>``)
    put together by ``level.words``; a level the catalogue lacks is named by the scenario's
    alias, else its id."""
    track, level, name = params.get("track"), params.get("level"), params.get("name")
    held = templates(lang)
    key, track_key = f"report.html.level.{track}.{level}", f"report.html.track.{track}"
    if key not in held:  # the scenario's own (Vietnamese) name, as the workbook shows it
        return str(name if name and lang != "en" else level)
    words = render(Message(key), lang)
    track_words = render(Message(track_key), lang) if track_key in held else str(track)
    return render(Message("level.words", level=words, track=track_words), lang)


def render(message: Message, lang: str = DEFAULT_LANGUAGE) -> str:
    """``message`` in words, in ``lang`` (a language with no catalogue gets English)."""
    if message.key == LEVEL:
        return _level_words(message.params, lang)
    params: dict[str, Any] = {
        name: render(value, lang) if isinstance(value, Message) else value
        for name, value in message.params.items()
    }
    count = _count(params.get("n"))
    template = _template(message.key, lang, count)
    if template is None and _strict():
        raise MissingWords(f"no {lang} words for {message.key!r}")
    if template is None and lang != DEFAULT_LANGUAGE:
        template = _template(message.key, DEFAULT_LANGUAGE, count)
    if template is None:  # never lose what the message says, even with no words for it
        shown = ", ".join(f"{name}={value}" for name, value in params.items())
        return f"{message.key}({shown})" if shown else message.key
    try:
        return _Formatter(lang).format(template, **params)
    except (KeyError, IndexError, ValueError) as error:
        if _strict():
            raise MissingWords(f"{lang} words for {message.key!r}: {error!r}") from error
        return template


def say(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """Shorthand: ``render(Message(key, **params), lang)``."""
    return render(Message(key, **params), lang)


def conflict_lines(
    error: Any, where: Callable[[int], str] | None = None, lang: str = DEFAULT_LANGUAGE
) -> list[str]:
    """One line per conflict of a ``trainplan.solver.Infeasible``; ``where(pin_index)`` names
    a pin's file and row."""
    locate = where or (lambda index: say("terminal.place", lang, file="pins", row=index + 2))
    return [
        f"{locate(c.pin)}: {render(c.reason, lang)}"
        if c.pin is not None
        else render(c.reason, lang)
        for c in error.conflicts
    ]


def placeholders(template: str) -> set[str]:
    """The parameter names a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def entries(lang: str) -> tuple[int, dict[str, tuple[bool, tuple[str, ...]]]]:
    """``lang``'s number of plural forms, and every key with whether it has plural forms and
    its template(s) (one, or one per plural form)."""
    forms = 2
    found: dict[str, tuple[bool, tuple[str, ...]]] = {}
    for domain in DOMAINS:
        path = LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        with path.open("rb") as handle:
            compiled = read_po(handle, locale=lang, domain=domain)
        forms = compiled.num_plurals
        for entry in compiled:
            if not entry.id:
                continue
            key = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
            strings = entry.string if isinstance(entry.string, tuple | list) else (entry.string,)
            found[str(key)] = (entry.pluralizable, tuple(str(text or "") for text in strings))
    return forms, found


def templates(lang: str) -> Mapping[str, tuple[str, ...]]:
    """Every key of ``lang`` with its template(s) (one, or one per plural form)."""
    return {key: strings for key, (_, strings) in entries(lang)[1].items()}


def audit(used: Iterable[str] = ()) -> list[str]:
    """Every slip of the catalogues, one line each; none when they are whole.

    A key one language has and another lacks, an empty text, a plural key without a form for
    each of its language's plural forms (or plural in one language only), templates of one
    key naming different parameters (across languages and plural forms; only the form for
    one, in a language that has it, may leave the count ``n`` unsaid), and a key of ``used``
    (the keys the code names) missing from a language."""
    read = {lang: entries(lang) for lang in LANGUAGES}
    slips: list[str] = []
    every = sorted(set().union(*(found for _, found in read.values())))
    for key in every:
        names: dict[str, set[str]] = {}
        kinds = set()
        for lang, (forms, found) in read.items():
            if key not in found:
                slips.append(f"{lang}: no words for {key!r}")
                continue
            plural, strings = found[key]
            kinds.add(plural)
            if plural and len(strings) != forms:
                slips.append(f"{lang}: {key!r} has {len(strings)} plural forms, not {forms}")
            for index, text in enumerate(strings):
                if not text.strip():
                    slips.append(f"{lang}: {key!r} form {index} is empty")
                names[f"{lang}[{index}]"] = placeholders(text)
                if plural and forms > 1 and index == 0:  # "one character": the count may go
                    names[f"{lang}[{index}]"] |= {"n"}
        if len(kinds) > 1:
            slips.append(f"{key!r} has plural forms in one language only")
        if len({frozenset(found) for found in names.values()}) > 1:
            shown = "; ".join(f"{form}: {sorted(found)}" for form, found in names.items())
            slips.append(f"{key!r} names different parameters: {shown}")
    for key in sorted(set(used) - set(every)):
        slips.extend(f"{lang}: no words for {key!r} (used in the code)" for lang in LANGUAGES)
    return slips
