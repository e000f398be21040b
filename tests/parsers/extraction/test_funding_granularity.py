"""A funding item names the most specific recipient its sentence ties to the money, and a total
for a whole province stays the province's (sentences of our own)."""

from __future__ import annotations

from parsers.extraction.extract import extract


def recipients(text: str) -> dict[int, str | None]:
    return {f.amount_yuan: f.recipient.name if f.recipient else None for f in extract(None, text).funding}


ARTICLE = "江苏省对口帮扶陕西省。"


def test_a_county_named_in_the_amount_s_clause_is_the_recipient() -> None:
    found = recipients(ARTICLE + "延川县幼儿园由苏陕扶贫资金安排300万元,黄龙县福利院由苏陕扶贫资金安排158万元。")
    assert found == {3_000_000: "延川县", 1_580_000: "黄龙县"}


def test_a_province_wide_total_stays_with_the_province() -> None:
    assert recipients(ARTICLE + "江苏省共向陕西省投入东西部协作资金26亿元。") == {2_600_000_000: "陕西省"}


def test_places_in_other_clauses_do_not_narrow_a_total() -> None:
    text = ARTICLE + "这笔资金帮助了延川县和黄龙县的学校,两年共投入陕西省东西部协作资金3亿元。"
    assert recipients(text) == {300_000_000: "陕西省"}
