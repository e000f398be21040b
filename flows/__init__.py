"""Prefect flows and the command line: orchestration only; logic lives in parsers and store."""
