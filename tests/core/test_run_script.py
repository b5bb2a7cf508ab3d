"""`make run` (scripts/run.sh) prints the address it really listens on, also when TEILHABE_ADDR is set, and
starts the task worker next to the server (not with the immediate backend)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

RUN_SH = Path(__file__).resolve().parents[2] / "scripts" / "run.sh"


def _run(tmp_path: Path, addr: str | None, tasks_backend: str | None = None) -> tuple[str, str]:
    """Run a copy of run.sh with the setup script and the teilhabe command replaced by stubs that record
    their arguments."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(RUN_SH, tmp_path / "scripts" / "run.sh")
    (tmp_path / "scripts" / "setup.sh").write_text("#!/usr/bin/env bash\nexit 0\n")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    teilhabe = tmp_path / ".venv" / "bin" / "teilhabe"
    # The worker stub runs until it is stopped; the server stub ends after a moment, as on an error.
    teilhabe.write_text(f'#!/usr/bin/env bash\necho "$*" >> "{tmp_path}/calls"\n'
                        'case "$1" in db_worker) exec sleep 60 ;; runserver) sleep 0.5 ;; esac\n')
    for script in (tmp_path / "scripts" / "setup.sh", tmp_path / "scripts" / "run.sh", teilhabe):
        script.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in {"TEILHABE_ADDR", "TEILHABE_TASKS_BACKEND"}}
    if addr is not None:
        env["TEILHABE_ADDR"] = addr
    if tasks_backend is not None:
        env["TEILHABE_TASKS_BACKEND"] = tasks_backend
    out = subprocess.run([str(tmp_path / "scripts" / "run.sh")], env=env, capture_output=True, text=True,  # noqa: S603
                         check=True, timeout=30).stdout
    return out, (tmp_path / "calls").read_text()


@pytest.mark.parametrize(("addr", "shown"), [
    (None, "127.0.0.1:8000"),
    ("0.0.0.0:8080", "0.0.0.0:8080"),
    ("127.0.0.1:9000", "127.0.0.1:9000"),
    ("8123", "127.0.0.1:8123"),
])
def test_run_prints_the_address_it_listens_on(tmp_path, addr, shown):
    out, calls = _run(tmp_path, addr)
    assert f"Teilhabe läuft auf http://{shown}/" in out
    assert f"runserver {shown}" in calls
    assert f"demo --base-url http://{shown}" in calls


@pytest.mark.parametrize("backend", [None, "database"])
def test_run_starts_the_task_worker_and_stops_it_with_the_server(tmp_path, backend):
    started = time.monotonic()
    out, calls = _run(tmp_path, None, backend)
    assert time.monotonic() - started < 30  # the worker (sleeping 60 s) was stopped when the server ended
    assert "db_worker --no-reload" in calls
    assert "runserver 127.0.0.1:8000" in calls
    assert "Worker gestartet" in out


def test_run_starts_no_worker_for_immediate_tasks(tmp_path):
    out, calls = _run(tmp_path, None, "immediate")
    assert "db_worker" not in calls
    assert "runserver 127.0.0.1:8000" in calls
    assert "ohne Worker" in out
