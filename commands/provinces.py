"""``solve --by-province``: the options, the run and what it prints (the split and each
province as it finishes, with the running totals and combined gap)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from trainplan.commands.common import EXIT_INVALID, err, print_lines
from trainplan.models import InputError
from trainplan.models.plan import Plan
from trainplan.models.scenario import Scenario
from trainplan.terminal import problem_report
from trainplan.wording import say

if TYPE_CHECKING:
    from trainplan.solver import SolveOptions
    from trainplan.solver.provinces import ProvinceDone


def province_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--by-province``, ``--jobs N``, ``--scheduler ADDRESS``."""
    for option in reversed(
        (
            click.option(
                "--by-province",
                is_flag=True,
                help="Solve each province apart, side by side on Dask, and join the plans "
                "(country scenarios; docs/scenario-format.md, 'Scopes').",
            ),
            click.option(
                "--jobs",
                type=click.IntRange(min=1),
                default=None,
                help="With --by-province: provinces solved at once on a local Dask cluster "
                "[default: half the cores, at least 1].",
            ),
            click.option(
                "--scheduler",
                metavar="ADDRESS",
                default=None,
                help="With --by-province: solve the provinces on the Dask cluster of this "
                "scheduler (tcp://host:8786).",
            ),
        )
    ):
        command = option(command)
    return command


def solve_by_province_or_exit(
    scenario: Scenario,
    source: Any,
    options: SolveOptions,
    jobs: int | None,
    scheduler: str | None,
    lang: str,
) -> Plan:
    """The joined plan of the provinces; exit 2 when the scenario cannot be split."""
    from trainplan.models.split import split_by_province
    from trainplan.solver.distributed import Cluster, default_jobs
    from trainplan.solver.provinces import solve_by_province

    try:
        split = split_by_province(scenario)
    except InputError as error:
        print_lines(err, problem_report(error.problems, source, lang))
        sys.exit(EXIT_INVALID)
    lines = [say("terminal.by_province.split", lang, n=len(split.parts), shared=len(split.shared))]
    if split.split_targets:
        targets = ", ".join(split.split_targets)
        lines.append(say("terminal.by_province.split_targets", lang, targets=targets))
    if len(split.parts) == 1:
        lines.append(say("terminal.by_province.one", lang))
    print_lines(err, lines)

    cluster = Cluster(jobs or default_jobs(), scheduler)
    plan, _ = solve_by_province(scenario, options, cluster, Shown(lang), split)
    assert plan.solver is not None
    if plan.solver.gap is not None:
        line = say(
            "terminal.by_province.whole",
            lang,
            gap=round(100 * plan.solver.gap, 3),
            money=plan.solver.objective.get("money", 0.0),
            bound=plan.solver.bound.get("money", 0.0),
        )
    else:
        line = say("terminal.by_province.no_whole", lang)
    err.print(line, markup=False)
    return plan


class Shown:
    """Prints each province as it finishes: the bound's tasks first when targets span
    provinces, then its plan's status, the running totals and the gap so far (of the whole
    scenario, or said to be the provinces' own)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def status(self, done: ProvinceDone) -> str:
        if done.status == "OPTIMAL":
            return say("terminal.by_province.proven", self.lang)
        if done.province_gap is not None:
            gap = round(100 * done.province_gap, 3)
            return say("terminal.by_province.within", self.lang, gap=gap)
        return say("terminal.by_province.unproven", self.lang)

    def __call__(self, done: ProvinceDone) -> None:
        lang = self.lang
        if done.phase == "priced":
            items = [
                say("terminal.by_province.price_item", lang, target=target, price=round(price))
                for target, price in done.prices.items()
            ]
            line = say("terminal.by_province.priced", lang, prices="; ".join(items))
            err.print(line, markup=False)
            return
        if done.phase == "prices":
            line = say(
                "terminal.by_province.pricing",
                lang,
                done=done.done,
                count=done.count,
                n=done.provinces,
                bound=round(done.bound or 0.0),
            )
            err.print(line, markup=False)
            return
        if done.phase == "bound":
            if done.done == 1:
                err.print(say("terminal.by_province.bounding", lang), markup=False)
            key = "terminal.by_province.bound_done"
            line = say(key, lang, province=done.province, done=done.done, count=done.count)
            err.print(line, markup=False)
            return
        key = (
            "terminal.by_province.done_open"
            if done.gap is None
            else "terminal.by_province.done_split"
            if done.bound_of == "split"
            else "terminal.by_province.done"
        )
        line = say(
            key,
            lang,
            province=done.province,
            done=done.done,
            count=done.count,
            status=self.status(done),
            shortfall=done.objective.get("targets", 0.0),
            money=done.objective.get("money", 0.0),
            gap=round(100 * (done.gap or 0.0), 3),
        )
        err.print(line, markup=False)
