"""Solving the variants of a sweep one after another (``trainplan sweep``).

Each variant is a whole solve with the same options (time limit, seed); a variant whose hard
rules leave no plan is an outcome too (``INFEASIBLE``), not the end of the sweep, and so is
one whose amounts are too large for the solver (``MODEL_INVALID``). A stop
(Ctrl-C) ends the sweep: the variants finished before it are kept, the one it cut short is
dropped, since its plan would not be comparable with the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from trainplan.models.plan import Plan, SolveStatus
from trainplan.models.whatif import Outcome, Variant
from trainplan.solver.explain import Infeasible
from trainplan.solver.parameters import SolveOptions
from trainplan.solver.search import TooLarge, solve


def sweep(
    found: Iterable[Variant],
    options: SolveOptions,
    starting: Callable[[int, Variant], None] | None = None,
) -> Iterator[Outcome]:
    """Solve each variant in turn; ``starting(index, variant)`` is called before each."""
    for index, variant in enumerate(found):
        if options.stop.is_set():
            return
        if starting is not None:
            starting(index, variant)
        try:
            plan = solve(variant.scenario, options)
        except (Infeasible, TooLarge) as error:
            if options.stop.is_set():
                return
            refused = isinstance(error, TooLarge)  # amounts beyond 64-bit arithmetic
            status = SolveStatus.MODEL_INVALID if refused else SolveStatus.INFEASIBLE
            yield Outcome(variant, status, Plan(), 0.0)
            continue
        assert plan.solver is not None
        if plan.solver.interrupted:
            return
        yield Outcome(variant, plan.solver.status, plan, plan.solver.seconds)
