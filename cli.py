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
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from trainplan.checking.checker import Evaluation, evaluate
from trainplan.files import Loaded, read_scenario
from trainplan.files.planio import OutputError, plan_files, plan_lock, read_plan, write_plan_folder
from trainplan.models import InputError, Scenario
from trainplan.scenarios import builtin
from trainplan.wording import conflict_lines, problem_text, render

BUILTIN = builtin()
EXIT_INVALID, EXIT_INFEASIBLE, EXIT_OUTPUT = 2, 3, 1

out = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
err = Console(stderr=True, highlight=False, soft_wrap=True)

WORDS = {
    "valid": ("Scenario {name} is valid.", "Kịch bản {name} hợp lệ."),
    "invalid": ("{n} problem(s) in {path}:", "{path} có {n} lỗi:"),
    "officials": ("Officials by category and unit", "Cán bộ, công chức theo loại và đơn vị"),
    "mix": ("Qualification mix at the start", "Trình độ hiện có đầu kỳ"),
    "unit": ("Unit", "Đơn vị"),
    "district": ("District", "Huyện"),
    "province": ("Province", "Tỉnh"),
    "cadre": ("Cadres", "Cán bộ"),
    "civil_servant": ("Civil servants", "Công chức"),
    "total": ("Total", "Tổng"),
    "track": ("Track", "Lĩnh vực"),
    "level": ("Level", "Trình độ"),
    "count": ("Officials", "Số người"),
    "targets": ("Targets", "Chỉ tiêu"),
    "target": ("Target", "Chỉ tiêu"),
    "year": ("Year", "Năm"),
    "population": ("Population", "Tổng số"),
    "qualified": ("Qualified", "Đạt"),
    "required": ("Required", "Cần đạt"),
    "met": ("Met", "Đạt chỉ tiêu"),
    "yes": ("yes", "có"),
    "no": ("NO", "KHÔNG"),
    "cost": ("Cost (VND)", "Chi phí (đồng)"),
    "summary": (
        "{enrollments} enrollments, {classes} classes; cost {cost} VND; {days} days away",
        "{enrollments} lượt học, {classes} lớp; chi phí {cost} đồng; {days} ngày vắng mặt",
    ),
    "status": (
        "Solver: {status}, gap {gap}, {seconds:.1f} s, seed {seed}",
        "Bộ giải: {status}, sai số {gap}, {seconds:.1f} giây, seed {seed}",
    ),
    "written": ("Plan written to {path}", "Đã ghi kế hoạch vào {path}"),
    "interrupted": (
        "Stopped by the user: the best plan found so far was kept.",
        "Người dùng dừng: giữ kế hoạch tốt nhất tìm được.",
    ),
    "infeasible": (
        "No plan can keep the hard rules:",
        "Không có kế hoạch nào đáp ứng các quy định bắt buộc:",
    ),
    "solver_bug": (
        "Internal error: the solver's plan breaks {n} rule(s); nothing written "
        "(please report it with the scenario):",
        "Lỗi chương trình: kế hoạch bộ giải lập vi phạm {n} quy định; không ghi gì "
        "(xin báo lại kèm kịch bản):",
    ),
    "plan_ok": ("The plan keeps every rule.", "Kế hoạch đáp ứng mọi quy định."),
    "plan_broken": ("The plan breaks {n} rule(s):", "Kế hoạch vi phạm {n} quy định:"),
    "no_plan": (
        "No plan found within the time limit; nothing written.",
        "Không tìm được kế hoạch trong thời gian cho phép; không ghi gì.",
    ),
    "stopped_no_plan": (
        "Stopped by the user before any plan was found; nothing written.",
        "Người dùng dừng trước khi tìm được kế hoạch; không ghi gì.",
    ),
    "generated": ("Scenario written to {path}", "Đã ghi kịch bản vào {path}"),
}


def say(key: str, lang: str, **params: Any) -> str:
    english, vietnamese = WORDS[key]
    return (vietnamese if lang == "vi" else english).format(**params)


def money(value: float, lang: str) -> str:
    text = f"{round(value):,}"
    return text.replace(",", ".") if lang == "vi" else text


lang_option = click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    envvar="TRAINPLAN_LANG",
    default="en",
    show_default=True,
    help="Language of messages and tables (or set TRAINPLAN_LANG).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="trainplan")
def main() -> None:
    """trainplan: who studies what, and when, so the training targets are met at least cost."""


def load_or_exit(path: Path, lang: str) -> Loaded:
    try:
        loaded = read_scenario(path)
    except InputError as error:
        err.print(say("invalid", lang, n=len(error.problems), path=path), markup=False)
        for problem in error.problems:
            err.print(f"  {problem_text(problem, lang)}", markup=False)
        sys.exit(EXIT_INVALID)
    label = "cảnh báo" if lang == "vi" else "warning"
    for warning in loaded.warnings:
        err.print(f"{label}: {problem_text(warning, lang)}", markup=False)
    return loaded


