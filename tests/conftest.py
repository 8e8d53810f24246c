"""Shared test fixtures: paths, golden-file updating, the jing oracle."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import settings

from tei_helpers import unlink_first_note

# The property tests double as the readers' fuzzing harness: a fixed number of
# examples in every run (CI included), many more on demand.
settings.register_profile("default", max_examples=150)
settings.register_profile("fuzz", max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = Path(__file__).resolve().parent / "cases"
GOLDEN = Path(__file__).resolve().parent / "golden"
TEI_ALL = ROOT.parent / "shared" / "tei" / "tei_all.rng"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite golden files from the current output; review the diff.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def tei_samples(tmp_path: Path) -> dict[str, Path]:
    """Files for ``validate``, one of each outcome, in ``tmp_path/tei``: ``valid``
    (a golden file), ``warned`` (valid, with a note nothing points to),
    ``invalid`` (against our schema) and ``broken`` (not well-formed XML)."""
    from lxml import etree

    folder = tmp_path / "tei"
    folder.mkdir()
    golden = GOLDEN / "001_c9ba2724c89e91a5.xml"
    samples = {name: folder / f"{name}.xml" for name in ("valid", "warned", "invalid", "broken")}
    samples["valid"].write_bytes(golden.read_bytes())
    tree = etree.parse(str(golden))
    unlink_first_note(tree.getroot())
    tree.write(str(samples["warned"]), encoding="UTF-8", xml_declaration=True)
    samples["invalid"].write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<oops/>\n</TEI>\n",
                                  encoding="utf-8")
    samples["broken"].write_text("<TEI>\n  <a></b>\n</TEI>\n", encoding="utf-8")
    return samples


def in_ci() -> bool:
    """CI must run every oracle; a user's machine may lack one."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_oracle(available: bool, what: str) -> None:
    """Skip on a user's machine, fail in CI, when an oracle cannot run."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} is not available on this machine")


def run_jing(schema: Path, files: Sequence[Path]) -> subprocess.CompletedProcess[str]:
    """Validate ``files`` against ``schema`` with jing in one JVM."""
    jing = shutil.which("jing")
    require_oracle(jing is not None and schema.exists(), f"jing with {schema.name}")
    assert jing is not None
    return subprocess.run([jing, str(schema), *map(str, files)], capture_output=True,
                          text=True, check=False, timeout=600)


def source_files() -> list[Path]:
    """Every input in tests/cases/, and the page-text seeds: the inputs with golden
    files. The volume seed is too large to review as golden files (its ninety
    works are checked by tests/test_volume.py); the small volumes in
    tests/cases/ stand for its format."""
    from tei_convert.readers import sniff

    seeds = [p for p in sorted(SEEDS.glob("*.txt"))
             if sniff(p.read_text("utf-8"), source=p.name).name == "mia"]
    return seeds + sorted(CASES.glob("*.txt"))
