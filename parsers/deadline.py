"""A per-document time budget that works in any thread: a cooperative, context-local deadline.

Prefect runs tasks in worker threads, where ``signal.alarm`` cannot reach, so the
parser's hot loops (the main-text scorer, the mojibake finder, the sentence loop)
call ``check()``, which raises ``ParseError`` once the document's time is up.  The
deadline lives in a ``ContextVar``: each thread (and each asyncio task) has its own.
Caps on what one document may contain bound the work between two checks.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

DEFAULT_TIME_LIMIT = 20.0  # seconds per document; a normal article takes well under 0.1 s
MAX_TEXT_CHARS = 3_000_000  # characters of a document after decoding
MAX_LINE_CHARS = 200_000  # characters of one line of text (a paragraph, once HTML is read)
MAX_SENTENCES = 20_000  # sentences in one article's title and body
MAX_MENTIONS = 50_000  # place and organisation mentions in one article
# HTML pages, counted before the reader scores them (~20x the largest of the 69 benchmark pages,
# which has 7,778 elements and 4,811 block elements; the median page has 415 and 254):
MAX_ELEMENTS = 150_000  # start tags in one page's markup, counted before lxml builds the tree
MAX_BLOCKS = 100_000  # block elements (p, div, li, td...: each may start a line) in one page

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("pairwatch_parse_deadline", default=None)


class ParseError(ValueError):
    """The document could not be parsed; str(error) is the reason."""


@contextmanager
def deadline(seconds: float | None = DEFAULT_TIME_LIMIT) -> Iterator[None]:
    """Within the block, ``check()`` raises once ``seconds`` have passed; ``None`` sets no limit.

    A nested deadline never extends the one around it.
    """
    outer = _DEADLINE.get()
    inner = None if seconds is None else (time.monotonic() + seconds, seconds)
    chosen = inner if outer is None or (inner is not None and inner[0] < outer[0]) else outer
    token = _DEADLINE.set(chosen)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    """Raise ParseError when the current document is over its time limit; cheap enough for inner loops."""
    limit = _DEADLINE.get()
    if limit is not None and time.monotonic() > limit[0]:
        raise ParseError(f"over the {limit[1]:g} s time limit")


def cap(count: int, limit: int, what: str) -> None:
    """Raise ParseError when a document holds more of ``what`` than the parser will work through."""
    if count > limit:
        raise ParseError(f"{count} {what}, over the cap of {limit}")


__all__ = ["DEFAULT_TIME_LIMIT", "MAX_BLOCKS", "MAX_ELEMENTS", "MAX_LINE_CHARS", "MAX_MENTIONS", "MAX_SENTENCES",
           "MAX_TEXT_CHARS", "ParseError", "cap", "check", "deadline"]
