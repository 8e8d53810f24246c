"""The Dask executor: the same conversion, mapped over a cluster's workers."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from tei_convert import convert_corpus
from tei_convert.cli import main

from conftest import SEEDS, source_files

LOOPBACK = "127.0.0.1"


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    # Two worker processes on this machine: the inputs and output folder are
    # shared, as on a cluster with a shared filesystem. Every port on loopback:
    # `dashboard_address=None` alone still leaves the scheduler's and workers'
    # HTTP endpoints open on every interface (docs/scaling.md).
    with LocalCluster(n_workers=2, threads_per_worker=1,  # type: ignore[no-untyped-call]
                      processes=True, host=LOOPBACK, dashboard_address=f"{LOOPBACK}:0",
                      worker_dashboard_address=f"{LOOPBACK}:0") as local:
        yield local


# The commands docs/scaling.md gives for a cluster on one machine: every port
# on loopback. `dask scheduler --no-dashboard` alone still listens on every
# interface, the scheduler's port and an HTTP port (8787) both.
SCHEDULER = ["scheduler", "--host", LOOPBACK, "--port", "0",
             "--dashboard-address", f"{LOOPBACK}:0"]
WORKER = ["worker", "--host", LOOPBACK, "--dashboard-address", f"{LOOPBACK}:0",
          "--nthreads", "1", "--nworkers", "2"]


@pytest.fixture
def documented_cluster(tmp_path: Path) -> Iterator[tuple[str, list[psutil.Process]]]:
    dask = str(Path(sys.executable).parent / "dask")
    address_file = tmp_path / "scheduler.json"
    started = [subprocess.Popen([dask, *SCHEDULER, "--scheduler-file", str(address_file)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(300):
            if address_file.is_file() and address_file.stat().st_size:
                break
            time.sleep(0.1)
        address = json.loads(address_file.read_text("utf-8"))["address"]
        started.append(subprocess.Popen([dask, *WORKER, "--scheduler-file", str(address_file)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        yield address, [psutil.Process(process.pid) for process in started]
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=60)


def test_the_documented_cluster_listens_on_loopback_only(
        documented_cluster: tuple[str, list[psutil.Process]], tmp_path: Path) -> None:
    address, processes = documented_cluster
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path / "out"),
                                       "--executor", "dask", "--scheduler", address])
    assert result.exit_code == 0, result.output
    tree = [*processes, *(child for process in processes
                          for child in process.children(recursive=True))]
    listening = [connection.laddr for process in tree
                 for connection in process.net_connections(kind="inet")
                 if connection.status == psutil.CONN_LISTEN]
    # The scheduler and its HTTP port; each worker and its nanny, and their HTTP ports.
    assert len(listening) >= 6, listening
    assert {where.ip for where in listening} == {LOOPBACK}, listening


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
