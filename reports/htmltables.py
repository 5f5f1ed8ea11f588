"""The tables of report.html, worded in the reader's language: the targets at their year, cost
per year, communes, the schedule, the classes and the officials left short. Each is a
``TableView`` the template lays out and its script sorts and filters.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from trainplan.reports.figures import Figures
from trainplan.wording import number, render, say
from trainplan.wording.catalogue import keys


class Words:
    """The reader's language: catalogue words, and numbers as they write them."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def say(self, key: str, **params: object) -> str:
        """The words of ``key`` with ``params``, in the reader's language."""
        return say(key, self.lang, **params)

    def n(self, value: float, places: int = 0) -> str:
        """A number grouped as the reader writes it (``1,234`` or ``1.234``)."""
        return number(value, self.lang, places=places)

    def vnd(self, amount: float) -> str:
        """An amount of money in whole dong."""
        return say("report.html.vnd", self.lang, amount=round(amount))

    def percent(self, share: float) -> str:
        """A share as a whole percentage (``42%``)."""
        return number(round(share * 100), self.lang, places=0) + "%"


@dataclass(frozen=True)
class Heading:
    """A column: its words, whether it holds numbers (right-aligned, sorted by value) and
    whether the reader may filter the table by its values (a drop-down list)."""

    text: str
    numeric: bool = False
    choose: bool = False


@dataclass(frozen=True)
class CellView:
    """A cell's words and the number it sorts by (None: sorted by its words)."""

    text: str
    value: float | None = None


@dataclass
class TableView:
    """A table the reader can sort (by any heading) and filter (a search box, and a list of
    values for each heading with ``choose``)."""

    id: str
    caption: str
    headings: list[Heading]
    rows: list[list[CellView]] = field(default_factory=list)

    def choices(self, column: int) -> list[str]:
        """The distinct words of a column, numbers by value and words alphabetically."""
        found = {row[column].text: row[column].value for row in self.rows}
        return sorted(found, key=lambda text: (found[text] or 0, folded(text)))


def folded(text: str) -> str:
    """Words without their diacritics, for sorting (Đ with D, Ư with U)."""
    plain = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def _number(w: Words, value: float, plain: bool = False) -> CellView:
    """A number cell, grouped as the reader writes numbers (a year ``plain``, as it is)."""
    return CellView(str(value) if plain else w.n(value), float(value))


def targets_table(figures: Figures, w: Words) -> TableView:
    """Each target at its own year: who counts, who qualifies, how many are required."""
    table = TableView(
        "targets",
        w.say("report.html.targets_table"),
        [
            Heading(w.say("report.col.target")),
            Heading(w.say("report.col.year"), numeric=True),
            Heading(w.say("report.col.population"), numeric=True),
            Heading(w.say("report.col.qualified"), numeric=True),
            Heading(w.say("report.col.required"), numeric=True),
            Heading(w.say("report.col.share"), numeric=True),
            Heading(w.say("report.col.met")),
        ],
    )
    for a in figures.attainment:
        if not a.is_target_year:
            continue
        name = w.say("report.html.hard_target", target=a.target_id) if a.hard else a.target_id
        met = w.say("report.yes") if a.met else w.say("report.html.short_by", n=a.shortfall)
        table.rows.append(
            [
                CellView(name),
                _number(w, a.year, plain=True),
                _number(w, a.population),
                _number(w, a.qualified),
                _number(w, a.required),
                CellView(w.percent(a.share), a.share),
                CellView(met),
            ]
        )
    return table


def costs_table(figures: Figures, w: Words) -> TableView:
    """Each year's cost by part against the year's budget."""
    table = TableView(
        "costs",
        w.say("report.html.costs_table"),
        [
            Heading(w.say("report.col.year"), numeric=True),
            Heading(w.say("report.col.learner_cost"), numeric=True),
            Heading(w.say("report.col.class_cost"), numeric=True),
            Heading(w.say("report.col.lecturer_cost"), numeric=True),
            Heading(w.say("report.col.cost"), numeric=True),
            Heading(w.say("report.col.budget"), numeric=True),
        ],
    )
    for c in figures.cost_by_year:
        table.rows.append(
            [
                _number(w, c.year, plain=True),
                _number(w, c.learner_cost),
                _number(w, c.class_cost),
                _number(w, c.lecturer_cost),
                _number(w, c.cost),
                _number(w, c.budget) if c.budget is not None else CellView("—"),
            ]
        )
    return table


