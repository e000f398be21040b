"""The reporting body's own place: 我市 / 我区, 全市 / 全县 and a report without a subject mean the
place the title or the article's pairing names, on the giving or the receiving side.

All sentences are written for these tests.
"""

from __future__ import annotations

from extraction_helpers import full_pairs, funding_by_text, ordered_full_pairs, pairs


def test_wo_qu_is_the_district_the_title_names():
    title = "昆山市2023年东西部协作工作总结"
    body = "2023年,我市与碧江区携手推进乡村振兴。全年向碧江区拨付财政帮扶资金8300万元。"
    assert ("昆山市", "碧江区") in pairs(body, title)
    assert funding_by_text(body, title)["8300万元"].donor.name == "昆山市"


def test_a_report_without_a_subject_gives_its_own_place_as_helper():
    body = "关于厦门市2023年财政预算执行情况的报告\n全年安排东西部协作资金2亿元,支持对口帮扶的临夏州发展产业。"
    assert ("福建省厦门市", "甘肃省临夏回族自治州") in full_pairs(body)


def test_whole_city_in_the_helpers_own_report_is_the_helper():
    title = "宁波市召开东西部协作工作总结会"
    body = "会议指出,全市坚决扛起对口帮扶黔西南州的政治责任,全市共向黔西南州拨付财政帮扶资金9.8亿元。"
    assert ordered_full_pairs(body, title) == [("浙江省宁波市", "贵州省黔西南布依族苗族自治州")]
    assert funding_by_text(body, title)["9.8亿元"].donor.full_name == "浙江省宁波市"


def test_receiving_with_no_taker_written_goes_to_the_givers_partner():
    title = "石阡县东西部协作工作再结硕果"
    body = "2024年,吴中区与石阡县携手推进东西部协作。全县共争取吴中区财政援助资金5100万元。"
    f = funding_by_text(body, title)["5100万元"]
    assert (f.donor.name, f.recipient.name) == ("吴中区", "石阡县")
