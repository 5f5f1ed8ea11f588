"""The CP-SAT engine: the only package that imports ortools."""

from trainplan.solver.search import Infeasible, Progress, SolveOptions, TooLarge, input_hash, solve

__all__ = ["Infeasible", "Progress", "SolveOptions", "TooLarge", "input_hash", "solve"]
