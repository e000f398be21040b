"""Canonical URLs: what makes two spellings of one page one key, and what must keep two pages apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.urls import canonical_url, clean_url, is_tracking_param

SAME_PAGE = [
    # scheme and host case, default port, www., fragment
    ("HTTP://WWW.Example.GOV.cn:80/xxgk/t2023_1.html#top", "http://example.gov.cn/xxgk/t2023_1.html"),
    ("https://www.example.com:443/a", "https://example.com/a"),
    ("https://example.com", "https://example.com/"),
    ("http://example.com./a", "http://example.com/a"),
    # tracking parameters go, the article id stays
    ("http://news.example.cn/c.jsp?id=123&utm_source=wechat&utm_medium=share", "http://news.example.cn/c.jsp?id=123"),
    ("http://news.example.cn/a.html?spm=a2h0c.8166622&from=timeline&isappinstalled=0", "http://news.example.cn/a.html"),
    ("http://news.example.cn/a.html?fbclid=X1&gclid=Y2&mc_cid=z", "http://news.example.cn/a.html"),
    ("http://news.example.cn/a.html?UTM_CAMPAIGN=x&Spm=1", "http://news.example.cn/a.html"),
    # parameter order does not make two pages
    ("http://example.cn/show?cid=7&id=123", "http://example.cn/show?cid=7&id=123"),
    ("http://example.cn/show?id=123&cid=7", "http://example.cn/show?cid=7&id=123"),
    # WeChat: only the four parameters that select the article
    ("https://mp.weixin.qq.com/s?__biz=MzI1&mid=2247&idx=1&sn=9f3&chksm=ab&scene=21&sessionid=5#wechat_redirect",
     "https://mp.weixin.qq.com/s?__biz=MzI1&idx=1&mid=2247&sn=9f3"),
    # path: dot segments, session ids, escapes of unreserved characters, raw vs escaped Chinese
    ("http://example.cn/a/./b/../c.html", "http://example.cn/a/c.html"),
    ("http://example.cn/a/c.html;jsessionid=0A1B2C?id=4", "http://example.cn/a/c.html?id=4"),
    ("http://example.cn/%7Euser/%61.html", "http://example.cn/~user/a.html"),
    ("http://example.cn/新闻/帮扶.html", "http://example.cn/%E6%96%B0%E9%97%BB/%E5%B8%AE%E6%89%B6.html"),
    ("http://example.cn/%e6%96%b0%e9%97%bb/x", "http://example.cn/%E6%96%B0%E9%97%BB/x"),
    # IDNA host
    ("http://例子.中国/a", "http://xn--fsqu00a.xn--fiqs8s/a"),
    # whitespace inside a link broken over lines
    ("  http://example.cn/a\n/b.html ", "http://example.cn/a/b.html"),
]

DIFFERENT_PAGES = [
    ("http://example.cn/show?id=123", "http://example.cn/show?id=124"),
    ("http://example.cn/Show.html", "http://example.cn/show.html"),  # path case is the server's
    ("http://example.cn/a/", "http://example.cn/a/index.html"),  # usually one page, not always
    ("http://example.cn/a", "http://example.cn/a/"),
    ("http://example.cn/a", "https://example.cn/a"),  # a host may serve only one scheme
    ("http://example.cn:8080/a", "http://example.cn/a"),
    ("http://www2.example.cn/a", "http://example.cn/a"),
    ("http://example.cn/#/detail/1", "http://example.cn/#/detail/2"),  # a client-side route selects the page
    ("http://example.cn/q?kw=%2F", "http://example.cn/q?kw=%2Fx"),
    ("http://example.cn/s?kw=%C9%CF", "http://example.cn/s?kw=%C9%CE"),  # GBK escapes kept byte for byte
]


@pytest.mark.parametrize(("given_url", "expected"), SAME_PAGE)
def test_canonical_form(given_url: str, expected: str) -> None:
    assert canonical_url(given_url) == expected


@pytest.mark.parametrize(("left", "right"), DIFFERENT_PAGES)
def test_different_pages_keep_different_keys(left: str, right: str) -> None:
    assert canonical_url(left) != canonical_url(right)


def test_gbk_escape_survives_unchanged() -> None:
    # parse_qsl would decode %C9%CF as UTF-8 and replace it with U+FFFD; the key keeps the bytes.
    assert canonical_url("http://example.cn/s?kw=%c9%cf&utm_source=x") == "http://example.cn/s?kw=%C9%CF"


def test_clean_url_keeps_host_and_scheme_for_fetching() -> None:
    url = "HTTP://WWW.Example.cn:80/a.html?id=5&utm_source=feed#comments"
    assert clean_url(url) == "http://www.example.cn/a.html?id=5"
    assert canonical_url(url) == "http://example.cn/a.html?id=5"
    assert canonical_url(clean_url(url)) == canonical_url(url)


def test_bare_www_domain_is_not_stripped_to_a_tld() -> None:
    assert canonical_url("http://www.com/a") == "http://www.com/a"


@pytest.mark.parametrize("bad", ["", "   ", "/srv/pages/a.html", "example.cn/a", "ftp://example.cn/a",
                                 "http://", "http://example.cn:99999/", "http://user:pw@example.cn/a"])
def test_bad_input_is_a_clear_error(bad: str) -> None:
    with pytest.raises(ValueError, match=r"URL"):
        canonical_url(bad)


def test_tracking_param_names() -> None:
    assert is_tracking_param("utm_term") and is_tracking_param("SPM") and is_tracking_param("from")
    assert not is_tracking_param("id") and not is_tracking_param("articleId") and not is_tracking_param("page")
    assert is_tracking_param("id", "mp.weixin.qq.com") and not is_tracking_param("sn", "mp.weixin.qq.com")


_segment = st.text(alphabet="abcXYZ019-._~%帮扶", max_size=6)
_urls = st.builds(
    lambda scheme, www, host, port, segs, params, frag: (
        f"{scheme}://{www}{host}{port}/{'/'.join(segs)}"
        + ("?" + "&".join(f"{k}={v}" for k, v in params) if params else "")
        + (f"#{frag}" if frag else "")
    ),
    st.sampled_from(["http", "HTTPS", "Http"]),
    st.sampled_from(["", "www.", "WWW."]),
    st.sampled_from(["example.cn", "News.Example.COM", "a.gov.cn"]),
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.lists(_segment, max_size=4),
    st.lists(st.tuples(st.sampled_from(["id", "utm_source", "from", "p", "spm"]), _segment), max_size=4),
    st.sampled_from(["", "top", "/route/1"]),
)


@given(_urls)
def test_canonical_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert canonical_url(clean_url(url)) == once
    assert "utm_source" not in once and "spm=" not in once
