"""trainplan's command line: a thin shell that parses, calls and prints.

Exit codes (SPEC.md): 0 done; 2 invalid input; 3 no plan can keep the hard rules, or the
checked plan breaks some; 1 the plan folder could not be written (locked, read-only, full).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from trainplan.checking.checker import Evaluation, evaluate
from trainplan.files import Loaded, read_scenario
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
from trainplan.models.fingerprint import input_hash
from trainplan.models.plan import Plan
from trainplan.reports.publish import report_files, solver_of, write_reports
from trainplan.scenarios import builtin
from trainplan.terminal import (
    ProgressPrinter,
    conflict_report,
    language_of,
    output_problem,
    plan_summary,
    problem_report,
    scenario_summary,
    violation_lines,
    warning_line,
)
from trainplan.wording import LANGUAGES, say

BUILTIN = builtin()
EXIT_INVALID, EXIT_INFEASIBLE, EXIT_OUTPUT = 2, 3, 1

out = Console(highlight=False, width=None if sys.stdout.isatty() else 120, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def print_lines(console: Console, lines: list[str]) -> None:
    """Each line as it is (no rich markup: ids and file names may hold brackets)."""
    for line in lines:
        console.print(line, markup=False)


def chosen_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    """``--lang`` after the command wins; else the one before it (``trainplan --lang vi
    solve``), else ``TRAINPLAN_LANG``, else English."""
    if value is not None:
        return value
    before = ctx.find_root().params.get("lang")
    return before if isinstance(before, str) else language_of([], os.environ)


lang_option = click.option(
    "--lang",
    type=click.Choice(list(LANGUAGES)),
    default=None,
    callback=chosen_language,
    help="Language of messages and tables (also before the command, or set TRAINPLAN_LANG).",
)


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


def scenario_or_builtin(scenario: Path | None, lang: str, command: str) -> Path:
    """The scenario given, else the built-in one, saying so: a planner who forgot the folder
    (maybe standing in it) must not take the built-in plan for theirs."""
    if scenario is not None:
        return scenario
    here = Path.cwd()
    own = (here / "scenario.yaml").exists() or any(
        path.suffix.lower() in (".xlsx", ".xlsm") and not path.name.startswith("~$")
        for path in here.iterdir()
    )
    key = "terminal.builtin_used_here" if own else "terminal.builtin_used"
    err.print(say(key, lang, name=BUILTIN.name, command=command), markup=False)
    return BUILTIN


def load_or_exit(path: Path, lang: str) -> Loaded:
    try:
        loaded = read_scenario(path)
    except InputError as error:
        print_lines(err, problem_report(error.problems, path, lang))
        sys.exit(EXIT_INVALID)
    print_lines(err, [warning_line(warning, lang) for warning in loaded.warnings])
    return loaded


# ------------------------------------------------------------------ validate


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path), required=False)
@lang_option
def validate(scenario: Path | None, lang: str) -> None:
    """Check a scenario folder and summarise it; exit 2 if it is invalid."""
    data = load_or_exit(scenario_or_builtin(scenario, lang, "validate"), lang).scenario
    out.print(say("terminal.valid", lang, name=data.settings.name), markup=False)
    out.print(scenario_summary(data, lang))


# ------------------------------------------------------------------ solve


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Ctrl-C or SIGTERM stop the search; the best plan found is still written."""
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def handler(signum: int, frame: Any) -> None:
        stop.set()

    for sig in previous:
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


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
    help="Seconds of search; 0 = until proven optimal.",
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
@lang_option
def solve(
    scenario: Path | None,
    out_dir: Path | None,
    time_limit: float,
    seed: int,
    workers: int,
    free_search: bool,
    log: bool,
    lang: str,
) -> None:
    """Find the best plan and write it (enrollments.csv, classes.csv, attainment.csv, plan.json)."""
    source = scenario_or_builtin(scenario, lang, "solve")
    loaded = load_or_exit(source, lang)
    data = loaded.scenario
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
            )
            try:
                plan = run_solver(data, options)
            except Infeasible as error:
                show.stop()
                print_lines(err, conflict_report(error, loaded, lang))
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
            set_aside: list[Path] = []
            files = {
                **plan_files(data, plan, evaluation),
                **report_files(data, plan, evaluation, lang),
            }
            kept = write_plan_folder(target, files, set_aside)
    except RefusedOutput as error:  # changed by hand during the search: still nothing lost
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_INVALID)
    except OutputError as error:
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_OUTPUT)
    if plan.solver.interrupted:
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


