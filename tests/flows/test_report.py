"""``pairwatch report``: checks before it reads, and an atlas folder that carries everything it needs
(pages, script, ECharts with its licence) and is rewritten, not added to, by the next run."""

from __future__ import annotations

import json
import re

from digest_helpers import fill, make_doc

from flows.cli import main
from store import Store
from store.selection import Selection


def _atlas_data(page) -> dict:
    text = page.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script id="atlas-data" type="application/json">(.*?)</script>', text, re.S)[1])


def test_report_writes_a_self_contained_atlas_of_the_store(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    with Store(db) as store:
        fill(store)
        items = store.select(Selection())
    out = tmp_path / "atlas"
    assert main(["report", "--db", db, "--out", str(out)]) == 0
    assert "atlas: 3 pairings, 2 funding, 2 province pages" in capsys.readouterr().out
    assets = {p.name for p in (out / "assets").iterdir()}
    assert {"atlas.js", "atlas.css", "echarts.min.js", "echarts-LICENSE", "echarts-NOTICE"} <= assets
    data = _atlas_data(out / "index.html")
    assert [p["id"] for p in data["pairings"]] == [p.id for p in items.pairings]
    assert sum(link["value"] for link in data["flows"]) == len(items.pairings)
    assert sum(total for _, _, total in data["by_year"]) == sum(f.amount_yuan for f in items.funding)
    kinds = {f.kind for f in items.funding}
    assert {kind for _, kind, _ in data["by_year"]} == kinds  # each kind of money apart, never one sum
    html = (out / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="(https?:)?//', html), "the index must not load anything from the network"
    summary = re.search(r"funding items[^<]*", html).group(0)
    assert all(f"{kind} " in summary for kind in kinds) and "by kind" in summary, summary


def test_a_second_report_replaces_the_first(tmp_path):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    with Store(db) as store:
        fill(store)
    out = tmp_path / "atlas"
    stale = out / "province-000000000000.html"
    out.mkdir()
    stale.write_text("old")
    assert main(["report", "--db", db, "--out", str(out), "--quiet"]) == 0
    pages = sorted(p.name for p in out.glob("province-*.html"))
    assert len(pages) == 2 and stale.name not in pages
    with Store(db) as store:
        store.save(make_doc("东川市对口帮扶西岭县又一年。", "https://news.example.cn/a/9.html"))
    assert main(["report", "--db", db, "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.glob("province-*.html")) == pages


def test_report_refuses_a_file_for_a_folder_before_reading(tmp_path, capsys):
    target = tmp_path / "index.html"
    target.write_text("x")
    assert main(["report", "--db", str(tmp_path / "none.db"), "--out", str(target)]) == 2
    assert "is a file" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
