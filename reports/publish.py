"""The reports of a plan folder, plan.xlsx and report.html: made from the plan and its check,
and written whole into the folder.

``solve`` writes them with the plan folder itself (``report_files`` joins the files it swaps in
at once); ``trainplan report`` and ``check --report`` rewrite them in an existing plan folder
(``write_reports``: each file made beside the folder and renamed into it, so a reader never
sees half a file and a failed write leaves the earlier one). Nothing is lost: a plan.xlsx
whose ``approved`` column a committee has filled in is never replaced (``approvals``).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from trainplan.checking.evaluation import Evaluation
from trainplan.files.approvals import approvals
from trainplan.files.errors import os_reason
from trainplan.files.plancontent import digest, encoded
from trainplan.files.planio import (
    OutputError,
    RefusedOutput,
    changed_since_written,
    recorded_digests,
)
from trainplan.models.message import Message
from trainplan.models.plan import Plan, SolverInfo
from trainplan.models.scenario import Scenario
from trainplan.reports.figures import compute_figures
from trainplan.reports.workbook import WORKBOOK, workbook_bytes

REPORT_HTML = "report.html"
HTML_MODULE = "trainplan.reports.html"
"""Where report.html is made (``report_html(figures, lang, solver) -> str``); skipped when
absent."""


def solver_of(document: dict[str, Any] | None) -> SolverInfo | None:
    """How a plan was found, as its plan.json records it (None for a hand-made plan): the
    report shows the solver's status, stages and the input hash."""
    if not document or not isinstance(document.get("solver"), dict):
        return None
    solver = document["solver"]
    scenario = document.get("scenario")
    known = set(SolverInfo.__dataclass_fields__) - {"input_hash"}
    fields = {name: value for name, value in solver.items() if name in known}
    if "status" not in fields:
        return None
    hash_ = scenario.get("input_hash", "") if isinstance(scenario, dict) else ""
    try:
        return SolverInfo(**fields, input_hash=str(hash_ or ""))
    except (TypeError, ValueError):
        return None


def report_files(
    scenario: Scenario,
    plan: Plan,
    evaluation: Evaluation,
    lang: str,
    today: date | None = None,
) -> dict[str, str | bytes]:
    """plan.xlsx (and report.html when ``trainplan.reports.html`` is there) by file name."""
    figures = compute_figures(scenario, plan, evaluation, today=today)
    files: dict[str, str | bytes] = {WORKBOOK: workbook_bytes(scenario, figures, lang)}
    if importlib.util.find_spec(HTML_MODULE) is not None:
        html = importlib.import_module(HTML_MODULE)
        files[REPORT_HTML] = html.report_html(figures, lang, plan.solver)
    return files


def write_reports(
    folder: Path, files: dict[str, str | bytes], kept: list[Message] | None = None
) -> list[Path]:
    """Write ``files`` into the plan ``folder``, each whole, and return their paths. A
    plan.xlsx holding a committee's approvals, or changed by hand since trainplan wrote it
    (plan.json records what it wrote), is kept as it is (``kept`` gets a message saying so);
    the other reports are still refreshed, and plan.json records their new digests.

    Raises
    ------
    RefusedOutput
        When a report there is not a plain file: nothing written.
    OutputError
        When a file cannot be written (or the folder's files cannot be listed); the earlier
        one stays.
    """
    for name in files:
        path = folder / name
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise RefusedOutput(Message("report.not_a_file", path=str(path)))
    reason = None
    if WORKBOOK in files and (approved := approvals(folder / WORKBOOK)):
        reason = Message("report.approvals_kept", path=str(folder / WORKBOOK), n=approved)
    elif WORKBOOK in files and changed_since_written(folder, WORKBOOK):
        reason = Message("report.edited_kept", path=str(folder / WORKBOOK))
    if reason is not None:  # someone's work: never replaced
        files = {name: content for name, content in files.items() if name != WORKBOOK}
        if kept is not None:
            kept.append(reason)
    written = []
    try:
        for name, content in files.items():
            written.append(_write_whole(folder, name, content))
        _record_digests(folder, files)
    except OSError as error:
        raise OutputError(
            Message("input.output.cannot_write", folder=str(folder), reason=os_reason(error))
        ) from None
    return written


def _record_digests(folder: Path, files: dict[str, str | bytes]) -> None:
    """plan.json (when trainplan wrote one) records the digests of the reports just written,
    so that a later ``report`` tells them from a workbook someone has since edited."""
    if recorded_digests(folder) is None:
        return  # a hand-made plan: nothing records what trainplan wrote
    path = folder / "plan.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["files"].update({name: digest(name, content) for name, content in files.items()})
    _write_whole(folder, "plan.json", json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _write_whole(folder: Path, name: str, content: str | bytes) -> Path:
    """``folder/name`` written whole: made beside the folder (where a leftover never makes the
    plan folder look like someone else's), then renamed into it."""
    parent = folder.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=f".{folder.name}.{name}.", dir=parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(encoded(name, content))
            stream.flush()
            os.fsync(stream.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return folder / name
