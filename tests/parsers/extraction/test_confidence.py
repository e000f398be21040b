"""Confidence on every item, calibrated on real articles: items at >= 0.8 are right at least 90%
of the time on the shared corpora - and on articles the calibration never saw (cross-validated)."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT, shared_dir

from parsers.extraction import confidence as conf
from parsers.extraction.clauses import Sentence
from parsers.extraction.extract import extract
from parsers.extraction.mentions import Mention
from parsers.records import Party


def _calibrate():
    spec = importlib.util.spec_from_file_location("bench_calibrate", ROOT / "bench" / "calibrate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_item_has_a_confidence_and_a_basis() -> None:
    text = "浙江省对口帮扶四川省。浙江省向四川省投入东西部协作资金12亿元。"
    ex = extract(None, text)
    assert ex.pairings and ex.funding
    for item in [*ex.pairings, *ex.funding]:
        assert 0 <= item.confidence <= 1 and item.basis


def test_a_funding_basis_rests_on_what_the_amounts_own_words_name() -> None:
    """Both parties next to the figure; the article's pairing (listed, the one it states most);
    a second amount whose giver the sentence names far from it, to a place the lists pair too; a
    pair of two provinces marked apart (a programme's year-end totals mix in other money)."""
    ex = extract(None, "杭州市对口帮扶恩施州。杭州市向恩施州投入东西部协作资金12亿元。")
    assert [f.basis for f in ex.funding] == ["near/place"]
    ex = extract(None, "杭州市对口帮扶恩施州。去年,双方共实施项目120个,合作建设产业园区多个,年内共投入资金5亿元。")
    assert [f.basis for f in ex.funding] == ["listed/main"]
    ex = extract(None, "浙江省对口帮扶四川省。浙江省向四川省投入东西部协作资金12亿元,在四川省的各个县实施了"
                       "大量产业项目和民生工程,其中向凉山州投入3亿元。")
    assert [f.basis for f in ex.funding] == ["near/place/provinces", "listed/other"]


def test_pairs_two_levels_apart_are_a_basis_of_their_own() -> None:
    """A province beside a county (or a district beside a province) is often a stand-in for the pair
    the text means: such pairs are judged apart from pairs of near levels."""
    (wide,) = extract(None, "上海市对口帮扶兰坪白族普米族自治县,双方签订协议。").pairings
    (near,) = extract(None, "杭州市对口帮扶恩施州,双方签订协议。").pairings
    assert wide.basis.endswith("/wide") and not near.basis.endswith("/wide")
    assert conf.level_span("province", "county") == conf.level_span("county", "province") == "/wide"
    assert conf.level_span("province", "prefecture") == conf.level_span("county", None) == ""


def test_first_sight_lowers_a_basis_to_what_it_was_on_sites_never_seen() -> None:
    cal = _calibrate()
    table = cal.calibrate([("pairing", "a", True, 0.0)] * 50 + [("pairing", "b", True, 0.0)] * 50)
    first = [("pairing", "a", True, 0.0)] * 6 + [("pairing", "a", False, 0.0)] * 4
    bounded = cal.bounded_by_first_sight(table, first)
    assert bounded["pairing"]["a"][2] == cal.calibrate(first)["pairing"]["a"][2] < table["pairing"]["a"][2]
    assert bounded["pairing"]["b"] == table["pairing"]["b"]  # not seen on first sight: unchanged


def test_the_reach_counts_characters_from_the_amount_to_each_party() -> None:
    """Both within NEAR characters: near; one of them further: named; one missing: one; none: context."""
    giver = Party(name="甲市", full_name="甲省甲市", code="990100", level="prefecture")
    taker = Party(name="乙县", full_name="乙省乙县", code="980101", level="county")
    text = "甲市" + "向" * 5 + "乙县" + "投" * 40 + "100万元"
    at = text.index("100")

    def sentence(*spans: tuple[int, Party]) -> Sentence:
        ms = [Mention(i, i + 2, text[i : i + 2], party=party) for i, party in spans]
        return Sentence(0, len(text), text, 0, ms)

    assert conf.reach(giver, taker, sentence((0, giver), (7, taker)), at) == "named"
    assert conf.reach(giver, taker, sentence((0, giver), (7, taker), (at - 3, giver)), at) == "named"
    assert conf.reach(giver, taker, sentence((at - 3, giver), (at - 10, taker)), at) == "near"
    assert conf.reach(giver, taker, sentence((0, giver)), at) == "one"
    assert conf.reach(giver, taker, sentence(), at) == "context"
    both = Party(name="甲市、丙市", full_name="甲省甲市、甲省丙市")
    assert conf.reach(both, taker, sentence((at - 3, giver), (at - 10, taker)), at) == "near"
    assert conf.funding_basis(giver, taker, True, True, "near") == "near/place"
    assert conf.funding_basis(None, taker, False, False, "one") == "unlisted/one/none"
    assert conf.funding_basis(Party(name="某公司", full_name="某公司"), taker, True, False, "near") == "near/org"


def test_saved_predictions_are_judged_as_a_fresh_run_is_and_old_ones_get_the_level_span(tmp_path) -> None:
    """--first-seen reads a day's `pairwatch extract` output: the same judgement as running the code now,
    and an output written before bases carried ``/wide`` gets it from the parties' levels."""
    import json

    from parsers.document import parse_document

    cal = _calibrate()
    scorer = cal.load_scorer()
    folder = shared_dir("corpus2")
    paths = sorted((folder / "articles").glob("*.txt"))
    outputs = [parse_document(p.read_bytes(), path=str(p)).to_output() for p in paths]
    assert any(p["basis"].endswith("/wide") for o in outputs for p in o["pairings"])
    saved = tmp_path / "first.jsonl"
    saved.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in outputs), encoding="utf-8")
    fresh = [it for items in cal.judged_articles(scorer, "corpus2").values() for it in items]
    assert sorted(cal.judged_predictions(scorer, folder, saved)) == sorted(fresh)
    for o in outputs:  # as an older commit wrote them
        for p in o["pairings"]:
            p["basis"] = p["basis"].removesuffix("/wide")
    saved.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in outputs), encoding="utf-8")
    assert sorted(cal.judged_predictions(scorer, folder, saved)) == sorted(fresh)


