"""Validity periods and code lineage of the gazetteer (parsers/data/gazetteer.tsv, README there).

Sentences are made up for the tests.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from parsers.extraction.extract import extract
from parsers.extraction.gazetteer import Gazetteer, _read_table, load_gazetteer
from parsers.extraction.places import find_parties

BEFORE = date(2024, 6, 1)  # before 两江新区 (2025-11-06), 岑岭县 (2026-03-26), 草湖市 (2026-04)
AFTER = date(2026, 6, 1)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _parties(text: str, on: date | None) -> dict[str, tuple[str, str, str | None]]:
    """surface -> (party name, full name, code) of every division found."""
    return {
        m.surface: (m.party.name, m.party.full_name, m.party.code)
        for m in find_parties(text, on=on)
        if m.kind == "region"
    }


# --- a renamed or merged division written with its old name -------------------------------


def test_old_district_before_the_change_keeps_its_name_and_leads_to_todays_code() -> None:
    got = _parties("去年春天，重庆市渝北区的农技人员来到岳普湖县传授大棚技术。", BEFORE)
    assert got["渝北区"] == ("渝北区", "重庆市渝北区", "500157")


def test_old_short_form_before_the_change_is_the_division_as_it_then_was(gaz: Gazetteer) -> None:
    (r,) = gaz.resolve("渝北", on=BEFORE)
    assert (r.code, r.name, r.valid_to, r.lineage) == ("500112", "渝北区", date(2025, 11, 6), "500157")
    assert [x.code for x in gaz.successor_chain(r)] == ["500157"]


def test_old_name_after_the_change_still_resolves_to_its_successor(gaz: Gazetteer) -> None:
    (r,) = gaz.resolve("渝北区", on=AFTER)
    assert (r.code, r.name) == ("500157", "两江新区")
    assert gaz.is_former_name(r, "渝北区")
    assert dict(r.former_until)["渝北区"] == date(2025, 11, 6)
    got = _parties("原渝北区的一所中学与叶城县一所中学结成对子。", AFTER)
    assert got["渝北区"] == ("渝北区", "重庆市渝北区", "500157")


def test_an_old_name_shared_with_another_division_stays_ambiguous_in_both_periods(gaz: Gazetteer) -> None:
    for on in (BEFORE, AFTER, None):
        assert sorted(r.lineage for r in gaz.resolve("江北区", on=on)) == ["330205", "500157"]
    got = _parties("重庆市江北区的教师赴巴楚县支教。", BEFORE)
    assert got["江北区"] == ("江北区", "重庆市江北区", "500157")


def test_a_recoded_county_before_its_change(gaz: Gazetteer) -> None:
    (r,) = gaz.resolve("米林县", on=date(2022, 5, 1))
    assert (r.code, r.successor, r.lineage) == ("540422", "540481", "540481")
    (now,) = gaz.resolve("米林县", on=AFTER)
    assert (now.code, now.name) == ("540481", "米林市")
    assert [x.code for x in gaz.resolve("米林市", on=date(2022, 5, 1))] == ["540481"]  # same unit


def test_former_names_from_the_change_history_keep_resolving(gaz: Gazetteer) -> None:
    for on in (date(2010, 1, 1), AFTER, None):
        (r,) = gaz.resolve("平泉县", on=on)
        assert r.code == "130881"
    assert dict(gaz.by_code("130881").former_until)["平泉县"] == date(2017, 4, 3)


# --- new divisions of 2025-26 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "code", "full_name", "since"),
    [
        ("两江新区", "500157", "重庆市两江新区", date(2025, 11, 6)),
        ("岑岭县", "653132", "新疆维吾尔自治区喀什地区岑岭县", date(2026, 3, 26)),
        ("草湖市", "659013", "新疆维吾尔自治区草湖市", date(2026, 4, 1)),
    ],
)
def test_new_divisions(gaz: Gazetteer, surface: str, code: str, full_name: str, since: date) -> None:
    (r,) = gaz.resolve(surface, on=AFTER)
    assert (r.code, r.full_name, r.valid_from) == (code, full_name, since)
    assert gaz.resolve(surface, on=BEFORE) == []  # not yet set up
    assert gaz.lookup(surface) == [r]


def test_a_new_division_is_found_in_a_2026_article() -> None:
    text = "新设立的岑岭县与广东省佛山市南海区建立对口协作关系，南海区今年安排帮扶资金3000万元。"
    got = _parties(text, AFTER)
    assert got["岑岭县"] == ("岑岭县", "新疆维吾尔自治区喀什地区岑岭县", "653132")
    assert "岑岭县" not in _parties(text, BEFORE)
    found = extract(None, text, published=AFTER)
    codes = {p.code for pairing in found.pairings for p in (pairing.donor, pairing.recipient)}
    assert "653132" in codes


def test_the_new_district_is_no_division_before_it_was_set_up() -> None:
    text = "两江新区管委会组织企业赴疏勒县考察。"
    assert "两江新区" in _parties(text, AFTER)
    assert "两江新区" not in _parties(text, BEFORE)


# --- the table itself ----------------------------------------------------------------------


def _rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_read_table()), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_periods_are_ordered_and_successors_exist() -> None:
    rows = _rows()
    by_code = {r["code"]: r for r in rows}
    assert len(by_code) == len(rows)
    for r in rows:
        if r["valid_from"] and r["valid_to"]:
            assert r["valid_from"] < r["valid_to"], r
        assert bool(r["valid_to"]) == bool(r["successor"]), r  # an abolished division has a successor
        if r["successor"]:
            succ = by_code[r["successor"]]
            assert succ["valid_from"] == r["valid_to"], (r, succ)  # the change is one day
            assert succ["level"] == r["level"]
        for entry in filter(None, r["former"].split("|")):
            name, _, until = entry.partition(":")
            assert name in r["aliases"].split("|"), r
            assert not r["valid_to"]
            if until:
                assert until[:4].isdigit() and until <= "2026-12-31", r


def test_lineage_ends_in_a_division_in_force_today(gaz: Gazetteer) -> None:
    for r in _rows():
        region = gaz.by_code(r["code"])
        assert region is not None
        chain = gaz.successor_chain(region)
        end = chain[-1] if chain else region
        assert end.current and end.code == region.lineage


def test_no_duplicate_codes_among_divisions_in_force(gaz: Gazetteer) -> None:
    for on in (date(2022, 12, 31), BEFORE, AFTER):
        valid = [
            r
            for r in _rows()
            if (not r["valid_from"] or r["valid_from"] <= on.isoformat())
            and (not r["valid_to"] or on.isoformat() < r["valid_to"])
        ]
        codes = [r["code"] for r in valid]
        assert len(codes) == len(set(codes))
        names = [(r["parent"], r["name"]) for r in valid]
        assert len(names) == len(set(names)), on
    assert all(r.current for r in gaz)
    assert {r.code for r in gaz} == {r["code"] for r in _rows() if not r["valid_to"]}


def test_a_prefecture_written_as_the_area_it_was_is_found_and_keeps_that_name() -> None:
    """撤地设市: 那曲地区 (a city since 2017-10) and 毕节地区 are today's 那曲市 and 毕节市 by code."""
    r = extract(None, "2010年,浙江省对口支援西藏那曲地区。深圳市对口帮扶贵州毕节地区。", published=date(2010, 5, 1))
    got = {(p.donor.name, p.recipient.name, p.recipient.code) for p in r.pairings}
    assert got == {("浙江省", "那曲地区", "540600"), ("深圳市", "毕节地区", "520500")}


