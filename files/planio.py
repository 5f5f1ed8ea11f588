"""Plan folders (SPEC.md, "A plan" and "Nothing lost"): writing them atomically, under a lock,
without ever losing a user's file; reading them back (``planread``), hand-made ones too.

A plan folder is built in a temporary sibling and swapped in at once, under a lock, so a
failed, interrupted or concurrent run never leaves a half-written folder nor replaces an
earlier plan. Only a plan folder trainplan wrote is ever replaced, and the plan it replaces is
kept in ``<folder>.previous``; the scenario folder, a file, or a folder holding anything else
is refused before anything is written.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from trainplan.files.approvals import approvals
from trainplan.files.errors import os_reason
from trainplan.files.plancontent import (
    PLAN_FILES,
    PLAN_FORMAT,
    encoded,
    plan_document,
    plan_files,
)
from trainplan.files.planread import (
    foreign_entry,
    is_plan_folder,
    plan_input_hash,
    read_plan,
)
from trainplan.models.message import Message
from trainplan.wording.catalogue import render

__all__ = [
    "PLAN_FILES",
    "PLAN_FORMAT",
    "OutputError",
    "RefusedOutput",
    "check_output",
    "is_plan_folder",
    "plan_document",
    "plan_files",
    "plan_input_hash",
    "plan_lock",
    "previous_of",
    "read_plan",
    "write_plan_folder",
]


class OutputError(Exception):
    """The plan folder cannot be written (locked, read-only, disk full...): ``message`` says
    why, for ``trainplan.wording.render``; ``str(error)`` is the same in English."""

    def __init__(self, message: Message | str) -> None:
        if isinstance(message, str):  # words already chosen by the caller
            message = Message("input.text", text=message)
        super().__init__(render(message, "en"))
        self.message = message


class RefusedOutput(OutputError):
    """Writing there would lose something that is not a plan trainplan wrote (the scenario, a
    file, a folder holding other files): refused before anything is written or deleted."""


# ------------------------------------------------------------------ what may be replaced


def previous_of(folder: Path) -> Path:
    """Where the plan ``folder`` held is kept when a new plan replaces it."""
    return folder.with_name(f"{folder.name}.previous")


def _replaces_a_plan(folder: Path) -> bool:
    """Whether writing ``folder`` replaces a plan (True), or creates it or fills an empty
    folder (False).

    Raises
    ------
    RefusedOutput
        When ``folder`` is a file, a link, or a folder holding anything but a plan trainplan
        wrote; or when the place the replaced plan would be kept holds anything else.
    """
    if not folder.exists() and not folder.is_symlink():
        return False
    if folder.is_symlink() or not folder.is_dir():
        raise RefusedOutput(Message("input.output.is_file", folder=str(folder)))
    try:
        foreign = foreign_entry(folder)
        empty = not any(folder.iterdir())
    except OSError as error:
        raise OutputError(
            Message("input.output.cannot_write", folder=str(folder), reason=os_reason(error))
        ) from None
    if empty:
        return False
    if foreign is not None or not is_plan_folder(folder):
        found = foreign or "plan.json"
        raise RefusedOutput(Message("input.output.not_plan", folder=str(folder), file=found))
    previous = previous_of(folder)
    if (previous.exists() or previous.is_symlink()) and not is_plan_folder(previous):
        raise RefusedOutput(
            Message("input.output.previous_taken", folder=str(folder), previous=str(previous))
        )
    return True


def check_output(folder: Path, scenario_folder: Path) -> bool:
    """Refuse a plan folder that would lose something; True if it replaces an earlier plan.

    A plan folder inside the scenario folder is harmless when it is new or a plan trainplan
    wrote (the general rule below); the scenario folder itself, or a folder holding it, never.

    Raises
    ------
    RefusedOutput
        When ``folder`` is the scenario folder or holds it, or as ``_replaces_a_plan`` says.
    """
    out, scenario = folder.resolve(), scenario_folder.resolve()
    if out == scenario:
        raise RefusedOutput(Message("input.output.is_scenario", folder=str(folder)))
    if scenario.is_relative_to(out):
        raise RefusedOutput(
            Message("input.output.holds_scenario", folder=str(folder), scenario=str(scenario))
        )
    return _replaces_a_plan(folder)


# ------------------------------------------------------------------ the lock


@contextlib.contextmanager
def plan_lock(folder: Path) -> Iterator[None]:
    """Hold the lock of the folder where the plan folder lives: a second run writing a plan
    there stops at once.

    The lock is ``flock`` on the parent folder itself, so no lock file is written nor left
    behind, and the system drops it with the process, even one that was killed. Entered, it
    also repairs what a killed run left (``_repair``).
    """
    parent = folder.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            Message("input.output.cannot_create", folder=str(parent), reason=os_reason(error))
        ) from None
    try:
        handle = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise OutputError(
            Message("input.output.cannot_write", folder=str(parent), reason=os_reason(error))
        ) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                Message("input.output.busy", folder=str(folder), parent=str(parent))
            ) from None
        except OSError as error:
            raise OutputError(
                Message("input.output.cannot_write", folder=str(parent), reason=os_reason(error))
            ) from None
        _repair(folder, parent)
        yield
    finally:
        os.close(handle)  # releases the flock


def _staging_name(folder: Path) -> re.Pattern[str]:
    """Names of the temporary folders of ``folder``, matched literally, not as a glob pattern,
    so that a folder called "plan[1]" clears its own and never "plan1"'s."""
    return re.compile(re.escape(f".{folder.name}.tmp-") + r"[A-Za-z0-9_]+(?:-of(\d+))?")


