"""Hostile documents (issue 8, item 2): each ends parsed or failed with a reason, quickly and in bounded memory.

The parser gets bytes as a fetcher or a folder would hand them over; none of these
may crash it, hang it, or make it hold much more than the document itself.
"""

from __future__ import annotations

import gzip
import random
import subprocess
import sys
import threading
import time
import tracemalloc

import pytest
from conftest import ROOT, SEEDS, run_extract, seed_files

from parsers.deadline import (
    MAX_BLOCKS,
    MAX_ELEMENTS,
    MAX_LINE_CHARS,
    MAX_SENTENCES,
    MAX_TEXT_CHARS,
    ParseError,
    check,
    deadline,
)
from parsers.document import MAX_DOCUMENT_BYTES, parse_document
from parsers.reading.decode import decode_bytes
from parsers.records import Extraction

PAIRED = "宁波市对口帮扶延边州，投入帮扶资金300万元。\n"


def _random(n: int) -> bytes:
    return random.Random(8).randbytes(n)


def _page(body: str) -> bytes:
    """A page with a short article (the pairing) and ``body`` beside it."""
    return f"<html><body><h1>示例标题</h1><div class='content'><p>{PAIRED}</p></div>{body}</body></html>".encode()


def _paragraphs(n: int) -> bytes:
    return _page("".join(f"<p>第{i}段，资金。</p>" for i in range(n)))


def _links(n: int) -> bytes:
    return _page("<ul>" + "".join(f"<li><a href='#{i}'>{i}</a></li>" for i in range(n)) + "</ul>")


def _table(rows: int) -> bytes:
    return _page("<table>" + "".join(f"<tr><td>{i}</td><td>项目</td></tr>" for i in range(rows)) + "</table>")


