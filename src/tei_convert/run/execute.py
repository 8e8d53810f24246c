"""Where a run's conversions happen: in this process, a process pool or any
``concurrent.futures`` executor (a Dask cluster's), one job per input.

Each job reads its input, converts it and writes its own TEI files; only the
manifest entries travel back, in plan order, so the output does not depend on
how many workers there were.
"""

from __future__ import annotations

import enum
import os
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tei_convert.canonical import sha256
from tei_convert.diagnostics import Diagnostic, diagnostic
from tei_convert.errors import (
    InputError,
    MissingDependencyError,
    OutputError,
    TeiConvertError,
    UnsupportedFormatError,
)
from tei_convert.input.files import DEFAULT_MAX_BYTES, read_limited
from tei_convert.pipeline import Converted, stream_bytes
from tei_convert.run.entries import EntryLog
from tei_convert.run.folder import FileState, file_state, record_write
from tei_convert.run.manifest import FileRef, Json, document_entry, with_file_diagnostics
from tei_convert.run.output import put_staged, stage
from tei_convert.run.plan import TEXT_SUFFIXES, Job

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

DASK_TIMEOUT = 10
"""Seconds to reach a Dask scheduler and to see a worker there."""


class Action(enum.Enum):
    """What a run does with one output file; the value is how ``--dry-run`` says it."""

    WRITE = "write"
    REPLACE = "replace"
    UNCHANGED = "unchanged"
    KEEP = "keep (edited by hand)"
    REFUSE = "refuse (not the tool's)"
    REMOVE = "remove"


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
    kept: tuple[str, ...] = ()
    """Outputs edited by hand that were not overwritten: their earlier entries stand."""
    actions: tuple[tuple[str, Action, bytes | None], ...] = ()
    """What was done (or, in a dry run, would be done) with each output, with the
    new bytes when previews were asked for."""


@dataclass(frozen=True)
class Target:
    """The output folder as every worker must treat it."""

    folder: Path
    """Absolute, so that a worker in another working folder writes the same place."""
    force: bool = False
    """Overwrite outputs edited by hand."""
    protected: frozenset[str] = frozenset()
    """Names in the folder that are sources or metadata files of the run."""
    dry_run: bool = False
    """Decide everything, write nothing."""
    previews: bool = False
    """Send the new bytes of each output back (for ``--diff``)."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """The largest input read."""


def outcomes(plan: list[Job], jobs: int, target: Target,
             executor: Executor | None) -> Iterator[Outcome]:
    """Run the jobs, in this process, a pool or the given executor, yielding
    outcomes in plan order."""
    run = partial(run_job, target=target)
    if executor is not None:
        # A cluster's size is its own business: keep enough jobs in flight for a large one.
        yield from _in_order(executor, run, plan, ahead=_CLUSTER_AHEAD)
        return
    if jobs <= 1 or len(plan) <= 1:
        yield from map(run, plan)
        return
    # Loaded only for a pool: converting one page spares the multiprocessing modules.
    from concurrent.futures import BrokenExecutor, ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(plan))) as pool:
        try:
            yield from _in_order(pool, run, plan, ahead=jobs * _AHEAD)
        except BrokenExecutor as error:
            pool.shutdown(cancel_futures=True)
            raise TeiConvertError(f"a worker process died ({error}); nothing was listed in "
                                  "the manifest, run again") from None


_AHEAD = 4
"""Jobs submitted per worker ahead of the one whose outcome is awaited: enough
to keep every worker busy, few enough that memory does not grow with the run
(``Executor.map`` submits every job at once and keeps each outcome until it
is taken)."""


_CLUSTER_AHEAD = 512


def _in_order(pool: Executor, run: Callable[[Job], Outcome], plan: list[Job], *,
              ahead: int) -> Iterator[Outcome]:
    """``pool.map(run, plan)`` with at most ``ahead`` jobs in flight."""
    waiting: deque[Future[Outcome]] = deque()
    for job in plan:
        waiting.append(pool.submit(run, job))
        if len(waiting) >= ahead:
            yield waiting.popleft().result()
    while waiting:
        yield waiting.popleft().result()


def _located(error: TeiConvertError, job: Job) -> tuple[str, int | None]:
    """The message and line of a failure; one in another file (the input's
    metadata file or catalogue) names that file and line in the message, since
    the diagnostic is the input's."""
    if error.source is None or error.source == job.name:
        return error.message, error.line
    where = Path(error.source)
    if where.is_absolute() and where.is_relative_to(Path.cwd()):
        where = where.relative_to(Path.cwd())
    line = f":{error.line}" if error.line is not None else ""
    return f"{where.as_posix()}{line}: {error.message}", None


