"""``pairwatch export`` round trips: what a CSV, XLSX or JSON-lines export holds, read back with the
csv module, openpyxl and json, equals what the store holds (a real SQLite store filled from the seeds,
one seed also found on a web page)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from types import SimpleNamespace

import pytest
from conftest import SEEDS
from openpyxl import load_workbook
from seeded_store import add_web_copy, ingest_seeds

from digests.filters import NEW, Filters
from digests.stories import is_new
from digests.table import FUNDING_COLUMNS, PAIRING_COLUMNS
from flows.cli import main
from flows.export import CHINA
from store import Store
from store.selection import Selection

WEB = "https://news.example.org/a/4.html"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = ingest_seeds(tmp_path_factory.mktemp("export") / "seeds.db")
    add_web_copy(url, sorted(SEEDS.glob("004_*.txt"))[0], WEB)
    return url


def stored(db: str, keep: Filters | None = None, **selection):
    """What the store holds that the selection and the digest's filters admit: what an export must hold."""
    keep = keep or Filters()
    with Store(db) as store:
        items = store.select(Selection(**selection))
    return SimpleNamespace(pairings=[p for p in items.pairings if keep(p)], funding=[f for f in items.funding if keep(f)])


def export(db: str, *args: str, code: int = 0) -> None:
    assert main(["export", "--db", db, "--quiet", *args]) == code


