"""The pre-commit hook of .pre-commit-hooks.yaml, run by pre-commit itself.

``pre-commit try-repo`` installs this repository (its tracked files, with
uncommitted changes) into a fresh virtualenv with pip, as a user's pre-commit
would: slow (half a minute or more), so the install is shared by the tests here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, require_oracle

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
HOOK = "tei-convert-validate"


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache, away from the user's, kept for this module's tests."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def edition(tmp_path: Path, tei_samples: dict[str, Path],
            pre_commit_home: Path) -> tuple[Path, dict[str, str]]:
    """A git repository of an edition holding a valid and an invalid TEI file
    and a text file, with the environment to run git and pre-commit in it."""
    require_oracle(shutil.which("git") is not None and PRE_COMMIT.exists()
                   and (ROOT / ".git").exists(), "git, pre-commit and a git checkout")
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home)}
    for role in ("AUTHOR", "COMMITTER"):
        env[f"GIT_{role}_NAME"] = "Test Editor"
        env[f"GIT_{role}_EMAIL"] = "editor@example.invalid"
    repo = tmp_path / "edition"
    repo.mkdir()
    for name in ("valid", "invalid"):
        shutil.copy(tei_samples[name], repo / f"{name}.xml")
    (repo / "notes.txt").write_text("not XML, and not for the hook\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "edition"]):
        subprocess.run(["git", *command], cwd=repo, env=env, check=True, capture_output=True)
    return repo, env


def test_the_ci_guide_configures_the_hook_this_repository_offers() -> None:
    offered = re.findall(r"^- id: (\S+)", (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"),
                         re.MULTILINE)
    assert offered == [HOOK]
    assert f"- id: {HOOK}" in (ROOT / "docs" / "ci.md").read_text("utf-8")


def _try_repo(edition: tuple[Path, dict[str, str]],
              *files: str) -> subprocess.CompletedProcess[str]:
    repo, env = edition
    return subprocess.run([str(PRE_COMMIT), "try-repo", str(ROOT), HOOK, "--files", *files],
                          cwd=repo, env=env, capture_output=True, text=True, check=False,
                          timeout=600)


def test_hook_passes_a_valid_file_and_leaves_other_files_alone(
        edition: tuple[Path, dict[str, str]]) -> None:
    result = _try_repo(edition, "valid.xml", "notes.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tei-convert validate" in result.stdout
    assert "Passed" in result.stdout


def test_hook_fails_an_invalid_file_and_names_the_problem(
        edition: tuple[Path, dict[str, str]]) -> None:
    result = _try_repo(edition, "valid.xml", "invalid.xml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "invalid.xml:2: error schema-invalid: " in result.stdout
    assert "1 of 2 file(s) valid" in result.stdout
