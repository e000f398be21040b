"""A temporary Prefect server for one command, that dies with the command even when it is SIGKILLed.

Without a configured API (PREFECT_API_URL), Prefect starts an "ephemeral" server as a child
process and stops it at exit; a command killed with SIGKILL never reaches its exit, and the
server (uvicorn, about 230 MB) lives on. Here the command starts that same server itself, asking
Linux to kill it when its parent dies (PR_SET_PDEATHSIG), and points PREFECT_API_URL at it.
Where that is not possible (not Linux), Prefect's own ephemeral mode is left to do it.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

START_TIMEOUT_S = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120"))


class ServerDidNotStart(RuntimeError):
    """The temporary Prefect server did not answer in time; the message has its last output."""


# Run as the child: ask for SIGKILL when the parent dies, check it has not died already, then become
# the server (the request survives exec). A launcher rather than preexec_fn, which is unsafe in a
# process with threads.
LAUNCHER = """
import ctypes, os, signal, sys
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(1, signal.SIGKILL, 0, 0, 0) != 0:
    sys.exit("prctl(PR_SET_PDEATHSIG) failed")
if os.getppid() != int(sys.argv[1]):
    sys.exit(1)
os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def supported() -> bool:
    return sys.platform.startswith("linux")


def ensure_api() -> str | None:
    """PREFECT_API_URL when one is configured; else start a temporary server tied to this process.

    Returns the API URL in use, or None when Prefect's own ephemeral mode is left to start one.
    """
    from prefect.settings import PREFECT_API_URL

    configured = PREFECT_API_URL.value()
    if configured or not supported():
        return configured or None
    url = start_server()
    os.environ["PREFECT_API_URL"] = url
    return url


def start_server(timeout: float = START_TIMEOUT_S) -> str:
    """Start Prefect's API (as its ephemeral mode does: no UI, no background services) on a free port."""
    import prefect

    port = _free_port()
    log = Path(os.environ.get("PREFECT_HOME", ".")) / "server.log"
    log.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    env.pop("PREFECT_API_URL", None)
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(os.getpid()), "-m", "uvicorn", "--app-dir", str(Path(prefect.__file__).parent.parent),
             "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "error", "--lifespan", "on"],
            env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    atexit.register(_stop, proc)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerDidNotStart(f"the temporary Prefect server exited with status {proc.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return url
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    _stop(proc)
    raise ServerDidNotStart(f"the temporary Prefect server did not answer within {timeout:g} s; see {log}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