HOSTILE = {
    "empty": b"",
    "nul": b"\x00" * 100_000,
    "random": _random(200_000),
    "deep_html": b"<html><body>" + b"<div>" * 200_000 + PAIRED.encode() + b"</div>" * 200_000 + b"</body></html>",
    "deep_unclosed": b"<html><body>" + b"<span><div>" * 200_000 + PAIRED.encode(),
    "line_5mb": (PAIRED.strip() * 200_000).encode()[: 5 * 1024 * 1024],
    "line_5mb_ascii": b"x" * (5 * 1024 * 1024),
    "digits": ("标题\n" + PAIRED.replace("300万元", "9" * 5000 + "亿元")).encode(),
    "invalid_utf8": PAIRED.encode() * 100 + b"\xff\xfe\xc3\x28" * 1000,
    "mixed": PAIRED.encode() * 50 + "杭州市对口支援阿克苏地区。\n".encode("gb18030") * 50 + "溫州市結對幫扶".encode("big5") * 50,
    "gzip_bomb": gzip.compress(b"\x00" * 100_000_000, 9),
    "over_cap": b"a" * (MAX_DOCUMENT_BYTES + 1),
    "many_paragraphs": _paragraphs(MAX_BLOCKS + 1000),  # one block element each: over the block cap
    "giant_table": _table(MAX_ELEMENTS // 3 + 1000),  # tr, td, td: over the element cap
    "giant_list": _links(MAX_ELEMENTS // 2 + 1000),  # li, a
}
# Just under the HTML caps: every step after them must still end well within the time limit.
UNDER_CAPS = {
    "paragraphs": _paragraphs(MAX_BLOCKS - 1000),
    "table": _table((MAX_BLOCKS - 1000) // 3),
    "links": _links((MAX_ELEMENTS - 1000) // 2),
}


def _outcome(data: bytes, **kw) -> Extraction | ParseError:
    try:
        return parse_document(data, path="hostile", **kw)
    except ParseError as exc:
        return exc


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_document_ends_parsed_or_failed_with_a_reason(name):
    started = time.monotonic()
    out = _outcome(HOSTILE[name], time_limit=10)
    assert time.monotonic() - started < 30, "the time limit did not stop the parser"
    if isinstance(out, ParseError):
        assert str(out).strip(), "a failure must say why"
    else:
        assert isinstance(out, Extraction)
        text = out.article.text + (out.article.title or "")
        for f in out.funding:
            assert f.text in text


@pytest.mark.parametrize("name", ["gzip_bomb", "deep_html", "random", "many_paragraphs", "giant_table", "giant_list"])
def test_memory_stays_bounded(name):
    parse_document(SEEDS.joinpath("004_9cd22f525c7ae7f5.txt").read_bytes())  # lexicons loaded before measuring
    data = HOSTILE[name]
    tracemalloc.start()
    try:
        _outcome(data, time_limit=10)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40 * len(data) + 64 * 2**20, f"{name}: peak {peak / 2**20:.1f} MiB"


@pytest.mark.parametrize("name", ["many_paragraphs", "giant_table", "giant_list"])
def test_a_page_over_the_html_caps_fails_early_with_the_reason(name):
    started = time.monotonic()
    with pytest.raises(ParseError, match=r"elements in the page, over the cap of"):
        parse_document(HOSTILE[name], time_limit=None)  # the caps, not the clock, stop it
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("name", sorted(UNDER_CAPS))
def test_a_page_just_under_the_html_caps_ends_well_within_the_time_limit(name):
    started = time.monotonic()
    out = _outcome(UNDER_CAPS[name], time_limit=None)
    assert time.monotonic() - started < 10, "a page under the caps must not need the time limit"
    if isinstance(out, ParseError):  # more body lines than sentences may be extracted: said at once
        assert "over the cap of" in str(out)
    else:
        assert {(p.donor.name, p.recipient.name) for p in out.pairings}


def test_random_bytes_are_not_text_and_end_at_once():
    data = HOSTILE["random"]
    assert decode_bytes(data).reason.startswith("not text:")
    started = time.monotonic()
    with pytest.raises(ParseError, match="not text"):
        parse_document(data, time_limit=None)
    assert time.monotonic() - started < 10


def test_a_gzip_file_is_bytes_to_the_parser_and_is_not_inflated():
    out = _outcome(HOSTILE["gzip_bomb"])
    if isinstance(out, Extraction):
        assert len(out.article.text) <= len(HOSTILE["gzip_bomb"])  # read as it is, never inflated


def test_caps_give_the_reason():
    with pytest.raises(ParseError, match="one line"):
        parse_document(HOSTILE["line_5mb"])
    with pytest.raises(ParseError, match="character cap"):
        parse_document("a" * (MAX_TEXT_CHARS + 1))
    with pytest.raises(ParseError, match="byte cap"):
        parse_document(HOSTILE["over_cap"])
    long_line = ("示例标题\n" + "甲" * (MAX_LINE_CHARS + 1)).encode()
    with pytest.raises(ParseError, match="over the cap of"):
        parse_document(long_line)


def test_too_many_sentences_is_a_reasoned_failure():
    lines = ["".join(f"第{i * 100 + j}次会议召开。" for j in range(100)) for i in range(MAX_SENTENCES // 100 + 1)]
    with pytest.raises(ParseError, match="sentences, over the cap"):
        parse_document("示例标题\n" + "\n".join(lines), time_limit=None)


def test_a_huge_number_before_yi_is_no_amount_but_the_pairing_stays():
    out = parse_document(HOSTILE["digits"])
    assert out.pairings and all(f.amount_yuan < 10**20 for f in out.funding)


def test_a_few_invalid_bytes_do_not_lose_the_article():
    data = ("示例标题\n" + PAIRED * 3).encode() + b"\xff\xfe\x80" + PAIRED.encode()
    out = parse_document(data)
    assert {(p.donor.name, p.recipient.name) for p in out.pairings}
    assert any(f.amount_yuan == 3_000_000 for f in out.funding)


def test_the_time_limit_works_in_a_worker_thread_and_only_there():
    seed = seed_files()[0].read_bytes()
    results: dict[str, object] = {}

    def run(key: str, limit: float | None) -> None:
        results[key] = _outcome(seed, time_limit=limit)

    threads = [threading.Thread(target=run, args=("tight", 1e-9)), threading.Thread(target=run, args=("free", None))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert isinstance(results["tight"], ParseError) and "time limit" in str(results["tight"])
    assert isinstance(results["free"], Extraction) and results["free"].pairings


def test_a_nested_deadline_never_extends_the_outer_one():
    with deadline(1e-9):
        time.sleep(0.001)
        with deadline(100), pytest.raises(ParseError, match="time limit"):
            check()
    with deadline(None):
        check()  # no limit: never raises
    check()


def test_extract_prints_an_error_line_for_each_hostile_file_and_goes_on(tmp_path):
    names = ["empty", "line_5mb", "deep_html", "random", "gzip_bomb"]
    paths = []
    for name in names:
        path = tmp_path / f"{name}.{'gz' if name == 'gzip_bomb' else 'html'}"
        path.write_bytes(HOSTILE[name])
        paths.append(str(path))
    seed = str(seed_files()[4])
    rows = run_extract(*paths[:3], seed, *paths[3:], code=3)  # some failed, the seed did not
    assert [r["path"] for r in rows] == [*paths[:3], seed, *paths[3:]]
    assert all("error" in r and r["error"] for r in rows[:3])
    assert "error" not in rows[3] and rows[3]["pairings"]
    for r in rows[4:]:
        assert "error" in r or r["pairings"] == []


def test_sql_looking_text_is_stored_verbatim(tmp_path):
    from store import Store

    title = "宁波对口帮扶会议 x' OR 'a'='a -- DROP TABLE articles"
    body = "宁波市对口帮扶延边州,投入帮扶资金300万元。 1' OR '1'='1 ; DELETE FROM funding; --\n"
    ex = parse_document(f"{title}\n2024-05-06\n{body}".encode(), path="sql.txt")
    with Store(f"sqlite:///{tmp_path / 'pw.db'}") as store:
        saved = store.save(ex)
        back = store.get_article(saved.article_id)
        assert store.counts()["articles"] == 1 and store.counts()["funding"] == len(ex.funding) >= 1
    assert back.title == ex.article.title and "DROP TABLE articles" in back.title
    assert back.text == ex.article.text and "DELETE FROM funding; --" in back.text


def test_the_first_document_of_a_process_does_not_pay_for_loading_the_tables():
    # a fresh process loads the gazetteer, jieba's dictionaries and the lexicons on first use (over a
    # second here, far more on a loaded machine): that must not count against its first document
    code = ("import sys; from parsers.document import parse_document; "
            "e = parse_document(open(sys.argv[1], 'rb').read(), path=sys.argv[1], time_limit=0.5); "
            "print(len(e.pairings))")
    done = subprocess.run([sys.executable, "-c", code, str(seed_files()[0])], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-500:]
    assert int(done.stdout.strip()) > 0
