"""The official pairing lists at work in extraction: orientation, recall of listed partners named
together, and the `official` label (programme, first year, source) - on sentences of our own."""

from __future__ import annotations

from datetime import date

from parsers.extraction.extract import extract
from parsers.extraction.gazetteer import load_gazetteer
from parsers.extraction.mentions import region_party
from parsers.extraction.official import listed_pairs, lookup


def party(name: str, province: str):
    [region] = [r for r in load_gazetteer().lookup(name) if r.province == province]
    return region_party(region)


def pairs(text: str, on: date) -> list[tuple[str, str, str | None]]:
    return [(p.donor.name, p.recipient.name, p.official.programme if p.official else None)
            for p in extract(None, text, published=on).pairings]


def test_a_pair_inside_a_listed_pair_is_covered_in_either_order() -> None:
    district, county = party("西湖区", "浙江省"), party("台江县", "贵州省")  # Hangzhou's district, a county of Qiandongnan
    listed, reverse = lookup(district, county, 2018)
    assert (listed.donor, listed.recipient, reverse) == ("杭州市", "黔东南苗族侗族自治州", False)
    assert lookup(county, district, 2018)[1] is True


def test_a_pair_whose_listing_ended_is_not_official_after_it() -> None:
    assert lookup(party("西湖区", "浙江省"), party("台江县", "贵州省"), 2018) is not None
    assert lookup(party("西湖区", "浙江省"), party("台江县", "贵州省"), 2023) is None


def test_unrelated_regions_are_in_no_list() -> None:
    assert lookup(party("西湖区", "浙江省"), party("海淀区", "北京市"), 2020) is None


def test_a_stated_pairing_carries_its_programme_and_first_year() -> None:
    [(donor, recipient, programme)] = pairs("2022年,浙江省对口帮扶四川省,双方签订东西部协作协议。", date(2022, 5, 1))
    assert (donor, recipient, programme) == ("浙江省", "四川省", "东西部协作")
    [p] = extract(None, "2022年,浙江省对口帮扶四川省,双方签订东西部协作协议。", published=date(2022, 5, 1)).pairings
    assert p.official.since >= 2021 and p.official.source


def test_listed_partners_named_together_about_the_assistance_are_paired_as_the_list_says() -> None:
    found = pairs("2022年,黑龙江省和广东省在哈尔滨召开对口合作座谈会,双方表示要深化合作。", date(2022, 5, 1))
    assert found == [("广东省", "黑龙江省", "对口合作")]


def test_listed_partners_named_together_without_the_assistance_are_not_paired() -> None:
    assert pairs("黑龙江省和广东省的游客人数今年都有增长。", date(2022, 5, 1)) == []


def test_a_county_pair_named_together_is_not_multiplied_across_a_list() -> None:
    """Two districts and two counties of a listed city pair, in one sentence: no cross product."""
    text = "天津市东丽区、西青区干部赴承德市隆化县、兴隆县考察对口帮扶工作。"
    assert len(pairs(text, date(2019, 5, 1))) <= 2


def test_every_listed_programme_has_a_relation() -> None:
    from parsers.extraction.wording.pairing import PROGRAMME_RELATIONS

    assert {p.programme for p in listed_pairs()} <= set(PROGRAMME_RELATIONS)


def test_listed_provinces_named_together_about_the_tie_stay_beside_the_cities_paired_below_them():
    body = "2017年以来,广东、黑龙江持续深化对口合作。广州市与齐齐哈尔市签订对口合作协议。"
    got = {(p.donor.name, p.recipient.name) for p in extract(None, body, published=date(2019, 1, 1)).pairings}
    assert {("广东省", "黑龙江省"), ("广州市", "齐齐哈尔市")} <= got


def test_an_article_naming_both_partners_of_one_listed_pair_apart_states_it():
    body = ("江苏省追加2018年东西部扶贫协作专项资金3000万元。\n"
            "经海东市政府研究,资金全部分配给各县区,其中:乐都区900万元,民和县800万元。")
    r = extract(None, body, published=date(2018, 11, 1))
    assert {(p.donor.name, p.recipient.name) for p in r.pairings} == {("江苏省", "海东市")}


def test_a_meeting_naming_many_partners_apart_states_no_pair():
    body = ("全国东西部协作工作推进会召开,福建省、浙江省、广东省作交流发言。\n"
            "会议还邀请了宁夏回族自治区、四川省、广西壮族自治区、贵州省的代表参加。")
    assert extract(None, body, published=date(2022, 5, 1)).pairings == []


def test_a_province_as_the_helped_side_frames_the_programme_the_listed_partner_inside_it_receives():
    body = ("天津市对口支援新疆前方指挥部今年实施民生项目,投入资金1.6亿元。\n我们在策勒县、于田县、民丰县新建了一批小食堂。\n"
            "和田地区的群众说,变化很大。")
    r = extract(None, body, published=date(2023, 5, 1))
    assert {(p.donor.name, p.recipient.name) for p in r.pairings} == {
        ("天津市", "新疆维吾尔自治区"), ("天津市", "和田地区"), ("天津市", "策勒县"), ("天津市", "于田县"), ("天津市", "民丰县")}
    assert [(f.donor.name, f.recipient.name) for f in r.funding] == [("天津市", "和田地区")]


def test_a_list_of_the_stated_helper_s_listed_partners_names_its_pairings():
    body = "天津市对口支援新疆,援疆干部扎根一线。\n一年来,策勒县、于田县、民丰县建起了一批乡村卫生室。"
    found = pairs(body, date(2023, 5, 1))
    assert {(d, r) for d, r, _ in found} >= {("天津市", "策勒县"), ("天津市", "于田县"), ("天津市", "民丰县")}
    assert all(prog == "对口支援新疆" for d, r, prog in found if r.endswith("县"))


def test_a_list_with_a_place_the_lists_do_not_give_the_helper_is_a_roll_not_its_pairings():
    body = "天津市对口支援新疆,援疆干部扎根一线。\n一年来,策勒县、于田县、墨玉县建起了一批乡村卫生室。"
    assert not any(r.endswith("县") for _, r, _ in pairs(body, date(2023, 5, 1)))


def test_a_list_of_listed_partners_pairs_nothing_without_a_stated_helper():
    body = "新疆和田地区今年推进乡村振兴。\n一年来,策勒县、于田县、民丰县建起了一批乡村卫生室。"
    assert pairs(body, date(2023, 5, 1)) == []


def test_listed_partners_named_in_a_sentence_about_linking_up_are_paired():
    r = extract(None, "为推动辽宁资源对接江苏资本,辽宁省举办招商推介会。", published=date(2019, 5, 1))
    assert {(p.donor.name, p.recipient.name) for p in r.pairings} == {("江苏省", "辽宁省")}


def test_a_source_label_quotes_a_document_title_in_book_marks_and_a_description_in_quotes() -> None:
    from parsers.extraction.official import listed_pairs

    labels = [p.source for p in listed_pairs()]
    assert any("《" in s for s in labels) and any("“" in s for s in labels)
    for s in labels:
        inside = s.split("《", 1)[1].split("》", 1)[0] if "《" in s else ""
        assert not inside or any("\u4e00" <= c <= "\u9fff" for c in inside), s  # 《》 only around Chinese titles
