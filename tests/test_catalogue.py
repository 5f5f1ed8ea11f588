"""The catalogues hold every word the code needs, in every language, with the same parameters.

The keys the code names are found in the source itself: Babel's extractor reads every literal
first argument of ``Message``, ``say`` and ``PydanticCustomError``; an AST scan adds the keys
written as plain literals elsewhere (a tuple of column headings); keys built from a rule's name
(``rule.<rule>``, ``limit.<rule>``, ``why.<rule>``) are checked against ``Rule``.
"""

from __future__ import annotations

import ast
import re
import shutil
import string
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from trainplan.models.message import Message
from trainplan.models.rules import Rule
from trainplan.wording import catalogue
from trainplan.wording.catalogue import (
    LANGUAGES,
    MissingWords,
    audit,
    number,
    placeholders,
    render,
    say,
    templates,
)

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"Message": None, "say": None, "PydanticCustomError": None}
"""Calls whose first argument is a catalogue key."""
KEY = re.compile(r"^(terminal|rule|limit|why|conflict)\.[a-z0-9_]+(\.[a-z0-9_]+)*$")
"""What a key of the plan and terminal domains looks like, written as a plain literal."""
YEARS = {"year", "start", "end", "first", "last", "retirement", "inactive"}
"""Parameters that hold years (or year-months): shown as they are, never grouped."""


def package_sources(root: Path = ROOT) -> list[Path]:
    """The package's own Python files: the top-level modules and every subpackage folder."""
    files = [path for path in root.glob("*.py")]
    for folder in sorted(root.iterdir()):
        if (folder / "__init__.py").exists():
            files.extend(sorted(folder.rglob("*.py")))
    return files


def extracted_keys(root: Path = ROOT) -> dict[str, str]:
    """Every literal key the code under ``root`` names, with one place that names it."""
    found: dict[str, str] = {}
    method_map = [("**.py", "python")]
    for path in root.glob("*.py"):
        for line, key, *_ in extract_from_file("python", path, keywords=KEYWORDS):
            if isinstance(key, str):
                found.setdefault(key, f"{path.name}:{line}")
    for folder in sorted(root.iterdir()):
        if not (folder / "__init__.py").exists():
            continue
        for name, line, key, *_ in extract_from_dir(folder, method_map, keywords=KEYWORDS):
            if isinstance(key, str):
                found.setdefault(key, f"{folder.name}/{name}:{line}")
    for path in package_sources(root):
        for node in literal_strings(ast.parse(path.read_text(encoding="utf-8"))):
            if KEY.match(node.value):
                found.setdefault(node.value, f"{path.relative_to(root)}:{node.lineno}")
    return found


def literal_strings(tree: ast.AST) -> Iterator[ast.Constant]:
    """The string literals of ``tree``, not counting the pieces of f-strings."""
    pieces = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in pieces
        ):
            yield node


@pytest.fixture
def locale_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the catalogues that the renderer reads instead of the real ones."""
    copy = tmp_path / "locale"
    shutil.copytree(catalogue.LOCALE, copy)
    monkeypatch.setattr(catalogue, "LOCALE", copy)
    catalogue.catalogue.cache_clear()
    catalogue.keys.cache_clear()
    yield copy
    catalogue.catalogue.cache_clear()
    catalogue.keys.cache_clear()


def edit_entry(locale: Path, lang: str, domain: str, key: str, text: str | None) -> None:
    """Delete ``key`` from a catalogue (``text`` None) or give it ``text``; clear the caches."""
    path = locale / lang / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        compiled = read_po(handle, locale=lang, domain=domain)
    assert key in compiled, key
    if text is None:
        del compiled[key]
    else:
        compiled[key].string = text
    with path.open("wb") as handle:
        write_po(handle, compiled)
    catalogue.catalogue.cache_clear()
    catalogue.keys.cache_clear()


# ---------------------------------------------------------------- the catalogues are whole


def test_every_key_has_words_in_every_language_with_the_same_parameters() -> None:
    """Both languages hold the same keys, no text is empty, plural keys have one form per
    plural form of their language, and each key's forms name the same parameters."""
    assert audit() == []
    assert set(templates("en")) == set(templates("vi"))


def test_every_key_the_code_names_has_words_in_both_languages() -> None:
    used = extracted_keys()
    assert {"terminal.valid", "terminal.progress", "conflict.pin", "why.level"} <= set(used)
    missing = [line for line in audit(used) if "used in the code" in line]
    where = {line: used[line.split("'")[1]] for line in missing}
    assert missing == [], where


