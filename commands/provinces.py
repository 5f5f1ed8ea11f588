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
    print_lines(err, lines)

    proven = say("terminal.by_province.proven", lang)
    unproven = say("terminal.by_province.unproven", lang)

    def show(done: ProvinceDone) -> None:
        line = say(
            "terminal.by_province.done",
            lang,
            province=done.province,
            done=done.done,
            count=done.count,
            status=proven if done.status == "OPTIMAL" else unproven,
            shortfall=done.objective.get("targets", 0.0),
            money=done.objective.get("money", 0.0),
            gap=round(100 * done.gap, 2),
        )
        err.print(line, markup=False)

    plan, _ = solve_by_province(
        scenario, options, Cluster(jobs or default_jobs(), scheduler), show, split
    )
    return plan
