"""Every output is valid against our schema and the official TEI P5 tei_all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_convert import convert_corpus
from tei_convert.checks.relaxng import schema_path
from tei_convert.checks.validate import validate_file

from conftest import ROOT, SEEDS, TEI_ALL, run_jing, source_files


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("out")
    # Every seed (the volume's ninety works too), every invented case, and the
    # invented letters that the letter and CMIF tests read.
    letters = sorted((ROOT / "tests" / "letters").glob("*.txt"))
    letters += sorted((ROOT / "tests" / "cmif").glob("*.txt"))
    report = convert_corpus([SEEDS, *source_files(), *letters], out)
    assert report.failed == []
    files = sorted(out.glob("*.xml"))
    assert len(files) == len(report.documents) >= len(source_files())
    return files


def test_outputs_valid_against_tei_all(outputs: list[Path]) -> None:
    result = run_jing(TEI_ALL, outputs)
    assert result.returncode == 0, result.stdout + result.stderr


def test_outputs_valid_against_our_schema_with_jing(outputs: list[Path]) -> None:
    # jing is an independent RelaxNG implementation: it checks that our
    # schema means what lxml thinks it means.
    result = run_jing(schema_path(), outputs)
    assert result.returncode == 0, result.stdout + result.stderr


def test_outputs_pass_our_validate(outputs: list[Path]) -> None:
    for path in outputs:
        problems = validate_file(path)
        assert [p for p in problems if p.severity.value == "error"] == [], path.name


def test_installed_schema_is_the_repository_schema() -> None:
    assert schema_path().read_bytes() == (ROOT / "schema" / "tei-convert.rng").read_bytes()
