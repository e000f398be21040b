"""deploy/compose.yaml's scale-out profile, checked without a container engine (there is none here).

Every command a pairwatch-image service runs is run here with ``--help`` from the installed
package, and must accept every option it is given; every environment variable such a service sets
must be one pairwatch (or the Prefect it runs) reads; the Prefect workers' Dask address must name
the scheduler service on its port.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import prefect.settings
import pytest
import yaml
from conftest import ROOT

from flows import dask_address

COMPOSE = ROOT / "deploy" / "compose.yaml"
PACKAGES = ("flows", "fetching", "digests", "parsers", "store")
INTERPOLATED = re.compile(r"^\$\{(?P<name>[A-Z_]+):-(?P<default>[^}]*)\}$")


def services() -> dict[str, dict]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]


def ours() -> dict[str, dict]:
    """The services that run the pairwatch image (built from deploy/Dockerfile)."""
    return {name: s for name, s in services().items() if s.get("image", "").startswith("pairwatch:")}


def command_lines(service: dict) -> list[list[str]]:
    """The programs a service runs: its command, or each step of an ``sh -c`` script."""
    command = service.get("command") or []
    if isinstance(command, str):
        command = shlex.split(command)
    if command[:2] != ["sh", "-c"]:
        return [command]
    return [shlex.split(step.strip().removeprefix("exec ")) for step in command[2].split("&&")]


def pairwatch_reads(name: str) -> bool:
    """A PAIRWATCH_ variable named in the package's code, or a Prefect setting."""
    if name.startswith("PREFECT_"):
        return hasattr(prefect.settings, name)
    if name.startswith("PAIRWATCH_"):
        return any(name in p.read_text(encoding="utf-8") for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))
    return False


def test_scale_out_has_postgres_a_server_a_scheduler_two_dask_workers_and_two_prefect_workers() -> None:
    every = services()
    always = {n for n, s in every.items() if "profiles" not in s}
    scale_out = always | {n for n, s in every.items() if "scale-out" in s.get("profiles", [])}
    runs = {n: " ".join(" ".join(line) for line in command_lines(every[n])) for n in scale_out if every[n].get("command")}
    assert {"postgres", "prefect-server"} <= always
    assert [n for n, c in runs.items() if c.startswith("dask scheduler")] == ["dask-scheduler"]
    assert len([n for n, c in runs.items() if c.startswith("dask worker")]) == 2
    assert len([n for n, c in runs.items() if "prefect worker start --pool pairwatch-process" in c]) == 2
    dockerfile = ROOT / "deploy" / "Dockerfile"
    for name, service in ours().items():  # each builds the image: nothing pulls a pairwatch:latest
        build = service["build"]
        assert (COMPOSE.parent / build["context"] / build["dockerfile"]).resolve() == dockerfile, name
    assert set(ours()) == {n for n in every if n not in ("postgres", "prefect-server")}


def test_every_command_of_the_pairwatch_image_exists_and_takes_its_options(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "PAIRWATCH_"))}
    env["PREFECT_HOME"] = str(tmp_path)
    checked: set[tuple[str, ...]] = set()
    for name, service in ours().items():
        for line in command_lines(service):
            if tuple(line) in checked:
                continue
            checked.add(tuple(line))
            program = Path(sys.executable).with_name(line[0])
            assert program.exists(), f"{name}: {line[0]} is not installed with pairwatch"
            done = subprocess.run([str(program), *line[1:], "--help"], capture_output=True, text=True,
                                  env=env, cwd=ROOT, timeout=120)
            assert done.returncode == 0, f"{name}: {' '.join(line)} --help: {done.stderr[-500:]}"
            for option in (t.split("=")[0] for t in line[1:] if t.startswith("--")):
                assert option in done.stdout, f"{name}: {line[0]} {line[1]} takes no {option}"
    assert len(checked) >= 4


def test_every_variable_a_pairwatch_service_sets_is_one_it_reads() -> None:
    for name, service in ours().items():
        for var in service.get("environment", {}):
            assert pairwatch_reads(var), f"{name} sets {var}, which neither pairwatch nor Prefect reads"
    assert not pairwatch_reads("PAIRWATCH_NO_SUCH_SETTING") and not pairwatch_reads("PREFECT_NO_SUCH_SETTING")


def test_the_prefect_workers_dask_address_is_the_scheduler_service() -> None:
    every = services()
    scheduler = command_lines(every["dask-scheduler"])[0]
    port = int(scheduler[scheduler.index("--port") + 1])
    (worker2,) = [s for n, s in every.items() if n != "worker" and "prefect worker start" in " ".join(
        " ".join(line) for line in command_lines(s))]
    match = INTERPOLATED.match(worker2["environment"]["PAIRWATCH_DASK_ADDRESS"])
    assert match and match["name"] == dask_address.ENV_VAR
    assert dask_address.parse(match["default"]) == ("dask-scheduler", port)
    for line in (command_lines(s)[0] for s in every.values() if command_lines(s)[0][:2] == ["dask", "worker"]):
        assert dask_address.parse(line[2]) == ("dask-scheduler", port)


@pytest.mark.parametrize("service", ["worker", "worker-2"])
def test_prefect_workers_store_into_the_compose_postgres(service: str) -> None:
    url = services()[service]["environment"]["PAIRWATCH_DB_URL"]
    assert url.startswith("postgresql+psycopg://") and "@postgres:5432/" in url
