"""The code stays ruff- and mypy-clean: both run as part of the test command."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT, require_oracle


def _tool(name: str) -> list[str]:
    found = shutil.which(name, path=str(ROOT / ".venv" / "bin")) or shutil.which(name)
    require_oracle(found is not None, name)
    assert found is not None
    return [found]


def test_ruff_is_clean() -> None:
    result = subprocess.run([*_tool("ruff"), "check", "src", "tests", "scripts", "benchmarks"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    require_oracle("No module named mypy" not in result.stderr, "mypy")
    assert result.returncode == 0, result.stdout + result.stderr
