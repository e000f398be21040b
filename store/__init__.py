"""Persistence for pairwatch: the only package that speaks SQL (SQLite by default, PostgreSQL by URL).

The names below load on first use (PEP 562), so that ``store.db`` alone (URL checks before a
command starts) does not pay for the deduplication stack (datasketch, scipy) it never needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .db import DEFAULT_DB_URL, SchemaMismatch, resolve_db_url
    from .items import ClusterInfo, DigestItems, FailureItem, FundingItem, PairingItem, SaveResult, SourceRef
    from .repository import Store

_WHERE = {
    "DEFAULT_DB_URL": "db", "SchemaMismatch": "db", "resolve_db_url": "db",
    "ClusterInfo": "items", "DigestItems": "items", "FailureItem": "items", "FundingItem": "items",
    "PairingItem": "items", "SaveResult": "items", "SourceRef": "items",
    "Store": "repository",
}

__all__ = [
    "DEFAULT_DB_URL", "ClusterInfo", "DigestItems", "FailureItem", "FundingItem", "PairingItem", "SaveResult",
    "SchemaMismatch", "SourceRef", "Store", "resolve_db_url",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
