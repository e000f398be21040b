"""Backfills at scale: the ingest flow with its parse tasks on a Dask cluster, and a progress bar.

Parsing is pure and CPU-bound, so it spreads over processes; storing stays in the flow's own
process, one batch after another in order, while later batches are still being parsed.  A
Dask LocalCluster costs seconds to start (bench/backfill.py measures it), so it pays only for
big backfills: ``DASK_MIN_DOCS`` is where it starts to, as measured on a 2-core machine.
"""

from __future__ import annotations

import logging
import math
from typing import Any

# Below this many documents a serial run finishes first. Measured (2 cores, `pairwatch ingest`):
# 1,000 documents 15.0 s serial vs 16.5 s with 2 workers; 2,000: 21.1 vs 19.1 s; 10,000: 83.3 vs 52.2 s.
DASK_MIN_DOCS = 1500
# Fewer, larger batches for big backfills: each task run is a few API calls.
MAX_BATCHES_PER_WORKER = 8
MIN_BATCH = 50
MAX_BATCH = 500
# Dask workers parse at this niceness, so that the storing process keeps its core.
WORKER_NICENESS = 10


def batch_size_for(n_docs: int, workers: int, default: int = MIN_BATCH) -> int:
    """Batches big enough that per-task overhead stays small, small enough to keep every worker busy."""
    if workers <= 1 or n_docs <= 0:
        return default
    size = math.ceil(n_docs / (workers * MAX_BATCHES_PER_WORKER))
    return max(default, min(MAX_BATCH, size))


def worth_dask(n_docs: int, workers: int) -> bool:
    """True when a backfill is big enough to pay for starting a Dask cluster."""
    return workers > 1 and n_docs >= DASK_MIN_DOCS


def prefect_api_url() -> str:
    """The Prefect API this process talks to; in ephemeral mode, the temporary server, started now.

    Dask workers are separate processes: told nothing, each would start a temporary server of its
    own (seconds of CPU each, and their task runs recorded nowhere the flow's are).
    """
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if url:
        return url
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the same instance the flow's own client will use
    server.start()
    return server.api_url


def dask_runner(workers: int, api_url: str | None = None) -> Any:
    """A DaskTaskRunner on a temporary LocalCluster: one single-threaded process per worker.

    Processes, not threads: parsing holds the GIL.  Dask's own logs only from WARNING.
    """
    from prefect_dask import DaskTaskRunner

    # Dask logs its cluster's every step at INFO to the root logger: keep the terminal for the bar.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    cluster: dict[str, Any] = {
        "n_workers": workers, "threads_per_worker": 1, "processes": True,
        "host": "127.0.0.1", "silence_logs": logging.WARNING,
        # no dashboard; the scheduler's own HTTP routes on a free loopback port, never a fixed 8787
        "dashboard_address": "127.0.0.1:0", "scheduler_kwargs": {"dashboard": False},
        "preload": ["flows.backfill"],  # each worker runs dask_setup below as it starts
    }
    if api_url:
        cluster["env"] = {"PREFECT_API_URL": api_url}
    return DaskTaskRunner(cluster_kwargs=cluster)


def dask_setup(worker: Any = None) -> None:
    """Run by each Dask worker process as it starts: parse at a lower priority than the flow's process.

    Storing, one writer in the flow's process, is what a backfill waits for; on a machine with few
    cores the parsing workers must not take its CPU.
    """
    import os

    os.nice(WORKER_NICENESS)


def ingest_parallel(paths: list[str] | None = None, sources_file: str | None = None,
                    db_url: str | None = None, workers: int = 1, batch_size: int | None = None,
                    keep_all: bool = False) -> dict[str, int]:
    """Run the ingest flow once; with ``workers`` > 1 its parse tasks run on a Dask LocalCluster.

    The rows stored are the same either way: batches are stored in the order the documents come.
    """
    from flows import steps
    from flows.ingest import ingest_flow

    kwargs: dict[str, Any] = dict(paths=paths, sources_file=sources_file, db_url=db_url, keep_all=keep_all)
    if workers <= 1:
        return ingest_flow(**kwargs, **({"batch_size": batch_size} if batch_size else {}))
    size = batch_size or batch_size_for(len(steps.local_locations(paths or [])), workers)
    flow = ingest_flow.with_options(task_runner=dask_runner(workers, prefect_api_url()))
    return flow(**kwargs, workers=workers, batch_size=size)
