"""How parsers/document.py picks the reader for a document: a text that only carries stray tags (an
excerpt with an injected fragment) is read as text, not lost as an HTML page without an article.
The sentences are our own."""

from __future__ import annotations

from parsers.document import parse_document

_TEXT = ("URL: http://news.example.org/a/2021/0824/1.html\n\n"
         "华信集团结对帮扶织金县\n\n"
         '<style id="kq">.x{display:none}</style><p id="kq"></p><meter id="kq"></meter>\n'
         "2021年8月24日\n\n"
         "今年以来,华信集团结对帮扶织金县,向织金县捐赠帮扶资金300万元,用于修建村道。\n\n"
         "双方还签订了产业合作协议,约定在织金县共建茶叶加工厂。\n\n"
         "下一步,华信集团将继续选派干部驻村,帮助当地发展特色种植,拓宽农产品销路,带动更多群众就近就业。\n\n"
         "织金县有关负责人表示,将用好帮扶资金,把村道修好、把茶厂建好,让群众得到实惠。\n")


def test_a_text_carrying_stray_tags_is_read_as_text() -> None:
    got = parse_document(_TEXT, path="a.txt")
    assert "stray_markup" in got.article.flags
    assert [(p.donor.name, p.recipient.name) for p in got.pairings] == [("华信集团", "织金县")]
    assert [(f.amount_yuan, f.donor.name, f.recipient.name) for f in got.funding] == [(3_000_000, "华信集团", "织金县")]
    assert "<" not in got.article.text


def test_a_real_html_page_is_still_read_as_html() -> None:
    page = ("<html><head><title>华信集团结对帮扶织金县</title></head><body><div class='nav'>首页</div>"
            "<div><p>今年以来,华信集团结对帮扶织金县,向织金县捐赠帮扶资金300万元,用于修建村道。</p>"
            "<p>双方还签订了产业合作协议,约定在织金县共建茶叶加工厂。</p></div></body></html>")
    got = parse_document(page, url="http://news.example.org/a/1.html")
    assert "stray_markup" not in got.article.flags
    assert [(f.amount_yuan, f.donor.name) for f in got.funding] == [(3_000_000, "华信集团")]