def test_a_basis_the_calibration_never_saw_gets_the_unseen_figure() -> None:
    assert conf.confidence("pairing", "no/such/basis") == conf.UNSEEN


def test_the_lower_bound_is_cautious_on_few_items() -> None:
    cal = _calibrate()
    assert cal.wilson_lower(3, 3) < 0.6 < cal.wilson_lower(95, 100) < 0.95
    assert cal.wilson_lower(0, 10) == 0.0


def test_the_shipped_table_is_well_formed() -> None:
    import tomllib

    data = tomllib.loads(conf.TABLE_FILE.read_text(encoding="utf-8"))
    assert set(data) == {"pairing", "funding"}
    for kind in data.values():
        for row in kind.values():
            assert 0 <= row["confidence"] <= 1 and 0 <= row["right"] <= row["n"]


@pytest.fixture(scope="module")
def by_article(scorer):
    shared_dir("corpus2")
    cal = _calibrate()
    return cal.judged_articles(scorer, "corpus") | cal.judged_articles(scorer, "corpus2")


@pytest.fixture(scope="module")
def judged(by_article):
    return [item for items in by_article.values() for item in items]


@pytest.mark.parametrize("kind", ["pairing", "funding"])
def test_items_at_high_confidence_are_right(judged, kind) -> None:
    """Pairings must reach 0.8.  Funding items may not: with the blind sets of new sites in the
    calibration, no funding basis is right often enough for its 90% lower bound to reach 0.8 (the
    best, an amount with both parties named next to it, is about 85% right), so every funding item
    is left "to check" - and any that reaches 0.8 must be right."""
    high = [right for k, _, right, c in judged if k == kind and c >= 0.8]
    if kind == "pairing":
        assert high, "no pairing reaches 0.8: the calibration table is missing or empty"
    assert not high or sum(high) / len(high) >= 0.9, f"{kind}: {sum(high)}/{len(high)} right at >= 0.8"


@pytest.mark.parametrize(("kind", "floor"), [("pairing", 0.95), ("funding", 0.9)])
def test_items_at_high_confidence_are_right_on_articles_the_calibration_never_saw(by_article, kind, floor) -> None:
    """The promise is about sites never seen: 5-fold by story over both corpora, each fold scored
    with a table from the others.  A tenth of the items at least must reach 0.8 - a basis that
    nothing reaches is safe but useless.  (A fifth did before pairs of two provinces were set
    apart; a blind check on 20 reports from new sites found most of their figures wrong.)"""
    cal = _calibrate()
    story = cal.story_of("corpus") | cal.story_of("corpus2")
    right, n = cal.cross_validated(by_article, story)[kind]
    total = sum(k == kind for items in by_article.values() for k, *_ in items)
    assert n >= total / 10, f"{kind}: only {n} of {total} items reach 0.8 on held-out articles"
    assert right / n >= floor, f"{kind}: {right}/{n} right at >= 0.8 on held-out articles"
