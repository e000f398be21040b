"""Per-subscriber filters: which pairings and funding items a digest channel carries.

An item goes out when it satisfies every filter given; several values of one filter are
alternatives (``--province 贵州 --province 云南``: either). A filter on what only one kind of
item has leaves the other kind out: ``--min-amount`` keeps only funding, ``--relation`` and
``--official``/``--new-only`` keep only pairings. The filters are part of the channel's identity
(``Filters.key``), so two subscribers with different filters each get exactly their items once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from digests.stories import is_new
from parsers.records import Party
from store.items import FundingItem, PairingItem

OFFICIAL, NEW = "official", "new"
_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(亿|万)?\s*(元)?\s*$")
_UNITS = {None: 1, "万": 10_000, "亿": 100_000_000}


class FilterError(ValueError):
    """A filter value that cannot be understood (the command refuses it, exit 2)."""


def parse_amount(text: str) -> int:
    """'1亿' → 100000000, '500万元' → 5000000, '2000000' → 2000000: yuan, as the press writes them or plain."""
    m = _AMOUNT.match(text.replace(",", "").replace("，", ""))
    if not m:
        raise FilterError(f"--min-amount {text!r} is not an amount: write 100000000, 5000万 or 1亿")
    try:
        return int(Decimal(m.group(1)) * _UNITS[m.group(2)])
    except InvalidOperation:
        raise FilterError(f"--min-amount {text!r} is not an amount") from None


@dataclass(frozen=True)
class Filters:
    provinces: tuple[str, ...] = ()  # donor's or recipient's province
    donors: tuple[str, ...] = ()  # a part of the donor's name
    recipients: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()  # e.g. 东西部协作, 对口支援 (pairings only)
    min_amount: int | None = None  # yuan (funding only)
    keywords: tuple[str, ...] = ()  # in the evidence sentence, the parties or a source's title
    pairings: str | None = None  # OFFICIAL: only pairings on the official lists; NEW: only new ones (stories.is_new)

    def __post_init__(self) -> None:
        if self.pairings not in (None, OFFICIAL, NEW):
            raise FilterError(f"pairings filter must be {OFFICIAL!r} or {NEW!r}, not {self.pairings!r}")
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):  # one spelling per filter set: the channel id depends on it
                object.__setattr__(self, f.name, tuple(sorted({v.strip() for v in value if v.strip()})))

    @property
    def empty(self) -> bool:
        return self == Filters()

    def key(self) -> str:
        """A stable text for the channel id: '' without filters, else 'name=v1,v2;...' in a fixed order."""
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value in ((), None):
                continue
            parts.append(f"{f.name}={','.join(value) if isinstance(value, tuple) else value}")
        return ";".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict | None) -> Filters:
        """Filters from ``as_dict``'s form (a flow parameter, a subscription's spec): lists for the repeatable ones."""
        return cls(**{k: tuple(v) if isinstance(v, list | tuple) else v for k, v in (data or {}).items()})

    def describe(self) -> str:
        """For the digest's header: what this subscriber asked for."""
        return self.key().replace(";", "; ")

    def __call__(self, item: PairingItem | FundingItem) -> bool:
        """Does the item go out on a channel with these filters?"""
        pairing = isinstance(item, PairingItem)
        if (self.relations or self.pairings) and not pairing:
            return False
        if self.min_amount is not None and (pairing or item.amount_yuan < self.min_amount):
            return False
        if pairing and self.relations and not any(r in item.relation for r in self.relations):
            return False
        if pairing and self.pairings == OFFICIAL and item.official is None:
            return False
        if pairing and self.pairings == NEW and not is_new(item):
            return False
        if self.provinces and not any(_in_province(p, t) for p in (item.donor, item.recipient) for t in self.provinces):
            return False
        if self.donors and not any(_named(item.donor, t) for t in self.donors):
            return False
        if self.recipients and not any(_named(item.recipient, t) for t in self.recipients):
            return False
        return not self.keywords or any(k in _text_of(item) for k in self.keywords)


def _in_province(p: Party | None, term: str) -> bool:
    if p is None:
        return False
    short = term.removesuffix("省").removesuffix("市").removesuffix("自治区") or term
    return bool((p.province and short in p.province) or p.full_name.startswith(short))


def _named(p: Party | None, term: str) -> bool:
    return p is not None and (term in p.name or term in p.full_name)


def _text_of(item: PairingItem | FundingItem) -> str:
    parts = [item.evidence, *(s.title or "" for s in item.sources)]
    parts += [p.full_name for p in (item.donor, item.recipient) if p is not None]
    if isinstance(item, FundingItem):
        parts += [item.text, item.kind]
    return "\n".join(parts)


def add_arguments(group: Any) -> None:
    """The filter options on a command-line group (digest and export share them: a filter means one thing)."""
    group.add_argument("--province", action="append", metavar="NAME",
                       help="donor's or recipient's province, e.g. 贵州 (repeatable)")
    group.add_argument("--donor", action="append", metavar="NAME", help="a part of the donor's name (repeatable)")
    group.add_argument("--recipient", action="append", metavar="NAME",
                       help="a part of the recipient's name (repeatable)")
    group.add_argument("--relation", action="append", metavar="WORD",
                       help="the pairing's relation, e.g. 东西部协作 or 对口支援 (repeatable; keeps pairings only)")
    group.add_argument("--min-amount", metavar="AMOUNT",
                       help="funding of at least AMOUNT yuan: 100000000, 5000万 or 1亿 (keeps funding only)")
    group.add_argument("--keyword", action="append", metavar="WORD",
                       help="a word in the sentence, a party's name or a source's title (repeatable)")
    which = group.add_mutually_exclusive_group()
    which.add_argument("--official", action="store_true", help="only pairings on the official lists")
    which.add_argument("--new-only", action="store_true",
                       help="only new pairings: on no official list and not stored before, not even the other way round")


def from_arguments(args: Any) -> Filters:
    """The Filters the options of ``add_arguments`` ask for; FilterError for a bad amount."""
    return Filters(provinces=tuple(args.province or ()), donors=tuple(args.donor or ()),
                   recipients=tuple(args.recipient or ()), relations=tuple(args.relation or ()),
                   min_amount=parse_amount(args.min_amount) if args.min_amount else None,
                   keywords=tuple(args.keyword or ()),
                   pairings=OFFICIAL if args.official else NEW if args.new_only else None)

