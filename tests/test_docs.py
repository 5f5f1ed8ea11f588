"""The repository's own documents stand alone: every relative link and every path they cite
resolves inside the repository (a clone has no folder beside it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "build", ".git", ".pytest_cache", ".mypy_cache", ".ruff_cache", "plans"}
DOCUMENTS = sorted(
    path for path in ROOT.rglob("*.md") if not SKIP.intersection(path.relative_to(ROOT).parts)
)
LINK = re.compile(r"\]\(([^)\s]+)\)")
"""A Markdown link's target: [text](target)."""
OUTSIDE = re.compile(r"(?<![\w/.])\.\./[\w./-]*")
"""A path written relative to the document's folder that climbs out of it (``../x``)."""


def _heading_anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as '-'."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {
        _heading_anchor(line.lstrip("#"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    }


def test_documents_are_found() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in DOCUMENTS}
    assert {"README.md", "docs/scenario-format.md", "scenarios/binh-gia-2018/README.md"} <= names


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves_inside_the_repository(document: Path) -> None:
    broken = []
    for target in LINK.findall(document.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...
            continue
        path_part, _, anchor = target.partition("#")
        resolved = (document.parent / path_part).resolve() if path_part else document
        if not resolved.is_relative_to(ROOT) or not resolved.exists():
            broken.append(f"{target}: no such file in the repository")
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            broken.append(f"{target}: no heading '{anchor}' in {resolved.name}")
    assert broken == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_path_climbs_out_of_the_repository(document: Path) -> None:
    escaping = []
    for number, line in enumerate(document.read_text(encoding="utf-8").splitlines(), start=1):
        for cited in OUTSIDE.findall(line):
            resolved = (document.parent / cited).resolve()
            if not resolved.is_relative_to(ROOT):
                escaping.append(f"line {number}: {cited}")
    assert escaping == []


def test_the_checks_catch_a_path_outside() -> None:
    """The two checks are not vacuous: a link and a path out of the folder are found."""
    document = ROOT / "docs" / "scenario-format.md"
    text = "see [SPEC](../../shared/SPEC.md) and `../../shared/DOMAIN.md`"
    targets = LINK.findall(text)
    assert targets == ["../../shared/SPEC.md"]
    assert not (document.parent / targets[0]).resolve().is_relative_to(ROOT)
    assert OUTSIDE.findall(text) == ["../../shared/SPEC.md", "../../shared/DOMAIN.md"]
