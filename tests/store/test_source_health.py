"""Source health in the store (real SQLite, and PostgreSQL when configured): failed runs are
counted in a row and reset by a success, new articles date the source, and the flags say which
sources need a look and why."""

from __future__ import annotations

from datetime import timedelta

from store import Store


def test_failed_runs_count_in_a_row_and_a_success_resets_them(db_url, clock):
    with Store(db_url) as store:
        for _ in range(3):
            store.record_source_fetch("moved", ok=False, error="fetch failed: HTTP 404")
            clock[0] += timedelta(hours=1)
        (row,) = store.source_health(sources=["moved"])
        assert row.consecutive_failures == 3 and row.failing and row.last_success_at is None
        assert "failed 3 runs in a row" in row.note and "HTTP 404" in row.note
        store.record_source_fetch("moved", ok=True)
        (row,) = store.source_health(sources=["moved"])
        assert row.consecutive_failures == 0 and not row.failing and row.last_error is None
        assert row.last_success_at == clock[0]


def test_two_failures_are_not_yet_a_flag(db_url, clock):
    with Store(db_url) as store:
        store.record_source_fetch("flaky", ok=False, error="timeout")
        store.record_source_fetch("flaky", ok=False, error="timeout")
        (row,) = store.source_health()
        assert row.consecutive_failures == 2 and not row.flagged and row.note == ""


def test_a_source_quiet_for_fourteen_days_is_flagged_as_maybe_moved(db_url, clock):
    with Store(db_url) as store:
        store.record_source_fetch("column", ok=True)
        store.record_new_articles({"column": 2, "local": 5})
        stored_on = clock[0]
        clock[0] += timedelta(days=13)
        store.record_source_fetch("column", ok=True)  # read fine, but nothing new
        assert not store.source_health()[0].quiet
        clock[0] += timedelta(days=1)
        (row,) = store.source_health()
        assert row.quiet and row.last_new_article_at == stored_on and row.last_success_at < clock[0]
        assert "the listing may have moved" in row.note and stored_on.strftime("%Y-%m-%d") in row.note
        assert [h.source for h in store.source_health()] == ["column"]  # "local" is not a tracked source


def test_a_source_that_never_brought_anything_is_quiet_counted_from_its_first_run(db_url, clock):
    with Store(db_url) as store:
        store.record_source_fetch("never", ok=True)
        clock[0] += timedelta(days=15)
        store.record_source_fetch("never", ok=True)
        (row,) = store.source_health()
        assert row.quiet and row.last_new_article_at is None and not row.failing


def test_thresholds_are_arguments(db_url, clock):
    with Store(db_url) as store:
        store.record_source_fetch("s", ok=False, error="x")
        assert store.source_health(failing_after=1)[0].failing
        clock[0] += timedelta(days=2)
        assert store.source_health(quiet_days=1)[0].quiet