# ------------------------------------------------------------------ validate


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path), required=False)
@lang_option
def validate(scenario: Path | None, lang: str) -> None:
    """Check a scenario folder and summarise it; exit 2 if it is invalid."""
    data = load_or_exit(scenario or BUILTIN, lang).scenario
    out.print(say("valid", lang, name=data.settings.name), markup=False)
    out.print(summary_tables(data, lang))


def grouping(scenario: Scenario) -> tuple[str, dict[str, str]]:
    """How to group officials in a summary: by unit for a district, else by district or
    province, whichever gives at most 40 rows (a country has thousands of units)."""
    units = scenario.units
    if len(units) <= 40:
        return "unit", {u.unit_id: u.name for u in units}
    districts = {u.unit_id: f"{u.district or '?'} ({u.province or '?'})" for u in units}
    if len(set(districts.values())) <= 40:
        return "district", districts
    return "province", {u.unit_id: u.province or "?" for u in units}


def summary_tables(scenario: Scenario, lang: str) -> Table:
    level, group_of = grouping(scenario)
    counts: Counter[tuple[str, str]] = Counter()
    for official in scenario.officials:
        counts[(group_of[official.unit_id], scenario.post_of(official).category)] += 1
    groups = list(dict.fromkeys(group_of.values()))
    grid = Table.grid(padding=(0, 4))
    table = Table(title=say("officials", lang))
    for header in (level, "cadre", "civil_servant", "total"):
        table.add_column(say(header, lang), justify="left" if header == level else "right")
    for group in groups:
        cadres, servants = counts[(group, "cadre")], counts[(group, "civil_servant")]
        if cadres or servants:
            table.add_row(group, str(cadres), str(servants), str(cadres + servants))
    total_cadres = sum(v for (_, c), v in counts.items() if c == "cadre")
    total_servants = sum(v for (_, c), v in counts.items() if c == "civil_servant")
    table.add_row(
        say("total", lang),
        str(total_cadres),
        str(total_servants),
        str(total_cadres + total_servants),
        style="bold",
    )
    mix = Table(title=say("mix", lang))
    for header in ("track", "level", "count"):
        mix.add_column(say(header, lang), justify="right" if header == "count" else "left")
    for track, levels in scenario.settings.tracks.items():
        tally = Counter(official.levels[track] for official in scenario.officials)
        for rank_level in levels:
            mix.add_row(track, rank_level, str(tally[rank_level]))
    grid.add_row(table, mix)
    return grid


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


def progress_printer(lang: str) -> Callable[[Any], None]:
    status = err.status("") if err.is_terminal else None
    if status is not None:
        status.start()
    last: dict[str, Any] = {"printed": 0.0, "objective": None, "bound": None}

    def show(progress: Any) -> None:
        gap = ""
        if progress.objective is not None and progress.bound is not None:
            denominator = max(abs(progress.objective), 1e-9)
            gap = f", gap {abs(progress.objective - progress.bound) / denominator:.1%}"
        best = "…" if progress.objective is None else f"{progress.objective:,.0f}"
        bound = "…" if progress.bound is None else f"{progress.bound:,.0f}"
        line = f"[{progress.stage}] best {best}, bound {bound}{gap}, {progress.elapsed:.1f} s"
        if status is not None:
            status.update(escape(line))
            return
        quiet_for = progress.elapsed - last["printed"]
        if (
            progress.objective != last["objective"]
            or (progress.bound != last["bound"] and quiet_for >= 1)
            or quiet_for >= 10
        ):
            err.print(line, markup=False)
            last.update(
                printed=progress.elapsed, objective=progress.objective, bound=progress.bound
            )

    show.stop = (lambda: status.stop()) if status is not None else (lambda: None)  # type: ignore[attr-defined]
    return show


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
    loaded = load_or_exit(scenario or BUILTIN, lang)
    data = loaded.scenario
    target = out_dir or Path("plans") / data.settings.name
    stop = threading.Event()
    try:
        with plan_lock(target), stop_on_signals(stop):
            from trainplan.solver import (  # after the lock: a refused run is quick
                Infeasible,
                SolveOptions,
                TooLarge,
            )
            from trainplan.solver import solve as run_solver

            show = progress_printer(lang)
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
                show.stop()  # type: ignore[attr-defined]
                err.print(say("infeasible", lang), markup=False)
                place = lambda index: pin_place(loaded, index, lang)  # noqa: E731
                for reason in conflict_lines(error, place, lang):
                    err.print(f"  {reason}", markup=False)
                sys.exit(EXIT_INFEASIBLE)
            except TooLarge as error:
                show.stop()  # type: ignore[attr-defined]
                err.print(
                    f"{path_of(scenario)}: amounts or counts too large to plan with "
                    f"({error}); check costs, budgets and seats for extra digits",
                    markup=False,
                )
                sys.exit(EXIT_INVALID)
            show.stop()  # type: ignore[attr-defined]
            assert plan.solver is not None
            if plan.solver.status == "UNKNOWN":
                stopped = "stopped_no_plan" if plan.solver.interrupted else "no_plan"
                err.print(say(stopped, lang), markup=False)
                sys.exit(EXIT_OUTPUT)
            evaluation = evaluate(data, plan)
            if evaluation.violations:  # solver and check disagree: a bug; keep the old plan
                err.print(say("solver_bug", lang, n=len(evaluation.violations)), markup=False)
                for violation in evaluation.violations:
                    err.print(f"  {render(violation.message, lang)}", markup=False)
                sys.exit(EXIT_INFEASIBLE)
            write_plan_folder(target, plan_files(data, plan, evaluation))
    except OutputError as error:
        err.print(f"error: {error}", markup=False)
        sys.exit(EXIT_OUTPUT)
    if plan.solver.interrupted:
        err.print(say("interrupted", lang), markup=False)
    print_plan_summary(data, plan, evaluation, lang)
    out.print(say("written", lang, path=target), markup=False)


