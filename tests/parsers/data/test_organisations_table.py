"""Validity of the organisation lexicon parsers/data/organisations.tsv (see parsers/data/README.md)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from parsers.extraction.gazetteer import _read_table

TABLE = Path(__file__).resolve().parents[3] / "parsers" / "data" / "organisations.tsv"
README = TABLE.parent / "README.md"
HEADER = ["name", "kind", "aliases", "region_code", "source"]
KINDS = frozenset(
    {"central_soe", "ministry", "central_unit", "bank", "university", "provincial_soe", "social_org", "other"})
_HAN_NAME = re.compile(r"[\u4e00-\u9fff（）()\[\]·]+")


def _rows() -> list[dict[str, str]]:
    text = TABLE.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    assert reader.fieldnames == HEADER
    return list(reader)


ROWS = _rows()


def aliases(row: dict[str, str]) -> list[str]:
    return row["aliases"].split("|") if row["aliases"] else []


def _gazetteer_surfaces() -> tuple[set[str], set[str]]:
    """Every name, alias and former name of the gazetteer, and its codes."""
    rows = list(csv.DictReader(io.StringIO(_read_table()), delimiter="\t", quoting=csv.QUOTE_NONE))
    surfaces: set[str] = set()
    for r in rows:
        surfaces.add(r["name"])
        surfaces.update(a for a in r["aliases"].split("|") if a)
        surfaces.update(a for a in r["former"].split("|") if a)
    return surfaces, {r["code"] for r in rows}


GAZ_SURFACES, GAZ_CODES = _gazetteer_surfaces()


def test_every_row_is_complete_and_clean() -> None:
    for row in ROWS:
        assert None not in row and None not in row.values(), row  # no row with too many or too few columns
        for field, value in row.items():
            assert value == value.strip(), (field, row)
        assert _HAN_NAME.fullmatch(row["name"]), row["name"]


def test_kinds_are_the_closed_set() -> None:
    assert {row["kind"] for row in ROWS} <= KINDS


def test_readme_documents_every_kind() -> None:
    text = README.read_text(encoding="utf-8")
    for kind in KINDS:
        assert f"`{kind}`" in text, kind


def test_no_duplicate_names() -> None:
    dupes = [n for n, c in Counter(row["name"] for row in ROWS).items() if c > 1]
    assert not dupes


def test_every_row_has_a_source() -> None:
    assert all(row["source"] for row in ROWS)


def test_aliases_are_well_formed() -> None:
    for row in ROWS:
        als = aliases(row)
        assert all(als), row  # no empty alias from a stray or doubled |
        assert len(als) == len(set(als)), row
        assert row["name"] not in als, row
        for a in als:
            assert _HAN_NAME.fullmatch(a), (a, row["name"])


def test_no_alias_shorter_than_two_characters() -> None:
    short = [(a, row["name"]) for row in ROWS for a in aliases(row) if len(a) < 2]
    assert not short


def test_no_alias_names_two_organisations() -> None:
    owner: dict[str, str] = {row["name"]: row["name"] for row in ROWS}
    clashes = []
    for row in ROWS:
        for a in aliases(row):
            if a in owner and owner[a] != row["name"]:
                clashes.append((a, owner[a], row["name"]))
            owner.setdefault(a, row["name"])
    assert not clashes


def test_no_alias_is_a_region_name() -> None:
    clashes = [(a, row["name"]) for row in ROWS for a in aliases(row) if a in GAZ_SURFACES]
    assert not clashes


def test_region_codes_are_gazetteer_codes() -> None:
    for row in ROWS:
        code = row["region_code"]
        if code:
            assert re.fullmatch(r"\d{6}", code), row
            assert code in GAZ_CODES, row


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("一汽", "中国第一汽车集团有限公司"),
        ("宝武", "中国宝武钢铁集团有限公司"),
        ("中石油", "中国石油天然气集团有限公司"),
        ("中国移动", "中国移动通信集团有限公司"),
        ("国家林草局", "国家林业和草原局"),
        ("工行", "中国工商银行股份有限公司"),
        ("国开行", "国家开发银行"),
        ("农发行", "中国农业发展银行"),
        ("北大", "北京大学"),
        ("中国扶贫基金会", "中国乡村发展基金会"),
    ],
)
def test_known_short_forms(surface: str, name: str) -> None:
    assert [row["name"] for row in ROWS if surface in aliases(row)] == [name]


def test_coverage() -> None:
    kinds = Counter(row["kind"] for row in ROWS)
    assert kinds["central_soe"] >= 95  # the SASAC list: 97-99 groups since 2022
    assert kinds["ministry"] >= 26  # at least the 国务院组成部门
    assert kinds["university"] >= 75  # at least the 教育部直属高校
