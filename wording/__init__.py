"""Words for people: messages rendered from gettext catalogues, in English or Vietnamese."""

from trainplan.wording.catalogue import (
    LANGUAGES,
    conflict_lines,
    number,
    render,
    say,
)
from trainplan.wording.problems import problem_text

__all__ = ["LANGUAGES", "conflict_lines", "number", "problem_text", "render", "say"]
