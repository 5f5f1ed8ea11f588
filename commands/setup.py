"""Setting up a scenario: ``generate`` (a synthetic one) and ``init`` (a template workbook)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from trainplan.commands.common import EXIT_INVALID, EXIT_OUTPUT, err, lang_option, out
from trainplan.files.planio import OutputError
from trainplan.terminal import output_problem
from trainplan.wording import say

# ------------------------------------------------------------------ generate


@click.command()
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


@click.command()
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