def run_job(job: Job, *, target: Target) -> Outcome:
    """Read, convert and write one input; every failure becomes part of the outcome."""
    if job.problem is not None:
        return Outcome(job, None, problem=(*job.problem, None))
    if job.path.is_dir():
        message = f"a folder with no {'/'.join(TEXT_SUFFIXES)} files in it"
        return Outcome(job, None, problem=("failed", "no-inputs", message, None))
    if not os.path.lexists(job.path):
        return Outcome(job, None, problem=("failed", "missing-input", "no such file or folder",
                                           None))
    try:
        data = read_limited(job.path, limit=target.max_bytes, source=job.name)
    except InputError as error:
        return Outcome(job, None, problem=("failed", "unreadable", error.message, None))
    digest = sha256(data)
    writing = _Writing(job, digest, target)
    try:
        conversion = stream_bytes(data, path=job.path, name=job.name, reader=job.reader,
                                  doc_id=job.doc_id, options=job.options)
        del data  # the text is all the conversion needs of it
        # Each document is written (to a temporary file) as it comes, so that a
        # volume's works are never all held at once.
        for converted in conversion:
            writing.add(converted)
        return writing.finish(conversion.diagnostics)
    except UnsupportedFormatError as error:
        return Outcome(job, digest, problem=("skipped", "unsupported", error.message, error.line))
    except OutputError as error:
        return Outcome(job, digest, problem=("fatal", "output", str(error), None))
    except TeiConvertError as error:
        return Outcome(job, digest, problem=("failed", "failed", *_located(error, job)))
    except Exception as error:  # a bug in the tool must not stop the other files
        message = f"internal error ({type(error).__name__}: {error}); please report this file"
        return Outcome(job, digest, problem=("failed", "internal-error", message, None))
    finally:
        writing.discard()


_ENTRIES_IN_MEMORY = 64
"""Entries one input's job holds before it keeps them in a file (an entry with
its diagnostics is a few kilobytes; a volume has thousands of works)."""