def communes_table(figures: Figures, w: Words) -> TableView:
    """Per commune: officials sent, enrollments, their fees, days away over the horizon and
    the year the commune is most stretched."""
    table = TableView(
        "communes",
        w.say("report.html.communes_table"),
        [
            Heading(w.say("report.col.unit")),
            Heading(w.say("report.html.col.officials"), numeric=True),
            Heading(w.say("report.html.col.enrollments"), numeric=True),
            Heading(w.say("report.html.col.fees"), numeric=True),
            Heading(w.say("report.col.away_days"), numeric=True),
            Heading(w.say("report.html.col.most_used"), numeric=True),
        ],
    )
    officials: dict[str, set[str]] = defaultdict(set)
    enrollments: dict[str, int] = defaultdict(int)
    fees: dict[str, int] = defaultdict(int)
    for row in figures.schedule:
        officials[row.unit_name].add(row.official_id)
        enrollments[row.unit_name] += 1
        fees[row.unit_name] += row.cost if row.payer != "self" else 0  # public money only
    days: dict[str, float] = defaultdict(float)
    worst: dict[str, tuple[float, int]] = {}
    for u in figures.units_by_year:
        days[u.unit_name] += u.days
        if u.unit_name not in worst or u.used > worst[u.unit_name][0]:
            worst[u.unit_name] = (u.used, u.year)
    for unit in days:  # the figures' order: by name
        used, year = worst[unit]
        table.rows.append(
            [
                CellView(unit),
                _number(w, len(officials[unit])),
                _number(w, enrollments[unit]),
                _number(w, fees[unit]),
                _number(w, round(days[unit])),
                CellView(w.say("report.html.used_in", used=w.percent(used), year=year), used),
            ]
        )
    return table


def schedule_table(figures: Figures, w: Words) -> TableView:
    """Who studies what, when: one row per enrollment (and who pays, when not the budget
    alone)."""
    paying = any(row.payer != "budget" for row in figures.schedule)
    table = TableView(
        "schedule",
        w.say("report.html.schedule_table"),
        [
            Heading(w.say("report.col.unit"), choose=True),
            Heading(w.say("report.col.official")),
            Heading(w.say("report.col.post"), choose=True),
            Heading(w.say("report.col.course"), choose=True),
            Heading(w.say("report.col.start_year"), numeric=True, choose=True),
            Heading(w.say("report.col.end_year"), numeric=True),
            Heading(w.say("report.col.away_days"), numeric=True),
            Heading(w.say("report.col.cost"), numeric=True),
            *([Heading(w.say("report.col.payer"), choose=True)] if paying else []),
        ],
    )
    for row in figures.schedule:
        table.rows.append(
            [
                CellView(row.unit_name),
                CellView(row.official_name),
                CellView(row.post_name),
                CellView(row.course_name),
                _number(w, row.start_year, plain=True),
                _number(w, row.end_year, plain=True),
                _number(w, row.away_days),
                _number(w, row.cost),
                *([CellView(w.say(f"report.payer.{row.payer}"))] if paying else []),
            ]
        )
    return table


def classes_table(figures: Figures, w: Words) -> TableView:
    """The classes of internal courses with their lecturers and hours."""
    table = TableView(
        "classes",
        w.say("report.html.classes_table"),
        [
            Heading(w.say("report.col.course"), choose=True),
            Heading(w.say("report.col.year"), numeric=True, choose=True),
            Heading(w.say("report.col.class_no"), numeric=True),
            Heading(w.say("report.col.learners"), numeric=True),
            Heading(w.say("report.html.col.lecturers")),
            Heading(w.say("report.col.hours"), numeric=True),
        ],
    )
    for c in figures.classes:
        taught = ", ".join(
            w.say("report.html.teaches", lecturer=t.lecturer_name, hours=t.hours)
            for t in c.lecturers
        )
        table.rows.append(
            [
                CellView(c.course_name),
                _number(w, c.year, plain=True),
                _number(w, c.class_no, plain=True),
                _number(w, c.learners) if c.learners is not None else CellView("—"),
                CellView(taught or "—"),
                _number(w, c.hours),
            ]
        )
    return table


def short_table(figures: Figures, w: Words) -> TableView:
    """Officials still below their post standard at the end, each track's gap and why."""
    table = TableView(
        "short",
        w.say("report.html.short_table", year=figures.summary.last_year),
        [
            Heading(w.say("report.col.unit"), choose=True),
            Heading(w.say("report.col.official")),
            Heading(w.say("report.col.post"), choose=True),
            Heading(w.say("report.html.col.gaps")),
            Heading(w.say("report.col.reason"), choose=True),
        ],
    )
    for official in figures.short:
        gaps = "; ".join(
            w.say(
                "report.html.gap",
                track=named(w, f"report.html.track.{g.track}", g.track),
                level=named(w, f"report.html.level.{g.track}.{g.level}", g.level) + g.held_words,
                standard=named(w, f"report.html.level.{g.track}.{g.standard}", g.standard)
                + g.fields_words,
            )
            for g in official.gaps
        )
        reasons = dict.fromkeys(reason(w, g.reason, g.rule) for g in official.gaps)
        if len(reasons) > 1:  # say which track each reason is for
            reasons = dict.fromkeys(
                w.say(
                    "report.html.gap_reason",
                    track=named(w, f"report.html.track.{g.track}", g.track),
                    reason=reason(w, g.reason, g.rule),
                )
                for g in official.gaps
            )
        table.rows.append(
            [
                CellView(official.unit_name),
                CellView(official.official_name),
                CellView(official.post_name),
                CellView(gaps),
                CellView("; ".join(reasons)),
            ]
        )
    return table


