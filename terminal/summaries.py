"""Summaries in tables and words: a scenario (``validate``) and a plan (``solve``, ``check``).

Counts and amounts are numbers in the reader's conventions (``1.234`` in Vietnamese); years and
ids are shown as they are.
"""

from __future__ import annotations

from collections import Counter

from rich.console import RenderableType
from rich.table import Table

from trainplan.checking.checker import Evaluation
from trainplan.checking.history import history_spent
from trainplan.models import Scenario
from trainplan.models.message import Message
from trainplan.models.plan import Plan, SolverInfo
from trainplan.wording import number, render, say

MAX_ROWS = 40
"""Rows of officials a summary shows at most: a country has thousands of units."""


GROUPS = {
    "unit": ("terminal.unit", "terminal.officials.unit"),
    "district": ("terminal.district", "terminal.officials.district"),
    "province": ("terminal.province", "terminal.officials.province"),
}
"""How officials may be grouped: the key of the column's heading and of the table's title."""


def grouping(scenario: Scenario) -> tuple[str, dict[str, str]]:
    """How to group officials in a summary: by unit for a district, else by district or
    province, whichever gives at most ``MAX_ROWS`` rows; the level and each unit's group."""
    units = scenario.units
    by_unit = {u.unit_id: u.name for u in units}
    if len(units) <= MAX_ROWS:
        return "unit", by_unit
    if all(u.district is None for u in units):  # no district level (communes since 2025)
        provinces = {u.unit_id: u.province or "?" for u in units}
        return ("province", provinces) if len(set(provinces.values())) > 1 else ("unit", by_unit)
    districts = {u.unit_id: f"{u.district or '?'} ({u.province or '?'})" for u in units}
    if len(set(districts.values())) <= MAX_ROWS:
        return "district", districts
    return "province", {u.unit_id: u.province or "?" for u in units}


def scenario_summary(scenario: Scenario, lang: str) -> Table:
    """Officials by category and group, beside the qualification mix at the start."""
    level, group_of = grouping(scenario)
    counts: Counter[tuple[str, str]] = Counter()
    for official in scenario.officials:
        counts[(group_of[official.unit_id], scenario.post_of(official).category)] += 1
    group_heading, title = GROUPS[level]
    table = Table(title=say(title, lang))
    table.add_column(say(group_heading, lang))
    for heading in ("terminal.cadre", "terminal.civil_servant", "terminal.total"):
        table.add_column(say(heading, lang), justify="right")
    for group in dict.fromkeys(group_of.values()):
        cadres, servants = counts[(group, "cadre")], counts[(group, "civil_servant")]
        if cadres or servants:
            table.add_row(group, *(number(n, lang) for n in (cadres, servants, cadres + servants)))
    cadres = sum(n for (_, category), n in counts.items() if category == "cadre")
    servants = sum(n for (_, category), n in counts.items() if category == "civil_servant")
    table.add_row(
        say("terminal.total", lang),
        *(number(n, lang) for n in (cadres, servants, cadres + servants)),
        style="bold",
    )
    mix = Table(title=say("terminal.mix", lang))
    mix.add_column(say("terminal.track", lang))
    mix.add_column(say("terminal.level", lang))
    mix.add_column(say("terminal.count", lang), justify="right")
    for track, levels in scenario.settings.tracks.items():
        tally = Counter(official.levels[track] for official in scenario.officials)
        for rank_level in levels:
            mix.add_row(track, rank_level, number(tally[rank_level], lang))
    grid = Table.grid(padding=(0, 4))
    grid.add_row(table, mix)
    return grid


def verdict(info: SolverInfo) -> Message:
    """What the solver's status says about the plan, without overstating it: only OPTIMAL is
    a proven best plan; a plan cut short says, stage by stage, what is proven and how far
    from the best possible it may be (``stage_verdicts``)."""
    if info.status == "OPTIMAL":
        return Message("terminal.verdict.optimal")
    if info.status == "FEASIBLE":
        stages = stage_verdicts(info)
        if len(stages) == 2:
            return Message("terminal.verdict.stages", first=stages[0], second=stages[1])
        if len(stages) == 1:
            return stages[0]
        if info.gap is None:
            return Message("terminal.verdict.open")
        return Message("terminal.verdict.feasible", gap=info.gap)
    if info.status == "UNKNOWN":
        return Message("terminal.verdict.none")
    return Message("terminal.verdict.other", status=info.status)  # as a plan.json names it


