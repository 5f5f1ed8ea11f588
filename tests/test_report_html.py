"""report.html of the built-in scenario's plan, in both languages, opened in a real headless
Chromium (``tests/chromium.py``): no console error, no request beyond its own file, the figures
a committee looks for in its text, tables that sort when a heading is clicked, and an A4 print.

``REPORT_SCREENSHOTS=docs`` also writes the screenshots the user guide shows
(docs/report-en.png, docs/report-vi.png).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from chromium import CHROMIUM, Page, chromium

from trainplan.checking.checker import evaluate
from trainplan.models import Scenario
from trainplan.models.plan import Plan
from trainplan.reports import charts
from trainplan.reports.figures import Figures, compute_figures
from trainplan.reports.html import report_html, write_report_html
from trainplan.wording.catalogue import say

LANGUAGES = ("en", "vi")
SECTIONS = ("summary", "targets", "cost", "away", "teaching", "schedule", "short", "money")
A4 = (595.3, 841.9)
"""A4 in PDF points (1/72 inch)."""


@pytest.fixture(scope="module")
def figures(builtin_scenario: Scenario, builtin_plan: Plan) -> Figures:
    evaluation = evaluate(builtin_scenario, builtin_plan)
    return compute_figures(builtin_scenario, builtin_plan, evaluation, today=date(2026, 11, 30))


@pytest.fixture(scope="module")
def pages(
    figures: Figures, builtin_plan: Plan, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """report.html in each language, each in its own plan-like folder."""
    written = {}
    for lang in LANGUAGES:
        folder = tmp_path_factory.mktemp(f"report-{lang}")
        written[lang] = write_report_html(folder, figures, lang, builtin_plan.solver)
    return written


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    assert CHROMIUM.exists(), "no /usr/bin/chromium: run `make chromium-deps` (as root)"
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as opened:
        yield opened


def english_number(value: int) -> str:
    return f"{value:,}"


def vietnamese_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# ---------------------------------------------------------------- the file itself


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_loads_nothing_from_anywhere(pages: dict[str, Path], lang: str) -> None:
    html = pages[lang].read_text(encoding="utf-8")
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", html, re.IGNORECASE)
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(", html)
    assert "<style>" in html and "<script>" in html  # styles and script inlined
    assert f'<html lang="{lang}">' in html
    assert list(pages[lang].parent.iterdir()) == [pages[lang]]  # no temporary file left


def test_every_heading_is_worded_in_the_readers_language(pages: dict[str, Path]) -> None:
    english = pages["en"].read_text(encoding="utf-8")
    vietnamese = pages["vi"].read_text(encoding="utf-8")
    for section in SECTIONS:
        key = f"report.html.section.{section}"
        assert say(key, "en") in english and say(key, "vi") in vietnamese
        assert say(key, "en") not in vietnamese
    # the usual tracks and levels in the reader's words, not as the scenario's ids
    assert "llct:" not in english and "llct:" not in vietnamese
    for lang, html in (("en", english), ("vi", vietnamese)):
        assert say("report.html.track.llct", lang) + ": " in html


def test_a_target_missed_is_red_and_a_met_one_green(figures: Figures) -> None:
    """The chart of a target colours its own year by the verdict (a slip that painted every
    target year green would hide a missed target)."""
    missed = [
        a if not a.is_target_year else type(a)(**{**a.__dict__, "met": False, "shortfall": 3})
        for a in figures.attainment
    ]
    html = report_html(type(figures)(**{**figures.__dict__, "attainment": tuple(missed)}), "en")
    targets = {a.target_id for a in figures.attainment}
    assert html.count(f'fill="{charts.RED}"/>') >= len(targets)
    assert f'fill="{charts.GREEN}"/>' not in html
    assert f'fill="{charts.GREEN}"/>' in report_html(figures, "en")


def test_a_commune_over_its_days_away_is_shown_red() -> None:
    rows = [("A", [charts.Cell("10 / 5", 2.0), charts.Cell("1 / 5", 0.2)])]
    drawn = charts.heat_map("t", ["2020", "2021"], rows)
    assert drawn.count(f'fill="{charts.RED}"') == 1


@pytest.mark.parametrize("share", [0.05, 0.3, 0.6, 0.62, 0.64, 0.85, 0.99, 1.0])
@pytest.mark.parametrize("line", [0.0, 0.4, 0.6, 0.63, 0.88, 1.0])
def test_a_bars_share_is_never_written_across_the_target_line(share: float, line: float) -> None:
    top, plot = 10.0, 148.0
    bar_top, bottom, line_y = top + plot * (1 - share), top + plot, top + plot * (1 - line)
    y, _ = charts._label_place(bar_top, bottom, line_y)
    assert not y - 13 <= line_y <= y + 4


# ---------------------------------------------------------------- in the browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_report_opens_offline_and_shows_what_a_committee_asks(
    browser,
    pages: dict[str, Path],
    figures: Figures,
    builtin_scenario: Scenario,
    lang: str,
    tmp_path: Path,
) -> None:
    page = browser.open(pages[lang].as_uri())
    assert page.console_errors() == []
    assert page.requests() == [pages[lang].as_uri()]  # its own file, nothing else
    text = page.evaluate("document.body.innerText")
    cost = figures.summary.cost_total
    assert (english_number if lang == "en" else vietnamese_number)(cost) in text
    for target in {a.target_id for a in figures.attainment}:
        assert target in text
    for unit in builtin_scenario.units:
        assert unit.name in text
    charts_drawn = page.evaluate("document.querySelectorAll('svg.chart').length")
    assert charts_drawn == len({a.target_id for a in figures.attainment}) + 4
    # nothing sticks out sideways at a laptop's width
    assert page.evaluate("document.documentElement.scrollWidth") <= 1200
    shot = page.screenshot(tmp_path / f"report-{lang}.png", height=2000, scale=0.75)
    assert shot.startswith(b"\x89PNG") and len(shot) > 50_000
    folder = os.environ.get("REPORT_SCREENSHOTS")
    if folder:
        page.screenshot(Path(folder) / f"report-{lang}.png", height=1545, scale=0.75)


def schedule_costs(page: Page) -> list[float]:
    return page.evaluate(
        "Array.from(document.querySelectorAll('#table-schedule tbody tr'))"
        ".map(r => Number(r.cells[7].dataset.value))"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_clicking_a_heading_sorts_the_schedule(
    browser, pages: dict[str, Path], figures: Figures, lang: str
) -> None:
    page = browser.open(pages[lang].as_uri())
    before = schedule_costs(page)
    assert sorted(before) != before  # the figures' order (by commune) is not by cost
    heading = "#table-schedule thead th:nth-child(8)"
    page.click(heading)
    assert schedule_costs(page) == sorted(before)
    page.click(heading)
    assert schedule_costs(page) == sorted(before, reverse=True)
    assert page.evaluate(f"document.querySelector('{heading}').getAttribute('aria-sort')") == (
        "descending"
    )
    years = "#table-schedule thead th:nth-child(5)"
    page.click(years)
    starts = page.evaluate(
        "Array.from(document.querySelectorAll('#table-schedule tbody tr'))"
        ".map(r => Number(r.cells[4].textContent))"
    )
    assert starts == sorted(row.start_year for row in figures.schedule)
    assert page.console_errors() == []


def test_typing_a_communes_name_filters_the_schedule(
    browser, pages: dict[str, Path], figures: Figures
) -> None:
    page = browser.open(pages["vi"].as_uri())
    busiest, count = Counter(row.unit_name for row in figures.schedule).most_common(1)[0]
    page.type_into("[data-table='table-schedule'] input", busiest)
    shown = page.evaluate(
        "Array.from(document.querySelectorAll('#table-schedule tbody tr'))"
        ".filter(r => !r.hidden).map(r => r.cells[0].textContent)"
    )
    assert shown == [busiest] * count
    assert page.console_errors() == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_report_prints_on_a4_with_a_page_per_section(
    browser, pages: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    page = browser.open(pages[lang].as_uri())
    printed = page.pdf(tmp_path / f"report-{lang}.pdf")
    assert printed.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", printed)
    assert boxes, "no page size in the PDF"
    for width, height in boxes:
        assert abs(float(width) - A4[0]) < 2 and abs(float(height) - A4[1]) < 2
    pages_printed = len(re.findall(rb"/Type\s*/Page\b", printed))
    assert pages_printed >= len(SECTIONS)


def test_a_hand_made_plan_that_breaks_rules_says_so(
    builtin_scenario: Scenario, builtin_plan: Plan
) -> None:
    """A plan made by hand has no solver record: the page says so, records no input hash, and
    counts the rules the plan breaks (here a class opened for too few learners)."""
    internal = {c.course_id for c in builtin_scenario.courses if c.provider == "internal"}
    kept = tuple(e for e in builtin_plan.enrollments if e.course_id in internal)[:1]
    hand_made = Plan(enrollments=kept, classes=builtin_plan.classes)
    evaluation = evaluate(builtin_scenario, hand_made)
    assert evaluation.violations
    figures = compute_figures(builtin_scenario, hand_made, evaluation, today=date(2026, 11, 30))
    for lang in LANGUAGES:
        html = report_html(figures, lang)
        assert say("report.status.hand_made", lang) in html
        assert say("report.html.no_hash", lang) in html
        broken = say("report.html.broken", lang, n=len(evaluation.violations))
        assert f'<dd class="bad">{broken}</dd>' in html


def test_the_date_is_written_as_each_reader_writes_it(pages: dict[str, Path]) -> None:
    assert "November 30, 2026" in pages["en"].read_text(encoding="utf-8")
    assert "báo cáo lập ngày 30 tháng 11 năm 2026" in pages["vi"].read_text(encoding="utf-8")
