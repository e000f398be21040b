"""The topic gate on real pages: every article of the two shared corpora and the seeds is kept
(their hard negatives share the vocabulary), every page of a general-news extraction benchmark
is turned away; and the rules on small texts, so each one can be seen to decide."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import seed_files, shared_dir

from parsers.document import parse_document
from parsers.extraction.topic import topic_verdict


def _verdicts(files: list[Path]) -> dict[str, tuple[bool, tuple[str, ...]]]:
    out = {}
    for f in files:
        article = parse_document(f.read_bytes(), path=str(f)).article
        verdict = topic_verdict(article.title, article.text)
        out[f.name] = (verdict.on_topic, verdict.terms)
    return out


@pytest.mark.parametrize("corpus", ["corpus", "corpus2"])
def test_every_article_of_a_shared_corpus_is_kept(corpus: str) -> None:
    files = sorted(shared_dir(corpus, "articles").glob("*.txt"))
    assert len(files) >= 40
    dropped = {name: terms for name, (kept, terms) in _verdicts(files).items() if not kept}
    assert dropped == {}


def test_every_seed_is_kept() -> None:
    verdicts = _verdicts(seed_files())
    assert len(verdicts) == 5 and all(kept for kept, _ in verdicts.values())


def test_every_general_news_page_of_the_extraction_benchmark_is_turned_away() -> None:
    files = sorted(shared_dir("benchmarks", "zh-web-extraction", "original").glob("*.html"))
    assert len(files) >= 60
    kept = {name: terms for name, (on, terms) in _verdicts(files).items() if on}
    assert kept == {}


def test_one_programme_word_keeps_an_article() -> None:
    verdict = topic_verdict("宁波市召开工作会议", "会议研究了对口支援延边州的下一步安排。")
    assert verdict.on_topic and "对口" in verdict.terms


def test_a_friendship_tie_between_two_regions_is_kept_for_the_extractor_to_judge() -> None:
    assert topic_verdict(None, "甲县与乙县签订协议书，缔结为友好县，开展交流。").on_topic


def test_school_admissions_that_say_duikou_are_turned_away() -> None:
    # 对口招生 uses the word without the programme: blanked as the extractor blanks it
    assert not topic_verdict("职业学校对口招生简章", "今年对口招生计划300人，专业对口就业率高。").on_topic


def test_rural_revitalisation_in_passing_is_not_enough_alone() -> None:
    assert not topic_verdict("城市建设提速", "推进中心城区、县城乡镇、乡村振兴，拓展发展空间。").on_topic


def test_rural_revitalisation_with_investment_drawn_in_is_kept() -> None:
    verdict = topic_verdict("项目集中签约", "现场进行了招商引资集中签约，其中包括乡村振兴全域旅游项目。")
    assert verdict.on_topic and set(verdict.terms) == {"乡村振兴", "招商引资"}
