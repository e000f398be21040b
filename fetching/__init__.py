"""Fetching documents: HTTP with robots.txt, politeness, caps and conditional GET; listings and
feeds; local files. Knows the store (fetch state) but not Prefect."""
