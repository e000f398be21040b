"""A scheduled digest waits for a running ingest (flows/digest.py), so that the ingest's items are in
it rather than a day late: the wait itself as a plain function, and the Prefect API's answer to "is an
ingest running?" against the session's real Prefect server."""

from __future__ import annotations


def test_the_wait_ends_when_the_ingest_ends_or_at_the_bound() -> None:
    from flows.digest import wait_while

    now = [0.0]

    def sleep(s: float) -> None:
        now[0] += s

    answers = iter([1, 1, 0])
    assert wait_while(lambda: next(answers), 600, poll_s=15, sleep=sleep, clock=lambda: now[0]) == 30
    now[0] = 0.0
    assert wait_while(lambda: 1, 100, poll_s=15, sleep=sleep, clock=lambda: now[0]) == 100  # never longer
    assert wait_while(lambda: 1, 0, sleep=sleep, clock=lambda: now[0]) == 0  # not asked to wait


def test_a_running_ingest_is_seen_through_the_prefect_api(prefect_server) -> None:
    from prefect import get_client
    from prefect.states import Completed, Running

    from flows.digest import running_ingests
    from flows.ingest import ingest_flow

    before = running_ingests()
    with get_client(sync_client=True) as client:
        run = client.create_flow_run(ingest_flow, parameters={"paths": []}, state=Running())
        assert running_ingests() == before + 1
        client.set_flow_run_state(run.id, Completed(), force=True)
    assert running_ingests() == before
