"""Converting many files into one output folder with a manifest.

One broken file never stops the others: each file either converts, is
skipped (a format we recognise but cannot convert yet) or fails, and the
manifest says which.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path

from tei_convert.canonical import sha256
from tei_convert.diagnostics import Diagnostic, Severity
from tei_convert.errors import ManifestError, OutputError, TeiConvertError, UnsupportedFormatError
from tei_convert.pipeline import Options, Result, convert_bytes, document_id
from tei_convert.readers.volume_meta import (
    load_volume_meta,
    read_volume_meta_bytes,
    volume_meta_file,
)
from tei_convert.run.manifest import (
    MANIFEST_NAME,
    FileRef,
    Json,
    document_entry,
    manifest,
    output_unchanged,
    read_manifest,
    write_manifest,
)
from tei_convert.run.output import remove_leftovers, write_atomic
from tei_convert.version import __version__

TEXT_SUFFIXES = (".txt",)

Progress = Callable[[int, int], None]
"""Told (inputs done, inputs in all) when a run starts and after each input."""


@dataclass
class RunReport:
    """What a run did: manifest entries and every diagnostic, for the CLI."""

    documents: list[Json] = field(default_factory=list)
    skipped: list[Json] = field(default_factory=list)
    failed: list[Json] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    manifest_path: Path | None = None
    reused: int = 0
    """Inputs whose earlier results were kept (``incremental``)."""

    @property
    def warnings(self) -> int:
        """How many warnings the run reported."""
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)


def gather_inputs(inputs: Iterable[Path]) -> list[tuple[Path, str]]:
    """Files to convert, as (path, name) sorted by name.

    A folder contributes its ``*.txt`` files at any depth; a file given by
    name is taken whatever its suffix. The name is the path as given, with
    ``/`` separators, so manifests do not depend on the machine.
    """
    found: dict[str, Path] = {}
    for path in inputs:
        texts = _texts_in(path) if path.is_dir() else []
        if texts:
            found.update((_name(child), child) for child in texts)
        else:
            # A missing path or a folder with no text files is kept, so that
            # the run reports it as a failed input.
            found[_name(path)] = path
    return sorted(((p, name) for name, p in found.items()), key=lambda item: item[1])


def _name(path: Path) -> str:
    """The path as the manifest names it: "/" separators, and a file name that is
    not UTF-8 shown with replacement characters instead of failing the run."""
    return path.as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _texts_in(folder: Path) -> list[Path]:
    return [child for child in folder.rglob("*") if child.is_file()
            and child.suffix.lower() in TEXT_SUFFIXES and not child.name.startswith(".")]


def convert_corpus(inputs: Sequence[Path], out_dir: Path, *, reader: str | None = None,
                   options: Options | None = None, jobs: int = 1,
                   incremental: bool = False, executor: Executor | None = None,
                   progress: Progress | None = None) -> RunReport:
    """Convert every input into ``out_dir`` and write ``manifest.json`` there.

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

    Raises:
        OutputError: when the output folder cannot be written.
    """
    report = RunReport()
    remove_leftovers(out_dir)
    previous = _previous_manifest(out_dir)
    plan = _plan(inputs, reader, options)
    reused = _reusable(plan, previous, out_dir) if incremental and previous else {}
    outcomes = _outcomes([job for job in plan if job.name not in reused], jobs, out_dir,
                         executor)
    tell: Progress = progress or (lambda *_: None)
    tell(0, len(plan))
    for done, job in enumerate(plan, start=1):
        if job.name in reused:
            report.documents.extend(reused[job.name])
            report.diagnostics.extend(_diagnostics_of(reused[job.name]))
            report.reused += 1
        else:
            _record(next(outcomes), report)
        tell(done, len(plan))
    data = manifest(report.documents, report.skipped, report.failed)
    report.manifest_path = out_dir / MANIFEST_NAME
    write_manifest(report.manifest_path, data)
    _remove_stale(out_dir, _outputs_of(previous),
                  {entry["output"]["path"] for entry in report.documents})
    return report


@dataclass(frozen=True)
class _Job:
    """One input to convert, with the id it was given in input order."""

    path: Path
    name: str
    doc_id: str
    renamed: tuple[Diagnostic, ...]
    reader: str | None
    options: Options | None
    settings: str
    """A fingerprint of everything besides the input that shapes the output."""
    metadata: FileRef | None = None
    """The volume metadata file used, as the manifest records it."""


@dataclass(frozen=True)
class _Outcome:
    """What came of one job, small enough to send back from a worker: the
    manifest entries of the files it wrote, or a problem (bucket, code,
    message, line)."""

    job: _Job
    sha256: str | None
    entries: tuple[Json, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    problem: tuple[str, str, str, int | None] | None = None


def _plan(inputs: Sequence[Path], reader: str | None, options: Options | None) -> list[_Job]:
    found = gather_inputs(inputs)
    # A volume's works are "<id>-001", "<id>-002"...: those names are taken for
    # every input, so another file called "<id>-001.txt" gets a different one.
    bases = {document_id(name) for _, name in found}
    used_ids: set[str] = set()
    plan = []
    for path, name in found:
        base = document_id(name)
        work_of = re.fullmatch(r"(.+)-\d{3}", base)
        if work_of is not None and work_of.group(1) in bases:
            used_ids.add(base)
        doc_id, renamed = _unique_id(base, used_ids, name)
        job_options, settings, metadata = _settings(path, reader, options)
        plan.append(_Job(path, name, doc_id, tuple(renamed), reader, job_options, settings,
                         metadata))
    return plan


def _diagnostics_of(entries: list[Json]) -> Iterator[Diagnostic]:
    """The diagnostics stored with kept entries, so the run reports them again."""
    seen: set[tuple[object, ...]] = set()
    for entry in entries:
        for item in entry["diagnostics"]:
            key = tuple(sorted(item.items()))
            if key not in seen:  # file-level ones repeat in each work of a volume
                seen.add(key)
                yield Diagnostic(item["code"], Severity(item["severity"]), item["message"],
                                 item["source"], item.get("line"))


def _settings(path: Path, reader: str | None, options: Options | None
              ) -> tuple[Options, str, FileRef | None]:
    """The input's options with its volume metadata found (once, here); a
    fingerprint of what besides the input shapes its output (the format asked
    for, the publisher and that metadata); and the metadata file as the
    manifest names it, so that a deposit can carry it and check it."""
    options = options or Options()
    settings: dict[str, object] = {"reader": reader, "publisher": options.publisher}
    metadata = None
    try:
        meta = options.volume_meta
        found = None if meta else volume_meta_file(path, options.volume_meta_file)
        if found is not None:
            raw = read_volume_meta_bytes(found)
            meta = load_volume_meta(found, raw)
            metadata = FileRef(_name(found), sha256(raw))
        settings["volume_meta"] = None if meta is None else asdict(meta)
        options = replace(options, volume_meta=meta)
    except TeiConvertError as error:
        # Broken metadata makes a fingerprint no earlier run has, so the input
        # is converted again and the conversion reports the problem.
        settings["volume_meta_error"] = str(error)
    return options, sha256(json.dumps(settings, sort_keys=True).encode("utf-8")), metadata


def _previous_manifest(out_dir: Path) -> Json | None:
    """The last run's manifest in ``out_dir``, if there is one that fits our schema
    (an edited or broken manifest is not trusted for anything)."""
    try:
        return read_manifest(out_dir)
    except ManifestError:
        return None


def _outputs_of(previous: Json | None) -> dict[str, str]:
    """Output files an earlier run recorded, with their sha256."""
    if previous is None:
        return {}
    return {entry["output"]["path"]: entry["output"]["sha256"]
            for entry in previous["documents"]}


def _reusable(plan: Sequence[_Job], previous: Json, out_dir: Path) -> dict[str, list[Json]]:
    """Manifest entries of the last run that still hold, by input name."""
    if previous["tool"]["version"] != __version__:
        return {}
    by_source: dict[str, list[Json]] = {}
    for entry in previous["documents"]:
        by_source.setdefault(entry["source"]["path"], []).append(entry)
    return {job.name: by_source[job.name] for job in plan
            if job.name in by_source and _still_holds(job, by_source[job.name], out_dir)}


def _still_holds(job: _Job, entries: list[Json], out_dir: Path) -> bool:
    """Same input bytes, settings and ids, and every output file unchanged."""
    try:
        digest = sha256(job.path.read_bytes())
    except OSError:
        return False
    return all(_entry_holds(entry, job, digest, out_dir) for entry in entries)


def _entry_holds(entry: Json, job: _Job, digest: str, out_dir: Path) -> bool:
    source = entry["source"]
    # The document's id, or for a volume's works the id and a sequence number.
    same_id = re.fullmatch(re.escape(job.doc_id) + r"(?:-\d{3})?", entry["id"]) is not None
    return bool(source["sha256"] == digest and source.get("settings") == job.settings and same_id
                and output_unchanged(out_dir, entry))


def _outcomes(plan: list[_Job], jobs: int, out_dir: Path,
              executor: Executor | None) -> Iterator[_Outcome]:
    """Run the jobs, in this process, a pool or the given executor, yielding
    outcomes in plan order. Workers write their own TEI files and send back
    only manifest entries."""
    run = partial(_run, out_dir=out_dir)
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


def _run(job: _Job, *, out_dir: Path) -> _Outcome:
    """Read, convert and write one input; every failure becomes part of the outcome."""
    name = job.name
    try:
        data = job.path.read_bytes()
    except FileNotFoundError:
        return _Outcome(job, None, problem=("failed", "missing-input", "no such file or folder",
                                            None))
    except IsADirectoryError:
        message = f"a folder with no {'/'.join(TEXT_SUFFIXES)} files in it"
        return _Outcome(job, None, problem=("failed", "no-inputs", message, None))
    except OSError as error:
        message = f"cannot read file: {error.strerror}"
        return _Outcome(job, None, problem=("failed", "unreadable", message, None))
    digest = sha256(data)
    try:
        result = convert_bytes(data, path=job.path, name=name, reader=job.reader,
                               doc_id=job.doc_id, options=job.options)
    except UnsupportedFormatError as error:
        return _Outcome(job, digest, problem=("skipped", "unsupported", error.message, error.line))
    except TeiConvertError as error:
        return _Outcome(job, digest, problem=("failed", "failed", error.message, error.line))
    except Exception as error:  # a bug in the tool must not stop the other files
        message = f"internal error ({type(error).__name__}: {error}); please report this file"
        return _Outcome(job, digest, problem=("failed", "internal-error", message, None))
    try:
        return _write(job, digest, result, out_dir)
    except OutputError as error:
        return _Outcome(job, digest, problem=("fatal", "output", str(error), None))


def _write(job: _Job, digest: str, result: Result, out_dir: Path) -> _Outcome:
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
    return _Outcome(job, digest, tuple(entries), tuple(diagnostics))


def _record(outcome: _Outcome, report: RunReport) -> None:
    """Add one outcome to the report, in input order.

    Raises:
        OutputError: when the worker could not write the output folder.
    """
    source: Json = {"path": outcome.job.name}
    if outcome.sha256 is not None:
        source["sha256"] = outcome.sha256
    if outcome.problem is None:
        report.documents.extend(outcome.entries)
        report.diagnostics.extend(outcome.diagnostics)
        return
    bucket, code, message, line = outcome.problem
    if bucket == "fatal":
        raise OutputError(message)
    severity = Severity.WARNING if bucket == "skipped" else Severity.ERROR
    target = report.skipped if bucket == "skipped" else report.failed
    _record_problem(target, report, source, TeiConvertError(message, line=line), severity, code)


def _remove_stale(out_dir: Path, previous: dict[str, str], current: set[str]) -> None:
    """Delete what an earlier run wrote and this one did not, so the folder holds
    exactly what the manifest lists. A file is only deleted when it is still the
    one that run wrote (same name, same sha256): never anything else."""
    for name, digest in previous.items():
        path = out_dir / name
        if name in current or Path(name).name != name or not path.is_file():
            continue
        try:
            if sha256(path.read_bytes()) == digest:
                path.unlink()
        except OSError:
            continue


def _unique_id(base: str, used: set[str], name: str) -> tuple[str, list[Diagnostic]]:
    """An id not used yet in this run, and a warning when it had to change."""
    doc_id, count = base, 1
    while doc_id in used:
        count += 1
        doc_id = f"{base}-{count}"
    used.add(doc_id)
    if doc_id == base:
        return doc_id, []
    return doc_id, [Diagnostic("id-collision", Severity.WARNING,
                               f"id '{base}' is taken by another input; using '{doc_id}'", name)]


def _record_problem(bucket: list[Json], report: RunReport, source: Json, error: TeiConvertError,
                    severity: Severity, code: str) -> None:
    diagnostic = Diagnostic(code, severity, error.message, str(source["path"]), error.line)
    report.diagnostics.append(diagnostic)
    entry: Json = {"source": source, "reason": error.message,
                   "diagnostics": [diagnostic.to_json()]}
    if error.line is not None:
        entry["line"] = error.line
    bucket.append(entry)
