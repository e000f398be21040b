"""Checks on parsers/data/official_pairings.tsv, the hand-built table of official pairing lists.

Pure and fast: reads two TSV files (and, for one check, the URLs in ../shared), no network, no database.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[3] / "parsers" / "data"
TABLE = DATA / "official_pairings.tsv"
GAZETTEER = DATA / "gazetteer.tsv"

COLUMNS = [
    "programme", "donor", "donor_code", "recipient", "recipient_code", "level",
    "from_year", "to_year", "source_title", "source_issuer", "source_number",
    "source_date", "source_url", "notes",
]
PROGRAMMES = {
    "东西部协作", "对口帮扶贵州", "对口支援西藏", "对口支援新疆",
    "对口支援青海藏区", "对口支援三峡库区", "对口合作", "定点帮扶",
}
LEVELS = {"province", "prefecture", "county"}
BINGTUAN = "新疆生产建设兵团"
_URL = re.compile(r"https?://[^\s\"'<>，。）)]+")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def table() -> list[dict[str, str]]:
    header, rows = _read(TABLE)
    assert header == COLUMNS
    return rows


@pytest.fixture(scope="module")
def gazetteer() -> dict[str, dict[str, str]]:
    _, rows = _read(GAZETTEER)
    return {r["code"]: r for r in rows}


def test_every_line_has_every_column() -> None:
    text = TABLE.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    assert "\r" not in text
    for n, line in enumerate(text.rstrip("\n").split("\n"), 1):
        assert line.count("\t") == len(COLUMNS) - 1, f"line {n}: wrong number of tabs"
        assert all(cell == cell.strip() for cell in line.split("\t")), f"line {n}: stray spaces"


def test_substantial(table: list[dict[str, str]]) -> None:
    assert len(table) >= 150


def test_programme_in_closed_set(table: list[dict[str, str]]) -> None:
    assert {r["programme"] for r in table} <= PROGRAMMES


def test_required_fields(table: list[dict[str, str]]) -> None:
    for r in table:
        for col in ("donor", "recipient", "level", "from_year", "source_title", "source_issuer", "source_date"):
            assert r[col].strip(), f"{r['donor']}->{r['recipient']}: empty {col}"
        assert r["level"] in LEVELS


def test_years(table: list[dict[str, str]]) -> None:
    for r in table:
        assert re.fullmatch(r"(19|20)\d\d", r["from_year"]), r
        assert r["to_year"] == "" or re.fullmatch(r"(19|20)\d\d", r["to_year"]), r
        if r["to_year"]:
            assert int(r["from_year"]) <= int(r["to_year"]), r
        assert re.fullmatch(r"(19|20)\d\d(-\d\d-\d\d)?", r["source_date"]), r
        # from_year is the earliest year the source places the pair in force: never after the source.
        assert int(r["source_date"][:4]) >= int(r["from_year"]), r


def test_no_duplicates(table: list[dict[str, str]]) -> None:
    seen: set[tuple[str, str, str, str]] = set()
    for r in table:
        key = (r["programme"], r["donor"], r["recipient"], r["from_year"])
        assert key not in seen, f"duplicate {key}"
        seen.add(key)


def test_codes_exist_and_match_names(table: list[dict[str, str]], gazetteer: dict[str, dict[str, str]]) -> None:
    for r in table:
        for side in ("donor", "recipient"):
            code, name = r[f"{side}_code"], r[side]
            if not code:
                continue
            assert re.fullmatch(r"\d{6}", code), r
            assert code in gazetteer, f"{name}: {code} not in gazetteer"
            assert gazetteer[code]["name"] == name, f"{code} is {gazetteer[code]['name']}, not {name}"


def test_recipient_level_matches_gazetteer(table: list[dict[str, str]], gazetteer: dict[str, dict[str, str]]) -> None:
    for r in table:
        if r["recipient_code"]:
            assert gazetteer[r["recipient_code"]]["level"] == r["level"], r


def test_uncoded_names_are_explained(table: list[dict[str, str]], gazetteer: dict[str, dict[str, str]]) -> None:
    """A region left without a code must be one the gazetteer cannot hold: a 兵团 division
    (recipient) or a central unit / SOE (donor, 定点帮扶 or a central 对口支援 pair)."""
    names = {g["name"] for g in gazetteer.values()}
    for r in table:
        if not r["recipient_code"]:
            assert r["recipient"].startswith(BINGTUAN), r
            assert r["level"] == "prefecture"
        if not r["donor_code"]:
            assert r["donor"] not in names, f"{r['donor']} is in the gazetteer but has no code"


def test_donor_differs_from_recipient(table: list[dict[str, str]]) -> None:
    for r in table:
        assert r["donor"] != r["recipient"], r


def test_no_row_rests_on_an_article_of_the_shared_test_sets(table: list[dict[str, str]]) -> None:
    """A row sourced from a page the shared corpora hold would feed a test article's answer into the
    extractor (and repeat its text): every source must be a page outside ../shared."""
    shared = Path(__file__).resolve().parents[4] / "shared"
    if not shared.exists():
        pytest.skip(f"{shared} is absent: this check needs ../shared beside the repo")
    found: set[str] = set()
    for path in shared.rglob("*"):
        if path.is_file() and path.suffix in (".txt", ".jsonl", ".json", ".md"):
            found.update(m.group(0).split("://", 1)[1] for m in _URL.finditer(path.read_text(encoding="utf-8",
                                                                                            errors="ignore")))
    cited = [r for r in table if r["source_url"] and r["source_url"].split("://", 1)[-1] in found]
    assert not cited, [(r["donor"], r["recipient"], r["source_url"]) for r in cited]