def test_every_rule_has_words_and_every_limit_and_why_names_a_rule() -> None:
    """``rule.<rule>`` is built from the rule's name, so no extractor sees it: every ``Rule``
    needs it in both languages; ``limit.*`` and ``why.*`` keys must name a rule."""
    rules = {str(rule) for rule in Rule}
    for lang in LANGUAGES:
        held = set(templates(lang))
        assert {f"rule.{rule}" for rule in rules} <= held, lang
        named = {key.split(".", 1)[1] for key in held if key.startswith(("limit.", "why."))}
        assert named <= rules, (lang, named - rules)
        assert {key.split(".")[1] for key in held if key.startswith("rule.")} == rules


def test_every_stage_of_the_search_has_words_and_every_stage_word_names_a_stage() -> None:
    """The progress line names its stage with ``terminal.stage.<stage>``, built from the name."""
    from trainplan.models.plan import Stage

    stages = {str(stage) for stage in Stage}
    for lang in LANGUAGES:
        held = {key.removeprefix("terminal.stage.") for key in templates(lang)}
        assert stages <= held, (lang, stages - held)
        named = {key for key in templates(lang) if key.startswith("terminal.stage.")}
        assert {key.removeprefix("terminal.stage.") for key in named} <= stages, lang
    assert say(f"terminal.stage.{Stage.MONEY}", "vi") == "chi phí quy đổi"


def test_years_are_never_grouped() -> None:
    """A year is shown as it is (2024, not 2.024): no template formats a year as a number."""
    for lang in LANGUAGES:
        for key, forms in templates(lang).items():
            for form in forms:
                for _, name, spec, _ in string.Formatter().parse(form):
                    if name in YEARS:  # a month may be written as the reader writes it
                        assert spec in ("", "month"), (lang, key, form)
    vietnamese = say("rule.budget_year", "vi", year=2024, cost=30_000_000, limit=29_000_000, over=1)
    assert vietnamese.startswith("2024:") and "30.000.000" in vietnamese
    month = say("why.retirement", "vi", retirement="2020-11", end=2021)
    assert month == "nghỉ hưu tháng 11/2020, trước khi khóa học kết thúc năm 2021"
    assert say("why.retirement", "en", retirement="2020-11", end=2021).startswith(
        "retires in 2020-11"
    )


# ---------------------------------------------------------------- the checks catch every slip


def test_a_key_without_its_vietnamese_text_is_reported(locale_copy: Path) -> None:
    edit_entry(locale_copy, "vi", "plan", "rule.seats", None)
    assert "vi: no words for 'rule.seats'" in audit()
    with pytest.raises(MissingWords, match=r"rule\.seats"):
        render(Message("rule.seats", course="C", year=2020, learners=3, seats=2, over=1), "vi")


def test_a_key_the_code_names_but_no_catalogue_holds_is_reported(
    tmp_path: Path, locale_copy: Path
) -> None:
    """The extractor finds a new key in a module, and the audit reports it in both languages;
    a terminal key deleted from the Vietnamese catalogue is reported for Vietnamese only."""
    package = tmp_path / "package"
    (package / "reports").mkdir(parents=True)
    (package / "reports" / "__init__.py").write_text("")
    (package / "reports" / "lines.py").write_text(
        "from trainplan.wording import say\n\n"
        "def line(lang):\n"
        "    return say('terminal.nowhere', lang) + say('terminal.valid', lang, name='x')\n"
    )
    used = extracted_keys(package)
    assert set(used) == {"terminal.nowhere", "terminal.valid"}
    edit_entry(locale_copy, "vi", "terminal", "terminal.valid", None)
    slips = audit(used)
    assert "en: no words for 'terminal.nowhere' (used in the code)" in slips
    assert "vi: no words for 'terminal.nowhere' (used in the code)" in slips
    assert "vi: no words for 'terminal.valid'" in slips
    assert not any("en: no words for 'terminal.valid'" in slip for slip in slips)


