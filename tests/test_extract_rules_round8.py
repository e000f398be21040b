"""Rules generalised in the eighth held-out probe round, on sentences written for these tests:
a joint meeting binds two places, 南北挂钩 and the middle dot, A帮扶B、C帮扶D, 两省协作, a report's
own place as the helper of 对口帮扶的Y, corps divisions as their cities, and a front command's name."""

from __future__ import annotations

from parsers.extraction.extract import extract
from parsers.extraction.places import find_parties


def _pairs(body: str, title: str | None = None) -> set[tuple[str, str]]:
    return {(p.donor.full_name, p.recipient.full_name) for p in extract(title, body).pairings}


def test_a_joint_meeting_on_the_tie_binds_the_two_places():
    body = "宁波市鄞州区与丽水市龙泉市在龙泉召开山海协作工作联席会议。"
    assert _pairs(body) == {("浙江省宁波市鄞州区", "浙江省丽水市龙泉市")}


def test_a_meeting_without_a_tie_word_binds_nothing():
    assert _pairs("宁波市鄞州区与丽水市龙泉市在龙泉召开经济工作联席会议。") == set()


def test_south_north_link_after_a_middle_dot():
    body = "无锡·徐州南北挂钩合作座谈会在徐州举行。"
    assert _pairs(body) == {("江苏省无锡市", "江苏省徐州市")}


def test_two_clauses_in_one_list_keep_their_own_helpers():
    body = "在沪滇协作中,杨浦区帮扶普洱市、闵行区帮扶红河州的工作位列前茅。"
    pairs = _pairs(body)
    assert ("上海市杨浦区", "云南省普洱市") in pairs
    assert ("上海市闵行区", "云南省红河哈尼族彝族自治州") in pairs
    assert ("上海市杨浦区", "上海市闵行区") not in pairs
    assert not any(d.startswith("云南省") for d, _ in pairs)


def test_two_provinces_summed_up_with_a_tie():
    assert _pairs("近日,广东、广西两省区协作成效获评优秀等次。") == {("广东省", "广西壮族自治区")}


def test_two_cities_summed_up_without_a_tie_say_nothing():
    assert _pairs("广州、深圳两市经济总量均超过3万亿元。") == set()


def test_a_report_without_a_subject_gives_its_own_place_as_helper():
    body = "关于厦门市2023年财政预算执行情况的报告\n全年安排东西部协作资金2亿元,支持对口帮扶的临夏州发展产业。"
    assert ("福建省厦门市", "甘肃省临夏回族自治州") in _pairs(body)


def test_corps_divisions_without_their_cities_are_those_cities():
    names = [m.party.full_name for m in find_parties("山东省对口支援新疆生产建设兵团第三师、第十二师。")]
    assert names == ["山东省", "新疆维吾尔自治区图木舒克市"]


def test_a_front_command_name_does_not_pair_with_the_whole_region():
    body = "广东省对口支援新疆前方指挥部召开会议。广东省对口支援喀什地区疏附县、伽师县。"
    pairs = _pairs(body)
    assert ("广东省", "新疆维吾尔自治区") not in pairs
    assert ("广东省", "新疆维吾尔自治区喀什地区疏附县") in pairs
