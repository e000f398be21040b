"""Which parser reads a document: a site's rules when the URL's host or the page itself
says whose it is, else the generic rules."""

from __future__ import annotations

from parsers.reading.site_rules import SiteRules, load_rules

GENERIC = "generic"


class UnknownParser(ValueError):
    """A parser id that no rule defines."""


def parser_ids() -> list[str]:
    _, sites = load_rules()
    return [GENERIC] + [s.id for s in sites]


def get_rules(parser_id: str) -> SiteRules:
    generic, sites = load_rules()
    if parser_id == GENERIC:
        return generic
    for site in sites:
        if site.id == parser_id:
            return site
    raise UnknownParser(f"no parser named {parser_id!r}; known: {', '.join(parser_ids())}")


def choose(url: str | None, text: str, forced: str | None = None) -> SiteRules:
    """The rules for a document: forced id, else by URL host, else by the page's own markers."""
    if forced and forced != "auto":
        return get_rules(forced)
    generic, sites = load_rules()
    for site in sites:
        if site.matches_host(url):
            return site
    for site in sites:
        if site.matches_text(text):
            return site
    return generic
