"""A command that is SIGKILLed leaves no Prefect server behind: the temporary server it starts dies with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from flows.local_server import supported

pytestmark = pytest.mark.skipif(not supported(), reason="PR_SET_PDEATHSIG is Linux's")


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie is dead, only not yet reaped (PID 1 in a container may never reap it)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_a_sigkilled_ingest_leaves_no_prefect_server_behind(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "PAIRWATCH_"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    cli = subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", "--seeds", str(SEEDS), "--db",
                            str(tmp_path / "pw.db")], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        server = None
        deadline = time.monotonic() + 60
        while server is None and time.monotonic() < deadline and cli.poll() is None:
            server = next((p for p in _children(cli.pid) if "uvicorn" in _cmdline(p)), None)
            time.sleep(0.05)
        assert server is not None, "the command started no Prefect server of its own"
        time.sleep(1.0)  # let it get going (the launcher has exec'd into uvicorn)
        cli.send_signal(signal.SIGKILL)
        cli.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(server) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(server), f"server {server} outlived its command: {_cmdline(server)}"
    finally:
        if cli.poll() is None:
            cli.kill()
            cli.wait()
