"""The pairing atlas in a real headless Chromium, opened from the file system as a reader opens it:
no console errors, no request leaving the file system, every stored pairing in the table with its
marks (new, to check), filters and sorting that work, a page per recipient province, and text
from web pages shown as text. The atlas is written by ``pairwatch report`` from a real SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import Browser, chromium_path
from conftest import SEEDS
from digest_helpers import EAST, WEST, make_doc
from seeded_store import add_text, add_web_copy, ingest_seeds

from digests.atlas import money_by_year, province_page, yuan_by_kind
from digests.stories import is_new
from flows.cli import main
from store import Store
from store.selection import Selection

WEB = "https://news.example.org/a/4.html"
NOTICE = ("山东省追加东西部协作专项资金3000万元\n2022年3月1日\n"
          "山东省追加东西部协作专项资金3000万元,用于产业项目。\n经重庆市政府研究,资金全部用于乡村振兴项目建设,惠及群众2万人。\n")
LOCAL = ("file:", "data:", "about:", "blob:")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> tuple[str, Path]:
    base = tmp_path_factory.mktemp("atlas")
    db = ingest_seeds(base / "seeds.db")
    add_web_copy(db, sorted(SEEDS.glob("004_*.txt"))[0], WEB)
    add_text(db, NOTICE, "https://news.example.org/a/9.html")  # a pairing read off the official lists only: to check
    out = base / "atlas"
    assert main(["report", "--db", db, "--out", str(out), "--quiet"]) == 0
    return db, out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium_path()
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


def stored(db: str):
    with Store(db) as store:
        return store.select(Selection())


def open_page(browser: Browser, page: Path) -> None:
    browser.events.clear()
    browser.open(page.as_uri())
    assert browser.evaluate("document.querySelectorAll('#pairings tbody tr').length") is not None


def visible_ids(browser: Browser, table: str) -> list[int]:
    return browser.evaluate(f"[...document.querySelectorAll('#{table} tbody tr')].map(r => +r.id.slice(2))")


def test_index_shows_every_stored_pairing_and_funding_item_offline(seeded, browser, tmp_path):
    db, out = seeded
    open_page(browser, out / "index.html")
    assert browser.errors() == []
    assert browser.requests() and all(u.startswith(LOCAL) for u in browser.requests()), browser.requests()
    items = stored(db)
    assert sorted(visible_ids(browser, "pairings")) == [p.id for p in items.pairings]
    assert sorted(visible_ids(browser, "funding")) == [f.id for f in items.funding]
    for p in items.pairings:
        text = browser.evaluate(f"document.getElementById('p-{p.id}').innerText")
        assert p.donor.name in text and p.recipient.name in text and p.relation in text
    shot = browser.screenshot(tmp_path / "atlas.png")
    assert shot.stat().st_size > 20_000  # the charts and tables drew something
    assert browser.evaluate("document.querySelectorAll('#flow canvas, #by-year canvas').length") >= 2


def test_new_pairings_and_items_to_check_are_marked(seeded, browser):
    db, out = seeded
    open_page(browser, out / "index.html")
    items = stored(db)
    for p in items.pairings:
        classes = browser.evaluate(f"document.getElementById('p-{p.id}').className").split()
        badges = browser.evaluate(f"[...document.querySelectorAll('#p-{p.id} .badge')].map(b => b.textContent)")
        assert ("new" in classes) == is_new(p) == ("新" in badges)
        assert ("low" in classes) == (p.confidence < 0.8) == ("待核" in badges)
    assert any(is_new(p) for p in items.pairings) and any(p.confidence < 0.8 for p in items.pairings)
    low_funding = [f.id for f in items.funding if f.confidence < 0.8]
    assert low_funding and browser.evaluate("[...document.querySelectorAll('#funding tr.low')].map(r => +r.id.slice(2))") == low_funding


def test_filters_narrow_the_tables_and_headers_sort_them(seeded, browser):
    db, out = seeded
    open_page(browser, out / "index.html")
    items = stored(db)
    province = "陕西省"
    expected = [p.id for p in items.pairings if province in (p.donor.province, p.recipient.province)]
    assert 0 < len(expected) < len(items.pairings)
    browser.evaluate(f"""(() => {{ const s = document.querySelector('.filters[data-table=pairings] .f-province');
        s.value = {province!r}; s.dispatchEvent(new Event('change', {{bubbles: true}})); }})()""")
    assert sorted(visible_ids(browser, "pairings")) == expected
    browser.evaluate("""(() => { const s = document.querySelector('.filters[data-table=pairings] .f-province');
        s.value = ''; s.dispatchEvent(new Event('change', {bubbles: true}));
        const q = document.querySelector('.filters[data-table=pairings] .f-search');
        q.value = '张家港'; q.dispatchEvent(new Event('input', {bubbles: true})); })()""")
    assert sorted(visible_ids(browser, "pairings")) == [p.id for p in items.pairings if "张家港" in p.donor.full_name
                                                        or "张家港" in p.evidence]
    browser.evaluate("""(() => { const b = document.querySelector('.filters[data-table=funding]');
        const m = b.querySelector('.f-min'); m.value = '100000000'; m.dispatchEvent(new Event('input', {bubbles: true}));
        document.querySelector('#funding th[data-key=amount]').click(); })()""")
    big = sorted((f for f in items.funding if f.amount_yuan >= 100_000_000), key=lambda f: (f.amount_yuan, f.id))
    assert visible_ids(browser, "funding") == [f.id for f in big] and len(big) < len(items.funding)
    assert browser.errors() == []


def test_each_recipient_province_has_a_page_with_its_pairings_and_articles(seeded, browser):
    db, out = seeded
    items = stored(db)
    page = out / province_page("贵州省")
    open_page(browser, page)
    assert browser.errors() == [] and all(u.startswith(LOCAL) for u in browser.requests())
    mine = [p.id for p in items.pairings if p.recipient.province == "贵州省"]
    assert mine and sorted(visible_ids(browser, "pairings")) == mine
    timeline = browser.evaluate("[...document.querySelectorAll('.timeline li')].map(li => li.innerText)")
    titles = {s.title for p in items.pairings if p.recipient.province == "贵州省" for s in p.sources}
    assert all(any(t in line for line in timeline) for t in titles)
    index_links = browser.evaluate("[...document.querySelectorAll('a[href=\"index.html\"]')].length")
    assert index_links == 1


def test_text_from_web_pages_is_shown_as_text_never_run_or_loaded(tmp_path, browser):
    hostile = ('东川市对口帮扶西岭县</script><img src="https://evil.example/x.png" onerror="console.error(1)">'
               '<script>console.error("ran")</script>，投入帮扶资金300万元。')
    db = f"sqlite:///{tmp_path / 'hostile.db'}"
    with Store(db) as store:
        store.save(make_doc(hostile, "javascript:alert(1)", pairings=((EAST, WEST),), amounts=(3_000_000,),
                            title='<b onmouseover="x()">标题</b>'))
    out = tmp_path / "atlas"
    assert main(["report", "--db", db, "--out", str(out), "--quiet"]) == 0
    open_page(browser, out / "index.html")
    assert browser.errors() == []
    assert all(u.startswith(LOCAL) for u in browser.requests()), browser.requests()
    assert browser.evaluate("document.querySelectorAll('img, script:not([src]):not(#atlas-data)').length") == 0
    shown = browser.evaluate("document.querySelector('#pairings tbody tr blockquote').textContent")
    assert shown == hostile
    assert browser.evaluate("document.querySelectorAll('#pairings a[href^=javascript]').length") == 0


def test_money_of_different_kinds_is_never_one_sum():
    funding = [{"kind": "帮扶资金", "amount": 30_000_000, "year": "2020", "repeat_of": None},
               {"kind": "投资", "amount": 1_000_000_000, "year": "2020", "repeat_of": None},
               {"kind": "帮扶资金", "amount": 30_000_000, "year": "2020", "repeat_of": 1}]  # a likely repeat
    assert yuan_by_kind(funding) == [("投资", "10亿元"), ("帮扶资金", "3000万元")]
    assert money_by_year(funding) == [("2020", "帮扶资金", 30_000_000), ("2020", "投资", 1_000_000_000)]
