"""The shipped catalogue of real sources (catalogue/sources.toml): it loads under the strict
loader, every entry cites a real article URL of its site that its own pattern takes, and it
covers enough distinct sites to be worth monitoring."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from conftest import ROOT

from fetching.crawl import article_links
from fetching.sources import load_sources

CATALOGUE = ROOT / "catalogue" / "sources.toml"
_SECOND_LEVEL = {"com.cn", "gov.cn", "org.cn", "net.cn", "edu.cn"}


def _examples() -> dict[str, str]:
    """Each entry's ``# example: URL`` comment, by source name (the loader never sees comments)."""
    out = {}
    for block in CATALOGUE.read_text(encoding="utf-8").split("[[source]]")[1:]:
        name = re.search(r'^name = "([^"]+)"', block, re.M)
        example = re.search(r"^# example: (\S+)$", block, re.M)
        assert name, block[:80]
        out[name[1]] = example[1] if example else ""
    return out


def _site(host: str) -> str:
    """The registrable domain: people.com.cn for zj.people.com.cn, news.cn for cq.news.cn."""
    labels = host.split(".")
    keep = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def test_the_catalogue_loads_and_every_pattern_compiles():
    sources = load_sources(CATALOGUE)
    assert all(s.article_re.pattern for s in sources)
    assert not any(s.verified for s in sources)  # nothing was fetched when it was written


def test_every_entry_cites_an_example_article_its_own_pattern_takes_on_its_own_hosts():
    sources = {s.name: s for s in load_sources(CATALOGUE)}
    examples = _examples()
    assert set(examples) == set(sources)
    missing = sorted(name for name, url in examples.items() if not url)
    assert missing == []
    for name, url in examples.items():
        source = sources[name]
        listing = f"<a href='{url}'>example</a>"
        # the crawler's own test of a link: on the source's hosts and matching its pattern
        assert article_links(listing, source.start_urls[0], source) == [url], name
        assert urlsplit(url).hostname in source.hosts, name


def test_it_covers_at_least_forty_sources_on_thirty_distinct_sites():
    sources = load_sources(CATALOGUE)
    hosts = {h for s in sources for h in s.hosts}
    sites = {_site(h) for h in hosts}
    assert len(sources) >= 40 and len(hosts) >= 30 and len(sites) >= 30, (len(sources), len(hosts), len(sites))


def test_a_pattern_does_not_take_a_site_front_page_or_a_listing():
    for source in load_sources(CATALOGUE):
        for start in source.start_urls:
            root = f"{urlsplit(start).scheme}://{urlsplit(start).netloc}/"
            assert not source.article_re.search(start) and not source.article_re.search(root), source.name


def test_no_example_is_taken_from_the_test_corpora():
    """The examples come from public reports, never from other people's pages kept under ../shared:
    an article address there is part of a test corpus, not something to ship."""
    from conftest import shared_dir

    shared = shared_dir()
    texts = [p.read_text(encoding="utf-8", errors="ignore") for p in shared.rglob("*")
             if p.is_file() and p.suffix in (".txt", ".jsonl", ".json", ".html", ".htm", ".md")]
    taken = [url for url in _examples().values() if url and any(url in t for t in texts)]
    assert taken == []
