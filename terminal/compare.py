"""``trainplan compare`` in the reader's language: the enrollments added, removed and moved,
the communes where something changed, the classes that changed and the totals side by side,
as rich tables."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from trainplan.files.compare import Change, Comparison
from trainplan.wording import say


def _who(identifier: str, name: str) -> Text:
    """An id with its name when the plan carries one (no markup: ids may hold brackets)."""
    return Text(f"{identifier} ({name})" if name else identifier)


def _year(year: int | None) -> str:
    return "" if year is None else str(year)


def _number(value: float | int | None, lang: str) -> str:
    return "" if value is None else say("terminal.compare.number", lang, value=value)


def _enrollments(changes: list[Change], lang: str) -> Table:
    table = Table(title=say("terminal.compare.enrollments", lang, n=len(changes)))
    for key in ("change", "official", "course", "year_a", "year_b"):
        table.add_column(say(f"terminal.compare.column.{key}", lang))
    for change in changes:
        table.add_row(
            say(f"terminal.compare.kind.{change.kind}", lang),
            _who(change.official_id, change.official_name),
            _who(change.course_id, change.course_name),
            _year(change.year_a),
            _year(change.year_b),
        )
    return table


def _classes(comparison: Comparison, lang: str) -> Table:
    table = Table(title=say("terminal.compare.classes", lang, n=len(comparison.classes)))
    for key in ("course", "year", "classes", "learners", "lecturers"):
        table.add_column(say(f"terminal.compare.column.{key}", lang))
    for c in comparison.classes:
        table.add_row(
            Text(c.course_id),
            str(c.year),
            f"{c.classes_a} → {c.classes_b}",
            f"{_number(c.learners_a, lang) or '?'} → {_number(c.learners_b, lang) or '?'}",
            Text(f"{', '.join(c.lecturers_a) or '-'} → {', '.join(c.lecturers_b) or '-'}"),
        )
    return table


def _units(comparison: Comparison, lang: str) -> Table:
    table = Table(title=say("terminal.compare.units", lang, n=len(comparison.units)))
    for key in ("unit", "enrollments", "changes", "days", "learner_cost"):
        table.add_column(say(f"terminal.compare.column.{key}", lang))
    for u in comparison.units:
        changes = say(
            "terminal.compare.unit_changes", lang, added=u.added, removed=u.removed, moved=u.moved
        )
        table.add_row(
            _who(u.unit_id, u.unit_name if u.unit_name != u.unit_id else ""),
            f"{u.enrollments[0]} → {u.enrollments[1]}",
            changes,
            f"{_number(u.away_days[0], lang)} → {_number(u.away_days[1], lang)}",
            f"{_number(u.learner_cost[0], lang)} → {_number(u.learner_cost[1], lang)}",
        )
    return table


def _totals(comparison: Comparison, lang: str) -> Table:
    table = Table(title=say("terminal.compare.totals", lang))
    table.add_column(say("terminal.compare.column.total", lang))
    for key in ("plan_a", "plan_b", "difference"):
        table.add_column(say(f"terminal.compare.column.{key}", lang), justify="right")
    for name, (a, b) in (comparison.totals or {}).items():
        change = b - a
        sign = "+" if change > 0 else ""
        table.add_row(
            say(f"terminal.compare.total.{name}", lang),
            _number(a, lang),
            _number(b, lang),
            sign + _number(change, lang),
        )
    return table


def comparison_view(
    comparison: Comparison, lang: str, a: object = "A", b: object = "B"
) -> list[Table | str]:
    """What ``trainplan compare`` prints: tables, or one line when nothing changed."""
    shown: list[Table | str] = []
    counts = {kind: len(comparison.of_kind(kind)) for kind in ("added", "removed", "moved")}
    if comparison.changes:
        shown.append(say("terminal.compare.counts", lang, **counts, a=a, b=b))
        shown.append(_enrollments(list(comparison.changes), lang))
    else:
        shown.append(say("terminal.compare.same_enrollments", lang))
    if comparison.units:
        shown.append(_units(comparison, lang))
    if comparison.classes:
        shown.append(_classes(comparison, lang))
    if comparison.totals is not None:
        shown.append(_totals(comparison, lang))
    else:
        shown.append(say("terminal.compare.no_totals", lang))
    return shown
