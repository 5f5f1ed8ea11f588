"""plan.xlsx: the plan for a committee, one sheet per question, written with XlsxWriter.

Every figure comes from ``trainplan.reports.figures`` (computed once); every label from the
``report`` catalogue, in the reader's language. Names come first, ids in their own columns to
the right; each table has a frozen header, a filter, widths, VND and percent formats. The
schedule has an empty ``approved`` column for the committee. Two native charts: attainment
against each target, year by year, and cost against the budget.

``workbook_bytes`` makes the file; ``trainplan.reports.publish`` writes it whole into the plan
folder (with the plan folder when ``solve`` writes it).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from trainplan.models.scenario import Scenario
from trainplan.reports.figures import Figures
from trainplan.wording.catalogue import render, say

WORKBOOK = "plan.xlsx"

VND = "#,##0"
"""Whole dong, thousands grouped the reader's way (Excel applies its own separators)."""
PERCENT = "0.0%"
DAYS = "#,##0.0"
WHOLE = "0"


@dataclass(frozen=True)
class Column:
    """One column of a table: its label key, width, number format and value per row."""

    label: str
    value: Callable[[Any], Any]
    width: int = 14
    number: str | None = None


def _yes(value: bool, lang: str) -> str:
    return say("report.yes", lang) if value else say("report.no", lang)


def level_name(scenario: Scenario, track: str, level: str, lang: str) -> str:
    """A level as the reader's scenario names it: its other name (``level_names``, the
    Vietnamese one) for a Vietnamese reader when the scenario gives one."""
    if lang != "en":
        return scenario.settings.level_names.get(track, {}).get(level, level)
    return level


