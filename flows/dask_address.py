"""Parsing on a Dask cluster that already runs elsewhere, named by its scheduler's address.

A team with a Dask cluster (a scheduler and workers on other machines, or one started by
dask-kubernetes / dask-jobqueue) points ``ingest`` at it with ``--dask-address tcp://HOST:PORT``
or ``PAIRWATCH_DASK_ADDRESS``; the parse tasks go there through prefect-dask's
``DaskTaskRunner(address=...)`` and storing stays in the flow's process.  The address is checked
before Prefect starts: a malformed one is a usage error, a scheduler that does not answer, has no
workers, or has workers without pairwatch installed is refused in seconds, by name, instead of a
run that hangs waiting for workers that will never take its tasks.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ENV_VAR = "PAIRWATCH_DASK_ADDRESS"
CONNECT_TIMEOUT_S = 5.0
_ADDRESS = re.compile(r"^tcp://(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(?P<port>\d{1,5})$")


class BadAddress(ValueError):
    """Not a Dask scheduler address of the form tcp://HOST:PORT."""


class ClusterUnavailable(RuntimeError):
    """Nothing usable answers at the address: no scheduler, no workers, or workers without pairwatch."""


def configured(address: str | None) -> str | None:
    """The address given, else PAIRWATCH_DASK_ADDRESS, else None (parse on this machine)."""
    return address or os.environ.get(ENV_VAR) or None


def parse(address: str) -> tuple[str, int]:
    """(host, port) of ``tcp://HOST:PORT``; BadAddress saying what a good one looks like."""
    match = _ADDRESS.match(address.strip())
    port = int(match["port"]) if match else 0
    if not match or not 0 < port < 65536:
        raise BadAddress(f"{address!r} is not a Dask scheduler address: tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786")
    return match["host"].strip("[]"), port


def check(address: str, timeout: float = CONNECT_TIMEOUT_S) -> list[str]:
    """Connect to the scheduler once and return its workers' addresses; ClusterUnavailable saying why.

    A plain TCP connection first, so that a closed port is refused at once rather than after Dask's
    retries; then a Dask client asks the scheduler for its workers and each worker for its
    pairwatch (a worker without it would fail every parse task it takes).
    """
    host, port = parse(address)
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        raise ClusterUnavailable(f"no Dask scheduler answers at {address} ({exc.strerror or exc}); "
                                 f"is `dask scheduler` running there?") from None
    import logging
    from importlib import metadata

    from distributed import Client

    logging.getLogger("distributed").setLevel(logging.ERROR)
    try:
        with Client(address, timeout=timeout, set_as_default=False) as client:
            workers = client.scheduler_info(n_workers=-1).get("workers", {})
            if not workers:
                raise ClusterUnavailable(f"the Dask scheduler at {address} has no workers: start `dask worker "
                                         f"{address}` on the machines that should parse (see deploy/README.md)")
            # a standard-library function: the workers can unpickle it with or without pairwatch
            versions = client.run(metadata.version, "pairwatch", on_error="return")
    except (OSError, TimeoutError) as exc:
        raise ClusterUnavailable(f"the Dask scheduler at {address} did not answer within {timeout:g} s "
                                 f"({type(exc).__name__}); is it a Dask scheduler?") from None
    lacking = sorted(w for w, v in versions.items() if not isinstance(v, str))
    if lacking:
        raise ClusterUnavailable(f"{len(lacking)} of {len(workers)} Dask workers at {address} have no pairwatch "
                                 f"installed (first: {lacking[0]}): install it on them (deploy/README.md)")
    try:
        ours = metadata.version("pairwatch")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed: nothing to compare
        return sorted(workers)
    other = sorted({v for v in versions.values() if v != ours})
    if other:  # another release parses differently: its rows would not be this one's
        raise ClusterUnavailable(f"Dask workers at {address} run pairwatch {', '.join(other)}, this is {ours}: "
                                 "install the same version on them")
    return sorted(workers)


def off_this_machine(workers: list[str]) -> list[str]:
    """The workers that listen on another machine than loopback: they cannot reach a 127.0.0.1 server."""
    return [w for w in workers if not re.match(r"^[a-z]+://(127\.|localhost|\[::1\])", w)]


@contextmanager
def runner(address: str) -> Iterator[Any]:
    """prefect-dask's DaskTaskRunner on the running cluster at ``address``, started, for this block.

    Each task carries the flow's Prefect settings to the worker that runs it: they are made to
    name the API this flow reports to, so that the task runs are recorded beside the flow's.
    Without that a worker, started with no PREFECT_API_URL, would start a temporary Prefect
    server of its own for its first task (seconds of CPU, and runs recorded nowhere).
    """
    import logging

    from prefect.context import FlowRunContext
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from prefect_dask import DaskTaskRunner

    logging.getLogger("distributed").setLevel(logging.WARNING)
    context = FlowRunContext.get()
    api_url = str(context.client.api_url) if context and context.client else PREFECT_API_URL.value()
    with temporary_settings(updates={PREFECT_API_URL: api_url}), DaskTaskRunner(address=address) as started:
        yield started
