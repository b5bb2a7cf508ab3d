"""`make run` (scripts/run.sh) prints the address it really listens on, also when TEILHABE_ADDR is set."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

RUN_SH = Path(__file__).resolve().parents[2] / "scripts" / "run.sh"


def _run(tmp_path: Path, addr: str | None) -> tuple[str, str]:
    """Run a copy of run.sh with the setup script and the teilhabe command replaced by stubs that record
    their arguments."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(RUN_SH, tmp_path / "scripts" / "run.sh")
    (tmp_path / "scripts" / "setup.sh").write_text("#!/usr/bin/env bash\nexit 0\n")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    teilhabe = tmp_path / ".venv" / "bin" / "teilhabe"
    teilhabe.write_text(f'#!/usr/bin/env bash\necho "$*" >> "{tmp_path}/calls"\n')
    for script in (tmp_path / "scripts" / "setup.sh", tmp_path / "scripts" / "run.sh", teilhabe):
        script.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "TEILHABE_ADDR"}
    if addr is not None:
        env["TEILHABE_ADDR"] = addr
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
