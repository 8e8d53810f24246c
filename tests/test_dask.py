"""The Dask executor: the same conversion, mapped over a cluster's workers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from tei_convert import convert_corpus
from tei_convert.cli import main

from conftest import SEEDS, source_files


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    # Two worker processes on this machine: the inputs and output folder are
    # shared, as on a cluster with a shared filesystem.
    with LocalCluster(n_workers=2, threads_per_worker=1,  # type: ignore[no-untyped-call]
                      processes=True, dashboard_address=None) as local:
        yield local


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_dask_executor_gives_the_same_bytes_as_one_job(cluster: LocalCluster,
                                                       tmp_path: Path) -> None:
    inputs = [SEEDS, *source_files()]
    convert_corpus(inputs, tmp_path / "local", jobs=1)
    with Client(cluster) as client:  # type: ignore[no-untyped-call]
        executor = client.get_executor()
        convert_corpus(inputs, tmp_path / "dask", executor=executor)
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")
    assert len(_files(tmp_path / "local")) > 90


def test_cli_runs_on_a_scheduler(cluster: LocalCluster, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path / "out"),
                                       "--executor", "dask",
                                       "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    local = tmp_path / "local"
    convert_corpus([SEEDS], local, jobs=1)
    assert _files(tmp_path / "out") == _files(local)


def test_dask_without_a_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path / "out"),
                                       "--executor", "dask"])
    assert result.exit_code == 2
    assert "--scheduler" in result.output
