"""Organisation names that are names: never opened by a time phrase, a preposition, a pronoun or a
verb (sentences of our own)."""

from __future__ import annotations

import pytest

from parsers.extraction.places import find_parties


def orgs(text: str) -> list[str]:
    return [m.party.name for m in find_parties(text) if m.kind == "org"]


@pytest.mark.parametrize("text,name", [
    ("自某某矿业(集团)有限责任公司向商都县捐赠物资。", "某某矿业(集团)有限责任公司"),
    ("近年来某某建设集团安排资金支持云南。", "某某建设集团"),
    ("今年某某投资(集团)有限公司捐资助学。", "某某投资(集团)有限公司"),
    ("按照华信集团的计划,明年完成搬迁。", "华信集团"),
    ("根据松岭农产品商会统计,销售额增长三成。", "松岭农产品商会"),
])
def test_a_name_starts_after_time_phrases_and_prepositions(text, name) -> None:
    assert orgs(text) == [name]


def test_a_verb_and_a_bare_organisation_word_make_no_name() -> None:
    assert orgs("中国农业大学充分发挥学校优势,援建了教学楼。") == ["中国农业大学"]


def test_a_name_starts_after_the_verb_of_whoever_mobilised_it() -> None:
    assert orgs("县工商联发动某某建材有限公司捐赠8万元。")[-1] == "某某建材有限公司"


def test_a_name_may_start_with_a_place_whose_first_character_is_a_joining_word():
    assert "和田地区人民医院" in [m.party.name for m in find_parties("天津市派出医生支援和田地区人民医院。")]


def test_a_body_written_before_zhishu_is_a_modifier_not_a_party() -> None:
    assert "教育部" not in orgs("5所教育部直属高校参与了帮扶。")


def test_a_name_starts_after_laizi() -> None:
    assert orgs("来自松岭师范学院的干部到村任职。") == ["松岭师范学院"]


def test_an_amount_s_unit_is_no_part_of_a_name() -> None:
    assert all(not n.startswith(("万", "元", "亿")) for n in orgs("近日,华信集团捐资1.5万元修缮罗定市连城村小学设施。"))
    assert all(not n.startswith(("万", "元", "亿")) for n in orgs("华信集团出资3亿元建设松岭县第一中学。"))


def test_a_scope_with_a_kind_of_body_is_no_name() -> None:
    found = orgs("镇坪县人民医院和华信医院签订了“军队医院对口支援西部地区县医院”协议。")
    assert "西部地区县医院" not in found and "镇坪县人民医院" in found


@pytest.mark.parametrize("text,name", [
    ("各方在某某市某某县举行华信集团结对帮扶签约仪式。", "华信集团"),
    ("会上,某某省领导强调华信集团要在当地创出扶贫样板。", "华信集团"),
])
def test_a_name_starts_after_a_verb_of_an_event_or_of_speech(text, name) -> None:
    assert orgs(text) == [name]


def test_a_political_consultative_committee_and_a_democratic_party_after_their_region_are_bodies() -> None:
    assert orgs("贵州省政协定点帮扶榕江县。") == ["贵州省政协"]
    assert orgs("福建民建对口帮扶黔西县。") == ["福建民建"]
    # a member's title is no body; the national committee is the national body, of no region
    assert orgs("市政协副主席带队考察。") == []
    assert orgs("全国政协历来重视毕节扶贫工作。") == ["全国政协"]


def test_a_known_body_is_no_short_form_of_a_longer_name_that_holds_its_characters() -> None:
    # 南京大学 and 南京农业大学 are two universities, though the one's characters are in the other in order
    text = "南京大学、南京农业大学联合举办展销会。来自南京大学定点扶贫的双柏县的农产品进校园。"
    assert [m.party.full_name for m in find_parties(text) if m.kind == "org"] == ["南京大学", "南京农业大学", "南京大学"]


def test_a_group_s_own_report_names_it_jituan_gongsi_at_the_start_of_a_clause() -> None:
    text = "中国五矿在会上获奖。2016年,集团公司定点帮扶镇雄县。"
    assert [(m.surface, m.party.full_name) for m in find_parties(text) if m.kind == "org"] == [
        ("中国五矿", "中国五矿集团有限公司"), ("集团公司", "中国五矿集团有限公司")]
    # inside a name it is no reference (某某集团公司 is a company of its own)
    assert [m.surface for m in find_parties("中国五矿获奖。某某集团公司定点帮扶镇雄县。") if m.kind == "org"] == [
        "中国五矿", "某某集团公司"]
