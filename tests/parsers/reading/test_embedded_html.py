"""A text dump whose article is an escaped HTML string (a news app's page) is read for its text
(parsers/reading/embedded.py); the sentences are our own."""

from __future__ import annotations

import json

from parsers.document import parse_document
from parsers.reading.embedded import embedded_html_text, has_embedded_html

_HTML = ('<img src="http://img.example.org/a.jpg" alt="图片来源:松岭日报"><p><strong>华信集团结对帮扶织金县,'
         '今年向织金县捐赠资金300万元,用于修建村道。</strong></p><p>双方还签订了产业合作协议。</p>')
ESCAPED = json.dumps(_HTML).replace("<", "\\u003C").replace(">", "\\u003E").replace("/", "\\u002F")


def test_escaped_markup_is_found_only_where_there_is_some() -> None:
    assert has_embedded_html(ESCAPED)
    assert not has_embedded_html("华信集团结对帮扶织金县。")


def test_the_escaped_html_is_read_a_block_a_line_without_tags_or_image_texts() -> None:
    lines = embedded_html_text(ESCAPED).splitlines()
    assert lines == ["华信集团结对帮扶织金县,今年向织金县捐赠资金300万元,用于修建村道。", "双方还签订了产业合作协议。"]


def test_a_text_dump_holding_the_string_on_one_line_is_parsed_and_extracted() -> None:
    got = parse_document(f"URL: http://app.example.org/a/1\n\n{ESCAPED}\n", path="a.txt")
    assert [(f.amount_yuan, f.donor.name, f.recipient.name) for f in got.funding] == [(3000000, "华信集团", "织金县")]