def path_of(scenario: Path | None) -> Path:
    return scenario or BUILTIN


def pin_place(loaded: Loaded, index: int, lang: str) -> str:
    where = loaded.sources.at("pins", index, None, "")
    return f"{where.file} {'dòng' if lang == 'vi' else 'row'} {where.row}"


def print_plan_summary(scenario: Scenario, plan: Any, evaluation: Evaluation, lang: str) -> None:
    table = Table(title=say("targets", lang))
    for header in ("target", "year", "population", "qualified", "required", "met"):
        table.add_column(say(header, lang), justify="left" if header == "target" else "right")
    for a in evaluation.attainment:
        table.add_row(
            a.target_id,
            str(a.year),
            str(a.population),
            str(a.qualified),
            str(a.required),
            say("yes" if a.met else "no", lang),
            style=None if a.met else "bold red",
        )
    out.print(table)
    costs = Table(title=say("cost", lang))
    for year in evaluation.cost_by_year:
        costs.add_column(str(year), justify="right")
    costs.add_row(*(money(float(v), lang) for v in evaluation.cost_by_year.values()))
    out.print(costs)
    out.print(
        say(
            "summary",
            lang,
            enrollments=len(plan.enrollments),
            classes=len({(c.course_id, c.year, c.class_no) for c in plan.classes}),
            cost=money(float(evaluation.cost_total), lang),
            days=evaluation.away_days_total,
        ),
        markup=False,
    )
    if plan.solver is not None:
        gap = "–" if plan.solver.gap is None else f"{plan.solver.gap:.2%}"
        out.print(
            say(
                "status",
                lang,
                status=plan.solver.status,
                gap=gap,
                seconds=plan.solver.seconds,
                seed=plan.solver.seed,
            ),
            markup=False,
        )


# ------------------------------------------------------------------ check


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.argument("plan_dir", type=click.Path(path_type=Path))
@lang_option
def check(scenario: Path, plan_dir: Path, lang: str) -> None:
    """Check any plan folder, hand-made ones too, against every rule; exit 3 if it breaks some."""
    data = load_or_exit(scenario, lang).scenario
    try:
        plan = read_plan(plan_dir)
    except InputError as error:
        err.print(say("invalid", lang, n=len(error.problems), path=plan_dir), markup=False)
        for problem in error.problems:
            err.print(f"  {problem_text(problem, lang)}", markup=False)
        sys.exit(EXIT_INVALID)
    evaluation = evaluate(data, plan)
    print_plan_summary(data, plan, evaluation, lang)
    if evaluation.violations:
        out.print(say("plan_broken", lang, n=len(evaluation.violations)), markup=False)
        for violation in evaluation.violations:
            out.print(f"  [{violation.rule}] {render(violation.message, lang)}", markup=False)
        sys.exit(EXIT_INFEASIBLE)
    out.print(say("plan_ok", lang), markup=False)


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

    started = time.monotonic()
    path = write_scenario(
        out_dir,
        units=units,
        officials_per_unit=officials_per_unit,
        seed=seed,
        districts=districts,
        provinces=provinces,
    )
    out.print(
        say("generated", lang, path=path) + f" ({time.monotonic() - started:.1f} s)", markup=False
    )


def run() -> None:
    """Entry point that never shows a traceback unless TRAINPLAN_DEBUG is set."""
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show "…" or "đ" gets "?"
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        main(standalone_mode=True)
    except KeyboardInterrupt:  # Ctrl-C before the solver's own handler is in place
        err.print("stopped", markup=False)
        sys.exit(130)
    except Exception as error:  # pragma: no cover - last resort
        if os.environ.get("TRAINPLAN_DEBUG"):
            raise
        err.print(
            f"internal error: {type(error).__name__}: {error} (set TRAINPLAN_DEBUG=1 for details)",
            markup=False,
        )
        sys.exit(EXIT_OUTPUT)


if __name__ == "__main__":
    run()
