"""Pure parsing: bytes or text in, records out.  Knows neither Prefect nor the database.

Entry point: ``parsers.document.parse_document``; records in ``parsers.records``.
Kept empty of imports so that ``import parsers.records`` (the store does) stays cheap.
"""
