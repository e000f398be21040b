"""Short names an article defines in brackets (parsers/extraction/aliases.py).

All sentences are written for these tests."""

from __future__ import annotations

from extraction_helpers import pairs

from parsers.extraction.places import find_parties


def parties(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.party.full_name) for m in find_parties(text)]


def test_a_short_name_defined_in_brackets_is_the_party_it_abbreviates_wherever_it_is_written_after():
    text = "广州番禺职业技术学院(以下简称“番职院”)赴连南瑶族自治县开展调研。番职院向寨岗镇捐赠图书。"
    assert ("番职院", "广州番禺职业技术学院") in parties(text)


def test_a_body_named_by_its_short_name_is_the_helper_of_the_place_it_helps():
    text = "广州某某职业技术学院(以下简称“某职院”)召开会议。某职院对口帮扶连南瑶族自治县寨岗镇。"
    assert pairs(text) == {("广州某某职业技术学院", "寨岗镇")}


def test_a_short_name_starting_with_a_place_is_the_body_not_the_place():
    text = "毕节某某酒业有限公司(以下简称毕节某某)与清水铺镇结对。毕节某某为该镇捐赠10万元。"
    found = parties(text)
    assert ("毕节某某", "毕节某某酒业有限公司") in found
    assert not [s for s, full in found if s == "毕节"]


def test_a_bracket_naming_something_else_defines_nothing_for_the_party_before_it():
    text = "兵团第三师(以下简称“工作队”)召开会议。工作队走访了农户。"
    assert not [s for s, _ in parties(text) if s == "工作队"]
