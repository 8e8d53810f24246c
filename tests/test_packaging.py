"""The package as users install it: a wheel, through pipx, with nothing else."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEEDS, require_oracle


def test_pipx_install_gives_a_working_quick_start(tmp_path: Path) -> None:
    pipx = Path(sys.executable).parent / "pipx"
    require_oracle(pipx.exists(), "pipx")
    env = {**os.environ, "PIPX_HOME": str(tmp_path / "pipx"),
           "PIPX_BIN_DIR": str(tmp_path / "bin"), "PIPX_MAN_DIR": str(tmp_path / "man")}
    installed = subprocess.run([str(pipx), "install", str(ROOT)], env=env, capture_output=True,
                               text=True, check=False, timeout=900)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    command = tmp_path / "bin" / "tei-convert"
    work = tmp_path / "work"
    shutil.copytree(SEEDS, work / "seeds")
    # Only the installed command: no checkout on the path, no test environment.
    clean = {key: value for key, value in env.items() if key not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    run = subprocess.run([str(command), "convert", "seeds", "-o", "out"], cwd=work, env=clean,
                         capture_output=True, text=True, check=False, timeout=300)
    assert run.returncode == 0, run.stderr
    manifest = json.loads((work / "out" / "manifest.json").read_text("utf-8"))
    assert manifest["summary"]["documents"] == len(list((work / "out").glob("*.xml"))) > 0
    assert all(entry["validation"]["valid"] for entry in manifest["documents"])
    formats = subprocess.run([str(command), "formats"], env=clean, capture_output=True,
                             text=True, check=False)
    assert "volume" in formats.stdout
