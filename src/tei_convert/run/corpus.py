"""Converting many files into one output folder with a manifest.

One broken file never stops the others: each file either converts, is
skipped (a format we recognise but cannot convert yet) or fails, and the
manifest says which. The steps have their own modules: ``plan`` fixes the
inputs and ids, ``reuse`` keeps unchanged results, ``execute`` runs the
conversions, ``folder`` cleans up after the last run.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from tei_convert.diagnostics import Diagnostic, Severity, diagnostic
from tei_convert.errors import OutputError
from tei_convert.pipeline import Options
from tei_convert.run.execute import Outcome, outcomes
from tei_convert.run.folder import outputs_of, previous_manifest, remove_stale
from tei_convert.run.manifest import MANIFEST_NAME, Json, manifest, write_manifest
from tei_convert.run.output import remove_leftovers
from tei_convert.run.plan import plan_jobs
from tei_convert.run.progress import Progress
from tei_convert.run.reuse import diagnostics_of, reusable


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
    previous = previous_manifest(out_dir)
    plan = plan_jobs(inputs, reader, options)
    reused = reusable(plan, previous, out_dir) if incremental and previous else {}
    results = outcomes([job for job in plan if job.name not in reused], jobs, out_dir, executor)
    tell: Progress = progress or (lambda *_: None)
    tell(0, len(plan))
    for done, job in enumerate(plan, start=1):
        if job.name in reused:
            report.documents.extend(reused[job.name])
            report.diagnostics.extend(diagnostics_of(reused[job.name]))
            report.reused += 1
        else:
            _record(next(results), report)
        tell(done, len(plan))
    data = manifest(report.documents, report.skipped, report.failed)
    report.manifest_path = out_dir / MANIFEST_NAME
    write_manifest(report.manifest_path, data)
    remove_stale(out_dir, outputs_of(previous),
                 {entry["output"]["path"] for entry in report.documents})
    return report


def _record(outcome: Outcome, report: RunReport) -> None:
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
    target = report.skipped if bucket == "skipped" else report.failed
    found = diagnostic(code, message, outcome.job.name, line)
    report.diagnostics.append(found)
    entry: Json = {"source": source, "reason": message, "diagnostics": [found.to_json()]}
    if line is not None:
        entry["line"] = line
    target.append(entry)
