"""Per-subscriber filters (digests/filters.py): each filter on its own, combined, and on what only one
kind of item has; amounts written as the press writes them; a stable key for the channel id.  The
places and sentences are made up; items come from a real SQLite store."""

from __future__ import annotations

import pytest
from digest_helpers import CORP, EAST, NORTH, SOUTH, WEST, make_doc

from digests.filters import NEW, OFFICIAL, FilterError, Filters, parse_amount
from parsers.records import Official
from store import Store


@pytest.fixture
def items(db: Store):
    listed = make_doc("东川市对口帮扶西岭县，投入帮扶资金300万元。", "https://news.example.cn/a/1.html",
                      amounts=(3_000_000,), title="东西部协作新进展")
    listed.pairings[0] = listed.pairings[0].model_copy(
        update={"official": Official(programme="东西部协作", since=2016, source="指导意见 (2016)")})
    db.save(listed)
    db.save(make_doc("东川市结对南溪县，投入帮扶资金2.5亿元。", "https://news.example.cn/a/2.html",
                     pairings=((EAST, SOUTH),), amounts=(250_000_000,)))
    corp = make_doc("北辰集团定点帮扶北坡县。", "https://news.example.cn/a/3.html", pairings=((CORP, NORTH),))
    corp.pairings[0] = corp.pairings[0].model_copy(update={"relation": "定点帮扶"})
    db.save(corp)
    return db.pending("x")


def kept(items, f: Filters) -> tuple[list[str], list[int]]:
    return (sorted(p.recipient.name for p in items.pairings if f(p)),
            sorted(x.amount_yuan for x in items.funding if f(x)))


def test_each_filter_keeps_what_it_names(items) -> None:
    assert kept(items, Filters()) == (["北坡县", "南溪县", "西岭县"], [3_000_000, 250_000_000])
    assert kept(items, Filters(provinces=("河谷省",))) == (["南溪县"], [])  # the helper's funding goes to 西岭县
    assert kept(items, Filters(provinces=("海滨",))) == (["北坡县", "南溪县", "西岭县"], [3_000_000, 250_000_000])
    assert kept(items, Filters(donors=("北辰",))) == (["北坡县"], [])
    assert kept(items, Filters(recipients=("西岭",))) == (["西岭县"], [3_000_000, 250_000_000])
    assert kept(items, Filters(relations=("定点",))) == (["北坡县"], [])  # pairings only
    assert kept(items, Filters(min_amount=10_000_000)) == ([], [250_000_000])  # funding only
    assert kept(items, Filters(keywords=("东西部协作",))) == (["西岭县"], [3_000_000])  # a source's title
    assert kept(items, Filters(keywords=("2.5亿元",))) == (["南溪县"], [250_000_000])  # the sentence
    assert kept(items, Filters(pairings=OFFICIAL)) == (["西岭县"], [])
    assert kept(items, Filters(pairings=NEW)) == (["北坡县", "南溪县"], [])


def test_new_only_leaves_out_a_pair_seen_before_the_other_way_round(db: Store) -> None:
    db.save(make_doc("西岭县与东川市结对。", "https://news.example.cn/a/1.html", pairings=((WEST, EAST),)))
    db.save(make_doc("东川市对口帮扶西岭县。", "https://news.example.cn/a/2.html"))
    assert kept(db.pending("x"), Filters(pairings=NEW)) == (["东川市"], [])


def test_filters_combine_every_one_must_hold_and_values_are_alternatives(items) -> None:
    assert kept(items, Filters(provinces=("高原",), pairings=NEW)) == (["北坡县"], [])
    assert kept(items, Filters(recipients=("西岭", "南溪"), min_amount=100_000_000)) == ([], [250_000_000])
    assert kept(items, Filters(relations=("对口",), min_amount=1)) == ([], [])  # nothing is both


def test_amounts_as_the_press_writes_them() -> None:
    assert parse_amount("1亿") == 100_000_000 and parse_amount("3.5亿元") == 350_000_000
    assert parse_amount("500万") == 5_000_000 and parse_amount("2,000,000") == 2_000_000
    with pytest.raises(FilterError, match="not an amount"):
        parse_amount("lots")


def test_the_key_is_stable_whatever_the_order_and_empty_without_filters() -> None:
    assert Filters().key() == "" and Filters().empty
    a = Filters(provinces=("贵州", "云南"), min_amount=1_000_000, pairings=NEW)
    b = Filters(provinces=("云南 ", "贵州", "贵州"), min_amount=1_000_000, pairings=NEW)
    assert a.key() == b.key() == "provinces=云南,贵州;min_amount=1000000;pairings=new"
    assert a != Filters(provinces=("贵州",)) and not a.empty
    with pytest.raises(FilterError):
        Filters(pairings="maybe")
