"""``trainplan explain``: why a target is missed and what would meet it; why (not) an official."""

from __future__ import annotations

import dataclasses
import json
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from trainplan.checking.checker import Evaluation
from trainplan.commands.common import (
    EXIT_INFEASIBLE,
    EXIT_INVALID,
    builtin_option,
    err,
    lang_option,
    load_or_exit,
    out,
    print_lines,
    scenario_or_builtin,
    stop_on_signals,
)
from trainplan.models import Scenario
from trainplan.models.message import Message
from trainplan.models.plan import Plan
from trainplan.terminal.explain import official_lines
from trainplan.wording import render, say

if TYPE_CHECKING:
    from trainplan.solver.parameters import SolveOptions


@click.command()
@click.argument("scenario", required=False, type=click.Path(path_type=Path))
@click.option("--target", "target_id", help="Explain this target only (its id).")
@click.option("--official", "official_id", help="Why this official is (not) in the best plan.")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
@click.option(
    "--time-limit",
    type=float,
    default=60.0,
    show_default=True,
    help="Seconds for each of the searches explain runs (0 = until proven).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed of the search.")
@click.option("--workers", type=click.IntRange(1, 64), default=8, show_default=True)
@builtin_option
@lang_option
def explain(
    scenario: Path | None,
    target_id: str | None,
    official_id: str | None,
    as_json: bool,
    time_limit: float,
    seed: int,
    workers: int,
    builtin_name: str | None,
    lang: str,
) -> None:
    """Why a target is missed and the smallest changes that would meet it (each checked by
    solving again); with --official, why that official is or is not in the best plan."""
    from trainplan.checking.checker import evaluate
    from trainplan.solver import solve
    from trainplan.solver.diagnose import Diagnoser, hard_conflicts
    from trainplan.solver.explain import Infeasible, unkeepable_pins
    from trainplan.solver.parameters import SolveOptions
    from trainplan.terminal import conflict_report
    from trainplan.terminal.explain import explanation_json, target_lines

    source = scenario_or_builtin(scenario, lang, "explain", builtin_name)
    loaded = load_or_exit(source, lang)
    data = loaded.scenario
    known = [target.id for target in data.settings.targets]
    if target_id is not None and target_id not in known:
        shown = ", ".join(known)
        words = say("explain.unknown_target", lang, path=source, target=target_id, known=shown)
        err.print(words, markup=False)
        sys.exit(EXIT_INVALID)
    if official_id is not None and official_id not in data.official_by_id:
        err.print(
            say("explain.unknown_official", lang, path=source, official=official_id), markup=False
        )
        sys.exit(EXIT_INVALID)
    if target_id is not None and official_id is not None:
        err.print(say("explain.both", lang), markup=False)
        sys.exit(EXIT_INVALID)
    stop = threading.Event()
    options = SolveOptions(time_limit=time_limit or None, seed=seed, workers=workers, stop=stop)
    said = lambda message: err.print(render(message, lang), markup=False)  # noqa: E731
    with stop_on_signals(stop):
        conflicts = unkeepable_pins(data) or hard_conflicts(data, options)
        if conflicts:
            hard = {
                c.reason.params["target"] for c in conflicts if c.reason.key == "conflict.target"
            }
            found = Diagnoser(data, options, said).targets(None, only_ids=hard)
            if as_json:
                document = {
                    "conflicts": [
                        {**c.reason.record(), "text": render(c.reason, lang)} for c in conflicts
                    ],
                    **explanation_json(found, lang),
                }
                click.echo(json.dumps(document, ensure_ascii=False, indent=2))
            else:
                print_lines(err, conflict_report(Infeasible(conflicts), loaded, lang))
                for explained in found:
                    print_lines(out, target_lines(explained, lang))
            sys.exit(EXIT_INFEASIBLE)
        if official_id is not None:
            _official(data, official_id, options, as_json, lang)
            return
        said(Message("explain.progress.plan"))
        best = solve(data, dataclasses.replace(options, deterministic=False))
        in_plan = {a.target_id: a.qualified for a in evaluate(data, best).attainment}
        found = Diagnoser(data, options, said, in_plan).targets(target_id)
    if as_json:
        click.echo(json.dumps(explanation_json(found, lang), ensure_ascii=False, indent=2))
        return
    for explained in found:
        print_lines(out, target_lines(explained, lang))


def _official(
    data: Scenario, official_id: str, options: SolveOptions, as_json: bool, lang: str
) -> None:
    from trainplan.solver import solve
    from trainplan.solver.person import explain_official

    best = solve(data, options)
    found = explain_official(data, official_id, best, options)
    if as_json:
        click.echo(json.dumps({"official": found.as_json()}, ensure_ascii=False, indent=2))
        return
    print_lines(out, official_lines(found, data, lang))


EXPLAIN_SECONDS = 30.0
"""Each search of the explanations ``solve`` adds for the targets a plan misses."""


def with_explanations(
    data: Scenario, plan: Plan, evaluation: Evaluation, options: SolveOptions, lang: str
) -> Plan:
    """``plan`` with, for each target it misses, why and what would meet it (as ``explain``
    says it), for plan.json and the reports; progress on stderr. A stop (Ctrl-C) during it
    leaves the plan without explanations rather than with half-made ones."""
    from trainplan.solver.diagnose import Diagnoser

    missed = {found.target_id for found in evaluation.attainment if not found.met}
    if not missed or options.stop.is_set():
        return plan
    err.print(say("explain.progress.missed", lang, n=len(missed)), markup=False)
    probe = dataclasses.replace(options, time_limit=EXPLAIN_SECONDS, progress=None)
    in_plan = {found.target_id: found.qualified for found in evaluation.attainment}
    diagnoser = Diagnoser(data, probe, lambda m: err.print(render(m, lang), markup=False), in_plan)
    found = tuple(diagnoser.target(t) for t in data.settings.targets if t.id in missed)
    if options.stop.is_set():
        return plan
    return dataclasses.replace(plan, explanations=found)
