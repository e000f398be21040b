"""Behaviour of the gazetteer of administrative divisions (parsers/extraction/gazetteer.py + data)."""

from __future__ import annotations

from collections import Counter

import pytest

from parsers.extraction.gazetteer import STOP_ALIASES, Gazetteer, Region, _build, _read_table, load_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def only(gaz: Gazetteer, surface: str) -> Region:
    hits = gaz.lookup(surface)
    assert len(hits) == 1, (surface, [r.full_name for r in hits])
    return hits[0]


@pytest.mark.parametrize("surface", ["黔东南州", "黔东南", "黔东南苗族侗族自治州"])
def test_autonomous_prefecture_short_forms(gaz: Gazetteer, surface: str) -> None:
    r = only(gaz, surface)
    assert (r.code, r.name, r.level, r.province) == ("522600", "黔东南苗族侗族自治州", "prefecture", "贵州省")


@pytest.mark.parametrize("surface", ["沿河", "沿河县", "沿河土家族自治县"])
def test_autonomous_county(gaz: Gazetteer, surface: str) -> None:
    r = only(gaz, surface)
    assert r.code == "520627"
    assert r.full_name == "贵州省铜仁市沿河土家族自治县"
    assert r.province == "贵州省"
    assert r.parent == "520600"


@pytest.mark.parametrize(
    ("surface", "code", "name", "province"),
    [
        ("张家港", "320582", "张家港市", "江苏省"),
        ("张家港市", "320582", "张家港市", "江苏省"),
        ("武胜", "511622", "武胜县", "四川省"),
        ("靖江", "321282", "靖江市", "江苏省"),
        ("永寿", "610426", "永寿县", "陕西省"),
        ("湘西州", "433100", "湘西土家族苗族自治州", "湖南省"),
        ("阿坝州", "513200", "阿坝藏族羌族自治州", "四川省"),
        ("兴安盟", "152200", "兴安盟", "内蒙古自治区"),
        ("管城", "410104", "管城回族区", "河南省"),
        ("龙胜", "450328", "龙胜各族自治县", "广西壮族自治区"),
        ("科右前旗", "152221", "科尔沁右翼前旗", "内蒙古自治区"),
        ("井陉矿区", "130107", "井陉矿区", "河北省"),
        ("神农架", "429021", "神农架林区", "湖北省"),
        ("万柏林", "140109", "万柏林区", "山西省"),
    ],
)
def test_short_forms(gaz: Gazetteer, surface: str, code: str, name: str, province: str) -> None:
    r = only(gaz, surface)
    assert (r.code, r.name, r.province) == (code, name, province)


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("广西", "广西壮族自治区"),
        ("内蒙古", "内蒙古自治区"),
        ("新疆", "新疆维吾尔自治区"),
        ("宁夏", "宁夏回族自治区"),
        ("西藏", "西藏自治区"),
        ("贵州", "贵州省"),
        ("上海", "上海市"),
        ("香港", "香港特别行政区"),
    ],
)
def test_province_short_forms(gaz: Gazetteer, surface: str, name: str) -> None:
    r = gaz.lookup(surface)[0]
    assert (r.name, r.level, r.parent, r.province, r.full_name) == (name, "province", None, name, name)


def test_no_single_character_province_abbreviations(gaz: Gazetteer) -> None:
    for abbr in ["浙", "川", "苏", "黔", "沪"]:
        assert gaz.lookup(abbr) == []
    assert all(len(s) >= 2 for s in gaz.surfaces())


def test_prefecture_comes_before_county_sharing_its_short_form(gaz: Gazetteer) -> None:
    hits = gaz.lookup("恩施")
    assert [(r.code, r.level) for r in hits] == [("422800", "prefecture"), ("422801", "county")]
    assert gaz.is_within(hits[1], hits[0])
    assert only(gaz, "恩施州").code == "422800"
    assert only(gaz, "恩施市").code == "422801"


def test_ambiguous_short_forms_are_kept(gaz: Gazetteer) -> None:
    hits = gaz.lookup("朝阳")
    assert len(hits) >= 4
    assert {"辽宁省", "北京市", "吉林省"} <= {r.province for r in hits}
    order = [(["province", "prefecture", "county"].index(r.level), r.code) for r in hits]
    assert order == sorted(order)
    # 河南 is the province first, then 河南蒙古族自治县 in Qinghai
    assert [r.code for r in gaz.lookup("河南")] == ["410000", "632324"]


def test_municipality_districts_do_not_repeat_the_city(gaz: Gazetteer) -> None:
    r = only(gaz, "嘉定区")
    assert (r.full_name, r.province, r.parent) == ("上海市嘉定区", "上海市", "310000")
    assert gaz.parent(r).name == "上海市"
    assert only(gaz, "济源市").full_name == "河南省济源市"


def test_changes_after_the_sources_date(gaz: Gazetteer) -> None:
    assert gaz.by_code("410308").name == "孟津区"
    assert gaz.by_code("513402").name == "会理市"
    assert gaz.by_code("540481").name == "米林市"
    assert gaz.by_code("540581").name == "错那市"
    assert gaz.by_code("659012").full_name == "新疆维吾尔自治区白杨市"
    assert gaz.by_code("653228").full_name == "新疆维吾尔自治区和田地区和康县"
    assert gaz.by_code("653229").name == "和安县"
    for gone in ["410322", "513425"]:
        assert gaz.by_code(gone) is None
    for gone in ["540422", "540530"]:  # abolished since the 2022 list: kept as history
        assert not gaz.by_code(gone).current and gaz.by_code(gone).successor in ("540481", "540581")
        assert gone not in {r.code for r in gaz}


