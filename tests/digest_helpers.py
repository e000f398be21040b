"""Made-up parties and articles for digest and delivery tests: a store filled with three articles,
three pairings in two provinces and two funding items.  The places and sentences are made up."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from parsers.records import Article, Extraction, Funding, Pairing, Party
from store import Store

EAST = Party(name="东川市", full_name="海滨省东川市", code="910100", level="prefecture", province="海滨省")
WEST = Party(name="西岭县", full_name="高原省北州西岭县", code="920321", level="county", province="高原省")
SOUTH = Party(name="南溪县", full_name="河谷省南溪县", code="930402", level="county", province="河谷省")
NORTH = Party(name="北坡县", full_name="高原省北州北坡县", code="920322", level="county", province="高原省")
CORP = Party(name="北辰集团", full_name="海滨省北辰集团有限公司", province="海滨省")


def make_doc(body: str, url: str, pairings: tuple[tuple[Party, Party], ...] = ((EAST, WEST),),
             amounts: tuple[int, ...] = (), title: str | None = None,
             published: datetime = datetime(2024, 3, 5, 9, 0, tzinfo=UTC), confidence: float | None = None) -> Extraction:
    """An extraction of a made-up article whose evidence is its own body (every item at ``confidence``
    when given, else the records' default)."""
    sure = {} if confidence is None else {"confidence": confidence}
    article = Article(source="example", parser="generic", url=url, title=title or body[:10], text=body,
                      published=published, published_precision="minute",
                      content_hash=hashlib.sha256(body.encode()).hexdigest())
    return Extraction(
        article=article,
        pairings=[Pairing(donor=d, recipient=r, relation="对口帮扶", evidence=body, **sure) for d, r in pairings],
        funding=[Funding(amount_yuan=a, text=f"{a // 10_000}万元", kind="帮扶资金", donor=EAST, recipient=WEST,
                         evidence=body, **sure) for a in amounts],
    )


def fill(db: Store, confidence: float | None = None) -> None:
    """Three articles: three pairings in two provinces, two funding items, one pairing reported twice."""
    db.save(make_doc("东川市对口帮扶西岭县，投入帮扶资金300万元。", "https://news.example.cn/a/1.html",
                     amounts=(3_000_000,), confidence=confidence))
    db.save(make_doc("东川市与西岭县签订协议，东川市对口帮扶西岭县再获肯定。", "https://paper.example.cn/b/2.html",
                     confidence=confidence))
    db.save(make_doc("东川市结对南溪县和北坡县，投入帮扶资金2.5亿元。", "https://news.example.cn/a/3.html",
                     pairings=((EAST, SOUTH), (EAST, NORTH)), amounts=(250_000_000,), confidence=confidence))


def ids(items) -> tuple[list[int], list[int]]:
    return sorted(p.id for p in items.pairings), sorted(f.id for f in items.funding)