def read_csv(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would read the Chinese as mojibake"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_of_pairings_holds_every_stored_pairing_with_all_its_sources(db, tmp_path):
    out = tmp_path / "pairings.csv"
    export(db, "--what", "pairings", "--out", str(out))
    rows = read_csv(out)
    items = stored(db).pairings
    assert len(rows) == len(items) > 0
    assert list(rows[0]) == list(PAIRING_COLUMNS)
    for row, item in zip(rows, items, strict=True):
        assert int(row["id"]) == item.id
        assert (row["donor"], row["donor_full_name"], row["donor_code"], row["donor_province"]) == (
            item.donor.name, item.donor.full_name, item.donor.code or "", item.donor.province or "")
        assert (row["recipient"], row["recipient_level"]) == (item.recipient.name, item.recipient.level or "")
        assert row["evidence"] == item.evidence and row["relation"] == item.relation
        assert row["official_programme"] == (item.official.programme if item.official else "")
        assert row["new_pairing"] == str(is_new(item)) and row["seen_reversed"] == str(item.seen_before)
        assert float(row["confidence"]) == item.confidence
        assert row["to_check"] == str(item.confidence < 0.8)
        assert row["source_urls"].split("\n") == [s.url or s.path for s in item.sources]
        assert row["source_titles"].split("\n") == [s.title for s in item.sources]
        assert row["published"] == item.first_published
    web = [r for r in rows if WEB in r["source_urls"].split("\n")]
    assert web and all(int(r["source_count"]) == 2 for r in web)


def test_csv_of_funding_filtered_by_province_and_amount_equals_the_store(db, tmp_path):
    out = tmp_path / "funding.csv"
    export(db, "--what", "funding", "--province", "贵州", "--province", "陕西", "--min-amount", "1亿",
           "--out", str(out))
    rows = read_csv(out)
    items = stored(db, Filters(provinces=("贵州", "陕西"), min_amount=100_000_000)).funding
    assert {f.recipient.province for f in items} == {"贵州省", "陕西省"}  # a repeated filter takes either
    assert [int(r["id"]) for r in rows] == [f.id for f in items] and rows
    assert len(rows) < len(stored(db).funding)
    assert [int(r["amount_yuan"]) for r in rows] == [f.amount_yuan for f in items]
    assert [r["amount_as_written"] for r in rows] == [f.text for f in items]
    assert all(int(r["amount_yuan"]) >= 100_000_000 for r in rows)


def test_xlsx_has_a_frozen_bold_header_sized_columns_and_clickable_sources(db, tmp_path):
    out = tmp_path / "funding.xlsx"
    export(db, "--what", "funding", "--out", str(out))
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[: FUNDING_COLUMNS.index("source_urls")] == list(FUNDING_COLUMNS[: FUNDING_COLUMNS.index("source_urls")])
    assert "source_url_1" in header and "source_url_2" in header and "source_title_1" in header
    assert sheet.freeze_panes == "B2" and all(c.font.bold for c in sheet[1])
    assert sheet.column_dimensions["T"].width > sheet.column_dimensions["A"].width  # evidence wider than id
    items = stored(db).funding
    assert sheet.max_row - 1 == len(items)
    col = {name: i for i, name in enumerate(header)}
    for values, item in zip(sheet.iter_rows(min_row=2), items, strict=True):
        assert values[col["id"]].value == item.id
        assert values[col["amount_yuan"]].value == item.amount_yuan
        assert values[col["evidence"]].value == item.evidence
        urls = [values[col[f"source_url_{i + 1}"]] for i in range(len(item.sources))]
        assert [c.value for c in urls] == [s.url or s.path for s in item.sources]
        for cell, source in zip(urls, item.sources, strict=True):
            assert (cell.hyperlink.target if cell.hyperlink else None) == source.url  # web pages only
    assert any(c.hyperlink and c.hyperlink.target == WEB for row in sheet.iter_rows(min_row=2) for c in row)


def test_json_lines_keep_sources_as_lists_and_new_only_drops_official_pairs(db, tmp_path):
    out = tmp_path / "new.jsonl"
    new = stored(db, Filters(pairings=NEW)).pairings
    recent = stored(db, Filters(pairings=NEW), since=datetime(2020, 1, 1, tzinfo=CHINA)).pairings
    floor = max(p.confidence for p in recent)  # the calibration decides how high new pairings reach: the top ones
    export(db, "--new-only", "--min-confidence", str(floor), "--since", "2020-01-01", "--out", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    items = stored(db, Filters(pairings=NEW), min_confidence=floor, since=datetime(2020, 1, 1, tzinfo=CHINA)).pairings
    assert [r["id"] for r in rows] == [p.id for p in items] and rows
    assert len(rows) < len(new)
    assert all(r["new_pairing"] is True and r["official_programme"] is None for r in rows)
    assert all(r["published"] >= "2020" for r in rows)
    assert all(isinstance(r["source_urls"], list) and r["confidence"] >= floor for r in rows)


def test_articles_and_failures_export_to_stdout(db, capsysbinary):
    export(db, "--what", "articles", "--format", "json", "--out", "-")
    rows = [json.loads(line) for line in capsysbinary.readouterr().out.decode().splitlines()]
    assert len(rows) == 5 and any(WEB in r["locations"] for r in rows)
    export(db, "--what", "failures", "--out", "-")
    assert capsysbinary.readouterr().out.decode("utf-8-sig").splitlines()[0].startswith("location,source,reason")


@pytest.mark.parametrize("args", [
    ["--what", "articles", "--province", "贵州"],  # articles have no province
    ["--what", "pairings", "--min-amount", "300万"],  # pairings have no amount
    ["--what", "funding", "--official"],  # funding is on no list
    ["--what", "funding", "--relation", "对口支援"],
    ["--since", "yesterday"],
    ["--what", "funding", "--min-amount", "lots"],
])
def test_a_filter_that_does_not_apply_or_parse_is_refused_with_status_2(db, tmp_path, args, capsys):
    out = tmp_path / "x.csv"
    export(db, *args, "--out", str(out), code=2)
    assert not out.exists()
    assert capsys.readouterr().err.startswith("pairwatch export: ")


def test_text_that_excel_would_run_stays_text_in_csv_and_xlsx(tmp_path):
    """A title or sentence from a web page beginning with = must not become a formula in Excel."""
    from digest_helpers import make_doc

    db = f"sqlite:///{tmp_path / 'f.db'}"
    body = '=HYPERLINK("https://evil.example/","点击")东川市对口帮扶西岭县。'
    with Store(db) as store:
        store.save(make_doc(body, "https://news.example.cn/a/1.html", title="@SUM(1+1) 标题"))
    export(db, "--out", str(tmp_path / "p.csv"))
    [row] = read_csv(tmp_path / "p.csv")
    assert row["evidence"] == "'" + body and row["source_titles"] == "'@SUM(1+1) 标题"
    export(db, "--out", str(tmp_path / "p.xlsx"))
    sheet = load_workbook(tmp_path / "p.xlsx").active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("evidence") + 1)
    assert cell.value == body and cell.data_type == "s"  # kept exactly, as text
