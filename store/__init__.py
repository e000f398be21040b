"""Persistence for pairwatch: the only package that speaks SQL (SQLite by default, PostgreSQL by URL)."""

from .db import DEFAULT_DB_URL, SchemaMismatch, resolve_db_url
from .items import ClusterInfo, DigestItems, FailureItem, FundingItem, PairingItem, SaveResult, SourceRef
from .repository import Store

__all__ = [
    "ClusterInfo",
    "SchemaMismatch",
    "DEFAULT_DB_URL",
    "DigestItems",
    "FailureItem",
    "FundingItem",
    "PairingItem",
    "SaveResult",
    "SourceRef",
    "Store",
    "resolve_db_url",
]