# ------------------------------------------------------------------ check


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.argument("plan_dir", type=click.Path(path_type=Path))
@click.option("--report", "refresh", is_flag=True, help="Also rewrite plan.xlsx and report.html.")
@lang_option
def check(scenario: Path, plan_dir: Path, refresh: bool, lang: str) -> None:
    """Check any plan folder, hand-made ones too, against every rule; exit 3 if it breaks some."""
    data = load_or_exit(scenario, lang).scenario
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
    source = BUILTIN if scenario is None else scenario
    data = load_or_exit(source, lang).scenario
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
    plan = Plan(plan.enrollments, plan.classes, solver_of(plan_document_of(plan_dir)))
    write_reports_or_exit(plan_dir, data, plan, evaluate(data, plan), lang)


def write_reports_or_exit(
    folder: Path, scenario: Scenario, plan: Plan, evaluation: Evaluation, lang: str
) -> None:
    """Rewrite the plan folder's reports under its lock; exit 2 if refused, 1 if unwritable."""
    try:
        with plan_lock(folder):
            written = write_reports(folder, report_files(scenario, plan, evaluation, lang))
    except RefusedOutput as error:
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_INVALID)
    except OutputError as error:
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_OUTPUT)
    for path in written:
        out.print(say("report.written", lang, path=path), markup=False)


# ------------------------------------------------------------------ generate


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option(
    "--units",
    type=click.IntRange(1),
    default=19,
    show_default=True,
    help="Units (communes) per district.",
)
@click.option("--officials-per-unit", type=click.IntRange(1), default=19, show_default=True)
@click.option(
    "--districts",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Districts per province.",
)
@click.option("--provinces", type=click.IntRange(1), default=1, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@lang_option
def generate(
    out_dir: Path,
    units: int,
    officials_per_unit: int,
    districts: int,
    provinces: int,
    seed: int,
    lang: str,
) -> None:
    """Write a valid synthetic scenario of any size (same seed, same files)."""
    from trainplan.generator.generate import generate as write_scenario

    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        # never write over a folder (a planner's scenario, say) it did not make itself
        err.print(say("terminal.generate_refused", lang, path=out_dir), markup=False)
        sys.exit(EXIT_INVALID)
    started = time.monotonic()
    path = write_scenario(
        out_dir,
        units=units,
        officials_per_unit=officials_per_unit,
        seed=seed,
        districts=districts,
        provinces=provinces,
    )
    seconds = time.monotonic() - started
    out.print(say("terminal.generated", lang, path=path, seconds=seconds), markup=False)


# ------------------------------------------------------------------ init


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@lang_option
def init(folder: Path, lang: str) -> None:
    """Write a template workbook to fill in (settings, tables, instructions, examples)."""
    from trainplan.files.template import write_template

    try:
        path = write_template(folder, lang)
    except OutputError as error:
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_OUTPUT)
    out.print(say("terminal.init.written", lang, path=path, folder=folder), markup=False)


# ------------------------------------------------------------------ compare


@main.command()
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
    for shown in comparison_view(found, lang):
        out.print(shown, markup=False)


# ------------------------------------------------------------------ sweep


@main.command()
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
@lang_option
def sweep(
    scenario: Path, varies: tuple[str, ...], out_dir: Path, time_limit: float, seed: int, lang: str
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
            from trainplan.solver.sweep import sweep as run_sweep

            writer = SweepWriter(out_dir, data, found)
            writer.write_table()
            options = SolveOptions(time_limit=time_limit or None, seed=seed, stop=stop)
            show = SweepPrinter(err, found, lang)
            for index, outcome in enumerate(run_sweep(found, options, show.starting)):
                show.done(index, outcome, writer.add(index, outcome))
                done += 1
    except VaryError as error:
        err.print(say(error.message.key, lang, **error.message.params), markup=False)
        sys.exit(EXIT_INVALID)
    except OutputError as error:
        err.print(output_problem(error, lang), markup=False)
        sys.exit(EXIT_INVALID if isinstance(error, RefusedOutput) else EXIT_OUTPUT)
    out.print(sweep_finished(out_dir, done, len(found), lang), markup=False)


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
