"""report.html: one self-contained page for a committee, from the figures of a plan.

The figures are computed once (``trainplan.reports.figures``); this module only words them in
the reader's language (every word from the catalogue, ``say``), draws the charts
(``trainplan.reports.charts``) and fills the Jinja2 template ``templates/report.html.j2``,
whose styles and script are inlined from the same folder. The page loads nothing: no font, no
script, no image from anywhere, so it opens offline and prints on A4.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from trainplan.models.message import Message
from trainplan.models.plan import SolverInfo, SolveStatus
from trainplan.reports import charts
from trainplan.reports.figures import AttainmentFigure, Figures, StageFigure, Summary
from trainplan.reports.htmltables import (
    Words,
    changes_table,
    classes_table,
    communes_table,
    costs_table,
    schedule_table,
    short_table,
    successors_table,
    targets_table,
    why_table,
)
from trainplan.terminal.summaries import stage_verdicts
from trainplan.wording import render

TEMPLATES = Path(__file__).resolve().parent / "templates"
REPORT_FILE = "report.html"
DATES = {"en": "long", "vi": "'ngày' d 'tháng' M 'năm' y"}
"""How the report's date is written: "November 30, 2026"; "ngày 30 tháng 11 năm 2026"."""
COST_PARTS = ("report.html.learner_cost", "report.html.class_cost", "report.html.lecturer_cost")
"""The parts of each year's cost, stacked in this order (keys of their names)."""
COST_COLOURS = ("#2b6cb0", "#63b3ed", "#b794f4")
STRETCHED = 3
"""How many of the most stretched commune-years the page names under the heat map."""


# ---------------------------------------------------------------- the page


def report_html(figures: Figures, lang: str, solver: SolverInfo | None = None) -> str:
    """The page for ``figures`` in ``lang``; ``solver`` (the plan's record of its search),
    when given, words each stage's gap (``stage_verdicts``), else the stages' statuses do."""
    w = Words(lang)
    summary = figures.summary
    context = {
        "lang": lang,
        "w": w,
        "title": summary.scenario_title or summary.scenario_name,
        "made": w.say(
            "report.html.made",
            name=summary.scenario_name,
            date=format_date(date.fromisoformat(summary.report_date), DATES[lang], locale=lang),
        ),
        "facts": _facts(figures, w, solver),
        "tallies": [
            (t.year, w.say("report.html.tally", met=t.met, total=t.total))
            for t in summary.targets_met_by_year
            if t.total
        ],
        "target_charts": _target_charts(figures, w),
        "targets": targets_table(figures, w),
        "cost_chart": _cost_chart(figures, w),
        "cost_legend": list(zip((w.say(k) for k in COST_PARTS), COST_COLOURS, strict=True)),
        "costs": costs_table(figures, w),
        "budget_words": _budget_words(summary, w),
        "away_map": _away_map(figures, w),
        "stretched": _stretched(figures, w),
        "offering_map": _offering_map(figures, w),
        "lecturer_map": _lecturer_map(figures, w),
        "communes": communes_table(figures, w),
        "changes": changes_table(figures, w),
        "changes_intro": _changes_intro(figures, w),
        "why": [
            (render(target.heading, lang), w.say("report.why.without", n=target.without_limits))
            for target in figures.why
        ],
        "why_table": why_table(figures, w),
        "schedule": schedule_table(figures, w),
        "classes": classes_table(figures, w),
        "short": short_table(figures, w),
        "successors": successors_table(figures, w) if figures.successors else None,
        "money_sentence": render(figures.money.sentence, lang),
        "money": _money_rows(figures, w),
        "count_words": w.say("report.html.rows_shown", shown="{shown}", total="{total}"),
    }
    return _environment().get_template("report.html.j2").render(context)


def _changes_intro(figures: Figures, w: Words) -> str:
    """What a re-plan's changes are measured against (its as-of year, when it has one)."""
    if not figures.replanned:
        return ""
    if not figures.changes:
        return w.say("report.changes.none")
    if figures.as_of is None:
        return ""
    return w.say("report.changes.as_of", year=figures.as_of)


def write_report_html(
    folder: Path, figures: Figures, lang: str, solver: SolverInfo | None = None
) -> Path:
    """Write ``folder/report.html`` whole or not at all (a sibling file swapped in), and
    return its path."""
    target = folder / REPORT_FILE
    staging = folder / f".{REPORT_FILE}.{os.getpid()}.tmp"
    try:
        staging.write_text(report_html(figures, lang, solver), encoding="utf-8")
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)
    return target


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# ---------------------------------------------------------------- summary


