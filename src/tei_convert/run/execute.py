"""Where a run's conversions happen: in this process, a process pool or any
``concurrent.futures`` executor (a Dask cluster's), one job at a time.

Each job reads its input, converts it and writes its own TEI files; only the
manifest entries travel back, in plan order, so the output does not depend on
how many workers there were.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tei_convert.canonical import sha256
from tei_convert.diagnostics import Diagnostic
from tei_convert.errors import (
    MissingDependencyError,
    OutputError,
    TeiConvertError,
    UnsupportedFormatError,
)
from tei_convert.pipeline import Result, convert_bytes
from tei_convert.run.manifest import FileRef, Json, document_entry
from tei_convert.run.output import write_atomic
from tei_convert.run.plan import TEXT_SUFFIXES, Job

DASK_TIMEOUT = 10
"""Seconds to reach a Dask scheduler and to see a worker there."""


@dataclass(frozen=True)
class Outcome:
    """What came of one job, small enough to send back from a worker: the
    manifest entries of the files it wrote, or a problem (bucket, code,
    message, line)."""

    job: Job
    sha256: str | None
    entries: tuple[Json, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    problem: tuple[str, str, str, int | None] | None = None


def outcomes(plan: list[Job], jobs: int, out_dir: Path,
             executor: Executor | None) -> Iterator[Outcome]:
    """Run the jobs, in this process, a pool or the given executor, yielding
    outcomes in plan order."""
    run = partial(run_job, out_dir=out_dir)
    if executor is not None:
        yield from executor.map(run, plan)
        return
    if jobs <= 1 or len(plan) <= 1:
        yield from map(run, plan)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(plan))) as pool:
        try:
            yield from pool.map(run, plan, chunksize=1)
        except BrokenExecutor as error:
            pool.shutdown(cancel_futures=True)
            raise TeiConvertError(f"a worker process died ({error}); nothing was listed in "
                                  "the manifest, run again") from None


def run_job(job: Job, *, out_dir: Path) -> Outcome:
    """Read, convert and write one input; every failure becomes part of the outcome."""
    try:
        data = job.path.read_bytes()
    except FileNotFoundError:
        return Outcome(job, None, problem=("failed", "missing-input", "no such file or folder",
                                           None))
    except IsADirectoryError:
        message = f"a folder with no {'/'.join(TEXT_SUFFIXES)} files in it"
        return Outcome(job, None, problem=("failed", "no-inputs", message, None))
    except OSError as error:
        message = f"cannot read file: {error.strerror}"
        return Outcome(job, None, problem=("failed", "unreadable", message, None))
    digest = sha256(data)
    try:
        result = convert_bytes(data, path=job.path, name=job.name, reader=job.reader,
                               doc_id=job.doc_id, options=job.options)
    except UnsupportedFormatError as error:
        return Outcome(job, digest, problem=("skipped", "unsupported", error.message, error.line))
    except TeiConvertError as error:
        return Outcome(job, digest, problem=("failed", "failed", error.message, error.line))
    except Exception as error:  # a bug in the tool must not stop the other files
        message = f"internal error ({type(error).__name__}: {error}); please report this file"
        return Outcome(job, digest, problem=("failed", "internal-error", message, None))
    try:
        return _write(job, digest, result, out_dir)
    except OutputError as error:
        return Outcome(job, digest, problem=("fatal", "output", str(error), None))


def _write(job: Job, digest: str, result: Result, out_dir: Path) -> Outcome:
    """Write a result's TEI files; return their manifest entries and diagnostics."""
    ref = FileRef(job.name, digest, job.settings, job.metadata)
    file_diagnostics = (*job.renamed, *result.diagnostics)
    diagnostics = list(file_diagnostics)
    entries = []
    for converted in result.documents:
        output = f"{converted.document.id}.xml"
        write_atomic(out_dir / output, converted.xml)
        diagnostics.extend(converted.diagnostics)
        entries.append(document_entry(converted, output=FileRef(output, sha256(converted.xml)),
                                      source=ref, file_diagnostics=file_diagnostics))
    return Outcome(job, digest, tuple(entries), tuple(diagnostics))


@contextmanager
def dask_executor(scheduler: str) -> Iterator[Executor]:
    """An executor on the Dask cluster at ``scheduler``, once a worker is there.

    Raises:
        MissingDependencyError: when Dask is not installed.
        TeiConvertError: when the scheduler cannot be reached or has no worker.
    """
    try:
        from distributed import Client  # only Dask runs need it
    except ImportError:
        raise MissingDependencyError(
            "--executor dask needs Dask: pip install 'tei-convert[dask]'") from None
    try:
        client = Client(scheduler, timeout=DASK_TIMEOUT)  # type: ignore[no-untyped-call]
        client.wait_for_workers(1, timeout=DASK_TIMEOUT)
    except (OSError, ValueError) as error:
        raise TeiConvertError(f"cannot use the Dask scheduler at {scheduler}: {error}") \
            from None
    with client:
        yield client.get_executor()  # type: ignore[no-untyped-call]