def _repair(folder: Path, parent: Path) -> None:
    """Undo what a killed run left: put back a plan it had moved aside, keep a plan it had
    replaced in ``<folder>.previous``, remove its half-written temporary folders (and the
    empty lock file earlier versions left beside the plan folder)."""
    legacy = parent / f".{folder.name}.lock"  # the lock file of trainplan before flock
    with contextlib.suppress(OSError):
        if legacy.is_file() and not legacy.is_symlink() and legacy.stat().st_size == 0:
            legacy.unlink()
    aside = parent / f".{folder.name}.tmp-old"
    with contextlib.suppress(OSError):
        if aside.is_dir():
            if not folder.exists():  # killed between moving the plan aside and the new one in
                os.rename(aside, folder)
            else:  # killed after moving the new one in: the aside is the replaced plan
                _keep(aside, previous_of(folder))
    ours = _staging_name(folder)
    with contextlib.suppress(OSError):
        for name in os.listdir(parent):
            found = ours.fullmatch(name)
            if found is None or name == aside.name:
                continue
            path = parent / name
            swapped = found.group(1) is not None and os.lstat(path).st_ino == int(found.group(1))
            if swapped:  # killed just after the exchange: this is the plan it replaced
                _keep(path, previous_of(folder))
            else:
                shutil.rmtree(path, ignore_errors=True)