def test_money_for_a_place_and_places_inside_it_is_the_whole_place_s() -> None:
    body = "自1996年福建省对口支援宁夏固原地区及原州、西吉、隆德三县以来,累计投入资金12亿元。"
    (f,) = extract(None, body, published=date(2001, 5, 1)).funding
    assert (f.donor.name, f.recipient.name, f.recipient.code) == ("福建省", "固原地区", "640400")


def test_a_former_name_recalled_years_after_the_change_names_the_division_as_it_is_at_the_article_s_date() -> None:
    body = "1996年,中央明确深圳市对口帮扶贵州毕节地区。"
    (late,) = extract(None, body, published=date(2021, 6, 1)).pairings
    (early,) = extract(None, body, published=date(2005, 6, 1)).pairings
    assert (late.recipient.name, late.recipient.full_name) == ("毕节市", "贵州省毕节市")
    assert (early.recipient.name, early.recipient.full_name) == ("毕节地区", "贵州省毕节地区")
    assert late.recipient.code == early.recipient.code == "520500"


def test_a_county_written_with_its_former_type_keeps_that_name_and_its_code() -> None:
    # 香格里拉县 became 香格里拉市 in 2014; 江宁县 and 六合县 became districts of 南京
    found = {m.surface: m.party for m in find_parties("香格里拉县与江宁县、六合县结对。", on=date(2013, 5, 1))}
    assert found["香格里拉县"].full_name == "云南省迪庆藏族自治州香格里拉县"
    assert found["香格里拉县"].code == load_gazetteer().lookup("香格里拉市")[0].code
    assert {"江宁县", "六合县"} <= set(found)


def test_a_short_form_making_an_everyday_word_with_a_type_is_no_county() -> None:
    assert not find_parties("大城市的企业来到江宁市场。", on=date(2013, 5, 1))
