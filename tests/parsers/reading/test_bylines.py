"""Bylines and credits (parsers/reading/bylines.py): labelled bylines and the other ways a page credits
its writers.  Names and lines are written for these tests.
"""

from __future__ import annotations

import pytest

from parsers.reading import bylines


@pytest.mark.parametrize(("line", "names"), [
    ("本报记者罗某某发自北京 23日下午", ["罗某某"]),
    ("新京报记者 彭某 山东某县报道", ["彭某"]),
    ("作者:zboy 阅读(1660) 评论(5)", ["zboy"]),
    ("执笔人：闵某 赵某某 编辑： 吕某", ["闵某", "赵某某"]),
    ("记者从会上获悉，今年以来", []),
    ("5. 任何转载都应注明真实作者和真实出处；", []),
])
def test_labelled_bylines(line, names):
    assert bylines.labelled_writers(line) == names


def test_other_credits():
    assert bylines.closing_credit("……成效明显。（王某 上海报道）") == ["王某"]
    assert bylines.closing_credit("（图）") == [] and bylines.closing_credit("（完）") == []
    assert bylines.poster("由海边的人张贴 @ 2005-06-14 03:25:55") == ["海边的人"]
    assert bylines.poster("发布时间 2005/03/15 22:36:13 by duscha") == ["duscha"]
    assert bylines.editors("（ 责任编辑：魏某 ）") == ["魏某"]
    assert bylines.meta_authors(["赵 培", "www.example.cn; 示例日报社"]) == ["赵培"]
