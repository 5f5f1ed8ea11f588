"""The engines (CP-SAT; HiGHS for the benchmarks' MIP): the only package that imports them.

Where each job lives (a SPEC rule is found by its ``trainplan.models.rules.Rule`` name):

- ``candidates``  which enrollments get a variable at all: one predicate per pruning rule
  (``offering``, ``horizon``, ``level``, ``max_age``, ``retirement``, ``obligation``, ...),
  and which lecturers get hours (``lecturer_subject``, ``lecturer_active``);
- ``variables``   typed containers of the decision variables;
- ``constraints`` ``Constraints``: one method per rule family (``seats``, ``class_size``,
  ``lecturer_hours``, ``budget_year``, ``unit_away``, ``hard_target``, ...);
- ``objectives``  the shortfall and money expressions, with exact ``Fraction`` scales;
- ``model``       ``PlanModel``: variables → constraints → objectives, in a documented order;
- ``parameters``  ``SolveOptions`` and the one place that sets CP-SAT's parameters;
- ``search``      the lexicographic stages, the worker thread, progress, stop, reproduce;
- ``explain``     ``Infeasible`` and the infeasibility cores that name its conflicts, made
  minimal;
- ``diagnose``    ``trainplan explain``: the most a target can reach, the limits that bind,
  the fixes (each verified by solving again); ``reasons`` the structural ones, official by
  official; ``person`` why (not) this official;
- ``extract``     the solution's values as a ``Plan`` and its ``SolverInfo``.
- ``sweep``       the variants of a sweep, here or on Dask (``distributed``: independent solves
  side by side on a local or remote cluster, results as they finish);
- ``mip``         the same model as a MIP solved by HiGHS (``--engine highs``; ``engines``
  chooses);
- ``greedy``      a careful human planner's plan, with no engine (the benchmarks' baseline).
"""

from trainplan.models.fingerprint import input_hash
from trainplan.solver.engines import solve
from trainplan.solver.explain import Infeasible
from trainplan.solver.parameters import Engine, SolveOptions
from trainplan.solver.search import Progress, TooLarge

__all__ = ["Engine", "Infeasible", "Progress", "SolveOptions", "TooLarge", "input_hash", "solve"]
