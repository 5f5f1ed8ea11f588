"""What every command shares: the consoles, the language option, exit codes, reading a
scenario (or the built-in one) and stopping on signals."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from trainplan.files import Loaded, read_scenario
from trainplan.models import InputError
from trainplan.models.fingerprint import input_hash
from trainplan.scenarios import BUILTINS, builtin
from trainplan.terminal import language_of, problem_report, warning_line
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


builtin_option = click.option(
    "--builtin",
    "builtin_name",
    type=click.Choice(BUILTINS),
    default=None,
    help=f"Use this built-in example scenario instead of a folder (without SCENARIO or "
    f"--builtin: {BUILTINS[0]}).",
)


def scenario_or_builtin(
    scenario: Path | None, lang: str, command: str, builtin_name: str | None = None
) -> Path:
    """The scenario given, else the built-in one named by ``--builtin``, else the default
    built-in one, saying so: a planner who forgot the folder (maybe standing in it) must not
    take the built-in plan for theirs. Both a folder and ``--builtin``: exit 2."""
    if builtin_name is not None:
        if scenario is not None:
            words = say("terminal.builtin_and_scenario", lang, name=builtin_name, path=scenario)
            err.print(words, markup=False)
            sys.exit(EXIT_INVALID)
        return builtin(builtin_name)
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


def builtin_made(made_from: str | None) -> Path:
    """The built-in scenario whose input hash is ``made_from`` (a plan's), else the default
    one: ``report PLAN_DIR`` without SCENARIO then finds the scenario of either built-in plan."""
    for name in BUILTINS:
        try:
            if input_hash(read_scenario(builtin(name)).scenario) == made_from:
                return builtin(name)
        except InputError:  # pragma: no cover - the built-in scenarios are valid (tests)
            continue
    return BUILTIN


def load_or_exit(path: Path, lang: str) -> Loaded:
    try:
        loaded = read_scenario(path)
    except InputError as error:
        print_lines(err, problem_report(error.problems, path, lang))
        sys.exit(EXIT_INVALID)
    print_lines(err, [warning_line(warning, lang) for warning in loaded.warnings])
    return loaded


def report_day(lang: str) -> date:
    """The date reports carry: today, or the day ``SOURCE_DATE_EPOCH`` (seconds since 1970,
    as reproducible-builds.org defines it) names, so that a committee re-making an approved
    plan on another day gets plan.xlsx and report.html byte for byte; exit 2 if malformed."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or not epoch.strip():
        return date.today()
    try:
        return datetime.fromtimestamp(int(epoch.strip()), UTC).date()
    except (ValueError, OverflowError, OSError):
        err.print(say("terminal.bad_source_date_epoch", lang, value=epoch), markup=False)
        sys.exit(EXIT_INVALID)


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
