"""Built-in scenarios, shipped with the package: one folder each."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DEFAULT = "binh-gia-2018"


def builtin(name: str = DEFAULT) -> Path:
    """The folder of a built-in scenario (installed as package data)."""
    return Path(str(files(__name__) / name))