def _facts(figures: Figures, w: Words, solver: SolverInfo | None) -> list[tuple[str, str, str]]:
    """The summary's lines: heading, words, and a class (``bad`` when it needs attention)."""
    s = figures.summary
    met = "good" if s.targets_met == s.targets else "bad"
    within = s.budget_total is None or s.cost_total - s.other_paid <= s.budget_total
    facts = [
        (
            w.say("report.html.fact.targets"),
            w.say("report.html.targets_met", met=s.targets_met, n=s.targets),
            met,
        ),
        (w.say("report.html.fact.cost"), _budget_words(s, w), "" if within else "bad"),
        *_funding_facts(s, w),
        (w.say("report.html.fact.away"), w.say("report.html.days", n=s.away_days_total), ""),
        (w.say("report.html.fact.money"), w.vnd(s.money), ""),
        (w.say("report.html.fact.solver"), _verdict(s, solver, w), ""),
        (
            w.say("report.html.fact.rules"),
            w.say("report.html.valid") if s.valid else w.say("report.html.broken", n=s.violations),
            "good" if s.valid else "bad",
        ),
        (
            w.say("report.html.fact.short"),
            w.say("report.html.short_count", n=s.officials_short, year=s.last_year),
            "",
        ),
        *_successor_facts(figures, w),
        (w.say("report.html.fact.scenario"), s.scenario_name, ""),
        (w.say("report.html.fact.hash"), s.input_hash or w.say("report.html.no_hash"), "hash"),
    ]
    return facts


def _successor_facts(figures: Figures, w: Words) -> list[tuple[str, str, str]]:
    """How many of the succession pool the plan readies by the congress, when there is one."""
    pool = figures.successors
    if not pool:
        return []
    ready = sum(f.ready for f in pool)
    words = w.say("report.html.successors_ready", ready=ready, n=len(pool), year=pool[0].year)
    return [(w.say("report.html.fact.successors"), words, "good" if ready == len(pool) else "bad")]


def _funding_facts(s: Summary, w: Words) -> list[tuple[str, str, str]]:
    """Who pays, when not the budget alone: the budget, other sources, the learners."""
    if not (s.other_paid or s.self_paid):
        return []
    words = w.say(
        "report.html.funding",
        budget=w.vnd(s.cost_total - s.other_paid),
        other=w.vnd(s.other_paid),
        own=w.vnd(s.self_paid),
    )
    return [(w.say("report.html.fact.funding"), words, "")]


def _budget_words(s: Summary, w: Words) -> str:
    """The cost against the budget; with another source, the whole cost and the budget's part
    of it (only that part counts against the budget)."""
    if s.other_paid:
        budget = (
            w.vnd(s.budget_total) if s.budget_total is not None else w.say("report.html.no_cap")
        )
        return w.say(
            "report.html.cost_with_other",
            cost=w.vnd(s.cost_total),
            part=w.vnd(s.cost_total - s.other_paid),
            budget=budget,
        )
    if s.budget_total is None:
        return w.say("report.html.cost_no_cap", cost=w.vnd(s.cost_total))
    return w.say(
        "report.html.cost_of_budget", cost=w.vnd(s.cost_total), budget=w.vnd(s.budget_total)
    )


def _verdict(s: Summary, solver: SolverInfo | None, w: Words) -> str:
    """The search in words, stage by stage: with the gap when the solver's record is given."""
    if s.status == SolveStatus.HAND_MADE:
        return w.say("report.status.hand_made")
    if solver is not None and solver.stages:
        stages = stage_verdicts(solver)
    else:
        stages = [_stage_words(stage) for stage in s.stages if stage.name in ("targets", "money")]
    if not stages:
        return w.say(f"report.status.{s.status.lower()}")
    return "; ".join(render(stage, w.lang) for stage in stages)


def _stage_words(stage: StageFigure) -> Message:
    proven = "optimal" if stage.status == SolveStatus.OPTIMAL else "open"
    return Message(f"terminal.stage_verdict.{stage.name}.{proven}")


# ---------------------------------------------------------------- targets


def _target_charts(figures: Figures, w: Words) -> list[tuple[str, Markup, str]]:
    """Per target: its heading, a chart of the share qualified each year against the
    target's share, and the target year's count in words."""
    by_target: dict[str, list[AttainmentFigure]] = defaultdict(list)
    for point in figures.attainment:
        by_target[point.target_id].append(point)
    shown = []
    for target_id, points in by_target.items():
        judged = next((p for p in points if p.is_target_year), points[-1])
        bars = [
            charts.Bar(
                label=str(p.year),
                value=p.attained,
                shown=w.percent(p.attained),
                colour=(charts.GREEN if p.met else charts.RED) if p.is_target_year else charts.GREY,
            )
            for p in points
        ]
        line = w.say(
            "report.html.target_line", share=w.percent(judged.share), year=judged.target_year
        )
        title = w.say("report.html.target_chart", target=target_id, year=judged.target_year)
        chart = charts.share_chart(title, bars, judged.share, line)
        words = w.say(
            "report.html.target_count",
            qualified=judged.qualified,
            population=judged.population,
            required=judged.required,
            year=judged.target_year,
            attained=w.percent(judged.attained),
            share=w.percent(judged.share),
        )
        heading = w.say("report.html.hard_target", target=target_id) if judged.hard else target_id
        shown.append((heading, chart, words))
    return shown