def named(w: Words, key: str, name: str) -> str:
    """A track or level in the reader's words when the catalogue has them (the usual tracks,
    degree and LLCT, and their levels), else as the scenario names it."""
    return w.say(key) if key in keys(w.lang) else name


def reason(w: Words, why: str, rule: str) -> str:
    """Why a gap stays open, with the rule that closes the courses when one does."""
    said = w.say(f"report.reason.{why}")
    if rule and f"report.rule.{rule}" in keys(w.lang):
        return w.say("report.html.reason_rule", reason=said, rule=w.say(f"report.rule.{rule}"))
    return said


def changes_table(figures: Figures, w: Words) -> TableView | None:
    """A re-plan's changes to its approved plan, history first; None when not a re-plan."""
    if not figures.replanned:
        return None
    table = TableView(
        "changes",
        w.say("report.changes.title"),
        [
            Heading(w.say("report.col.unit"), choose=True),
            Heading(w.say("report.col.official")),
            Heading(w.say("report.col.course"), choose=True),
            Heading(w.say("report.col.change"), choose=True),
            Heading(w.say("report.col.baseline_year"), numeric=True),
            Heading(w.say("report.col.replan_year"), numeric=True),
            Heading(w.say("report.col.when"), choose=True),
            Heading(w.say("report.col.reason")),
        ],
    )
    for row in figures.changes:
        when = "report.change.history" if row.history else "report.change.replan"
        table.rows.append(
            [
                CellView(row.unit_name),
                CellView(row.official_name),
                CellView(row.course_name),
                CellView(w.say(f"report.change.{row.kind}")),
                _year(row.before),
                _year(row.after),
                CellView(w.say(when)),
                CellView(render(row.reason, w.lang)),
            ]
        )
    return table


def _year(year: int | None) -> CellView:
    """A year cell, blank when there is none (an enrollment added or removed)."""
    return CellView("" if year is None else str(year), None if year is None else float(year))


def why_table(figures: Figures, w: Words) -> TableView | None:
    """For each target the plan misses: the limits in the way, the reasons in the data and
    the verified fixes; None when the plan misses none (or was not explained)."""
    if not figures.why:
        return None
    table = TableView(
        "why",
        w.say("report.html.section.why"),
        [
            Heading(w.say("report.col.target"), choose=True),
            Heading(w.say("report.col.what"), choose=True),
            Heading(w.say("report.col.why")),
            Heading(w.say("report.col.reaches"), numeric=True),
        ],
    )
    for target in figures.why:
        for row in target.rows:
            reaches = CellView("") if row.reaches is None else _count(row.reaches, w)
            table.rows.append(
                [
                    CellView(row.target_id),
                    CellView(w.say(f"report.why.part.{row.part}")),
                    CellView(render(row.words, w.lang)),
                    reaches,
                ]
            )
    return table


def _count(value: int, w: Words) -> CellView:
    return CellView(number(value, w.lang), float(value))


def successors_table(figures: Figures, w: Words) -> TableView:
    """The succession pool: who is planned for which post, ready by the congress or not."""
    table = TableView(
        "successors",
        w.say("report.html.successors_table"),
        [
            Heading(w.say("report.col.unit"), choose=True),
            Heading(w.say("report.col.official")),
            Heading(w.say("report.col.post"), choose=True),
            Heading(w.say("report.col.planned_post"), choose=True),
            Heading(w.say("report.col.ready"), choose=True),
            Heading(w.say("report.col.courses")),
            Heading(w.say("report.col.lacking")),
        ],
    )
    for row in figures.successors:
        ready = w.say("report.html.ready_by", year=row.year) if row.ready else w.say("report.no")
        table.rows.append(
            [
                CellView(row.unit_name),
                CellView(row.official_name),
                CellView(row.post_name),
                CellView(row.planned_name),
                CellView(ready),
                CellView(row.courses),
                CellView(row.lacking),
            ]
        )
    return table
