"""Full-width forms (parsers/extraction/widths.py): read like their ASCII twins, reported as the page
wrote them.

All sentences are written for these tests.
"""

from __future__ import annotations

from extraction_helpers import funding_by_text, pairs

from parsers.extraction.extract import extract


def test_full_width_commas_break_clauses_like_ascii_ones():
    body = "2024年，江苏省坚决扛起东西部协作政治责任，与陕西省携手推进乡村振兴，全年投入陕西省财政援助资金28.6亿元。"
    assert ("江苏省", "陕西省") in pairs(body)
    f = funding_by_text(body)["28.6亿元"]
    assert (f.donor.name, f.recipient.name) == ("江苏省", "陕西省")


def test_evidence_and_amounts_keep_the_pages_own_characters():
    """Full-width forms are read like ASCII, but what is reported is the page's text as written."""
    title, body = "杭州市对口帮扶恩施州", "今年，杭州市向恩施州投入帮扶资金１２００万元，支持当地茶叶产业发展。"
    out = extract(title, body)
    [f] = out.funding
    assert (f.amount_yuan, f.text) == (12_000_000, "１２００万元")
    assert f.evidence in body and "，" in f.evidence
    assert out.pairings and all(p.evidence in f"{title}\n{body}" for p in out.pairings)
