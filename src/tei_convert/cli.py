"""The ``tei-convert`` command: a thin click layer over the library.

Exit codes: 0 everything converted (or valid); 1 some file failed, or a
warning with ``--fail-on-warning``; 2 the command was used wrongly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path

import click

from tei_convert.corpus import convert_corpus
from tei_convert.diagnostics import Diagnostic, Severity
from tei_convert.errors import TeiConvertError
from tei_convert.output import write_atomic
from tei_convert.pipeline import Options
from tei_convert.readers import READERS
from tei_convert.reports import REPORTS, FileResult, summary
from tei_convert.validate import validate_file
from tei_convert.version import __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
_DASK_TIMEOUT = 10
"""Seconds to reach a Dask scheduler and to see a worker there."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-convert")
def main() -> None:
    """Turn plain-text transcriptions into TEI P5 XML editions.

    \b
    Exit codes: 0 all converted/valid; 1 some file failed (or a warning
    with --fail-on-warning); 2 usage error.
    """


def _echo(diagnostic: Diagnostic, *, quiet: bool) -> None:
    if quiet and diagnostic.severity is not Severity.ERROR:
        return
    if diagnostic.severity is Severity.INFO:
        return
    click.echo(diagnostic.render(), err=True)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("out"), show_default=True, help="Folder for the TEI files and manifest.")
@click.option("-f", "--format", "reader", type=click.Choice(sorted(READERS)),
              help="Source format; recognised from the text when not given.")
@click.option("--publisher", help="Publisher of the converted edition (publicationStmt).")
@click.option("--volume-meta", type=click.Path(path_type=Path, dir_okay=False),
              help="JSON file with a volume's author and edition (default: the sidecar "
                   "NAME.meta.json next to each volume).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="all cores",
              help="Files converted at once; the output is the same for any number.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True,
              help="Where conversions run: this machine (-j processes) or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786) for --executor dask; workers "
                   "must see the inputs and output folder at the same paths.")
@click.option("--incremental", is_flag=True,
              help="Keep the results of inputs unchanged since the last run into this folder.")
@click.option("--fail-on-warning", is_flag=True, help="Exit 1 when any warning was reported.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors and the summary only.")
def convert(inputs: tuple[Path, ...], out_dir: Path, reader: str | None, publisher: str | None,
            volume_meta: Path | None, executor: str, scheduler: str | None, jobs: int,
            incremental: bool, fail_on_warning: bool, quiet: bool) -> None:
    """Convert text files (or folders of *.txt files) to TEI.

    INPUTS default to the folder seeds/. One TEI file per document and a
    manifest.json are written to the output folder.

    \b
    Example:
      tei-convert convert seeds -o out
    """
    paths = list(inputs) or [Path("seeds")]
    options = Options(publisher=publisher, volume_meta_file=volume_meta)
    try:
        with _executor(executor, scheduler) as pool:
            report = convert_corpus(paths, out_dir, reader=reader, jobs=jobs,
                                    incremental=incremental, options=options, executor=pool)
    except TeiConvertError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FAILED)
    for diagnostic in report.diagnostics:
        _echo(diagnostic, quiet=quiet)
    failed = len(report.failed)
    kept = f" ({report.reused} input(s) unchanged, kept)" if report.reused else ""
    click.echo(f"converted {len(report.documents)} document(s){kept}, skipped "
               f"{len(report.skipped)}, failed {failed}, {report.warnings} warning(s); "
               f"manifest: {report.manifest_path}", err=True)
    if failed or (fail_on_warning and report.warnings):
        sys.exit(EXIT_FAILED)


@contextmanager
def _executor(kind: str, scheduler: str | None) -> Iterator[Executor | None]:
    """None for local runs; for Dask, an executor on the cluster at ``scheduler``."""
    if kind == "local":
        yield None
        return
    if not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS")
    try:
        from distributed import Client  # only this command needs Dask
    except ImportError:
        raise click.UsageError("--executor dask needs Dask: pip install 'tei-convert[dask]'") \
            from None
    try:
        client = Client(scheduler, timeout=_DASK_TIMEOUT)  # type: ignore[no-untyped-call]
        client.wait_for_workers(1, timeout=_DASK_TIMEOUT)
    except (OSError, ValueError) as error:
        raise TeiConvertError(f"cannot use the Dask scheduler at {scheduler}: {error}") \
            from None
    with client:
        yield client.get_executor()  # type: ignore[no-untyped-call]


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "report_format", type=click.Choice(["text", *sorted(REPORTS)]),
              default="text", show_default=True,
              help="text: problems on stderr only; json, junit: also a report for CI on "
                   "stdout (or in --output).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the json or junit report to this file (atomically), not stdout.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def validate(paths: tuple[Path, ...], report_format: str, output: Path | None,
             quiet: bool) -> None:
    """Check TEI files against tei-convert's schema and integrity rules.

    Each problem is printed on stderr as FILE:LINE: severity code: message.
    With --format json or junit a report is also written to stdout or to
    --output FILE. Exit 0 when every file is valid (warnings allowed); 1 when
    a file is invalid, no .xml file was found or the report cannot be
    written; 2 on a usage error.

    \b
    Example:
      tei-convert validate out/*.xml
      tei-convert validate out --format junit -o validation.xml
    """
    if output is not None and report_format == "text":
        raise click.UsageError("--output needs --format json or junit")
    files = [f for p in paths for f in (sorted(p.rglob("*.xml")) if p.is_dir() else [p])]
    results = []
    for path in files:
        result = FileResult(str(path), tuple(validate_file(path)))
        for problem in result.problems:
            _echo(problem, quiet=quiet)
        results.append(result)
    counts = summary(results)
    click.echo(f"{counts['valid']} of {counts['files']} file(s) valid", err=True)
    if report_format != "text":
        _write_report(REPORTS[report_format](results), output)
    if counts["invalid"] or not files:
        sys.exit(EXIT_FAILED)


def _write_report(data: bytes, output: Path | None) -> None:
    if output is None:
        click.echo(data, nl=False)  # bytes go to the binary stream, unchanged
        return
    try:
        write_atomic(output, data)
    except TeiConvertError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FAILED)
