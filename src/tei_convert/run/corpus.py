"""Converting many files into one output folder with a manifest.

One broken file never stops the others: each file either converts, is
skipped (a format we recognise but cannot convert yet) or fails, and the
manifest says which. The steps have their own modules: ``folder`` says which
files are the tool's and holds the folder's lock, ``plan`` fixes the inputs
and ids, ``reuse`` keeps unchanged results, ``execute`` runs the conversions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import closing, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tei_convert.diagnostics import Diagnostic, Severity, diagnostic
from tei_convert.errors import OutputError
from tei_convert.input.files import DEFAULT_MAX_BYTES
from tei_convert.pipeline import Options
from tei_convert.run.entries import EntryLog
from tei_convert.run.execute import Action, Outcome, Target, outcomes
from tei_convert.run.folder import (
    Previous,
    check_targets,
    close_journal,
    kept,
    protected_names,
    read_previous,
    run_lock,
    settle,
)
from tei_convert.run.manifest import (
    MANIFEST_NAME,
    Json,
    manifest,
    manifest_bytes,
    not_an_input,
    write_manifest,
)
from tei_convert.run.output import flush_to_disk, remove_leftovers
from tei_convert.run.plan import Job, plan_jobs
from tei_convert.run.progress import Progress
from tei_convert.run.reuse import diagnostics_of, kept_entries, reusable

if TYPE_CHECKING:
    from concurrent.futures import Executor


@dataclass
class RunReport:
    """What a run did: manifest entries and every diagnostic, for the CLI."""

    documents: EntryLog = field(default_factory=EntryLog)
    """The manifest's document entries, kept on disk until the manifest is written."""
    skipped: list[Json] = field(default_factory=list)
    failed: list[Json] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    manifest_path: Path | None = None
    reused: int = 0
    """Inputs whose earlier results were kept (``incremental``)."""
    actions: list[tuple[str, Action, bytes | None]] = field(default_factory=list)
    """What was done (in a dry run: what would be done) with each file of the
    folder, the manifest last, with the new bytes when previews were asked for."""

    @property
    def changes(self) -> list[tuple[str, Action, bytes | None]]:
        """The actions that change the folder (or would, in a dry run)."""
        return [a for a in self.actions if a[1] in (Action.WRITE, Action.REPLACE, Action.REMOVE)]

    @property
    def warnings(self) -> int:
        """How many warnings the run reported."""
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)


