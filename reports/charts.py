"""Charts for report.html as inline SVG: drawn here from numbers and words already chosen
(``trainplan.reports.html`` words them), so the report needs no script library and no network.

Every chart is 680 units wide, the width of an A4 page's text at 96 dpi, and scales with its
box. Colours are the report's (``report.html.j2`` names them in its legend): blue for what is
used, green for a target met, red for a limit passed or a target missed, grey for the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 680
"""Chart width in SVG units: an A4 page less 15 mm margins, at 96 dpi."""
BLUE, GREEN, RED, GREY = "#2b6cb0", "#2f855a", "#c53030", "#a0aec0"
INK, FAINT = "#1a202c", "#e2e8f0"


def _num(value: float) -> str:
    """A coordinate with at most one decimal (short SVG, no float noise)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, words: str, cls: str = "", anchor: str = "middle") -> str:
    css = f' class="{cls}"' if cls else ""
    return f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}"{css}>{escape(words)}</text>'


def _svg(height: float, title: str, body: list[str], width: float = WIDTH) -> Markup:
    """An SVG element with an accessible title (read aloud, shown on hover)."""
    return Markup(
        f'<svg class="chart" viewBox="0 0 {_num(width)} {_num(height)}" role="img">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


@dataclass(frozen=True)
class Bar:
    """One year's bar in a small attainment chart."""

    label: str
    """Under the bar (the year)."""
    value: float
    """The share attained, 0 to 1."""
    shown: str
    """Above the bar (the share in words, ``42%``)."""
    colour: str


def share_chart(title: str, bars: Sequence[Bar], line: float, line_label: str) -> Markup:
    """Bars of shares (0-100 %) with the target's share as a dashed line: one small chart per
    target, a third of the page wide. A bar's share is written inside its top (white), or
    above a bar too short to hold it, so that it never sits on the line."""
    width, height, left, top, bottom = 300.0, 180.0, 36.0, 10.0, 22.0
    plot = height - top - bottom
    body = []
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = top + plot * (1 - tick)
        body.append(
            f'<line x1="{_num(left)}" x2="{_num(width)}" y1="{_num(y)}" y2="{_num(y)}" '
            f'stroke="{FAINT}"/>'
        )
        body.append(_text(left - 5, y + 4, f"{round(tick * 100)}%", "tick", "end"))
    step = (width - left) / max(1, len(bars))
    for index, bar in enumerate(bars):
        x = left + index * step + step * 0.14
        h = plot * max(0.0, min(1.0, bar.value))
        body.append(
            f'<rect x="{_num(x)}" y="{_num(top + plot - h)}" width="{_num(step * 0.72)}" '
            f'height="{_num(h)}" fill="{bar.colour}"/>'
        )
        y, cls = _label_place(top + plot - h, top + plot, top + plot * (1 - line))
        body.append(_text(x + step * 0.36, y, bar.shown, cls))
        body.append(_text(x + step * 0.36, height - 6, bar.label, "tick"))
    y = top + plot * (1 - max(0.0, min(1.0, line)))
    body.append(
        f'<line x1="{_num(left)}" x2="{_num(width)}" y1="{_num(y)}" y2="{_num(y)}" '
        f'stroke="{RED}" stroke-width="2" stroke-dasharray="6 3">'
        f"<title>{escape(line_label)}</title></line>"
    )
    return _svg(height, title, body, width)


def _label_place(bar_top: float, bar_bottom: float, line: float) -> tuple[float, str]:
    """Where a bar's share is written: inside its top, else just below the target line (still
    inside), else above the bar; the first place the line does not cross (text spans 10
    units above its baseline)."""

    def clear(y: float) -> bool:
        return not y - 13 <= line <= y + 4

    for y in (bar_top + 13, line + 15):
        if y <= bar_bottom - 3 and y - 10 >= bar_top and clear(y):
            return y, "value in"
    above = bar_top - 3
    return (above if clear(above) else line - 5), "value"


@dataclass(frozen=True)
class Column:
    """One year's stacked column of costs, with its cap."""

    label: str
    parts: tuple[float, ...]
    """Amounts stacked from the bottom, in the order of ``cost_chart``'s ``colours``."""
    shown: str
    """The total in words, above the column."""
    cap: float | None
    over: bool


def cost_chart(
    title: str,
    columns: Sequence[Column],
    colours: Sequence[str],
    tick: Callable[[float], str],
    cap_label: str,
) -> Markup:
    """Stacked columns per year with each year's cap as a dashed red mark; ``tick`` words an
    axis amount."""
    height, left, top, bottom = 210.0, 70.0, 18.0, 24.0
    plot = height - top - bottom
    highest = max([sum(c.parts) for c in columns] + [c.cap or 0 for c in columns] + [1.0])
    scale = _nice(highest)
    body = []
    for index in range(5):
        amount = scale * index / 4
        y = top + plot * (1 - index / 4)
        body.append(
            f'<line x1="{_num(left)}" x2="{WIDTH}" y1="{_num(y)}" y2="{_num(y)}" stroke="{FAINT}"/>'
        )
        body.append(_text(left - 6, y + 4, tick(amount), "tick", "end"))
    step = (WIDTH - left) / max(1, len(columns))
    for index, column in enumerate(columns):
        x, base = left + index * step + step * 0.2, top + plot
        for amount, colour in zip(column.parts, colours, strict=True):
            h = plot * amount / scale
            base -= h
            body.append(
                f'<rect x="{_num(x)}" y="{_num(base)}" width="{_num(step * 0.6)}" '
                f'height="{_num(h)}" fill="{colour}"/>'
            )
        shown = "value over" if column.over else "value"
        body.append(_text(x + step * 0.3, base - 4, column.shown, shown))
        body.append(_text(x + step * 0.3, height - 6, column.label, "tick"))
        if column.cap is not None:
            y = top + plot * (1 - column.cap / scale)
            body.append(
                f'<line x1="{_num(x - step * 0.1)}" x2="{_num(x + step * 0.7)}" y1="{_num(y)}" '
                f'y2="{_num(y)}" stroke="{RED}" stroke-width="2.5" stroke-dasharray="6 3">'
                f"<title>{escape(cap_label)}</title></line>"
            )
    return _svg(height, title, body)


def _nice(value: float) -> float:
    """The smallest of 1, 2, 2.5, 4, 5 or 8 x 10^k at least ``value``: an axis top that
    quarters into round numbers."""
    power = 1.0
    while power * 10 <= value:
        power *= 10
    while power > value and power > 1e-9:
        power /= 10
    for factor in (1, 2, 2.5, 4, 5, 8, 10):
        if factor * power >= value:
            return factor * power
    return 10 * power


@dataclass(frozen=True)
class Cell:
    """One cell of a heat map: words to show and how much of a limit is used."""

    shown: str
    used: float | None
    """Used over limit (1 = the limit); None: nothing to measure (no offering that year)."""
    hint: str = ""
    """Shown on hover: the cell in a sentence."""
    brief: str = ""
    """Shown instead of ``shown`` in a cell too narrow for it (many years)."""


def heat_map(
    title: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[Cell]]]
) -> Markup:
    """A grid of rows (communes, lecturers, courses) by years: each cell shows its figure and
    is shaded by the share of its limit used, red past the limit. Cells too narrow for their
    words (a long horizon) show ``brief``; a long row label is cut, whole on hover."""
    left, top, row_height = 250.0, 24.0, 24.0
    step = (WIDTH - left) / max(1, len(columns))
    height = top + row_height * len(rows) + 4
    body = [_text(left + step * (i + 0.5), 16, label, "head") for i, label in enumerate(columns)]
    for r, (label, cells) in enumerate(rows):
        y = top + r * row_height
        body.append(
            f'<text x="{_num(left - 8)}" y="{_num(y + row_height * 0.68)}" text-anchor="end" '
            f'class="label"><title>{escape(label)}</title>{escape(_clip(label, 38))}</text>'
        )
        for c, cell in enumerate(cells):
            x = left + c * step
            fill, cls = _shade(cell.used)
            hint = f"<title>{escape(cell.hint)}</title>" if cell.hint else ""
            body.append(
                f'<rect x="{_num(x + 1)}" y="{_num(y + 1)}" width="{_num(step - 2)}" '
                f'height="{_num(row_height - 2)}" fill="{fill}" rx="2">{hint}</rect>'
            )
            words = cell.shown if len(cell.shown) * 6.5 <= step - 6 else cell.brief
            if cell.used == 0:
                cls += " zero"
            body.append(_text(x + step / 2, y + row_height * 0.68, words, cls))
    return _svg(height, title, body)


def _shade(used: float | None) -> tuple[str, str]:
    """A cell's fill and text class: white to blue with the share used, red past the limit."""
    if used is None:
        return "#f7fafc", "cell none"
    if used > 1 + 1e-9:
        return RED, "cell over"
    # from #ebf4ff (nothing used) to #2b6cb0 (the limit reached)
    low, high = (0xEB, 0xF4, 0xFF), (0x2B, 0x6C, 0xB0)
    share = max(0.0, used)
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(low, high, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}", "cell dark" if share > 0.55 else "cell"


def _clip(label: str, most: int) -> str:
    """A row label cut to ``most`` characters (the full one is in the tables below)."""
    return label if len(label) <= most else label[: most - 1] + "…"
