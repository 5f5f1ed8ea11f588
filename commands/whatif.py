"""What-ifs: ``compare`` two plans and ``sweep`` a setting over a range."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import click

from trainplan.commands.common import (
    EXIT_INVALID,
    EXIT_OUTPUT,
    err,
    lang_option,
    load_or_exit,
    out,
    print_lines,
    stop_on_signals,
)
from trainplan.files.planio import OutputError, RefusedOutput, plan_lock
from trainplan.terminal import output_problem, problem_report
from trainplan.wording import say

# ------------------------------------------------------------------ compare


@click.command()
@click.argument("plan_a", type=click.Path(path_type=Path))
@click.argument("plan_b", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@lang_option
def compare(plan_a: Path, plan_b: Path, as_json: bool, lang: str) -> None:
    """What changed from plan A to plan B: enrollments added, removed, moved; classes; totals."""
    import json

    from trainplan.files.compare import UnreadablePlan, compare_folders
    from trainplan.terminal.compare import comparison_view

    try:
        found = compare_folders(plan_a, plan_b)
    except UnreadablePlan as error:
        print_lines(err, problem_report(error.problems, error.folder, lang))
        sys.exit(EXIT_INVALID)
    if as_json:
        click.echo(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
        return
    for shown in comparison_view(found, lang, plan_a, plan_b):
        out.print(shown, markup=False)


# ------------------------------------------------------------------ sweep


@click.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option(
    "--vary",
    "varies",
    multiple=True,
    required=True,
    help="SETTING=FROM:TO:STEPS, e.g. budget.per_year=1e8:3e8:3 or "
    "offerings.deg-college.*.seats=0:2:3; twice for a grid.",
)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True)
@click.option("--time-limit", type=float, default=120.0, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Variants solved at once on a local Dask cluster  [default: half the cores, at "
    "least 1; 1 solves them one after another in this process].",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Solve the variants on the Dask cluster of this scheduler (tcp://host:8786); its "
    "workers need trainplan installed.",
)
@lang_option
def sweep(
    scenario: Path,
    varies: tuple[str, ...],
    out_dir: Path,
    time_limit: float,
    seed: int,
    jobs: int | None,
    scheduler: str | None,
    lang: str,
) -> None:
    """Solve variants of one or two numeric settings: a plan folder each and sweep.csv."""
    from trainplan.files.sweepio import SweepWriter, check_sweep_folder
    from trainplan.models.whatif import VaryError, variants
    from trainplan.terminal.sweep import SweepPrinter, sweep_finished

    data = load_or_exit(scenario, lang).scenario
    stop, done = threading.Event(), 0
    try:
        found = variants(data, list(varies))
        check_sweep_folder(out_dir, scenario)
        with plan_lock(out_dir / "sweep.csv"), stop_on_signals(stop):
            from trainplan.solver import SolveOptions
            from trainplan.solver.distributed import Cluster, default_jobs
            from trainplan.solver.sweep import sweep as run_sweep
            from trainplan.solver.sweep import sweep_parallel

            writer = SweepWriter(out_dir, data, found)
            writer.write_table()
            options = SolveOptions(time_limit=time_limit or None, seed=seed, stop=stop)
            show = SweepPrinter(err, found, lang)
            cluster = Cluster(jobs or default_jobs(), scheduler)
            if cluster.parallel:  # every variant submitted at once: list them, then outcomes
                for index, variant in enumerate(found):
                    show.starting(index, variant)
                solved = sweep_parallel(found, options, cluster)
            else:
                solved = enumerate(run_sweep(found, options, show.starting))
            for index, outcome in solved:
                show.done(index, outcome, writer.add(index, outcome))
                done += 1
    except VaryError as error:
        err.print(say(error.message.key, lang, **error.message.params), markup=False)
        sys.exit(EXIT_INVALID)
    except OutputError as error:
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_INVALID if isinstance(error, RefusedOutput) else EXIT_OUTPUT)
    out.print(sweep_finished(out_dir, done, len(found), lang), markup=False)
