"""scenario.yaml of a generated scenario: the targets of Plan 98-KH/HU and later standard
targets, the budget and the continuity rules."""

from __future__ import annotations

import json

from trainplan.generator.posts import TRACKS
from trainplan.models.retirement import YearMonth, retirement_month


def settings_yaml(
    *,
    name: str,
    title: str,
    first_year: int,
    last_year: int,
    per_year: int,
    total: int | None,
    retire_by: dict[str, int] | None = None,
    scopes: dict[str, tuple[int, int]] | None = None,
) -> str:
    """scenario.yaml: the Plan 98-KH/HU targets, later standard targets, budget, continuity.

    ``retire_by`` gives, for ``cadre``, ``civil_servant``, ``leader`` and ``all``, the year by
    which the last of them retires; a target whose population has all retired is left out.
    """
    target_year = min(first_year + 2, last_year)
    targets = [
        (
            "cadre",
            f"cadres-{target_year}",
            target_year,
            0.40,
            ["who: {category: cadre}", "has: {degree: college}", "standard: [llct]"],
        ),
        (
            "civil_servant",
            f"civil-servants-{target_year}",
            target_year,
            0.60,
            ["who: {category: civil_servant}", "has: {degree: college}", "standard: [llct]"],
        ),
        *(
            ("all", f"standard-{year}", year, share, ["standard: [degree, llct]"])
            for year, share in ((first_year + 3, 0.85), (first_year + 4, 0.88))
            if target_year < year <= last_year
        ),
        (
            "leader",
            f"leaders-university-{last_year}",
            last_year,
            0.50,
            ["who: {leadership: true}", "has: {degree: university}"],
        ),
    ]
    lines = [
        f"name: {json.dumps(name, ensure_ascii=False)}",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"horizon: [{first_year}, {last_year}]",
        "tracks:",
        *(f"  {track}: [{', '.join(levels)}]" for track, levels in TRACKS.items()),
        "targets:",
    ]
    kept = 0
    for group, target_id, year, share, body in targets:
        if retire_by is not None and retire_by.get(group, 0) <= year:
            continue
        lines += [
            f"  - id: {target_id}",
            f"    year: {year}",
            *(f"    {line}" for line in body),
            f"    share: {share:.2f}",
        ]
        kept += 1
    if not kept:
        lines[-1] = "targets: []"
    lines += [
        *(
            [
                "budget:",
                f"  per_year: {per_year}",
                f"  total: {'null' if total is None else total}",
                "  scopes:  # each province's own caps, by its id in units.csv",
                *(f"    {p}: {{per_year: {y}, total: {t}}}" for p, (y, t) in scopes.items()),
            ]
            if scopes
            else [f"budget: {{per_year: {per_year}, total: {'null' if total is None else total}}}"]
        ),
        "continuity:",
        "  working_days: 250",
        "  max_away_share: 0.10",
        "  max_leaders_away: 1",
        "  max_personal_days: 80",
        "  day_value: 300000",
        "  leader_factor: 2.0",
    ]
    if first_year <= 2021 <= last_year:
        lines += ["  years:", "    2021: {max_away_share: 0.05}"]
    lines.append("service_obligation: 2.0")
    return "\n".join(lines) + "\n"


BUDGET_PER_OFFICIAL = 1_100_000
"""VND a year per official (Bình Gia: 368 x 1.1 million ≈ 400 million a year)."""


_TARGET_GROUPS = {
    "leader": ("leader", "cadre", "all"),
    "mass": ("cadre", "all"),
    "cs": ("civil_servant", "all"),
}


def last_retirements(youngest: dict[tuple[str, str], str]) -> dict[str, int]:
    """The year the last official of each target group retires, from the youngest births."""
    last: dict[str, int] = {}
    for (group, sex), birth in sorted(youngest.items()):
        year = retirement_month("F" if sex == "F" else "M", YearMonth.parse(birth)).year
        for name in _TARGET_GROUPS[group]:
            last[name] = max(last.get(name, 0), year)
    return last