@pytest.mark.parametrize(
    ("lang", "key", "text", "slip"),
    [
        ("vi", "terminal.valid", "Kịch bản hợp lệ.", "names different parameters"),
        ("en", "rule.seats", "{course} {year}: too many learners", "names different parameters"),
        ("vi", "terminal.plan_ok", "", "form 0 is empty"),
        ("en", "terminal.classes", ("{n:n} class", "{count} classes"), "names different"),
        ("en", "terminal.classes", ("{n:n} class", ""), "form 1 is empty"),
        ("vi", "terminal.classes", ("các lớp",), "names different"),  # one form: needs n
    ],
)
def test_a_slip_in_one_text_is_reported(
    locale_copy: Path, lang: str, key: str, text: str | tuple[str, ...], slip: str
) -> None:
    domain = key.split(".")[0] if key.startswith("terminal") else "plan"
    edit_entry(locale_copy, lang, domain, key, text)  # type: ignore[arg-type]
    assert any(key in line and slip in line for line in audit()), audit()


def test_a_template_naming_a_parameter_the_message_lacks_raises_in_strict_mode() -> None:
    with pytest.raises(MissingWords, match=r"terminal\.valid"):
        say("terminal.valid", "en")


# ---------------------------------------------------------------- numbers and plurals


@pytest.mark.parametrize(
    ("value", "english", "vietnamese"),
    [
        (29_000_000, "29,000,000", "29.000.000"),
        (Fraction(1, 3), "0.33", "0,33"),
        (1_234_567.5, "1,234,567.5", "1.234.567,5"),
        (0.1, "0.1", "0,1"),
    ],
)
def test_numbers_follow_the_reader(value: object, english: str, vietnamese: str) -> None:
    assert number(value, "en") == english
    assert number(value, "vi") == vietnamese


@pytest.mark.parametrize(
    ("key", "n", "english", "vietnamese"),
    [
        ("terminal.classes", 1, "1 class", "1 lớp"),
        ("terminal.classes", 2, "2 classes", "2 lớp"),
        ("terminal.enrollments", 0, "0 enrollments", "0 lượt học"),
        ("terminal.days_away", 1, "1 day away", "1 ngày vắng mặt"),
        ("terminal.days_away", Fraction(3, 2), "1.5 days away", "1,5 ngày vắng mặt"),
        ("terminal.days_away", 2144, "2,144 days away", "2.144 ngày vắng mặt"),
        ("terminal.plan_broken", 1, "The plan breaks 1 rule:", "Kế hoạch vi phạm 1 quy định:"),
        ("terminal.plan_broken", 3, "The plan breaks 3 rules:", "Kế hoạch vi phạm 3 quy định:"),
    ],
)
def test_counts_choose_their_plural_form(
    key: str, n: object, english: str, vietnamese: str
) -> None:
    assert say(key, "en", n=n) == english
    assert say(key, "vi", n=n) == vietnamese


def test_a_problem_count_is_worded_in_each_language() -> None:
    assert say("terminal.invalid", "en", n=1, path="x") == "1 problem in x:"
    assert say("terminal.invalid", "en", n=1200, path="x") == "1,200 problems in x:"
    assert say("terminal.invalid", "vi", n=1200, path="x") == "x có 1.200 lỗi:"


def test_a_gap_is_a_percentage_in_the_readers_conventions() -> None:
    feasible = Message("terminal.verdict.feasible", gap=0.004)
    assert render(feasible, "en") == "best found, not proven (gap 0.4%)"
    assert (
        render(feasible, "vi")
        == "tốt nhất tìm được, chưa chứng minh tối ưu (cách cận dưới không quá 0,4%)"
    )


def test_placeholders_are_the_fields_a_template_names() -> None:
    assert placeholders("{n:n} classes in {year}") == {"n", "year"}


def test_a_number_field_given_text_raises_in_strict_mode_and_shows_it_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(MissingWords, match="not a number"):
        say("terminal.classes", "en", n="many")
    monkeypatch.setenv("TRAINPLAN_STRICT_WORDS", "0")
    assert say("limit.seats", "vi", course="C", year=2020, seats="?") == (
        "giới hạn: số chỗ học khóa C năm 2020: ?"
    )


def test_a_limit_recorded_before_units_were_named_still_reads() -> None:
    """plan.json written before limits named the unit keeps rendering (``report`` words it)."""
    old = Message.of_record(
        {"key": "limit.unit_away", "params": {"unit": "U1", "year": 2021, "limit": 30.0}}
    )
    for lang in ("en", "vi"):
        words = render(old, lang)
        assert "{" not in words and "U1" in words and "2021" in words, words
