"""Built-in scenarios, shipped with the package: one folder each."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DEFAULT = "binh-gia-2018"
BUILTINS: tuple[str, ...] = (DEFAULT, "lang-son-2026")
"""Every built-in scenario by name: Bình Gia district 2018–2022 (the default, the article's
district) and Lạng Sơn province's 65 merged communes 2026–2030 (no district level)."""


def builtin(name: str = DEFAULT) -> Path:
    """The folder of a built-in scenario (installed as package data)."""
    return Path(str(files(__name__) / name))
