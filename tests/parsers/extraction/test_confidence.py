"""Confidence on every item, calibrated on real articles: items at >= 0.8 are right at least 90%
of the time on the shared corpora."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT, shared_dir

from parsers.extraction import confidence as conf
from parsers.extraction.extract import extract


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
def judged(scorer):
    shared_dir("corpus2")
    cal = _calibrate()
    return cal.judged(scorer, "corpus") + cal.judged(scorer, "corpus2")


@pytest.mark.parametrize("kind", ["pairing", "funding"])
def test_items_at_high_confidence_are_right(judged, kind) -> None:
    high = [right for k, _, right, c in judged if k == kind and c >= 0.8]
    assert high, f"no {kind} reaches 0.8: the calibration table is missing or empty"
    assert sum(high) / len(high) >= 0.9, f"{kind}: {sum(high)}/{len(high)} right at >= 0.8"
