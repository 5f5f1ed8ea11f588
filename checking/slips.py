"""Warnings, not errors: data that is valid but most likely not what the planner meant —
fields of study that nothing can match, officials whose field is blank on a post that names
fields, officials who asked to pay their own way when no course lets learners pay.

The scenario still loads and plans; each warning names the file, row and column to look at.
"""

from __future__ import annotations

from trainplan.models.message import Message
from trainplan.models.problems import Problem, Sources
from trainplan.models.scenario import Scenario

EXAMPLES = 3
"""Rows named in a warning about many officials (the rest counted)."""


def likely_slips(scenario: Scenario, sources: Sources | None = None) -> list[Problem]:
    """Every warning of this module, posts first, then officials."""
    where = sources or Sources()
    return [
        *_fields_nothing_grants(scenario, where),
        *_blank_fields(scenario, where),
        *_self_funding(scenario, where),
    ]


def _fields_nothing_grants(scenario: Scenario, where: Sources) -> list[Problem]:
    """A field a post accepts that no course grants and no official holds (a typo, say
    'luat' for 'luật'): nobody can ever meet that standard in it."""
    granted = {(c.track, c.field) for c in scenario.courses if c.field is not None}
    held = {(t, f) for o in scenario.officials for t, f in o.fields.items()}
    found = []
    for index, post in enumerate(scenario.posts):
        for track, fields in post.fields.items():
            lost = [f for f in fields if (track, f) not in granted | held]
            if lost:
                message = Message("input.slip.field_nowhere", fields="; ".join(lost), track=track)
                found.append(where.at("posts", index, f"fields_{track.lower()}", message))
    return found


def _blank_fields(scenario: Scenario, where: Sources) -> list[Problem]:
    """Officials holding a level on a track whose post names fields, with no field of theirs:
    their degree matches no field the post accepts."""
    found = []
    tracks = {t for post in scenario.posts for t in post.fields}
    for track in sorted(tracks):
        rows = [
            index
            for index, official in enumerate(scenario.officials)
            if track in scenario.post_by_id[official.post_id].fields
            and scenario.rank(track, official.levels[track]) > 0
            and track not in official.fields
        ]
        if rows:
            message = Message(
                "input.slip.field_blank",
                n=len(rows),
                track=track,
                rows=", ".join(str(where.row("officials", i)) for i in rows[:EXAMPLES])
                + (", …" if len(rows) > EXAMPLES else ""),
            )
            found.append(where.at("officials", rows[0], f"field_{track.lower()}", message))
    return found


def _self_funding(scenario: Scenario, where: Sources) -> list[Problem]:
    """Officials who asked to study at their own cost while no course lets learners pay."""
    if any(course.funding == "self" for course in scenario.courses):
        return []
    rows = [i for i, official in enumerate(scenario.officials) if official.self_funding]
    if not rows:
        return []
    message = Message("input.slip.self_funding_unused", n=len(rows))
    return [where.at("officials", rows[0], "self_funding", message)]
