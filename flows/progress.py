"""A progress bar for long runs on a terminal; elsewhere (logs, workers, tests) nothing.

Its own module so that the ingest flow and the backfill runner can both use it without
importing each other.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# A progress bar is drawn for runs of at least this many documents, on a terminal only.
PROGRESS_MIN_DOCS = 200


@contextmanager
def progress(total: int, label: str = "ingest") -> Iterator[Callable[[int], None]]:
    """A rich progress bar on a terminal for long runs; elsewhere (logs, workers, tests) a no-op.

    Yields ``advance(n)``, to be called as documents are stored.
    """
    if total < PROGRESS_MIN_DOCS or not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn, TimeRemainingColumn

    columns = ("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task_id = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task_id, n)
