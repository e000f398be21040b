"""Townships and villages from the statistical lists (parsers/extraction/subcounty.py) and how the
extractor uses them: a bare unit name counts only inside a county the text names.  The sentences
are made up for these tests; the places and codes are real."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from parsers.extraction import subcounty
from parsers.extraction.places import find_parties

YANHE = "520627"  # 沿河土家族自治县: 中界镇 520627110, its 高峰村 520627110217
SHIQIAN = "520623"  # 石阡县: no 高峰村, no 城关镇
SHIBING = "522623"  # 施秉县: has a 城关镇


def locals_of(text: str) -> dict[str, tuple[str, str | None, str]]:
    return {m.party.name: (m.party.full_name, m.party.code, m.party.level)
            for m in find_parties(text) if m.kind == "local"}


def test_bare_village_is_matched_inside_its_named_county() -> None:
    found = locals_of("甲市与沿河县签订结对协议，高峰村的茶园今年扩大了一倍。")
    assert found["高峰村"] == ("贵州省铜仁市沿河土家族自治县中界镇高峰村", "520627110217", "village")


def test_bare_village_is_not_matched_in_a_county_without_it() -> None:
    assert not any(u.name == "高峰村" for u in subcounty.villages_of(SHIQIAN))
    found = locals_of("甲市与石阡县签订结对协议，高峰村的茶园今年扩大了一倍。")
    assert "高峰村" not in found or found["高峰村"][1] is None


def test_bare_village_without_any_county_is_not_matched() -> None:
    assert "高峰村" not in locals_of("甲市签订结对协议，高峰村的茶园今年扩大了一倍。")


def test_township_after_its_county_gets_its_code() -> None:
    found = locals_of("沿河县中界镇新修了一条公路。")
    assert found["中界镇"] == ("贵州省铜仁市沿河土家族自治县中界镇", "520627110", "township")


def test_bare_township_of_a_named_county() -> None:
    found = locals_of("张家港市结对帮扶沿河县，今年又在中界镇建了两个车间。")
    assert found["中界镇"][1] == "520627110"


def test_common_township_name_needs_a_county_that_has_it() -> None:
    assert not any(u.name == "城关镇" for u in subcounty.townships_of(SHIQIAN))
    found = locals_of("石阡县的干部来到城关镇调研。")
    assert found.get("城关镇", ("城关镇", None, "township"))[:2] == ("城关镇", None)
    found = locals_of("施秉县的干部来到城关镇调研。")
    assert found["城关镇"][:2] == ("贵州省黔东南苗族侗族自治州施秉县城关镇", "522623100")


def test_common_name_without_county_has_no_code() -> None:
    assert all(code is None for _, code, _ in locals_of("某公司与城关镇和平村结对。").values())


def test_codes_nest() -> None:
    for county in (YANHE, SHIBING):
        towns = {u.name: u.code for u in subcounty.townships_of(county) if u.code}
        assert all(code.startswith(county) and len(code) == 9 for code in towns.values())
        for v in subcounty.villages_of(county):
            if v.code:
                assert len(v.code) == 12 and v.code.startswith(towns[v.township])


def test_code_of_paths() -> None:
    units = subcounty.county_units(YANHE)
    assert units.code_of(("中界镇",)) == "520627110"
    assert units.code_of(("中界镇", "高峰村")) == "520627110217"
    assert units.code_of(("高峰村",)) == "520627110217"
    assert units.code_of(("不存在的镇",)) is None


def test_villages_load_per_county_on_demand() -> None:
    subcounty.villages_of.cache_clear()
    subcounty.county_units.cache_clear()
    subcounty.townships_of(YANHE)
    subcounty.has_units(SHIQIAN)
    assert subcounty.villages_of.cache_info().currsize == 0  # the township table alone
    subcounty.county_units(YANHE)
    subcounty.county_units(YANHE)
    info = subcounty.villages_of.cache_info()
    assert (info.currsize, info.misses) == (1, 1)
    assert subcounty.villages_of("000000") == ()


def test_unknown_county_has_no_units() -> None:
    assert not subcounty.has_units("000000")
    assert subcounty.county_units("000000").find("高峰村") == []


def _build_script():
    path = Path(__file__).resolve().parents[3] / "tools" / "build_subcounty.py"
    spec = importlib.util.spec_from_file_location("build_subcounty", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("raw", "written"), [
    ("高峰村委会", "高峰村"), ("高峰村村民委员会", "高峰村"), ("多福巷社区居委会", "多福巷社区"),
    ("某某嘎查委员会", "某某嘎查"), ("城关居委会", "城关"), ("某某村民委员会", "某某村"),
])
def test_committee_names_are_cut_to_the_unit(raw: str, written: str) -> None:
    assert _build_script().clean_village(raw) == written


def test_unit_names_that_are_everyday_phrases_are_not_taken_bare() -> None:
    assert any(u.name == "和谐社区" for u in subcounty.villages_of(YANHE))
    assert "和谐社区" not in locals_of("沿河县召开会议。会议提出，构建和谐社区是今年的重点。")


def test_township_whose_name_holds_a_list_word_after_its_county() -> None:
    # 和 also joins lists, so the reader stops at it; the county's lists know 王和镇 and its 王和村
    found = locals_of("某公司向沁源县王和镇王和村捐赠了一批农机。")
    assert found["王和村"] == ("山西省长治市沁源县王和镇王和村", "140431103201", "village")


def test_list_word_after_a_county_still_joins_a_list() -> None:
    # 和 right after the county starts no unit the county's lists lack
    found = locals_of("沁源县和安泽县的干部一起调研。")
    assert not any(name.startswith("和") for name in found)


def test_a_village_written_with_its_type_in_full_is_that_village() -> None:
    found = locals_of("某公司为沿河县中界镇高井行政村、银山行政村捐款。")
    assert found["高井村"] == ("贵州省铜仁市沿河土家族自治县中界镇高井村", "520627110205", "village")
    assert found["银山村"][1] == "520627110204"


def test_a_listed_village_with_its_own_township_is_not_put_under_the_one_before():
    from extraction_helpers import pairs, parties

    text = "杭州市余杭区还与织金县官寨乡龙场村、马场镇新华村等5个村签订帮扶协议。"
    assert ("贵州省毕节市织金县马场镇新华村", "village") in parties(text)
    assert pairs(text) == {("余杭区", "龙场村"), ("余杭区", "新华村")}
    assert ("贵州省毕节市织金县官寨苗族乡古镇村", "village") in parties("织金县官寨乡龙场村、古镇村结对。")


def test_a_village_a_place_is_described_as_is_no_village_of_that_name() -> None:
    # 青龙满族自治县 has a village named 小山村 (娄杖子镇); here the words describe another village
    found = locals_of("青龙满族自治县草碾乡六柱沟村是一个偏远的小山村,由华信集团帮扶。")
    assert "小山村" not in found and "六柱沟村" in found


def test_a_village_written_after_a_bare_township_of_the_named_county_is_read_with_it() -> None:
    found = locals_of("七星关区近年来变化很大,扶贫点清水铺镇青杠林村新修了公路。")
    assert found["青杠林村"][0] == "贵州省毕节市七星关区清水铺镇青杠林村"


def test_a_programme_s_name_is_no_township() -> None:
    assert not locals_of("驻镇帮镇扶村将分类分级帮扶全省1127个乡镇。")


def test_a_township_only_one_county_has_is_placed_there_when_its_prefecture_is_named() -> None:
    text = "宁德市某某学院干部奔赴挂钩帮扶的霍童镇溪南村开展走访。"
    (unit,) = [m.party for m in find_parties(text) if m.kind == "local"]
    assert unit.full_name == "福建省宁德市蕉城区霍童镇溪南村"


def test_a_township_only_one_county_has_stays_unplaced_without_its_province_or_prefecture() -> None:
    (unit,) = [m.party for m in find_parties("干部奔赴挂钩帮扶的霍童镇溪南村开展走访。") if m.kind == "local"]
    assert unit.full_name == "霍童镇溪南村"


def test_a_township_several_counties_have_goes_in_the_county_of_the_article_s_other_units() -> None:
    text = "宁德市某某学院干部奔赴霍童镇溪南村和赤溪镇官岭村开展走访。"
    names = [m.party.full_name for m in find_parties(text) if m.kind == "local"]
    assert names == ["福建省宁德市蕉城区霍童镇溪南村", "福建省宁德市蕉城区赤溪镇官岭村"]


def test_a_common_township_name_after_a_possessive_is_no_township() -> None:
    assert [m for m in find_parties("建设美丽的新城镇。") if m.kind == "local"] == []


def test_a_township_named_for_a_people_written_without_it_is_the_listed_one() -> None:
    (unit,) = [m.party for m in find_parties("大方县百纳乡鸭院村") if m.kind == "local"]
    assert unit.full_name == "贵州省毕节市大方县百纳彝族乡鸭院村" and unit.code == "520521223203"


def test_a_township_written_alone_must_be_one_some_county_has() -> None:
    assert subcounty.is_township_name("霍童镇") and subcounty.is_township_name("百纳乡")  # 百纳彝族乡 without its people
    assert not subcounty.is_township_name("天鹅小镇")
    assert not locals_of("代表团参观了天鹅小镇,并与对口帮扶霍童镇签订协议。").keys() & {"天鹅小镇"}
    assert "霍童镇" in locals_of("代表团参观了天鹅小镇,并与对口帮扶霍童镇签订协议。")


def test_a_verb_after_the_county_is_no_part_of_the_township_s_name() -> None:
    got = locals_of("华信集团在沿河土家族自治县实施中界镇高峰村产业项目。")
    assert got.get("高峰村", ("",))[0].endswith("中界镇高峰村") and not any("实施" in name for name in got)
    assert not locals_of("援藏干部把林芝当故乡。")  # 当 opens no place: 故乡 is no township


def test_a_village_word_inside_a_subdistrict_s_name_is_no_village() -> None:
    got = locals_of("济南市历下区建筑新村街道对口帮扶武隆区桐梓镇。")
    assert "建筑新村街道" in got and "建筑新村" not in got


def test_a_village_of_a_placed_township_s_county_is_read_bare_though_the_county_is_not_written() -> None:
    # 霍童镇 is placed in 蕉城区 (only county with one, under the named 宁德市); 溪南村 later, alone, is its village
    text = "宁德市某某学院干部到霍童镇开展调研。次日,调研组一行又走访了溪南村的种植户。"
    names = {m.party.full_name for m in find_parties(text) if m.kind == "local"}
    assert "福建省宁德市蕉城区霍童镇溪南村" in names
    # without the township nothing places the village: a bare village name is never looked up country-wide
    assert not [m for m in find_parties("调研组一行又走访了溪南村的种植户。") if m.kind == "local"]


def test_a_village_name_opened_by_a_verb_needs_its_county_s_lists() -> None:
    # 建立镇村 (setting up township-village ties) is no village of 常家河镇; 前进村 is a common real name
    names = set(locals_of("福清市高山镇与通渭县常家河镇建立镇村结对帮扶关系。"))
    assert names == {"高山镇", "常家河镇"}
