"""decode_bytes: declared charsets in order of authority, detection, and never raising."""

from __future__ import annotations

import gzip
import random

import pytest
from conftest import ROOT

from parsers.reading.decode import Decoded, charset_from_content_type, decode_bytes, normalise_charset

REPO = ROOT
BENCH_ORIGINALS = REPO.parent / "shared" / "benchmarks" / "zh-web-extraction" / "original"

# Sentences written for these tests.
PARAGRAPH = (
    "东西部协作是推动区域协调发展的重要举措。近年来，两地围绕产业合作、劳务协作和人才交流持续发力，"
    "帮扶资金逐年增加，一批特色产业项目落地见效，群众收入稳步提高。"
)
TRADITIONAL = "東西部協作是推動區域協調發展的重要舉措，兩地圍繞產業合作持續發力，群眾收入穩步提高。"
GBK_ONLY = "朱镕基和董祎同志出席了对口帮扶座谈会。"  # 镕 and 祎 are in GBK but not in GB2312


def test_gb2312_header_decodes_gbk_only_characters_as_gb18030():
    data = GBK_ONLY.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")
    got = decode_bytes(data, "text/html; charset=gb2312")
    assert got == Decoded(GBK_ONLY, "gb18030", "header")


@pytest.mark.parametrize("label", ["GB2312", "gbk", "GB_2312-80", "x-gbk", "\"gb2312\""])
def test_gbk_family_labels(label):
    got = decode_bytes("对口帮扶".encode("gbk"), f"text/html; charset={label}")
    assert (got.text, got.encoding, got.method) == ("对口帮扶", "gb18030", "header")