def convert_corpus(inputs: Sequence[Path], out_dir: Path, *, reader: str | None = None,
                   options: Options | None = None, jobs: int = 1,
                   incremental: bool = False, executor: Executor | None = None,
                   progress: Progress | None = None, force: bool = False,
                   targets: Sequence[Path] = (), dry_run: bool = False,
                   previews: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> RunReport:
    """Convert every input into ``out_dir`` and write ``manifest.json`` there.

    Only files the tool wrote and nobody changed since are replaced or deleted
    (see :mod:`tei_convert.run.folder`); an output edited by hand is kept, and
    so are the earlier outputs of an input that failed.

    Args:
        jobs: how many processes convert at once; results are written in input
            order, so the output does not depend on it.
        incremental: reuse the manifest entries of inputs that have not changed
            since the last run (same bytes, settings and tool version, outputs
            still as written) instead of converting them again.
        executor: run the conversions there instead (a Dask cluster's
            ``client.get_executor()``, any ``concurrent.futures.Executor``);
            its workers must see ``inputs`` and ``out_dir`` at the same paths.
        progress: called with (done, total) at the start and after each input.
        force: replace outputs that were edited by hand.
        targets: files the caller writes after the run (a corpus file, a bag
            folder), refused before anything is written if one is a source of
            the run or holds one.
        dry_run: decide everything and write nothing: ``RunReport.actions``
            says what a run would write, keep, refuse and remove.
        previews: with ``dry_run``, keep the new bytes of each file in
            ``RunReport.actions`` (to show a diff).
        max_bytes: the largest input read; a larger one, and anything that is
            not a regular file (a device, a pipe), fails with a reason.

    Raises:
        OutputError: the output folder cannot be written, its manifest is not
            one of ours, or a target would destroy a source.
        BusyError: another run is writing ``out_dir``.
    """
    out_dir = out_dir.absolute()
    with nullcontext() if dry_run else run_lock(out_dir):
        previous = read_previous(out_dir)
        with closing(previous):  # its entries' temporary file
            plan = plan_jobs(inputs, reader, options, previous=previous, exclude=out_dir)
            # Each file's real path, found once: both guards need it, and resolving
            # is a system call per part of the path. Not kept for the run.
            files = [file.resolve() for file in _files_of(plan)]
            check_targets(out_dir, files, targets, [path for path in inputs if path.is_dir()])
            protected = protected_names(out_dir, files)
            del files
            if not dry_run:
                remove_leftovers(out_dir, _may_write(plan, previous))
            target = Target(out_dir, force, protected, dry_run, previews and dry_run, max_bytes)
            return _run(plan, previous, target, incremental, jobs, executor, progress)


def _run(plan: list[Job], previous: Previous, target: Target, incremental: bool, jobs: int,
         executor: Executor | None, progress: Progress | None) -> RunReport:
    report = RunReport()
    reused = reusable(plan, previous, target.folder) if incremental else {}
    results = outcomes([job for job in plan if job.name not in reused], jobs, target, executor)
    tell: Progress = progress or (lambda *_: None)
    tell(0, len(plan))
    for done, job in enumerate(plan, start=1):
        if job.name in reused:
            entries = kept_entries(job, previous, reused[job.name])
            report.documents.extend(entries)
            report.diagnostics.extend(diagnostics_of(entries))
            report.reused += 1
        else:
            _record(next(results), report, previous)
        tell(done, len(plan))
    failed = {entry["source"]["path"] for entry in (*report.failed, *report.skipped)
              if not not_an_input(entry)}
    clean = not failed and bool(report.documents)
    listed = {entry["output"]["path"] for entry in report.documents}
    carried, removed, journal = settle(target.folder, previous, listed, failed, clean=clean,
                                       dry_run=target.dry_run)
    report.documents.extend(carried)
    report.actions.extend((name, Action.REMOVE, None) for name in removed)
    report.manifest_path = target.folder / MANIFEST_NAME
    data = manifest(report.documents, report.skipped, report.failed)
    if target.dry_run:
        report.actions.append(_manifest_action(report.manifest_path, manifest_bytes(data),
                                               previews=target.previews))
    else:
        # The documents reach the disk before the manifest that lists them.
        flush_to_disk()
        write_manifest(report.manifest_path, data)
        close_journal(target.folder, journal)
        report.actions.append((MANIFEST_NAME, Action.WRITE, None))
    return report



def _manifest_action(path: Path, new: bytes, *, previews: bool
                     ) -> tuple[str, Action, bytes | None]:
    try:
        action = Action.UNCHANGED if path.read_bytes() == new else Action.REPLACE
    except FileNotFoundError:
        action = Action.WRITE
    return MANIFEST_NAME, action, new if previews else None


def _files_of(plan: list[Job]) -> list[Path]:
    """The sources and metadata files the run reads."""
    files = [job.path for job in plan if job.problem is None]
    files.extend(Path(ref.path) for job in plan for ref in (job.metadata, job.catalogue)
                 if ref is not None)
    return files


def _may_write(plan: list[Job], previous: Previous) -> Callable[[str], bool]:
    """Whether a file name is one this run may write: the manifest, the last
    run's outputs, and the ``<id>.xml`` and ``<id>-NNN.xml`` of the plan."""
    names = {MANIFEST_NAME, *previous.entries, *previous.journal,
             *(f"{job.doc_id}.xml" for job in plan)}

    def ours(name: str) -> bool:
        work = re.fullmatch(r"(.+)-\d{3,}\.xml", name)
        return name in names or (work is not None and f"{work.group(1)}.xml" in names)

    return ours


def _record(outcome: Outcome, report: RunReport, previous: Previous) -> None:
    """Add one outcome to the report, in input order; an input that failed keeps
    the entries of its earlier outputs, and so does an output edited by hand.

    Raises:
        OutputError: when the worker could not write the output folder.
    """
    source: Json = {"path": outcome.job.name}
    if outcome.sha256 is not None:
        source["sha256"] = outcome.sha256
    report.diagnostics.extend(outcome.diagnostics)
    report.actions.extend(outcome.actions)
    report.documents.extend(kept(previous.entry(name), "edited") for name in outcome.kept
                            if name in previous.entries)
    if outcome.problem is None:
        report.documents.extend(outcome.entries)
        return
    bucket, code, message, line = outcome.problem
    if bucket == "fatal":
        raise OutputError(message)
    target = report.skipped if bucket == "skipped" else report.failed
    found = diagnostic(code, message, outcome.job.name, line)
    report.diagnostics.append(found)
    entry: Json = {"source": source, "reason": message, "diagnostics": [found.to_json()]}
    if line is not None:
        entry["line"] = line
    target.append(entry)
