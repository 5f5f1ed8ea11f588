"""The command line's commands beyond the core (``trainplan.cli``): shared pieces, setting up
a scenario (generate, init) and what-ifs (compare, sweep)."""