def test_meta_charset_and_http_equiv():
    body = f"<p>{PARAGRAPH}</p></body></html>".encode("gbk")
    for head in (b'<html><head><meta charset="gb2312">',
                 b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK">'):
        got = decode_bytes(head + body)
        assert got.method == "meta" and got.encoding == "gb18030"
        assert PARAGRAPH in got.text


def test_meta_beyond_first_4kb_is_not_used_but_detection_still_works():
    data = b"<html><head>" + b" " * 5000 + b'<meta charset="gbk">' + PARAGRAPH.encode("gbk")
    got = decode_bytes(data)
    assert got.method != "meta"
    assert PARAGRAPH in got.text


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16"])
def test_bom(codec):
    got = decode_bytes(PARAGRAPH.encode(codec))
    assert got.method == "bom"
    assert got.text == PARAGRAPH  # BOM removed


def test_bom_beats_a_contradicting_header():
    got = decode_bytes(PARAGRAPH.encode("utf-8-sig"), "text/html; charset=gbk")
    assert (got.text, got.method) == (PARAGRAPH, "bom")


def test_header_agreeing_with_bom_strips_it():
    got = decode_bytes(PARAGRAPH.encode("utf-8-sig"), "text/html; charset=utf-8")
    assert (got.text, got.method) == (PARAGRAPH, "header")


def test_plain_utf8_without_declaration():
    assert decode_bytes(PARAGRAPH.encode("utf-8")) == Decoded(PARAGRAPH, "utf-8", "utf-8")


def test_undeclared_gbk_is_detected():
    got = decode_bytes(PARAGRAPH.encode("gbk"))
    assert (got.text, got.encoding, got.method) == (PARAGRAPH, "gb18030", "detected")


def test_wrong_utf8_header_falls_through():
    got = decode_bytes(PARAGRAPH.encode("gbk"), "text/html; charset=utf-8")
    assert got.method != "header"
    assert got.text == PARAGRAPH


def test_wrong_meta_falls_through_to_detection():
    data = b'<meta charset="utf-8">' + PARAGRAPH.encode("gbk")
    got = decode_bytes(data)
    assert got.method == "detected"
    assert PARAGRAPH in got.text


def test_legacy_declaration_on_valid_utf8_prefers_utf8():
    got = decode_bytes(PARAGRAPH.encode("utf-8"), "text/html; charset=gb2312")
    assert (got.text, got.method) == (PARAGRAPH, "utf-8")


def test_latin1_header_is_not_trusted_for_chinese_bytes():
    got = decode_bytes(PARAGRAPH.encode("gbk"), "text/html; charset=ISO-8859-1")
    assert got.text == PARAGRAPH


@pytest.mark.parametrize("data", [b"", b"\x00", b"\x00" * 1000, b"\xff" * 33, b"\x81", b"\xfe\xff\xd8"])
def test_odd_inputs_never_raise(data):
    got = decode_bytes(data)
    assert isinstance(got.text, str)
    assert got.method in {"header", "bom", "meta", "utf-8", "detected", "fallback", "binary"}


def test_random_bytes_never_raise():
    rng = random.Random(20240601)
    for n in range(300):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        header = rng.choice([None, "text/html", "text/html; charset=gb2312", "text/html; charset=utf-8",
                             "text/html; charset=nonsense-xyz", "charset="])
        assert isinstance(decode_bytes(data, header).text, str), n


def test_charset_helpers():
    assert charset_from_content_type("text/html; Charset='GBK'") == "GBK"
    assert charset_from_content_type("text/html") is None
    assert normalise_charset("gb2312") == "gb18030"
    assert normalise_charset("Big5") == "big5hkscs"
    assert normalise_charset("UTF8") == "utf-8"
    assert normalise_charset("no-such-charset") is None


def test_benchmark_pages_decode_cleanly():
    pages = sorted(BENCH_ORIGINALS.glob("*.html"))
    if not pages:
        pytest.skip(f"benchmark pages not found at {BENCH_ORIGINALS} (../shared absent)")
    for page in pages:
        got = decode_bytes(page.read_bytes())
        ratio = got.text.count("\ufffd") / max(1, len(got.text))
        assert ratio < 0.001, (page.name, got.encoding, got.method, ratio)
        assert got.method != "binary" and got.reason is None, (page.name, got.reason)


@pytest.mark.parametrize("kind", ["random", "nul", "gzip", "invalid"])
def test_bytes_that_are_no_text_decode_to_nothing_with_a_reason(kind):
    rng = random.Random(8)
    data = {
        "random": rng.randbytes(200_000),
        "nul": b"\x00" * 10_000,
        "gzip": gzip.compress((PARAGRAPH * 200).encode("utf-8")),
        "invalid": (PARAGRAPH.encode("utf-8") + b"\xff\xfe\xc3\x28" * 100) * 20,  # no controls, undecodable
    }[kind]
    for header in (None, "text/html; charset=gbk", "text/html; charset=ISO-8859-1"):
        got = decode_bytes(data, header)
        assert (got.text, got.method) == ("", "binary"), (kind, header)
        assert got.reason and got.reason.startswith("not text:"), got.reason


def test_text_with_a_few_control_or_broken_bytes_is_still_text():
    for codec, text in (("gbk", PARAGRAPH), ("big5", TRADITIONAL), ("utf-8", PARAGRAPH)):
        data = f"<html><body><p>{text * 10}</p></body></html>".encode(codec)
        damaged = data[:301] + b"\x00\x01\x08\xff" + data[301:] + b"\x1a"
        got = decode_bytes(damaged)
        assert got.method != "binary" and got.reason is None, codec
        assert text in got.text, codec


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_utf16_pages_with_their_nul_bytes_are_text(codec):
    page = "<html><body><p>" + PARAGRAPH * 5 + "</p></body></html>"
    header = None if codec == "utf-16" else f"text/html; charset={codec}"  # a BOM, or the header says so
    got = decode_bytes(page.encode(codec), header)
    assert got.method != "binary" and got.text == page


def test_iso2022_escapes_are_not_control_bytes():
    data = ("<p>" + PARAGRAPH * 5 + "</p>").encode("iso2022_jp_2", errors="ignore")
    assert decode_bytes(data, "text/html; charset=iso-2022-jp-2").method == "header"
