"""Building and reading extractions in tests: one place for what every extraction test needs.

Each helper runs ``parsers.extraction.extract.extract`` on a body (and optional title) written for
the test and returns the part the test asserts on, in a shape that is easy to compare:

    pairs(body)               {(donor.name, recipient.name), ...}           pairings, short names
    ordered_pairs(body)       [(donor.name, recipient.name), ...]           in the order found
    full_pairs(body)          {(donor.full_name, recipient.full_name), ...}
    ordered_full_pairs(body)  [(donor.full_name, recipient.full_name), ...]
    funding_by_text(body)     {amount as written: Funding}
    funds(body)               [(amount_yuan, donor.full_name, recipient.full_name), ...]  None for no party
    parties(text)             [(full_name, level), ...]                     the parties a text names
    names(party)              (name, full_name), or (None, None) for no party

The body comes first and the title is optional, as in ``extract(title, body)`` read aloud: "this
text, under that headline".
"""

from __future__ import annotations

from parsers.extraction.extract import extract
from parsers.records import Funding, Party


def pairs(body: str, title: str | None = None) -> set[tuple[str, str]]:
    return {(p.donor.name, p.recipient.name) for p in extract(title, body).pairings}


def ordered_pairs(body: str, title: str | None = None) -> list[tuple[str, str]]:
    return [(p.donor.name, p.recipient.name) for p in extract(title, body).pairings]


def full_pairs(body: str, title: str | None = None) -> set[tuple[str, str]]:
    return {(p.donor.full_name, p.recipient.full_name) for p in extract(title, body).pairings}


def ordered_full_pairs(body: str, title: str | None = None) -> list[tuple[str, str]]:
    return [(p.donor.full_name, p.recipient.full_name) for p in extract(title, body).pairings]


def funding_by_text(body: str, title: str | None = None) -> dict[str, Funding]:
    return {f.text: f for f in extract(title, body).funding}


def funds(body: str, title: str | None = None, **kw) -> list[tuple[int, str | None, str | None]]:
    """Funding as (amount, donor's full name, recipient's full name); ``kw`` goes to ``extract``."""
    return [(f.amount_yuan, f.donor.full_name if f.donor else None, f.recipient.full_name if f.recipient else None)
            for f in extract(title, body, **kw).funding]


def parties(text: str) -> list[tuple[str, str | None]]:
    from parsers.extraction.places import find_parties

    return [(m.party.full_name, m.party.level) for m in find_parties(text)]


def names(party: Party | None) -> tuple[str | None, str | None]:
    return (party.name, party.full_name) if party is not None else (None, None)
