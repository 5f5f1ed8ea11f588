"""The CP-SAT engine: the only package that imports ortools."""

from solver.search import Infeasible, Progress, SolveOptions, input_hash, solve

__all__ = ["Infeasible", "Progress", "SolveOptions", "input_hash", "solve"]
