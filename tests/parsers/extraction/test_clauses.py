"""Clauses and their subjects (parsers/extraction/clauses.py): a clause without its own subject goes
on with the one before (a cue, a helper after a semicolon, a year and a bare predicate), a clause
opening with 与 joins the sentence subject, and two clauses in one list keep their own helpers.

All sentences are written for these tests.
"""

from __future__ import annotations

import pytest
from extraction_helpers import full_pairs, funding_by_text, pairs


@pytest.mark.parametrize(
    "sentence",
    [
        "该县农村居民人均可支配收入增长8.7%,达到1.42万元。",
        "全市地区生产总值同比增长6%,突破850亿元。",
        "脱贫群众务工工资性收入增长12%,增至2.3万元。",
        "村集体经济收入较上年翻一番,达45万元。",
    ],
)
def test_a_subjectless_clause_inherits_the_cue_before_it(sentence):
    body = "宁波市对口帮扶延边州,今年投入帮扶资金6000万元。" + sentence
    money = funding_by_text(body)
    assert set(money) == {"6000万元"}


def test_a_clause_with_its_own_subject_is_judged_on_its_own():
    body = "全县农民人均收入增长9%;宁波市对口帮扶延边州,帮扶资金增长20%,达到6000万元。"
    assert set(funding_by_text(body)) == {"6000万元"}


def test_a_clause_opening_with_yu_joins_the_sentence_subject():
    body = "今年,江阴市认真落实东西部协作部署,与安顺市西秀区、平坝区携手推进乡村振兴。"
    assert pairs(body) == {("江阴市", "西秀区"), ("江阴市", "平坝区")}


def test_a_clause_after_a_semicolon_goes_on_with_its_helper():
    body = "对口支援方面,江苏省对口支援新疆维吾尔自治区克孜勒苏柯尔克孜自治州,安排援疆资金9亿元;对口支援西藏自治区拉萨市,安排援藏资金4亿元。"
    assert {("江苏省", "克孜勒苏柯尔克孜自治州"), ("江苏省", "拉萨市")} <= pairs(body)
    assert funding_by_text(body)["4亿元"].recipient.name == "拉萨市"


def test_a_year_and_a_bare_predicate_go_on_with_the_figure_before():
    body = "2022年,北京市对口支援和田地区墨玉县、洛浦县的援疆资金为8亿元;2023年增至9亿元。"
    money = funding_by_text(body)
    assert money["9亿元"].recipient == money["8亿元"].recipient
    assert "、" in money["9亿元"].recipient.name


def test_two_clauses_in_one_list_keep_their_own_helpers():
    body = "在沪滇协作中,杨浦区帮扶普洱市、闵行区帮扶红河州的工作位列前茅。"
    pairs = full_pairs(body)
    assert ("上海市杨浦区", "云南省普洱市") in pairs
    assert ("上海市闵行区", "云南省红河哈尼族彝族自治州") in pairs
    assert ("上海市杨浦区", "上海市闵行区") not in pairs
    assert not any(d.startswith("云南省") for d, _ in pairs)


def test_a_sentence_that_drops_its_subject_goes_on_with_the_one_before():
    body = "某某银行积极响应精准扶贫政策。该行紧盯群众的困难。2019年从多个方面对东乡县5个村进行帮扶。"
    assert ("某某银行", "东乡族自治县") in pairs(body)


def test_a_dropped_subject_is_not_carried_into_another_paragraph():
    body = "某某银行积极响应精准扶贫政策。\n2019年从多个方面对东乡县5个村进行帮扶。"
    assert pairs(body) == set()
