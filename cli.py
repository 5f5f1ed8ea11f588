"""trainplan's command line: a thin shell that parses, calls and prints.

Exit codes (SPEC.md): 0 done; 2 invalid input; 3 no plan can keep the hard rules, or the
checked plan breaks some; 1 the plan folder could not be written (locked, read-only, full).
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import click

from trainplan.checking.checker import Evaluation, evaluate
from trainplan.commands.common import (
    EXIT_INFEASIBLE,
    EXIT_INVALID,
    EXIT_OUTPUT,
    builtin_made,
    builtin_option,
    err,
    lang_option,
    load_or_exit,
    out,
    print_lines,
    report_day,
    scenario_or_builtin,
    stop_on_signals,
)
from trainplan.commands.explain import explain, with_explanations
from trainplan.commands.provinces import province_options, solve_by_province_or_exit
from trainplan.commands.replan import (
    changes_of,
    replan_conflicts,
    replan_options,
    replanned_or_exit,
)
from trainplan.commands.setup import generate, init
from trainplan.commands.whatif import compare, sweep
from trainplan.files.planio import (
    OutputError,
    RefusedOutput,
    check_output,
    plan_files,
    plan_input_hash,
    plan_lock,
    read_plan,
    write_plan_folder,
)
from trainplan.files.planread import plan_document_of
from trainplan.models import InputError, Scenario
from trainplan.models.explanation import explanations_of
from trainplan.models.fingerprint import input_hash
from trainplan.models.message import Message
from trainplan.models.plan import Plan
from trainplan.reports.publish import report_files, solver_of, write_reports
from trainplan.terminal import (
    ProgressPrinter,
    language_of,
    output_problem,
    plan_summary,
    problem_report,
    scenario_summary,
    violation_lines,
)
from trainplan.terminal.changes import change_lines
from trainplan.terminal.explain import target_lines
from trainplan.wording import LANGUAGES, render, say


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="trainplan")
@click.option(
    "--lang",
    type=click.Choice(list(LANGUAGES)),
    envvar="TRAINPLAN_LANG",
    default="en",
    show_default=True,
    help="Language of messages and tables, for any command (or set TRAINPLAN_LANG).",
)
def main(lang: str) -> None:
    """trainplan: who studies what, and when, so the training targets are met at least cost."""


# ------------------------------------------------------------------ validate


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path), required=False)
@builtin_option
@lang_option
def validate(scenario: Path | None, builtin_name: str | None, lang: str) -> None:
    """Check a scenario folder and summarise it; exit 2 if it is invalid."""
    from trainplan.files.replan import find_actuals, read_actuals

    source = scenario_or_builtin(scenario, lang, "validate", builtin_name)
    loaded = load_or_exit(source, lang)
    data = loaded.scenario
    try:  # what happened, beside the scenario: read as `solve --baseline` will read it
        found = find_actuals(source, loaded.actuals)
        actuals = read_actuals(data, found, None)
    except InputError as error:
        print_lines(err, problem_report(error.problems, source, lang))
        sys.exit(EXIT_INVALID)
    out.print(say("terminal.valid", lang, name=data.settings.name), markup=False)
    if actuals:
        where = found.name if isinstance(found, Path) else found.file
        out.print(say("terminal.actuals_read", lang, n=len(actuals), file=where), markup=False)
    out.print(scenario_summary(data, lang))


# ------------------------------------------------------------------ solve


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path), required=False)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Plan folder to write (default: plans/<scenario name>).",
)
@click.option(
    "--time-limit",
    type=float,
    default=120.0,
    show_default=True,
    help="Seconds of search; 0 = until proven optimal. With --by-province: the whole run's.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed of the search.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="CP-SAT workers (8 works well even on 2 cores).",
)
@click.option(
    "--free-search",
    is_flag=True,
    help="Skip the last, single-threaded search that makes the plan reproducible: a little "
    "faster, but the same seed may then give another of several equally good plans.",
)
@click.option("--log", is_flag=True, help="Print CP-SAT's own search log.")
@click.option(
    "--engine",
    type=click.Choice(["cp-sat", "highs", "auto"]),
    default="auto",
    show_default=True,
    help="auto: CP-SAT below 1,000 officials, HiGHS from 1,000 (with --by-province: each "
    "province by its own size; measured 5 times quicker there, benchmarks/README.md); cp-sat: "
    "trainplan's search by stages; highs: the same rules as a MIP solved by HiGHS in one solve. "
    "A proven plan is reproducible with either engine.",
)
@click.option(
    "--no-explain",
    "explain_missed",
    is_flag=True,
    flag_value=False,
    default=True,
    help="Do not look for why the targets the plan misses are missed (explain does it later).",
)
@province_options
@replan_options
@builtin_option
@lang_option
def solve(
    scenario: Path | None,
    out_dir: Path | None,
    time_limit: float,
    seed: int,
    workers: int,
    free_search: bool,
    log: bool,
    engine: str,
    explain_missed: bool,
    by_province: bool,
    jobs: int | None,
    scheduler: str | None,
    baseline: Path | None,
    as_of: int | None,
    builtin_name: str | None,
    lang: str,
) -> None:
    """Find the best plan and write it (enrollments.csv, classes.csv, attainment.csv, plan.json)."""
    source = scenario_or_builtin(scenario, lang, "solve", builtin_name)
    loaded = load_or_exit(source, lang)
    data = replanned_or_exit(loaded, source, baseline, as_of, lang)
    day = report_day(lang)
    target = out_dir or Path("plans") / data.settings.name
    try:
        check_output(target, source)  # before the lock: nothing is written for a refused run
    except RefusedOutput as error:
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_INVALID)
    stop = threading.Event()
    try:
        with plan_lock(target), stop_on_signals(stop):
            from trainplan.solver import (  # after the lock: a refused run is quick
                Engine,
                Infeasible,
                SolveOptions,
                TooLarge,
            )
            from trainplan.solver import solve as run_solver

            show = ProgressPrinter(err, lang)
            options = SolveOptions(
                time_limit=time_limit or None,
                seed=seed,
                workers=workers,
                progress=show,
                stop=stop,
                log=log,
                deterministic=not free_search,
                engine=Engine(engine),
            )
            try:
                if by_province:  # each province apart on Dask; no explanations (too large)
                    explain_missed = False
                    plan = solve_by_province_or_exit(data, source, options, jobs, scheduler, lang)
                else:
                    if jobs is not None or scheduler is not None:  # they count only by province
                        err.print(say("terminal.by_province.jobs_alone", lang), markup=False)
                    plan = run_solver(data, options)
            except Infeasible as error:
                show.stop()
                print_lines(err, replan_conflicts(error, loaded, data, lang))
                sys.exit(EXIT_INFEASIBLE)
            except TooLarge as error:
                show.stop()
                detail = str(error)
                err.print(say("terminal.too_large", lang, path=source, detail=detail), markup=False)
                sys.exit(EXIT_INVALID)
            show.stop()
            assert plan.solver is not None
            if plan.solver.status == "UNKNOWN":
                if plan.solver.interrupted:
                    err.print(say("terminal.stopped_no_plan", lang), markup=False)
                else:
                    err.print(say("terminal.no_plan", lang), markup=False)
                sys.exit(EXIT_OUTPUT)
            evaluation = evaluate(data, plan)
            if evaluation.violations:  # solver and check disagree: a bug; keep the old plan
                broken = len(evaluation.violations)
                err.print(say("terminal.solver_bug", lang, n=broken), markup=False)
                print_lines(err, violation_lines(evaluation.violations, lang))
                sys.exit(EXIT_INFEASIBLE)
            if explain_missed and not plan.solver.interrupted:
                plan = with_explanations(data, plan, evaluation, options, lang)
            set_aside: list[Path] = []
            files = plan_files(
                data, plan, evaluation, report_files(data, plan, evaluation, lang, day)
            )
            kept = write_plan_folder(target, files, set_aside)
    except RefusedOutput as error:  # changed by hand during the search: still nothing lost
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_INVALID)
    except OutputError as error:
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_OUTPUT)
    if plan.solver is not None and plan.solver.interrupted:
        err.print(say("terminal.interrupted", lang), markup=False)
    print_plan_summary(data, plan, evaluation, lang)
    out.print(say("terminal.written", lang, path=target), markup=False)
    if kept is not None:
        out.print(say("terminal.previous_kept", lang, path=kept), markup=False)
    for edited in set_aside:
        out.print(say("terminal.edited_kept", lang, path=edited), markup=False)


def print_plan_summary(scenario: Scenario, plan: Plan, evaluation: Evaluation, lang: str) -> None:
    for shown in plan_summary(scenario, plan, evaluation, lang):
        out.print(shown, markup=False)
    if plan.solver is not None:  # a re-plan just solved: its changes and why
        print_lines(out, change_lines(scenario, plan, lang))
    for explained in plan.explanations:
        print_lines(out, target_lines(explained, lang))


# ------------------------------------------------------------------ check


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.argument("plan_dir", type=click.Path(path_type=Path))
@click.option("--report", "refresh", is_flag=True, help="Also rewrite plan.xlsx and report.html.")
@replan_options
@lang_option
def check(
    scenario: Path,
    plan_dir: Path,
    refresh: bool,
    baseline: Path | None,
    as_of: int | None,
    lang: str,
) -> None:
    """Check any plan folder, hand-made ones too, against every rule; exit 3 if it breaks some
    (a re-plan against the baseline and as-of year its plan.json records, unless given)."""
    data = replanned_or_exit(
        load_or_exit(scenario, lang), scenario, baseline, as_of, lang, plan_dir
    )
    try:
        plan = read_plan(plan_dir)
    except InputError as error:
        print_lines(err, problem_report(error.problems, plan_dir, lang))
        sys.exit(EXIT_INVALID)
    made_from = plan_input_hash(plan_dir)  # None for a hand-made plan: nothing to compare
    if made_from is not None and made_from != input_hash(data):
        words = say("terminal.other_data", lang, plan=plan_dir / "plan.json", scenario=scenario)
        err.print(words, markup=False)
    evaluation = evaluate(data, plan)
    print_plan_summary(data, plan, evaluation, lang)
    if refresh and (made_from is None or made_from == input_hash(data)):
        write_reports_or_exit(plan_dir, data, plan, evaluation, lang)
    elif refresh:  # never words of this scenario over a plan made from other data
        err.print(say("terminal.reports_kept", lang, folder=plan_dir), markup=False)
    if evaluation.violations:
        out.print(say("terminal.plan_broken", lang, n=len(evaluation.violations)), markup=False)
        print_lines(out, violation_lines(evaluation.violations, lang))
        sys.exit(EXIT_INFEASIBLE)
    out.print(say("terminal.plan_ok", lang), markup=False)


# ------------------------------------------------------------------ report


@main.command()
@click.argument("plan_dir", type=click.Path(path_type=Path))
@click.argument("scenario", type=click.Path(path_type=Path), required=False)
@lang_option
def report(plan_dir: Path, scenario: Path | None, lang: str) -> None:
    """(Re)write plan.xlsx and report.html in a plan folder; SCENARIO defaults to the built-in
    one when the plan was made from it."""
    made_from = plan_input_hash(plan_dir)  # None for a hand-made plan
    if scenario is None and made_from is None:
        err.print(say("report.scenario_needed", lang, folder=plan_dir), markup=False)
        sys.exit(EXIT_INVALID)
    source = builtin_made(made_from) if scenario is None else scenario
    data = replanned_or_exit(load_or_exit(source, lang), source, None, None, lang, plan_dir)
    if made_from is not None and made_from != input_hash(data):
        if scenario is None:
            err.print(say("report.scenario_needed", lang, folder=plan_dir), markup=False)
        else:
            words = say(
                "report.other_data",
                lang,
                plan=plan_dir / "plan.json",
                plan_hash=made_from[:12],
                scenario=scenario,
                scenario_hash=input_hash(data)[:12],
            )
            err.print(words, markup=False)
        sys.exit(EXIT_INVALID)
    try:
        plan = read_plan(plan_dir)
    except InputError as error:
        print_lines(err, problem_report(error.problems, plan_dir, lang))
        sys.exit(EXIT_INVALID)
    document = plan_document_of(plan_dir)
    plan = Plan(
        plan.enrollments,
        plan.classes,
        solver_of(document),
        changes_of(document),
        explanations_of(document),
    )
    evaluation = evaluate(data, plan)
    write_reports_or_exit(plan_dir, data, plan, evaluation, lang)
    if evaluation.violations:  # the reports say so too; the terminal must not stay silent
        err.print(say("terminal.plan_broken", lang, n=len(evaluation.violations)), markup=False)
        print_lines(err, violation_lines(evaluation.violations, lang))


def write_reports_or_exit(
    folder: Path, scenario: Scenario, plan: Plan, evaluation: Evaluation, lang: str
) -> None:
    """Rewrite the plan folder's reports under its lock; exit 2 if refused, 1 if unwritable."""
    kept: list[Message] = []
    try:
        with plan_lock(folder):
            files = report_files(scenario, plan, evaluation, lang, report_day(lang))
            written = write_reports(folder, files, kept)
    except RefusedOutput as error:
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_INVALID)
    except OutputError as error:
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_OUTPUT)
    for path in written:
        out.print(say("report.written", lang, path=path), markup=False)
    for reason in kept:
        out.print(render(reason, lang), markup=False)


for command in (generate, init, compare, sweep, explain):
    main.add_command(command)


def run() -> None:
    """Entry point that never shows a traceback unless TRAINPLAN_DEBUG is set."""
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show "…" or "đ" gets "?"
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    lang = language_of(sys.argv[1:], os.environ)
    try:
        main(standalone_mode=True)
    except KeyboardInterrupt:  # Ctrl-C before the solver's own handler is in place
        err.print(say("terminal.stopped", lang), markup=False)
        sys.exit(130)
    except Exception as error:  # pragma: no cover - last resort
        if os.environ.get("TRAINPLAN_DEBUG"):
            raise
        kind, detail = type(error).__name__, str(error)
        err.print(say("terminal.internal_error", lang, kind=kind, detail=detail), markup=False)
        sys.exit(EXIT_OUTPUT)


if __name__ == "__main__":
    run()
