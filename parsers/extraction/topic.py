"""The ingest gate: is an article about paired assistance at all?

Why a gate: a source is often a whole news column, and most of its articles are about
something else.  Storing, clustering and carrying them costs space and digest noise; an
article without any of the programme's vocabulary (the table in wording/topic.py) is
recorded as seen and off-topic instead.  Pure: text in, verdict out.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsers.extraction.wording.funding import NOT_PROGRAMME
from parsers.extraction.wording.topic import COOPERATION_TERMS, PROGRAMME_TERMS, RURAL_TERMS


@dataclass(frozen=True)
class TopicVerdict:
    """Whether to keep the article, and the words that decided it (empty when off-topic)."""

    on_topic: bool
    terms: tuple[str, ...]


def topic_verdict(title: str | None, text: str) -> TopicVerdict:
    """Keep on one programme term, or on a rural term with a cooperation term; else off-topic."""
    body = f"{title or ''}\n{text}"
    for phrase in NOT_PROGRAMME:  # 对口招生, 帮扶干部: the words, not the programme
        body = body.replace(phrase, " ")
    strong = tuple(t for t in PROGRAMME_TERMS if t in body)
    if strong:
        return TopicVerdict(True, strong)
    rural = tuple(t for t in RURAL_TERMS if t in body)
    cooperation = tuple(t for t in COOPERATION_TERMS if t in body)
    if rural and cooperation:
        return TopicVerdict(True, rural + cooperation)
    return TopicVerdict(False, ())