# ---------------------------------------------------------------- money


def _cost_chart(figures: Figures, w: Words) -> Markup:
    columns = [
        charts.Column(
            label=str(c.year),
            parts=(c.learner_cost, c.class_cost, c.lecturer_cost),
            shown=w.n(c.cost / 1e6, 1),
            cap=c.budget,
            over=not c.within,
        )
        for c in figures.cost_by_year
    ]
    return charts.cost_chart(
        w.say("report.chart.budget"),
        columns,
        COST_COLOURS,
        lambda amount: w.n(amount / 1e6, 0),
        w.say("report.chart.budget_line"),
    )


def _money_rows(figures: Figures, w: Words) -> list[tuple[str, str]]:
    m = figures.money
    return [
        (w.say("report.html.money.cost"), w.vnd(m.cost)),
        (
            w.say("report.html.money.away", days=w.say("report.html.days", n=m.away_days)),
            w.vnd(m.away_value),
        ),
        (w.say("report.html.money.total"), w.vnd(m.money)),
    ]


# ---------------------------------------------------------------- people away, teaching


def _years(figures: Figures) -> list[int]:
    return list(range(figures.summary.first_year, figures.summary.last_year + 1))


def _grid(
    cells: Iterable[tuple[str, int, charts.Cell]], years: Sequence[int]
) -> list[tuple[str, list[charts.Cell]]]:
    """Rows of a heat map in the order first met, a blank cell for a year without a figure."""
    rows: dict[str, dict[int, charts.Cell]] = {}
    for label, year, cell in cells:
        rows.setdefault(label, {})[year] = cell
    blank = charts.Cell("—", None, brief="—")
    return [(label, [found.get(y, blank) for y in years]) for label, found in rows.items()]


def _away_map(figures: Figures, w: Words) -> Markup:
    years = _years(figures)
    cells = []
    for u in figures.units_by_year:
        # a unit-year that sends too many leaders is shown red like one over its days
        used = u.used if u.within or u.used > 1 else 1.01
        hint = w.say(
            "report.html.unit_hint",
            unit=u.unit_name,
            year=u.year,
            days=w.n(u.days, 1),
            limit=w.n(u.limit, 1),
            staff=u.staff,
            leaders=u.leaders_away,
            max_leaders=u.max_leaders_away,
        )
        shown = f"{w.n(u.days)} / {w.n(u.limit)}"
        cells.append((u.unit_name, u.year, charts.Cell(shown, used, hint, w.n(u.days))))
    return charts.heat_map(
        w.say("report.html.away_chart"), [str(y) for y in years], _grid(cells, years)
    )


def _stretched(figures: Figures, w: Words) -> list[str]:
    """The commune-years closest to (or past) their limit of days away, in words."""
    busiest = sorted(
        (u for u in figures.units_by_year if u.days > 0),
        key=lambda u: (-u.used, u.unit_name, u.year),
    )[:STRETCHED]
    return [
        w.say(
            "report.html.stretched",
            unit=u.unit_name,
            year=u.year,
            used=w.percent(u.used),
            days=w.n(u.days),
            staff=u.staff,
        )
        for u in busiest
    ]


def _offering_map(figures: Figures, w: Words) -> Markup:
    years = _years(figures)
    cells = []
    for o in figures.offerings_by_year:
        if o.max_classes is not None:
            used = o.classes / o.max_classes if o.max_classes else float(o.classes > 0) * 2
            shown = w.say("report.html.classes_of", classes=o.classes, most=o.max_classes)
        else:
            seats = o.seats or 0
            used = o.learners / seats if seats else float(o.learners > 0) * 2
            shown = w.say("report.html.seats_of", learners=o.learners, seats=seats)
        hint = f"{o.course_name} {o.year}: {shown}"
        brief = w.n(o.classes if o.max_classes is not None else o.learners)
        cells.append((o.course_name, o.year, charts.Cell(shown, used, hint, brief)))
    return charts.heat_map(
        w.say("report.html.offering_chart"), [str(y) for y in years], _grid(cells, years)
    )


def _lecturer_map(figures: Figures, w: Words) -> Markup:
    years = _years(figures)
    cells = []
    for lecturer in figures.lecturers_by_year:
        used = lecturer.hours / lecturer.limit if lecturer.limit else float(lecturer.hours > 0) * 2
        shown = f"{w.n(lecturer.hours)} / {w.n(lecturer.limit)}"
        hint = w.say(
            "report.html.lecturer_hint",
            lecturer=lecturer.lecturer_name,
            year=lecturer.year,
            hours=w.n(lecturer.hours, 1),
            limit=lecturer.limit,
        )
        cell = charts.Cell(shown, used, hint, w.n(lecturer.hours))
        cells.append((lecturer.lecturer_name, lecturer.year, cell))
    return charts.heat_map(
        w.say("report.html.lecturer_chart"), [str(y) for y in years], _grid(cells, years)
    )
