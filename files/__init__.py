"""Reading scenario and plan folders as planners keep them; writing plan folders safely."""

from trainplan.files.loader import Loaded, load_scenario, read_scenario

__all__ = ["Loaded", "load_scenario", "read_scenario"]
