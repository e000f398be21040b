"""The records that flow from parsers to store and digest.

They are plain pydantic models with no behaviour beyond serialisation, so that
every layer (parsers, store, flows, tests) speaks the same shapes and the JSON
printed by ``pairwatch extract`` is the model's own dump.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

Level = Literal["province", "prefecture", "county", "township", "village"]
Script = Literal["simplified", "traditional", "mixed", "unknown"]
Precision = Literal["day", "minute", "second"]

RELATIONS = ("东西部协作", "对口帮扶", "对口支援", "对口协作", "对口合作", "定点帮扶", "结对帮扶", "挂钩帮扶", "援建", "帮扶")
FUNDING_KINDS = ("帮扶资金", "捐赠", "投资", "融资", "消费帮扶", "other")


class Party(BaseModel):
    """A region (with its division code and level) or an organisation (code and level null)."""

    name: str
    full_name: str
    code: str | None = None
    level: Level | None = None
    province: str | None = None

    @property
    def is_region(self) -> bool:
        return self.code is not None

    @property
    def key(self) -> str:
        """Identity used for deduplication: the division code, else the full name."""
        return self.code or self.full_name


class Official(BaseModel):
    """The official list a pairing is in: its programme, the first year listed, the document."""

    programme: str
    since: int
    source: str


class Pairing(BaseModel):
    donor: Party
    recipient: Party
    relation: str
    evidence: str
    confidence: float = Field(default=0.5, ge=0, le=1)
    basis: str = ""  # what the confidence rests on (parsers/extraction/confidence.py)
    official: Official | None = None


class Funding(BaseModel):
    amount_yuan: int
    approximate: bool = False
    text: str
    kind: str = "other"
    donor: Party | None = None
    recipient: Party | None = None
    period: str | None = None
    evidence: str
    confidence: float = Field(default=0.5, ge=0, le=1)
    basis: str = ""  # what the confidence rests on (parsers/extraction/confidence.py)


class Article(BaseModel):
    """One parsed document, normalised: Simplified script, no pinyin, no boilerplate, body once."""

    source: str = Field(description="source id: a site rule id, a configured source name, or 'local'")
    parser: str
    url: str | None = None
    path: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    published: datetime | None = None
    published_precision: Precision | None = None
    authors: list[str] = Field(default_factory=list)
    publisher: str | None = None
    script: Script = "unknown"
    text: str
    content_hash: str
    flags: list[str] = Field(default_factory=list)
    mojibake_spans: list[tuple[int, int]] = Field(default_factory=list)

    @property
    def location(self) -> str:
        return self.url or self.path or ""

    def published_iso(self) -> str | None:
        """ISO form that does not invent precision: a page that gives only a day yields a date."""
        if self.published is None:
            return None
        if self.published_precision == "day":
            return self.published.date().isoformat()
        return self.published.isoformat()


class Extraction(BaseModel):
    """An article with what was extracted from it."""

    article: Article
    pairings: list[Pairing] = Field(default_factory=list)
    funding: list[Funding] = Field(default_factory=list)

    def to_output(self) -> dict:
        """The object ``pairwatch extract`` prints (design.md's command-line contract)."""
        a = self.article
        return {
            "path": a.path or a.url,
            "url": a.url,
            "source": a.source,
            "parser": a.parser,
            "title": a.title,
            "published": a.published_iso(),
            "authors": a.authors,
            "publisher": a.publisher,
            "script": a.script,
            "text": a.text,
            "pairings": [p.model_dump() for p in self.pairings],
            "funding": [f.model_dump() for f in self.funding],
            "flags": a.flags,
        }


class ParseFailure(BaseModel):
    """A document that could not be parsed: kept with its reason so nothing is lost silently."""

    location: str
    source: str
    reason: str


def day_of(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value