class _Writing:
    """One input's TEI files, written where the folder allows it as they come
    (in a dry run, only decided): each to a temporary file, all renamed into
    place once the last is converted. Nothing is renamed when the input fails
    or one of its files would replace a file that is not ours."""

    def __init__(self, job: Job, digest: str, target: Target) -> None:
        self.job, self.digest, self.target = job, digest, target
        self.ref = FileRef(job.name, digest, job.settings, job.metadata, job.catalogue)
        self.recorded = _recorded(job)
        self.refused: tuple[str, FileState] | None = None
        self.staged: list[tuple[str, str, Path, FileState]] = []
        """(name, sha256, temporary file, state of the file it replaces) of each
        file to put in place."""
        self.entries: list[Json] | EntryLog = []
        """The entries so far; on disk once there are many (a volume's works)."""
        self.kept: list[str] = []
        self.actions: list[tuple[str, Action, bytes | None]] = []
        self.diagnostics: list[Diagnostic] = []

    def add(self, converted: Converted) -> None:
        """Decide what becomes of one document's file, and stage it."""
        name = f"{converted.document.id}.xml"
        state = file_state(self.target.folder / name, self.recorded.get(name))
        if self.refused is not None or state is FileState.NOT_OURS \
                or name in self.target.protected or _other_inputs_edit(self.job, name, state):
            # Nothing more is staged; converting the rest still reports a
            # document that fails the checks, as a failure comes first.
            self.refused = self.refused or (name, state)
            return
        if state is FileState.EDITED and not self.target.force:
            self.kept.append(name)
            self.actions.append((name, Action.KEEP, None))
            self.diagnostics.append(diagnostic(
                "output-edited", f"{name} was changed since it was converted; kept as it is "
                "(convert --force replaces it)", self.job.name))
            return
        digest_out = sha256(converted.xml)
        action = _action(state, digest_out, self.recorded.get(name))
        self.actions.append((name, action, converted.xml if self.target.previews else None))
        if not self.target.dry_run:
            self.staged.append((name, digest_out,
                                stage(self.target.folder / name, converted.xml), state))
        self.diagnostics.extend(converted.diagnostics)
        self.entries.append(document_entry(converted, output=FileRef(name, digest_out),
                                           source=self.ref))
        if isinstance(self.entries, list) and len(self.entries) >= _ENTRIES_IN_MEMORY:
            self.entries = EntryLog(self.entries)

    def finish(self, file_diagnostics: tuple[Diagnostic, ...]) -> Outcome:
        """Put the staged files in place; the outcome, with the file's own
        diagnostics (known only now) in every entry."""
        refused = self.refused or self._changed_since_checked()
        if refused is not None:
            name, state = refused
            other = _other_inputs_edit(self.job, name, state)
            return Outcome(self.job, self.digest,
                           problem=_refusal(name, self.target, other),
                           actions=((name, Action.REFUSE, None),))
        whole = (*self.job.renamed, *file_diagnostics)
        # Made before anything is renamed: once the files are in place, only
        # a failure to write may stop the input (fatal, as the run stops).
        outcome = Outcome(self.job, self.digest,
                          tuple(with_file_diagnostics(entry, whole) for entry in self.entries),
                          (*whole, *self.diagnostics), kept=tuple(self.kept),
                          actions=tuple(self.actions))
        for name, digest_out, temporary, _state in self.staged:
            path = self.target.folder / name
            try:
                record_write(self.target.folder, name, digest_out, self.job.name)
                # Made durable with the others by one flush before the manifest.
                put_staged(temporary, path)
            except OSError as error:
                raise OutputError(f"cannot write {path}: {error.strerror}",
                                  source=str(path)) from None
        self.staged.clear()
        return outcome

    def _changed_since_checked(self) -> tuple[str, FileState] | None:
        """The first file to be replaced that is no longer as it was when its
        document was staged (a volume's last work may come minutes after its
        first, and the user may have saved an edit meanwhile), with its state now."""
        for name, _digest, _temporary, state in self.staged:
            now = file_state(self.target.folder / name, self.recorded.get(name))
            if now is not state:
                return name, now
        return None

    def discard(self) -> None:
        """Remove the staged files that were not put in place, and the entries' file."""
        for _name, _digest, temporary, _state in self.staged:
            temporary.unlink(missing_ok=True)
        self.staged.clear()
        if isinstance(self.entries, EntryLog):
            self.entries.close()


def _action(state: FileState, new: str, recorded: str | None) -> Action:
    if state is FileState.ABSENT:
        return Action.WRITE
    return Action.UNCHANGED if state is FileState.OURS and new == recorded else Action.REPLACE


def _recorded(job: Job) -> dict[str, str]:
    return {name: digest for name, digest, _source in job.owned}


def _other_inputs_edit(job: Job, name: str, state: FileState) -> str | None:
    """The input whose output, edited by hand, ``name`` is, when that is not this
    job's input (ids move when inputs come and go): this job must not take it."""
    if state is not FileState.EDITED:
        return None
    source = next((source for owned, _, source in job.owned if owned == name), None)
    return source if source not in (None, job.name) else None


def _refusal(name: str, target: Target, other: str | None
             ) -> tuple[str, str, str, int | None]:
    path = target.folder / name
    if other is not None:
        return ("failed", "output-not-ours",
                f"{path} is the output of another input ({other}), edited by hand; it is "
                "left as it is: move it away to convert this input", None)
    if name in target.protected:
        return ("failed", "output-is-source",
                f"its output {path} would replace a source of this run; convert into "
                "another folder", None)
    return ("failed", "output-not-ours",
            f"{path} exists and is not a file tei-convert wrote (its manifest does not list "
            "it as it is now); it is left as it is: move it away, or convert into another "
            "folder",
            None)


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