class Writer:
    """Lays the figures out in one workbook, in one language."""

    def __init__(self, book: Workbook, scenario: Scenario, figures: Figures, lang: str) -> None:
        self.book = book
        self.scenario = scenario
        self.figures = figures
        self.lang = lang
        self.header = book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1}
        )
        self.formats = {
            kind: book.add_format({"num_format": kind}) for kind in (VND, PERCENT, DAYS, WHOLE)
        }
        self.bold = book.add_format({"bold": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})

    def say(self, key: str, **params: Any) -> str:
        return say(key, self.lang, **params)

    def table(self, sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Any]) -> None:
        """A table from the first row: header, frozen; a filter over it; formats and widths."""
        for col, column in enumerate(columns):
            sheet.write_string(0, col, self.say(column.label), self.header)
            number = self.formats.get(column.number) if column.number else None
            sheet.set_column(col, col, column.width, number)
        for row_no, row in enumerate(rows, start=1):
            for col, column in enumerate(columns):
                value = column.value(row)
                if value is None or value == "":
                    sheet.write_blank(row_no, col, None)
                else:
                    sheet.write(row_no, col, value)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)

    def sheet(self, key: str) -> Worksheet:
        return self.book.add_worksheet(self.say(key)[:31])

    # ------------------------------------------------------------ the sheets

    def summary(self) -> None:
        s = self.figures.summary
        sheet = self.sheet("report.sheet.summary")
        sheet.set_column(0, 0, 46)
        sheet.set_column(1, 1, 30)
        sheet.write_string(0, 0, self.say("report.col.item"), self.header)
        sheet.write_string(0, 1, self.say("report.col.value"), self.header)
        no_cap = self.say("report.summary.no_cap")
        money = self.formats[VND]
        rows: list[tuple[str, Any, Any]] = [
            (self.say("report.summary.scenario"), s.scenario_name, None),
            (self.say("report.summary.title"), s.scenario_title, None),
            (self.say("report.summary.horizon"), f"{s.first_year}–{s.last_year}", None),
            (self.say("report.summary.date"), s.report_date, None),
            (self.say("report.summary.input_hash"), s.input_hash, None),
            (self.say("report.summary.status"), self.status(s.status), None),
        ]
        for stage in s.stages:
            name = self.say(f"report.stage.{stage.name}")
            rows.append(
                (self.say("report.summary.stage", stage=name), self.status(stage.status), None)
            )
        rows += [
            (self.say("report.summary.valid"), _yes(s.valid, self.lang), None),
            (self.say("report.summary.violations"), s.violations, None),
            (self.say("report.summary.targets"), s.targets, None),
            (self.say("report.summary.targets_met"), s.targets_met, None),
            (self.say("report.summary.weighted_shortfall"), s.weighted_shortfall, None),
            (self.say("report.summary.enrollments"), s.enrollments, None),
            (self.say("report.summary.classes"), s.classes, None),
            (self.say("report.summary.cost_total"), s.cost_total, money),
            (self.say("report.summary.learner_cost"), s.learner_cost, money),
            (self.say("report.summary.class_cost"), s.class_cost, money),
            (self.say("report.summary.lecturer_cost"), s.lecturer_cost, money),
            *(
                [
                    (self.say("report.summary.other_paid"), s.other_paid, money),
                    (self.say("report.summary.self_paid"), s.self_paid, money),
                ]
                if s.other_paid or s.self_paid
                else []
            ),
            (self.say("report.summary.budget_total"), s.budget_total or no_cap, money),
            (self.say("report.summary.budget_per_year"), s.budget_per_year or no_cap, money),
            (self.say("report.summary.away_days"), s.away_days_total, money),
            (self.say("report.summary.away_value"), s.away_value, money),
            (self.say("report.summary.money"), s.money, money),
            (self.say("report.summary.officials_short"), s.officials_short, None),
        ]
        for row_no, (label, value, number) in enumerate(rows, start=1):
            sheet.write_string(row_no, 0, label)
            sheet.write(row_no, 1, value, number)
        row_no = len(rows) + 2
        sheet.write_string(row_no, 0, self.say("report.summary.money_title"), self.bold)
        sheet.merge_range(
            row_no + 1, 0, row_no + 1, 3, render(self.figures.money.sentence, self.lang), self.wrap
        )
        sheet.set_row(row_no + 1, 75)
        row_no += 3
        sheet.write_string(row_no, 0, self.say("report.summary.by_year"), self.bold)
        for col, key in enumerate(
            ("report.col.year", "report.col.targets_met", "report.col.targets")
        ):
            sheet.write_string(row_no + 1, col, self.say(key), self.header)
        for offset, tally in enumerate(s.targets_met_by_year, start=row_no + 2):
            sheet.write_number(offset, 0, tally.year)
            sheet.write_number(offset, 1, tally.met)
            sheet.write_number(offset, 2, tally.total)
        sheet.freeze_panes(1, 0)

    def status(self, status: str) -> str:
        return self.say(f"report.status.{status.lower()}") if status else ""

    def schedule(self) -> None:
        lang, scenario = self.lang, self.scenario
        columns = [
            Column("report.col.unit", lambda r: r.unit_name, 24),
            Column("report.col.official", lambda r: r.official_name, 24),
            Column("report.col.post", lambda r: r.post_name, 24),
            Column("report.col.course", lambda r: r.course_name, 40),
            Column("report.col.start_year", lambda r: r.start_year, 10, WHOLE),
            Column("report.col.end_year", lambda r: r.end_year, 10, WHOLE),
            Column("report.col.mode", lambda r: self.say(f"report.mode.{r.mode}"), 14),
            Column("report.col.away_days", lambda r: r.away_days, 10, DAYS),
            Column("report.col.cost", lambda r: r.cost, 14, VND),
            Column("report.col.approved", lambda r: None, 12),
            Column("report.col.track", lambda r: r.track, 10),
            Column(
                "report.col.grants", lambda r: level_name(scenario, r.track, r.grants, lang), 14
            ),
            Column("report.col.official_id", lambda r: r.official_id, 12),
            Column("report.col.unit_id", lambda r: r.unit_id, 14),
            Column("report.col.post_id", lambda r: r.post_id, 14),
            Column("report.col.course_id", lambda r: r.course_id, 14),
        ]
        if any(r.payer != "budget" for r in self.figures.schedule):  # who pays, when mixed
            columns.append(
                Column("report.col.payer", lambda r: self.say(f"report.payer.{r.payer}"), 16)
            )
        self.table(self.sheet("report.sheet.schedule"), columns, self.figures.schedule)

    def classes(self) -> None:
        rows = [(c, t) for c in self.figures.classes for t in (c.lecturers or (None,))]
        columns = [
            Column("report.col.course", lambda r: r[0].course_name, 40),
            Column("report.col.year", lambda r: r[0].year, 8, WHOLE),
            Column("report.col.class_no", lambda r: r[0].class_no, 8, WHOLE),
            Column("report.col.learners", lambda r: r[0].learners, 10, WHOLE),
            Column("report.col.lecturer", lambda r: r[1].lecturer_name if r[1] else None, 24),
            Column("report.col.hours", lambda r: r[1].hours if r[1] else None, 8, WHOLE),
            Column("report.col.course_id", lambda r: r[0].course_id, 14),
            Column("report.col.lecturer_id", lambda r: r[1].lecturer_id if r[1] else None, 14),
        ]
        self.table(self.sheet("report.sheet.classes"), columns, rows)

    def offerings(self) -> None:
        columns = [
            Column("report.col.course", lambda r: r.course_name, 40),
            Column("report.col.year", lambda r: r.year, 8, WHOLE),
            Column("report.col.provider", lambda r: self.say(f"report.provider.{r.provider}"), 12),
            Column("report.col.learners", lambda r: r.learners, 10, WHOLE),
            Column("report.col.seats", lambda r: r.seats, 10, WHOLE),
            Column("report.col.classes", lambda r: r.classes, 10, WHOLE),
            Column("report.col.max_classes", lambda r: r.max_classes, 10, WHOLE),
            Column("report.col.course_id", lambda r: r.course_id, 14),
        ]
        self.table(self.sheet("report.sheet.offerings"), columns, self.figures.offerings_by_year)

    def lecturers(self) -> None:
        columns = [
            Column("report.col.lecturer", lambda r: r.lecturer_name, 24),
            Column("report.col.year", lambda r: r.year, 8, WHOLE),
            Column("report.col.hours", lambda r: r.hours, 10, DAYS),
            Column("report.col.hours_limit", lambda r: r.limit, 12, WHOLE),
            Column(
                "report.col.used", lambda r: r.hours / r.limit if r.limit else None, 10, PERCENT
            ),
            Column("report.col.within", lambda r: _yes(r.within, self.lang), 10),
            Column("report.col.lecturer_id", lambda r: r.lecturer_id, 14),
        ]
        self.table(self.sheet("report.sheet.lecturers"), columns, self.figures.lecturers_by_year)

    def attainment(self) -> None:
        columns = [
            Column("report.col.target", lambda r: r.target_id, 22),
            Column("report.col.target_year", lambda r: r.target_year, 10, WHOLE),
            Column("report.col.year", lambda r: r.year, 8, WHOLE),
            Column("report.col.population", lambda r: r.population, 11, WHOLE),
            Column("report.col.qualified", lambda r: r.qualified, 11, WHOLE),
            Column("report.col.required", lambda r: r.required, 11, WHOLE),
            Column("report.col.share", lambda r: r.share, 10, PERCENT),
            Column("report.col.attained", lambda r: r.attained, 10, PERCENT),
            Column("report.col.met", lambda r: _yes(r.met, self.lang), 8),
            Column("report.col.shortfall", lambda r: r.shortfall, 10, WHOLE),
            Column("report.col.hard", lambda r: _yes(r.hard, self.lang), 8),
        ]
        sheet = self.sheet("report.sheet.attainment")
        rows = self.figures.attainment
        self.table(sheet, columns, rows)
        if not rows:
            return
        chart = self.book.add_chart({"type": "line"})
        name = sheet.get_name()
        first = 1
        while first <= len(rows):
            target = rows[first - 1].target_id
            last = first
            while last < len(rows) and rows[last].target_id == target:
                last += 1
            years = [name, first, 2, last, 2]
            chart.add_series(
                {
                    "name": self.say("report.chart.attained", target=target),
                    "categories": years,
                    "values": [name, first, 7, last, 7],
                    "marker": {"type": "circle"},
                }
            )
            chart.add_series(
                {
                    "name": self.say("report.chart.required", target=target),
                    "categories": years,
                    "values": [name, first, 6, last, 6],
                    "line": {"dash_type": "dash"},
                }
            )
            first = last + 1
        chart.set_title({"name": self.say("report.chart.attainment")})
        chart.set_y_axis({"num_format": "0%", "min": 0, "max": 1})
        chart.set_size({"width": 760, "height": 420})
        sheet.insert_chart(1, len(columns) + 1, chart)

    def communes(self) -> None:
        columns = [
            Column("report.col.unit", lambda r: r.unit_name, 24),
            Column("report.col.year", lambda r: r.year, 8, WHOLE),
            Column("report.col.staff", lambda r: r.staff, 11, WHOLE),
            Column("report.col.away_days", lambda r: r.days, 11, DAYS),
            Column("report.col.days_limit", lambda r: r.limit, 11, DAYS),
            Column("report.col.used", lambda r: r.days / r.limit if r.limit else None, 10, PERCENT),
            Column("report.col.leaders_away", lambda r: r.leaders_away, 10, WHOLE),
            Column("report.col.leaders_limit", lambda r: r.max_leaders_away, 10, WHOLE),
            Column("report.col.within", lambda r: _yes(r.within, self.lang), 10),
            Column("report.col.unit_id", lambda r: r.unit_id, 14),
        ]
        self.table(self.sheet("report.sheet.communes"), columns, self.figures.units_by_year)

    def budget(self) -> None:
        columns = [
            Column("report.col.year", lambda r: r.year, 8, WHOLE),
            Column("report.col.cost", lambda r: r.cost, 16, VND),
            Column("report.col.budget", lambda r: r.budget, 16, VND),
            Column(
                "report.col.used", lambda r: r.cost / r.budget if r.budget else None, 10, PERCENT
            ),
            Column("report.col.within", lambda r: _yes(r.within, self.lang), 10),
            Column("report.col.learner_cost", lambda r: r.learner_cost, 16, VND),
            Column("report.col.class_cost", lambda r: r.class_cost, 16, VND),
            Column("report.col.lecturer_cost", lambda r: r.lecturer_cost, 16, VND),
        ]
        sheet = self.sheet("report.sheet.budget")
        rows = self.figures.cost_by_year
        self.table(sheet, columns, rows)
        name = sheet.get_name()
        chart = self.book.add_chart({"type": "column"})
        years = [name, 1, 0, len(rows), 0]
        chart.add_series(
            {
                "name": self.say("report.chart.cost"),
                "categories": years,
                "values": [name, 1, 1, len(rows), 1],
            }
        )
        if any(r.budget is not None for r in rows):
            line = self.book.add_chart({"type": "line"})
            line.add_series(
                {
                    "name": self.say("report.chart.budget_line"),
                    "categories": years,
                    "values": [name, 1, 2, len(rows), 2],
                    "line": {"color": "#C00000", "dash_type": "dash"},
                }
            )
            chart.combine(line)
        chart.set_title({"name": self.say("report.chart.budget")})
        chart.set_y_axis({"num_format": VND, "min": 0})
        chart.set_size({"width": 640, "height": 360})
        sheet.insert_chart(len(rows) + 2, 0, chart)

    def short(self) -> None:
        lang, scenario = self.lang, self.scenario
        rows = [(s, g) for s in self.figures.short for g in s.gaps]
        columns = [
            Column("report.col.unit", lambda r: r[0].unit_name, 24),
            Column("report.col.official", lambda r: r[0].official_name, 24),
            Column("report.col.post", lambda r: r[0].post_name, 24),
            Column("report.col.track", lambda r: r[1].track, 10),
            Column(
                "report.col.level",
                lambda r: level_name(scenario, r[1].track, r[1].level, lang) + r[1].held_words,
                14,
            ),
            Column(
                "report.col.standard",
                lambda r: level_name(scenario, r[1].track, r[1].standard, lang) + r[1].fields_words,
                14,
            ),
            Column("report.col.reason", lambda r: self.say(f"report.reason.{r[1].reason}"), 48),
            Column(
                "report.col.rule",
                lambda r: self.say(f"report.rule.{r[1].rule}") if r[1].rule else None,
                36,
            ),
            Column("report.col.official_id", lambda r: r[0].official_id, 12),
            Column("report.col.unit_id", lambda r: r[0].unit_id, 14),
            Column("report.col.post_id", lambda r: r[0].post_id, 14),
        ]
        self.table(self.sheet("report.sheet.short"), columns, rows)

    def yes_no(self, value: bool) -> str:
        return self.say("report.yes") if value else self.say("report.no")

    def successors(self) -> None:
        """The succession pool: ready by the congress or not, with which courses."""
        columns = [
            Column("report.col.unit", lambda r: r.unit_name, 24),
            Column("report.col.official", lambda r: r.official_name, 24),
            Column("report.col.post", lambda r: r.post_name, 24),
            Column("report.col.planned_post", lambda r: r.planned_name, 24),
            Column("report.col.year", lambda r: r.year, 8, WHOLE),
            Column("report.col.ready", lambda r: self.yes_no(r.ready), 10),
            Column("report.col.courses", lambda r: r.courses, 48),
            Column("report.col.lacking", lambda r: r.lacking or None, 30),
            Column("report.col.official_id", lambda r: r.official_id, 12),
        ]
        self.table(self.sheet("report.sheet.successors"), columns, self.figures.successors)

    def changes(self) -> None:
        """A re-plan's changes to its approved plan: what, when (history or re-planned), why."""
        say = self.say
        columns = [
            Column("report.col.unit", lambda r: r.unit_name, 24),
            Column("report.col.official", lambda r: r.official_name, 24),
            Column("report.col.course", lambda r: r.course_name, 40),
            Column("report.col.change", lambda r: say(f"report.change.{r.kind}"), 12),
            Column("report.col.baseline_year", lambda r: r.before, 12, WHOLE),
            Column("report.col.replan_year", lambda r: r.after, 12, WHOLE),
            Column("report.col.when", lambda r: say(_WHEN[r.history]), 16),
            Column("report.col.reason", lambda r: render(r.reason, self.lang), 60),
            Column("report.col.official_id", lambda r: r.official_id, 14),
            Column("report.col.course_id", lambda r: r.course_id, 14),
        ]
        self.table(self.sheet("report.sheet.changes"), columns, self.figures.changes)

    def why(self) -> None:
        """For each target the plan misses: the limits in the way, the reasons in the data
        and the verified fixes, one per row."""
        rows = [(target, row) for target in self.figures.why for row in target.rows]
        columns = [
            Column("report.col.target", lambda r: r[0].target_id, 22),
            Column("report.col.year", lambda r: r[1].year, 8, WHOLE),
            Column("report.col.what", lambda r: self.say(f"report.why.part.{r[1].part}"), 20),
            Column("report.col.why", lambda r: render(r[1].words, self.lang), 90),
            Column("report.col.reaches", lambda r: r[1].reaches, 12, WHOLE),
        ]
        self.table(self.sheet("report.sheet.why"), columns, rows)


_WHEN = {True: "report.change.history", False: "report.change.replan"}
"""When a change came about: before the as-of year (actuals), or chosen by the re-plan."""


def workbook_bytes(scenario: Scenario, figures: Figures, lang: str) -> bytes:
    """plan.xlsx for ``figures`` in ``lang``, as bytes (written whole by the caller)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    # the report's day, not this second: the same plan on the same day is the same file
    made = datetime.combine(date.fromisoformat(figures.summary.report_date), time(), UTC)
    book.set_properties({"created": made})
    writer = Writer(book, scenario, figures, lang)
    writer.summary()
    writer.schedule()
    writer.classes()
    writer.offerings()
    writer.lecturers()
    writer.attainment()
    writer.communes()
    writer.budget()
    writer.short()
    if figures.replanned:
        writer.changes()
    if figures.why:
        writer.why()
    if figures.successors:
        writer.successors()
    book.close()
    return buffer.getvalue()