def recorded_digests(folder: Path) -> dict[str, str] | None:
    """The digest of each file plan.json says trainplan wrote into ``folder``; None when it
    records none (a hand-made plan, or one of an earlier version)."""
    try:
        recorded = json.loads((folder / "plan.json").read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(recorded, dict) or not recorded:
        return None
    return {str(name): str(value) for name, value in recorded.items()}


def changed_since_written(folder: Path, name: str) -> bool:
    """Whether ``folder/name`` differs from what plan.json records trainplan wrote there
    (False when plan.json records nothing for it: nothing to tell)."""
    recorded = (recorded_digests(folder) or {}).get(name)
    if recorded is None:
        return False
    try:
        return hashlib.sha256((folder / name).read_bytes()).hexdigest() != recorded
    except OSError:
        return True


def edited_by_hand(folder: Path) -> bool:
    """Whether any file of a plan folder differs from what its plan.json says trainplan wrote
    (also True when plan.json records no digests: a plan of an earlier version), or its
    plan.xlsx holds a committee's approvals."""
    if approvals(folder / "plan.xlsx"):
        return True
    recorded = recorded_digests(folder)
    if recorded is None:
        return True
    return any(changed_since_written(folder, name) for name in recorded)


def _free_name(previous: Path) -> Path:
    """``<plan>.previous-1``, ``-2``, ...: the first name nothing holds."""
    number = 1
    while (candidate := previous.with_name(f"{previous.name}-{number}")).exists():
        number += 1
    return candidate


def _keep(replaced: Path, previous: Path, set_aside: list[Path] | None = None) -> Path | None:
    """Keep the plan ``replaced`` as ``previous``; None if there was nothing to keep (an empty
    folder given as the plan folder). An older plan kept there is dropped if it is exactly as
    trainplan wrote it, and set aside as ``<plan>.previous-N`` (added to ``set_aside``) if it
    was edited by hand.

    Never deletes what trainplan did not write: a folder that is not a plan, at either path,
    stays where it is.
    """
    if not is_plan_folder(replaced):
        with contextlib.suppress(OSError):
            os.rmdir(replaced)  # only ever removes an empty folder
        return None
    if previous.exists() or previous.is_symlink():
        if not is_plan_folder(previous):
            return None  # _replaces_a_plan refused this before; changed since by hand
        if edited_by_hand(previous):  # a planner's work: set aside under a new name, kept
            aside = _free_name(previous)
            os.rename(previous, aside)
            if set_aside is not None:
                set_aside.append(aside)
        else:  # exactly as trainplan wrote it: the same scenario and seed give it again
            shutil.rmtree(previous)
    os.rename(replaced, previous)
    return previous


# ------------------------------------------------------------------ writing


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return bool(result == 0)


def _sync_folder(path: Path) -> None:
    """Make a rename in ``path`` durable (a power cut after it keeps the new plan)."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync folders; the rename is still atomic
    finally:
        os.close(handle)


def _staging(folder: Path, parent: Path) -> Path:
    """A new temporary sibling of ``folder``. Its name carries the inode of the folder it
    will be exchanged with, so that a run killed just after the exchange is recognised by the
    next run: the staging name then holds that very folder, the plan to keep."""
    try:
        suffix = f"-of{os.stat(folder).st_ino}" if folder.exists() else ""
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", suffix=suffix, dir=parent))
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)
    except OSError as error:
        raise OutputError(
            Message("input.output.cannot_write", folder=str(parent), reason=os_reason(error))
        ) from None
    return staging


def write_plan_folder(
    folder: Path, files: Mapping[str, str | bytes], set_aside: list[Path] | None = None
) -> Path | None:
    """Write ``files`` into ``folder`` all at once: either the new folder or the old one.
    Text is written as UTF-8 (CSV files with a byte-order mark), bytes as they are (plan.xlsx).

    Returns where the plan it replaced is kept (``<folder>.previous``), or None when there
    was none; an older plan edited by hand that was kept there is set aside, never dropped,
    and its new place added to ``set_aside``.

    Raises
    ------
    RefusedOutput
        When ``folder`` holds anything but a plan trainplan wrote (nothing written).
    OutputError
        When the folder cannot be written; any earlier plan there is unchanged.
    """
    parent = folder.resolve().parent
    _replaces_a_plan(folder)
    staging = _staging(folder, parent)
    try:
        for name, content in files.items():
            with open(staging / name, "wb") as handle:
                handle.write(encoded(name, content))
                handle.flush()
                os.fsync(handle.fileno())
        if not folder.exists():
            os.rename(staging, folder)
            replaced = None
        elif _exchange(staging, folder):
            replaced = staging  # staging now holds the earlier folder
        else:
            replaced = parent / f".{folder.name}.tmp-old"
            if replaced.exists():  # a killed run's: _repair would have kept a plan there
                shutil.rmtree(replaced, ignore_errors=True)
            os.rename(folder, replaced)
            try:
                os.rename(staging, folder)
            except OSError:
                os.rename(replaced, folder)  # put the earlier plan back before reporting
                raise
        _sync_folder(parent)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(
            Message("input.output.not_written", folder=str(folder), reason=os_reason(error))
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if replaced is None:
        return None
    try:
        kept = _keep(replaced, previous_of(folder), set_aside)
    except OSError:
        return None  # the new plan is in place; the next run keeps the earlier one (_repair)
    _sync_folder(parent)
    return kept
