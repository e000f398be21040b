"""Development zones named by their own names are parties (parsers/extraction/zones.py), on
sentences of our own."""

from __future__ import annotations

from parsers.extraction.extract import extract
from parsers.extraction.places import find_parties


def names(text: str) -> list[str]:
    return [m.party.name for m in find_parties(text)]


def test_a_zone_named_by_its_own_name_helps_a_township() -> None:
    [p] = extract(None, "青峰保税港区与黄坛镇结成结对帮扶单位。").pairings
    assert (p.donor.name, p.donor.level, p.recipient.name) == ("青峰保税港区", "county", "黄坛镇")


def test_a_zone_grown_out_of_a_city_belongs_to_that_city() -> None:
    [zone] = [m for m in find_parties("泰州港经济开发区重点帮扶永寿县。") if m.surface.endswith("开发区")]
    assert zone.surface == "泰州港经济开发区" and zone.party.full_name == "江苏省泰州市泰州港经济开发区"


def test_a_zone_name_starts_after_a_function_word_or_a_time_phrase() -> None:
    assert "汾湖高新区" in names("记者在汾湖高新区采访。")
    assert "梅山保税港区" in names("今年梅山保税港区捐资修路。")


def test_a_zone_word_inside_a_division_name_is_the_division() -> None:
    assert not [m for m in find_parties("两江新区管委会组织企业赴疏勒县考察。") if m.kind == "local"]


def test_a_long_run_of_characters_before_a_zone_word_is_not_guessed_into_a_name() -> None:
    assert not [m for m in find_parties("当地政府大力支持产业园区建设。") if m.kind == "local"]


def test_a_zone_name_starts_after_the_verb_before_it() -> None:
    body = "大力支持柳湾新区与威宁县和喀左县开展对口帮扶。"
    got = {(p.donor.name, p.recipient.full_name) for p in extract(None, body).pairings}
    assert got == {("柳湾新区", "贵州省毕节市威宁彝族回族苗族自治县"), ("柳湾新区", "辽宁省朝阳市喀喇沁左翼蒙古族自治县")}


def test_a_zone_written_right_after_its_city_lies_in_that_city() -> None:
    [zone] = [m for m in find_parties("成都市青峰新区积极开展帮扶。") if m.kind == "local"]
    assert zone.party.name == "青峰新区" and zone.party.full_name == "四川省成都市青峰新区"


def test_a_zone_s_chamber_of_commerce_takes_the_zone_s_full_name() -> None:
    orgs = [m.party.full_name for m in find_parties("成都市青峰新区工商联组织会员企业捐款。") if m.kind == "org"]
    assert orgs == ["四川省成都市青峰新区工商联"]


def test_a_verb_after_a_city_starts_no_zone_name() -> None:
    assert not [m for m in find_parties("成都市推动新区建设。") if m.kind == "local"]


def test_villages_written_after_a_zone_lie_inside_it() -> None:
    found = {m.surface: m.party for m in find_parties("记者走访了青峰高新区东湖村、西湖村。") if m.kind == "local"}
    assert found["青峰高新区东湖村"].full_name == "青峰高新区东湖村"
    assert found["青峰高新区东湖村"].level == "village"
    assert found["西湖村"].full_name == "青峰高新区西湖村"


def test_villages_of_a_zone_pair_one_to_one_with_respectively() -> None:
    body = ("青峰高新区与沿河县中界镇结对。青峰高新区东湖村、西湖村分别与沿河县中界镇高井村、银山村结对帮扶。"
            "今年，东湖村、西湖村分别向高井村、银山村捐赠帮扶资金5万元。")
    got = {(p.donor.full_name, p.recipient.name) for p in extract(None, body).pairings}
    assert ("青峰高新区东湖村", "高井村") in got and ("青峰高新区西湖村", "银山村") in got
    assert not any(d == "青峰高新区" and r in ("高井村", "银山村") for d, r in got)
    assert ("青峰高新区西湖村", "高井村") not in got


def test_a_place_after_a_zone_and_a_verb_word_is_its_partner_not_inside_it() -> None:
    found = [m.surface for m in find_parties("青峰高新区向东塘镇捐赠物资。") if m.kind == "local"]
    assert "青峰高新区" in found and not any(s.startswith("青峰高新区向") for s in found)


def test_the_zone_word_alone_is_the_one_zone_named_before() -> None:
    text = "记者来到青峰高新区采访。据悉，高新区与黄坛镇结成结对帮扶单位，在高新区党工委领导下开展帮扶。"
    assert [m.party.name for m in find_parties(text) if m.surface.startswith("高新区")] == ["青峰高新区", "青峰高新区"]
    assert {(p.donor.name, p.recipient.name) for p in extract(None, text).pairings} == {("青峰高新区", "黄坛镇")}


def test_the_zone_word_alone_with_two_zones_named_is_nobody() -> None:
    text = "青峰高新区与白云高新区的干部来到黄坛镇。高新区干部走访农户。"
    assert [m.surface for m in find_parties(text) if m.surface == "高新区"] == []


def test_the_zone_word_alone_before_any_zone_is_named_is_nobody() -> None:
    text = "高新区干部走访农户。青峰高新区与黄坛镇结成结对帮扶单位。"
    assert [m.surface for m in find_parties(text) if m.surface == "高新区"] == []


def test_a_township_in_a_zone_named_after_its_city_is_written_under_that_city() -> None:
    [m] = [m for m in find_parties("苏州工业园区娄葑街道与沿河县中界镇结对帮扶。") if m.surface.startswith("苏州")]
    assert (m.party.name, m.party.full_name) == ("娄葑街道", "江苏省苏州市工业园区娄葑街道")