SMALLEST_GAP = 0.0001
"""A gap shown as a percentage with one decimal would read 0.0 % below this: such a gap is
said as "less than 0.01 %", never as zero, since the plan is not proven."""


def stage_verdicts(info: SolverInfo) -> list[Message]:
    """Each optimising stage in words: proven, or best found with how far from the best
    possible it may be (officials for the targets stage, a share for the money stage)."""
    said = []
    for stage in info.stages:
        name = str(stage.get("name"))
        if name not in ("targets", "changes", "money"):
            continue
        objective, bound = stage.get("objective"), stage.get("bound")
        proven = stage.get("status") == "OPTIMAL" or (
            objective is not None and bound is not None and objective == bound
        )
        if proven:
            said.append(Message(f"terminal.stage_verdict.{name}.optimal"))
        elif objective is None or bound is None:
            said.append(Message(f"terminal.stage_verdict.{name}.open"))
        elif name == "targets":
            said.append(Message("terminal.stage_verdict.targets.gap", n=abs(objective - bound)))
        elif name == "changes":
            said.append(Message("terminal.stage_verdict.changes.gap", n=abs(objective - bound)))
        else:
            # "at most x % above the best possible": measured against the bound, the least
            # the best plan can cost
            gap = abs(objective - bound) / max(1.0, abs(bound))
            if gap < SMALLEST_GAP:
                said.append(Message("terminal.stage_verdict.money.tiny"))
            else:
                said.append(Message("terminal.stage_verdict.money.gap", percent=gap * 100))
    return said


def plan_summary(
    scenario: Scenario, plan: Plan, evaluation: Evaluation, lang: str
) -> list[RenderableType]:
    """The targets reached by year, the cost by year, the totals in words and, for a solver's
    plan, how the search ended."""
    targets = Table(title=say("terminal.targets", lang))
    targets.add_column(say("terminal.target", lang))
    for heading in (
        "terminal.year",
        "terminal.population",
        "terminal.qualified",
        "terminal.required",
        "terminal.met",
    ):
        targets.add_column(say(heading, lang), justify="right")
    for a in evaluation.attainment:
        targets.add_row(
            a.target_id,
            str(a.year),
            *(number(n, lang) for n in (a.population, a.qualified, a.required)),
            say("terminal.yes", lang) if a.met else say("terminal.no", lang),
            style=None if a.met else "bold red",
        )
    costs = Table(title=say("terminal.cost", lang))
    for year in evaluation.cost_by_year:
        costs.add_column(str(year), justify="right")
    costs.add_row(*(number(v, lang, places=0) for v in evaluation.cost_by_year.values()))
    classes = len({(c.course_id, c.year, c.class_no) for c in plan.classes})
    totals = Message(
        "terminal.summary",
        enrollments=Message("terminal.enrollments", n=len(plan.enrollments)),
        classes=Message("terminal.classes", n=classes),
        cost=evaluation.cost_total,
        days=Message("terminal.days_away", n=evaluation.away_days_total),
    )
    shown: list[RenderableType] = [targets, costs, render(totals, lang)]
    spent = history_spent(scenario) if scenario.replan is not None else 0
    if spent:  # counted in budget.total, shown in no year's cost: say it
        shown.append(say("terminal.history_spent", lang, spent=spent, cost=evaluation.cost_total))
    if evaluation.other_paid or evaluation.self_paid:  # the yearly costs are the budget's
        budget = evaluation.cost_total - evaluation.other_paid
        shown.append(
            say(
                "terminal.funding",
                lang,
                budget=budget,
                other=evaluation.other_paid,
                own=evaluation.self_paid,
            )
        )
    if plan.solver is not None:
        info = plan.solver
        shown.append(
            say(
                "terminal.status",
                lang,
                verdict=verdict(info),
                seconds=info.seconds,
                seed=info.seed,
                engine=engine_name(info, lang),
            )
        )
    return shown


def engine_name(info: SolverInfo, lang: str) -> str:
    """Which engine found the plan: CP-SAT, HiGHS, or by province with the engine asked."""
    engine = str(info.parameters.get("engine", "cp-sat"))
    named = {"cp-sat": "CP-SAT", "highs": "HiGHS", "auto": "CP-SAT/HiGHS"}.get(engine, engine)
    if "by_province" in info.parameters:
        return say("terminal.engine.by_province", lang, engine=named)
    return named
