"""Independent solves run side by side on Dask distributed: a sweep's variants today, a
province's districts tomorrow.

``Cluster`` says where: ``jobs`` worker processes of a local cluster started for the run
(``distributed.LocalCluster``, one thread each, since a CP-SAT solve has threads of its own), or
the Dask scheduler at ``scheduler`` (whose workers must have trainplan installed). ``run_tasks``
submits one task per item and yields ``(index, result)`` as each finishes, so a caller shows
progress at once and keeps its table in the items' order by the index. A stop (Ctrl-C) cancels
what has not finished and closes a local cluster, which ends the solves still running: the
results already yielded are kept, the rest are dropped.

The task function must be importable by the workers (a module-level function) and its items
and results picklable (frozen scenarios, plans); each item carries every option its solve
needs, so the result never depends on how many tasks run at once.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

POLL_SECONDS = 0.2
"""How often the waiting caller checks for finished tasks and for a stop."""


CORES_PER_JOB = 2
"""Cores one solve keeps busy: CP-SAT's 8-worker portfolio (``parameters.WORKERS``) fills two
cores. On 2 shared cores, a 7-variant sweep of the built-in budget took 0.9 to 1.9 times as long
with two variants at once as one after another, and 5.5 times as long with 4 CP-SAT workers
each, most variants then unproven (``benchmarks/sweep_bench.py``, benchmarks/README.md)."""


def default_jobs() -> int:
    """Tasks run at once on this machine: one per ``CORES_PER_JOB`` cores, at least one (one
    means no cluster: the tasks run in this process, one after another)."""
    return max(1, (os.cpu_count() or 1) // CORES_PER_JOB)


@dataclass(frozen=True)
class Cluster:
    """Where tasks run: in this process one after another (``jobs=1``, no scheduler), on a
    local Dask cluster of ``jobs`` processes, or on the Dask scheduler at ``scheduler``."""

    jobs: int = 1
    scheduler: str | None = None

    @property
    def parallel(self) -> bool:
        return self.scheduler is not None or self.jobs > 1


@contextmanager
def _client(cluster: Cluster) -> Iterator[Any]:
    """A Dask client of ``cluster``; a local cluster lives as long as the client."""
    from distributed import Client, LocalCluster

    if cluster.scheduler is not None:
        with Client(cluster.scheduler) as client:
            yield client
        return
    with warnings.catch_warnings():  # no dashboard; its health page takes any free port
        warnings.filterwarnings("ignore", message="Port .* is already in use")
        local = LocalCluster(
            n_workers=cluster.jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # a loaded machine makes workers miss heartbeats, logged as ERRORs with tracebacks
            # though nothing is lost (a user trial); a task that fails raises in run_tasks
            silence_logs=logging.CRITICAL,
        )
    try:
        with Client(local) as client:
            yield client
    finally:
        local.close()


def run_tasks(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    cluster: Cluster,
    stop: threading.Event,
) -> Iterator[tuple[int, Result]]:
    """``(index, function(items[index]))`` for every item, as each finishes.

    Without a parallel cluster the items run here, in order. A ``stop`` yields nothing more:
    unfinished tasks are cancelled (on a local cluster their processes end with it).

    Raises
    ------
    Exception
        Whatever a task raised (a task reports the outcomes it expects as results).
    """
    if not cluster.parallel:
        for index, item in enumerate(items):
            if stop.is_set():
                return
            result = function(item)
            if stop.is_set():
                return
            yield index, result
        return
    run = uuid.uuid4().hex[:12]
    with _client(cluster) as client:
        pending = {
            client.submit(function, item, key=f"trainplan-{run}-{index}", pure=False): index
            for index, item in enumerate(items)
        }
        try:
            while pending:
                if stop.is_set():
                    return
                finished = sorted((index, f) for f, index in pending.items() if f.done())
                if not finished:
                    time.sleep(POLL_SECONDS)
                    continue
                for index, future in finished:
                    del pending[future]
                    result = future.result()
                    if stop.is_set():
                        return
                    yield index, result
        finally:
            if pending:
                client.cancel(list(pending), force=True)