@pytest.mark.parametrize(
    ("former", "code"),
    [
        ("孟津县", "410308"),
        ("会理县", "513402"),
        ("米林县", "540481"),
        ("襄樊", "420600"),
        ("横县", "450181"),
    ],
)
def test_former_names_resolve_to_the_successor(gaz: Gazetteer, former: str, code: str) -> None:
    assert only(gaz, former).code == code


def test_stop_aliases(gaz: Gazetteer) -> None:
    assert gaz.is_stop_alias("合作")
    assert not gaz.is_stop_alias("合作市")
    r = only(gaz, "合作市")
    assert (r.province, r.level) == ("甘肃省", "county")
    assert gaz.lookup("合作") == [r]  # still resolvable; the flag is for the matcher
    for word in ["振兴", "富裕", "城关", "共和", "新华"]:
        assert gaz.is_stop_alias(word)
    for place in ["中山", "沿河", "恩施", "张家港", "朝阳"]:
        assert not gaz.is_stop_alias(place)


def test_every_stop_alias_is_a_surface(gaz: Gazetteer) -> None:
    surfaces = set(gaz.surfaces())
    assert sorted(STOP_ALIASES - surfaces) == []


def test_hierarchy(gaz: Gazetteer) -> None:
    county = gaz.by_code("520627")
    assert [a.code for a in gaz.ancestors(county)] == ["520600", "520000"]
    assert gaz.is_within(county, gaz.by_code("520000"))
    assert gaz.is_within(county, county)
    assert not gaz.is_within(gaz.by_code("520000"), county)
    assert not gaz.is_within(county, gaz.by_code("330000"))
    assert gaz.parent(gaz.by_code("520000")) is None
    assert gaz.by_code("999999") is None
    assert gaz.lookup("不存在的地方") == []


def test_table_integrity(gaz: Gazetteer) -> None:
    regions = list(gaz)
    levels = Counter(r.level for r in regions)
    assert levels["province"] == 34  # 31 mainland + 香港, 澳门, 台湾
    assert 330 <= levels["prefecture"] <= 340
    assert 2840 <= levels["county"] <= 2860
    codes = [r.code for r in regions]
    assert len(set(codes)) == len(codes)
    for r in regions:
        assert len(r.code) == 6 and r.code.isdigit()
        assert r.name not in ("市辖区", "县", "省直辖县级行政区划")
        assert r.name not in r.aliases
        assert gaz.by_code(r.code[:2] + "0000").name == r.province
        if r.level == "province":
            assert r.parent is None and r.code.endswith("0000")
            continue
        parent = gaz.parent(r)
        assert parent is not None, r
        assert parent.code[:2] == r.code[:2]
        assert gaz.ancestors(r)[-1].level == "province"
        assert gaz.ancestors(r)[-1].name == r.province
        if r.level == "prefecture":
            assert parent.level == "province" and r.code.endswith("00")
        else:
            assert parent.level in ("province", "prefecture")
            assert r.full_name.startswith(r.province) and r.full_name.endswith(r.name)


def test_every_surface_resolves(gaz: Gazetteer) -> None:
    for surface in gaz.surfaces():
        hits = gaz.lookup(surface)
        assert hits and all(surface == r.name or surface in r.aliases for r in hits)


def test_load_is_cached() -> None:
    """Loaded once per process; how long a load takes is measured by bench/, not timed here."""
    assert load_gazetteer() is load_gazetteer()
    assert len(list(_build(_read_table()))) == len(list(load_gazetteer()))


def test_former_names_are_marked_as_such(gaz: Gazetteer) -> None:
    r = only(gaz, "平泉县")
    assert r.name == "平泉市" and r.former == ("平泉县",)
    assert gaz.is_former_name(r, "平泉县")
    assert not gaz.is_former_name(r, "平泉")  # a short form is no former name
    assert not gaz.is_former_name(only(gaz, "沿河县"), "沿河县")  # nor is 沿河县 for 沿河土家族自治县
    assert all(set(x.former) <= set(x.aliases) for x in gaz)


@pytest.mark.parametrize(("surface", "code"), [("博州", "652700"), ("锡盟", "152500"), ("克州", "653000")])
def test_press_short_forms(gaz: Gazetteer, surface: str, code: str) -> None:
    assert only(gaz, surface).code == code


def test_mountains_are_not_districts(gaz: Gazetteer) -> None:
    assert gaz.is_stop_alias("天山")
    assert only(gaz, "天山区").code == "650102"


def test_corps_division_cities_are_in_the_gazetteer():
    import csv

    from parsers.extraction.gazetteer import DATA_DIR, load_corps_divisions, load_gazetteer

    gaz = load_gazetteer()
    with open(DATA_DIR / "corps_divisions.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) == len(load_corps_divisions()) == 12
    for row in rows:
        region = gaz.by_code(row["code"])
        assert region is not None and region.name == row["city"], row
        assert load_corps_divisions()[row["division"]] == row["city"]
