"""The ``tei-convert`` command: a thin click layer over the library.

Exit codes: 0 everything converted (or valid); 1 some file failed, or a
warning with ``--fail-on-warning``; 2 the command was used wrongly.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import sys
import time
from collections import Counter
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tei_convert.checks.relaxng import OURS, TEI_ALL, TEI_ALL_ENV, Schema, choose_schema
from tei_convert.checks.reports import REPORTS, FileResult, summary, written_by_validate
from tei_convert.diagnostics import Diagnostic, Severity, diagnostic
from tei_convert.errors import BusyError, MissingDependencyError, SettingError, TeiConvertError
from tei_convert.input.files import DEFAULT_MAX_BYTES, format_size, parse_size
from tei_convert.input.text import is_one_line
from tei_convert.readers import READERS
from tei_convert.run.config import Config, load_config, source_date
from tei_convert.values.urls import pattern_problem
from tei_convert.version import __version__

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from tei_convert.package.edition import Edition
    from tei_convert.pipeline import Options
    from tei_convert.run.corpus import RunReport

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-convert")
def main() -> None:
    """Turn plain-text transcriptions into TEI P5 XML editions.

    \b
    Exit codes: 0 all converted/valid; 1 some file failed (or a warning
    with --fail-on-warning); 2 usage error.
    """
    # A message may quote what a user's file holds (a lone surrogate escaped in
    # JSON, a file name's bytes that are not UTF-8): print it escaped, not crash.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _echo(diagnostic: Diagnostic, *, quiet: bool, verbose: bool = False) -> None:
    if quiet and diagnostic.severity is not Severity.ERROR:
        return
    if diagnostic.severity is Severity.INFO and not verbose:
        return
    click.echo(diagnostic.render(), err=True)


def _config(path: Path | None) -> Config:
    """The configuration: the file named, else one found in the working folder."""
    try:
        return load_config(path)
    except TeiConvertError as error:
        raise click.UsageError(str(error)) from None


def _source_date() -> str | None:
    """The edition's date from ``SOURCE_DATE_EPOCH``, if set (a usage error if malformed)."""
    try:
        return source_date()
    except TeiConvertError as error:
        raise click.UsageError(str(error)) from None


_LANGUAGE_TAG = re.compile(
    r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*")
"""A BCP 47 tag as metadata files and the configuration take it (language, script,
region, variants)."""


def _language_tag(context: click.Context, parameter: click.Parameter,  # noqa: ARG001
                  value: str | None) -> str | None:
    if value is not None and not _LANGUAGE_TAG.fullmatch(value):
        raise click.BadParameter(f"'{value}' is no BCP 47 language tag; give one such as "
                                 "en, de or en-GB")
    return value


def _url_pattern(context: click.Context, parameter: click.Parameter,  # noqa: ARG001
                 value: str | None) -> str | None:
    problem = None if value is None else pattern_problem(value)
    if problem is not None:
        raise click.BadParameter(f"'{value}': {problem}")
    return value


def _one_line(context: click.Context, parameter: click.Parameter, value: str | None  # noqa: ARG001
              ) -> str | None:
    """Header text must be one line of characters XML can carry."""
    if value is not None and not is_one_line(value):
        raise click.BadParameter("give one line of text, not blank, with no control characters")
    return value


def _bag_info(context: click.Context, parameter: click.Parameter,  # noqa: ARG001
              values: tuple[str, ...]) -> dict[str, str]:
    """``LABEL=VALUE`` pairs as bag-info fields, each one line of text."""
    fields = {}
    for value in values:
        label, sign, text = value.partition("=")
        if not sign or not is_one_line(label) or not is_one_line(text):
            raise click.BadParameter(f"'{value}' is not LABEL=VALUE on one line")
        fields[label.strip()] = text.strip()
    return fields


def _size(context: click.Context, parameter: click.Parameter,  # noqa: ARG001
          value: str | None) -> int:
    if value is None:
        return DEFAULT_MAX_BYTES
    try:
        return parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


_MAX_SIZE_OPTION = click.option(
    "--max-size", metavar="SIZE", callback=_size,
    help=f"The largest file read (200M, 1G...); larger ones, devices and pipes are refused.  "
         f"[default: {format_size(DEFAULT_MAX_BYTES)}]")

_CONFIG_OPTION = click.option(
    "--config", "config_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Configuration file (default: tei-convert.toml, or [tool.tei-convert] in "
         "pyproject.toml, in the working folder). Options given here win over it.")


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, allow_dash=True),
              help="Folder for the TEI files and manifest; or NAME.xml for the one document "
                   "of one input; or - for standard output.  [default: out]")
@click.option("-f", "--format", "reader", type=click.Choice(sorted(READERS)),
              help="Source format; recognised from the text when not given, and plain "
                   "when no format recognises it (see tei-convert formats).")
@click.option("--publisher", callback=_one_line,
              help="Publisher of the converted edition (publicationStmt).")
@click.option("--meta", "--volume-meta", "metadata_file",
              type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="JSON metadata for every input: author, title, date, language, source, "
                   "licence...; a volume's edition (default: the sidecar NAME.meta.json next "
                   "to each; --volume-meta is its earlier name).")
@click.option("--catalogue", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="CSV or TSV table of many files' metadata, one row per file: a file "
                   "column (relative to the table's folder) and metadata columns.")
@click.option("--lang", callback=_language_tag, metavar="TAG",
              help="Language of texts whose metadata states none, as a BCP 47 tag (en, "
                   "de-AT): TEI/@xml:lang and langUsage.")
@click.option("--source-url", callback=_url_pattern, metavar="PATTERN",
              help="Where the archive serves each source, with {stem} or {name} for the "
                   "file's name (https://archive.example/{stem}.htm): sourceDesc.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Files converted at once; the output is the same for any number.  "
                   "[default: all cores]")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True,
              help="Where conversions run: this machine (-j processes) or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786) for --executor dask; workers "
                   "must see the inputs and output folder at the same paths.")
@click.option("--incremental", is_flag=True,
              help="Keep the results of inputs unchanged since the last run into this folder.")
@click.option("--corpus-file", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write every document into one teiCorpus file (outside the output "
                   "folder).")
@click.option("--bag", "bag_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Also write a BagIt deposit of the output folder (see tei-convert bag).")
@click.option("--include-sources", is_flag=True, default=None,
              help="With --bag: put the source texts in the bag too.")
@click.option("--site", "site_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Also write a static reading edition of the output folder (see "
                   "tei-convert site).")
@click.option("--dry-run", is_flag=True,
              help="Say what would be written, replaced, kept, refused and removed; write "
                   "nothing.")
@click.option("--check", is_flag=True,
              help="Exit 1 when a run would change the output folder (are the TEI files up "
                   "to date with their sources?); write nothing.")
@click.option("--diff", is_flag=True,
              help="With --dry-run or --check: show the unified diff of each file that would "
                   "change.")
@click.option("--force", is_flag=True,
              help="Replace outputs that were edited by hand (never files the tool did not "
                   "write).")
@click.option("--fail-on-warning", is_flag=True, help="Exit 1 when any warning was reported.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors and the summary only.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also print the decisions the tool took (info diagnostics).")
@_MAX_SIZE_OPTION
@_CONFIG_OPTION
def convert(inputs: tuple[Path, ...], out_dir: Path | None, reader: str | None,
            publisher: str | None, metadata_file: Path | None, catalogue: Path | None,
            lang: str | None,
            source_url: str | None, jobs: int | None, executor: str,
            scheduler: str | None, incremental: bool, corpus_file: Path | None,
            bag_dir: Path | None, include_sources: bool | None, site_dir: Path | None,
            dry_run: bool, check: bool,
            diff: bool, force: bool, fail_on_warning: bool, quiet: bool, verbose: bool,
            max_size: int, config_file: Path | None) -> None:
    """Convert text files (or folders of *.txt files) to TEI.

    INPUTS default to the configuration's input, else the folder seeds/. One
    TEI file per document and a manifest.json are written to the output
    folder; then, if asked, a teiCorpus file and a BagIt deposit of it.
    With -o NAME.xml, or -o - for standard output, the one document of one
    input (- reads standard input) is written alone, with no manifest.
    SOURCE_DATE_EPOCH, when set, gives the edition its date
    (publicationStmt/date); the day of the run is never written.

    \b
    Example:
      tei-convert convert seeds -o out --corpus-file corpus.xml --bag deposit
      tei-convert convert letter.txt -o letter.xml
      tei-convert convert seeds -o out --check --diff
    """
    from tei_convert.pipeline import Options
    from tei_convert.run.corpus import convert_corpus
    from tei_convert.run.progress import progress_bar

    if quiet and verbose:
        raise click.UsageError("-q and -v ask for opposite things; give one")
    if diff and not (dry_run or check):
        raise click.UsageError("--diff goes with --dry-run or --check")
    config = _config(config_file)
    if _one_document(inputs, out_dir):
        _convert_one(inputs, out_dir or Path("-"), reader or config.reader,
                     Options(publisher=publisher or config.publisher,
                             published=_source_date(), lang=lang or config.lang,
                             source_url=source_url or config.source_url,
                             metadata_file=metadata_file or config.metadata_file,
                             catalogue=catalogue or config.catalogue),
                     quiet=quiet, verbose=verbose, fail_on_warning=fail_on_warning,
                     max_size=max_size, force=force)
        return
    if out_dir is not None and out_dir.is_file():
        raise click.UsageError(f"-o {out_dir} is a file; give a folder, or NAME.xml for one "
                               "document")
    if (dry_run or check) and (corpus_file or bag_dir or site_dir):
        raise click.UsageError("--dry-run and --check write nothing; leave out --corpus-file, "
                               "--bag and --site")
    # The configuration's corpus file and bag belong to its output folder: a run
    # into another folder (a quick test) must not overwrite them.
    own_output = out_dir is None or out_dir == config.output
    corpus_file = corpus_file or (config.corpus_file if own_output else None)
    bag_dir = bag_dir or (config.bag if own_output else None)
    if include_sources and bag_dir is None:
        raise click.UsageError("--include-sources goes with --bag DIR")
    out_dir = _output_dir(out_dir, config)
    publisher = publisher or config.publisher
    started = time.monotonic()
    try:
        with _executor(executor, scheduler) as pool, progress_bar(quiet) as progress:
            report = convert_corpus(
                list(inputs or config.inputs or (Path("seeds"),)), out_dir,
                reader=reader or config.reader, jobs=jobs or config.jobs or os.cpu_count() or 1,
                incremental=incremental, executor=pool, progress=progress, force=force,
                targets=[path for path in (corpus_file, bag_dir, site_dir) if path is not None],
                dry_run=dry_run or check, previews=diff, max_bytes=max_size,
                options=Options(publisher=publisher, published=_source_date(),
                                lang=lang or config.lang,
                                source_url=source_url or config.source_url,
                                metadata_file=metadata_file or config.metadata_file,
                                catalogue=catalogue or config.catalogue))
    except MissingDependencyError as error:
        raise click.UsageError(error.message) from None
    except BusyError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except TeiConvertError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FAILED)
    for found in report.diagnostics:
        _echo(found, quiet=quiet, verbose=verbose)
    failed = len(report.failed)
    if dry_run or check:
        _tell_plan(report, out_dir, verbose=verbose, diff=diff)
        sys.exit(EXIT_FAILED if failed or (check and report.changes) else EXIT_OK)
    packaged = not (corpus_file or bag_dir or site_dir) or _package(out_dir, _Packaging(
        corpus_file, bag_dir, config.include_sources if include_sources is None
        else include_sources, config.corpus_title, publisher, config.licence, config.bag_info,
        site_dir))
    earlier = sum(1 for entry in report.documents if "kept" in entry)
    kept = f" ({report.reused} input(s) unchanged, kept)" if report.reused else ""
    kept += f", {earlier} kept from an earlier run" if earlier else ""
    click.echo(f"converted {len(report.documents) - earlier} document(s){kept}, skipped "
               f"{len(report.skipped)}, failed {failed}, {report.warnings} warning(s) in "
               f"{time.monotonic() - started:.1f} s; manifest: {report.manifest_path}", err=True)
    if failed or not packaged or (fail_on_warning and report.warnings):
        sys.exit(EXIT_FAILED)


def _tell_plan(report: RunReport, out_dir: Path, *, verbose: bool, diff: bool) -> None:
    """What a run would do with each file, then the diffs, then a summary."""
    from tei_convert.run.execute import Action

    for name, action, _new in report.actions:
        if action is not Action.UNCHANGED or verbose:
            click.echo(f"{action.value}: {out_dir / name}")
    for name, action, new in report.actions if diff else ():
        if action in (Action.WRITE, Action.REPLACE, Action.REMOVE):
            click.echo(_unified_diff(out_dir / name, new), nl=False)
    counts = Counter(action.value for _, action, _ in report.actions)
    done = ", ".join(f"{count} {what}" for what, count in sorted(counts.items()))
    state = "would change the folder" if report.changes else "up to date"
    click.echo(f"dry run, nothing written: {done}; {state}", err=True)


def _unified_diff(path: Path, new: bytes | None) -> str:
    try:
        old = path.read_text("utf-8", errors="replace").splitlines(keepends=True)
    except OSError:
        old = []
    lines = [] if new is None else new.decode("utf-8").splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, lines, f"a/{path.name}", f"b/{path.name}"))


def _one_document(inputs: tuple[Path, ...], out_dir: Path | None) -> bool:
    """Whether the run writes one document alone: to standard output, to a file
    named ``*.xml``, or from standard input."""
    return (out_dir is not None and (str(out_dir) == "-" or (
        out_dir.suffix.lower() == ".xml" and not out_dir.is_dir()))) or Path("-") in inputs


def _convert_one(inputs: tuple[Path, ...], target: Path, reader: str | None, options: Options,
                 *, quiet: bool, verbose: bool, fail_on_warning: bool, max_size: int,
                 force: bool) -> None:
    """pandoc's way: one input (``-``: standard input) to one TEI file (``-``:
    standard output), no manifest."""
    from tei_convert.run.one import convert_one

    if len(inputs) != 1:
        raise click.UsageError("-o - and -o NAME.xml take one input (a file, or - for "
                               "standard input); give a folder to -o for many")
    if str(target) != "-" and target.suffix.lower() != ".xml":
        raise click.UsageError("standard input goes to one file: -o NAME.xml, or -o - for "
                               "standard output")
    try:
        converted = convert_one(inputs[0], reader=reader, options=options,
                                target=None if str(target) == "-" else target,
                                max_bytes=max_size, force=force)
    except TeiConvertError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FAILED)
    for found in converted.all_diagnostics:
        _echo(found, quiet=quiet, verbose=verbose)
    if str(target) == "-":
        _to_stdout(converted.documents[0].xml)
    if fail_on_warning and any(d.severity is Severity.WARNING
                               for d in converted.all_diagnostics):
        sys.exit(EXIT_FAILED)


@dataclass(frozen=True)
class _Packaging:
    """What to make of a converted folder besides its TEI files."""

    corpus_file: Path | None = None
    bag_dir: Path | None = None
    include_sources: bool = False
    title: str | None = None
    publisher: str | None = None
    licence: str | None = None
    bag_info: dict[str, str] = field(default_factory=dict)
    site_dir: Path | None = None


def _package(out_dir: Path, packaging: _Packaging) -> bool:
    """Write the corpus file, the bag and the site asked for, from one reading of the
    folder; on a problem print it and return False, having written those before it only."""
    from tei_convert.run.folder import run_lock

    try:
        # The folder's lock: no run may change the files while they are packaged.
        with run_lock(out_dir):
            _make_packages(out_dir, packaging)
    except TeiConvertError as error:
        click.echo(f"error: {error}", err=True)
        return False
    return True


def _make_packages(out_dir: Path, packaging: _Packaging) -> None:
    # Imported here: only these paths need them, and --help stays fast.
    from tei_convert.package.bag import make_bag
    from tei_convert.package.teicorpus import write_tei_corpus

    edition = _read_edition(out_dir)
    if packaging.corpus_file is not None:
        write_tei_corpus(edition, packaging.corpus_file, title=packaging.title,
                         publisher=packaging.publisher, licence=packaging.licence)
        click.echo(f"corpus: {packaging.corpus_file}", err=True)
    if packaging.bag_dir is not None:
        make_bag(edition, packaging.bag_dir, info=packaging.bag_info,
                 include_sources=packaging.include_sources)
        click.echo(f"bag: {packaging.bag_dir}", err=True)
    if packaging.site_dir is not None:
        from tei_convert.package.site import write_site

        report = write_site(edition, packaging.site_dir)
        click.echo(f"site: {report.path / 'index.html'} ({report.pages} page(s))", err=True)


def _read_edition(out_dir: Path) -> Edition:
    """The folder checked against its manifest (documents edited by hand against TEI
    P5), saying which documents were edited and which files are left out."""
    from tei_convert.package.edition import read_edition, tei_p5_check

    edition = read_edition(out_dir, check_edited=tei_p5_check(os.environ.get(TEI_ALL_ENV)))
    for document in edition.edited:
        click.echo(f"{document.path}: edited by hand; valid TEI P5, packaged as it is",
                   err=True)
    for name in edition.unlisted:
        click.echo(f"{out_dir / name}: {name} is not in the manifest; left out", err=True)
    return edition


def _output_dir(out_dir: Path | None, config: Config) -> Path:
    return out_dir or config.output or Path("out")


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
                required=False)
@click.option("-o", "--output", "bag_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the bag (replaced only if it is a bag tei-convert made).  "
                   "[default: the configuration's deposit.bag]")
@click.option("--include-sources", is_flag=True, default=None,
              help="Put the source texts (and metadata files, catalogues) under data/source/.")
@click.option("--info", "infos", multiple=True, metavar="LABEL=VALUE", callback=_bag_info,
              help="A bag-info.txt field, over the configuration's (repeatable): "
                   "--info Contact-Email=editions@example.org")
@_CONFIG_OPTION
def bag(out_dir: Path | None, bag_dir: Path | None, include_sources: bool | None,
        infos: dict[str, str], config_file: Path | None) -> None:
    """Package a converted folder as a BagIt 1.0 deposit (RFC 8493).

    OUT_DIR (default: the configuration's output, else out/) must hold
    exactly what its manifest.json lists. bag-info.txt takes its fields from
    the configuration's [deposit] table; Bagging-Date follows
    SOURCE_DATE_EPOCH when set. Check a bag with: bagit.py --validate BAG_DIR

    \b
    Example:
      tei-convert bag out -o deposit --include-sources
    """
    config = _config(config_file)
    bag_dir = bag_dir or config.bag
    if bag_dir is None:
        raise click.UsageError("say where the bag goes: -o BAG_DIR or deposit.bag in the "
                               "configuration")
    packaging = _Packaging(bag_dir=bag_dir, bag_info={**config.bag_info, **infos},
                           include_sources=config.include_sources if include_sources is None
                           else include_sources)
    if not _package(_output_dir(out_dir, config), packaging):
        sys.exit(EXIT_FAILED)


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
                required=False)
@click.option("-o", "--output", "corpus_file", type=click.Path(path_type=Path, dir_okay=False),
              help="The teiCorpus file to write.  [default: the configuration's corpus.file]")
@click.option("--title", callback=_one_line,
              help="Title of the corpus.  [default: the configuration's corpus.title]")
@click.option("--publisher", callback=_one_line, help="Publisher named in the corpus header.")
@click.option("--licence", callback=_one_line,
              help="Licence of the corpus, a URL or words.  [default: the configuration's "
                   "licence]")
@_CONFIG_OPTION
def corpus(out_dir: Path | None, corpus_file: Path | None, title: str | None,
           publisher: str | None, licence: str | None, config_file: Path | None) -> None:
    """Write every document of a converted folder into one teiCorpus file.

    The documents go in, in manifest order, exactly as they are in OUT_DIR
    (default: the configuration's output, else out/), under a header with
    the corpus title, publisher, licence and a list of the sources.

    \b
    Example:
      tei-convert corpus out -o corpus.xml
    """
    config = _config(config_file)
    corpus_file = corpus_file or config.corpus_file
    if corpus_file is None:
        raise click.UsageError("say where the corpus goes: -o FILE or corpus.file in the "
                               "configuration")
    packaging = _Packaging(corpus_file=corpus_file, title=title or config.corpus_title,
                           publisher=publisher or config.publisher,
                           licence=licence or config.licence)
    if not _package(_output_dir(out_dir, config), packaging):
        sys.exit(EXIT_FAILED)


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
                required=False)
@click.option("-o", "--output", "cmif_file", required=True,
              type=click.Path(path_type=Path, dir_okay=False),
              help="The CMIF file to write (replaced only if tei-convert wrote it).")
@click.option("--url", metavar="URL",
              help="Where the CMIF file will be published; CMIF requires it "
                   "(publicationStmt/idno).")
@click.option("--editor", callback=_one_line, metavar="NAME",
              help="Contact person for the file (titleStmt/editor).  [default: the publisher]")
@click.option("--publisher", callback=_one_line,
              help="Who gives the metadata (publicationStmt/publisher).  [default: the "
                   "configuration's publisher, else the editor]")
@click.option("--title", callback=_one_line,
              help="Title of the file.  [default: the configuration's corpus.title, else "
                   "\"N letters converted with tei-convert\"]")
@click.option("--date", "day", metavar="YYYY-MM-DD",
              help="The file's date (publicationStmt/date).  [default: the day of "
                   "SOURCE_DATE_EPOCH]")
@_CONFIG_OPTION
def cmif(out_dir: Path | None, cmif_file: Path, url: str | None, editor: str | None,
         publisher: str | None, title: str | None, day: str | None,
         config_file: Path | None) -> None:
    """Write the letters of a converted folder as one CMIF file for correspSearch.

    CMIF (Correspondence Metadata Interchange Format) is the TEI subset that
    correspSearch harvests: one correspDesc per letter (sender, place and date
    sent, addressee) and one bibl per source, in manifest order, under a header
    naming the file's editor, publisher, URL, date and its CC BY 4.0 licence.
    A letter is a document of OUT_DIR (default: the configuration's output,
    else out/) whose header has a correspDesc. Exit 2 when --url, an editor
    (--editor, --publisher or the configuration's publisher) or a date
    (--date or SOURCE_DATE_EPOCH) is missing; exit 1 when the folder holds no
    letter or does not match its manifest.

    \b
    Example:
      tei-convert cmif out -o cmif.xml --url https://example.org/cmif.xml \\
          --editor "A. Editor" --date 2024-05-01
    """
    from tei_convert.package.cmif import cmif_header, write_cmif  # only this command needs it
    from tei_convert.run.folder import run_lock

    config = _config(config_file)
    publisher = publisher or config.publisher
    try:
        header = cmif_header(url=url, editor=editor or publisher, publisher=publisher,
                             title=title or config.corpus_title or "",
                             date=day or _source_date())
    except SettingError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    folder = _output_dir(out_dir, config)
    try:
        with run_lock(folder):
            report = write_cmif(_read_edition(folder), cmif_file, header=header)
    except TeiConvertError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FAILED)
    for found in report.diagnostics:
        _echo(found, quiet=False)
    click.echo(f"cmif: {report.path} ({report.letters} letter(s) of {report.documents} "
               f"document(s), {len(report.diagnostics)} warning(s))", err=True)


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
                required=False)
@click.option("-o", "--output", "site_dir", required=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the site (replaced only if it is a site tei-convert wrote, "
                   "unchanged).")
@_CONFIG_OPTION
def site(out_dir: Path | None, site_dir: Path, config_file: Path | None) -> None:
    """Write a static reading edition of a converted folder: an index and one page
    per document.

    The index lists every document of OUT_DIR (default: the configuration's
    output, else out/) with its author, date, kind, source, counts and
    warnings, and sorts and filters them with a little JavaScript (the table
    is whole without it). Each page shows the text with its notes as endnotes
    linked both ways, letters laid out as letters, page breaks as marks, the
    header as a record and the conversion's warnings; it links to the TEI
    file, which the site holds. Open SITE_DIR/index.html from the file system
    or put the folder on any static host: the site asks for nothing outside it.

    \b
    Example:
      tei-convert site out -o site
    """
    from tei_convert.package.site import write_site  # only this command needs it
    from tei_convert.run.folder import run_lock

    folder = _output_dir(out_dir, _config(config_file))
    try:
        with run_lock(folder):
            report = write_site(_read_edition(folder), site_dir)
    except TeiConvertError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(f"site: {report.path / 'index.html'} ({report.pages} page(s))", err=True)


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
                required=False)
@click.option("-q", "--quiet", is_flag=True, help="Print only what needs attention.")
@_CONFIG_OPTION
def status(out_dir: Path | None, quiet: bool, config_file: Path | None) -> None:
    """Say how each file of a converted folder stands.

    One line per document: up to date, edited by hand, source changed, source
    gone, missing; then TEI files the manifest does not list (not ours) and
    inputs that failed. Source paths are read from the working folder, as the
    conversion named them. Exit 0 when every document is up to date, 1 when
    something needs attention or OUT_DIR has no manifest the tool can read.

    \b
    Example:
      tei-convert status out
    """
    from tei_convert.package.status import folder_status  # only this command needs it

    folder = _output_dir(out_dir, _config(config_file))
    try:
        found = folder_status(folder)
    except TeiConvertError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FAILED)
    width = max((len(item.state.value) for item in found), default=0)
    for item in found:
        if item.needs_attention or not quiet:
            via = f"  ({item.source})" if item.source else ""
            detail = f": {item.detail}" if item.detail else ""
            click.echo(f"{item.state.value:<{width}}  {item.path}{via}{detail}")
    counts = Counter(item.state.value for item in found)
    summary = ", ".join(f"{count} {state}" for state, count in sorted(counts.items()))
    click.echo(f"{len(found)} file(s): {summary or 'nothing listed'}", err=True)
    if any(item.needs_attention for item in found):
        sys.exit(EXIT_FAILED)


@main.command()
def formats() -> None:
    """List the source formats: name, what it is, and how it is recognised.

    The formats are tried in this order; a text none of them recognises is
    read by the fallback (with the warning format-fallback). convert --format
    NAME forces one.

    \b
    Example:
      tei-convert formats
    """
    for reader in READERS.values():
        click.echo(f"{reader.name}\n  {reader.description}\n  recognised: {reader.recognised}")
    fallback = ", ".join(reader.name for reader in READERS.values() if reader.fallback)
    click.echo(f"Tried in this order; a text no format recognises is read as {fallback} "
               "(warning format-fallback). convert --format NAME forces a format.")


def _executor(kind: str, scheduler: str | None) -> AbstractContextManager[Executor | None]:
    """None for local runs; for Dask, an executor on the cluster at ``scheduler``."""
    from tei_convert.run.execute import dask_executor

    if kind == "local":
        return nullcontext()
    if not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS")
    return dask_executor(scheduler)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--schema", "schema_choice", default=OURS, show_default=True,
              metavar=f"{OURS}|{TEI_ALL}|FILE.rng",
              help=f"The RelaxNG schema the files must fit: {OURS} (tei-convert's strict "
                   f"subset of TEI), {TEI_ALL} (TEI P5, from ${TEI_ALL_ENV}) or a schema "
                   "file (a project's own). The integrity rules apply with any of them.")
@click.option("--format", "report_format", type=click.Choice(["text", *sorted(REPORTS)]),
              default="text", show_default=True,
              help="text: problems on stderr only; json, junit: also a report for CI on "
                   "stdout (or in --output).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the json or junit report to this file (atomically), not stdout.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@_MAX_SIZE_OPTION
def validate(paths: tuple[Path, ...], schema_choice: str, report_format: str,
             output: Path | None, quiet: bool, max_size: int) -> None:
    """Check TEI files against a RelaxNG schema and tei-convert's integrity rules.

    The schema is ours unless --schema names another: tei_all (TEI P5's
    tei_all.rng, found at $TEI_ALL_RNG) or a .rng file, compiled once for
    all the files. The integrity rules (xml:id unique, every #target
    resolves) apply whatever the schema. Each problem is printed on stderr
    as FILE:LINE: severity code: message. With --format json or junit a
    report is also written to stdout or to --output FILE. Exit 0 when every
    file is valid (warnings allowed); 1 when a file is invalid, no .xml file
    was found or the report cannot be written; 2 on a usage error (a schema
    that cannot be found, read or compiled too).

    \b
    Example:
      tei-convert validate out/*.xml
      tei-convert validate out --format junit -o validation.xml
      TEI_ALL_RNG=/path/to/tei_all.rng tei-convert validate tei --schema tei_all
      tei-convert validate tei --schema schema/my-edition.rng
    """
    from tei_convert.checks.validate import validate_file

    if output is not None and report_format == "text":
        raise click.UsageError("--output needs --format json or junit")
    if output is not None and os.path.lexists(output) and not written_by_validate(output):
        click.echo(f"error: {output}: exists and is not a report tei-convert validate wrote; "
                   "refusing to replace it", err=True)
        sys.exit(EXIT_FAILED)
    started = time.monotonic()
    schema = _validation_schema(schema_choice)
    files = [(f, folder) for p in paths
             for f, folder in (_xml_files(p) if p.is_dir() else [(p, None)])]
    results = []
    for path, folder in files:
        outside = folder is not None and not _inside(path, folder)
        result = FileResult(str(path), (diagnostic(
            "link-outside", f"a link to {path.resolve()}, outside {folder}; not followed "
            "(name the file itself to check it)", str(path)),) if outside else
            tuple(validate_file(path, schema=schema, max_bytes=max_size)))
        for problem in result.problems:
            _echo(problem, quiet=quiet)
        results.append(result)
    counts = summary(results)
    if not files:
        click.echo(f"error: no .xml file in {', '.join(map(str, paths))}", err=True)
    click.echo(f"{counts['valid']} of {counts['files']} file(s) valid, {counts['warnings']} "
               f"warning(s) in {time.monotonic() - started:.1f} s", err=True)
    if report_format != "text":
        _write_report(REPORTS[report_format](results, schema=schema.name), output)
    if counts["invalid"] or not files:
        sys.exit(EXIT_FAILED)


def _validation_schema(choice: str) -> Schema:
    """The schema --schema names, compiled once for the whole run."""
    try:
        return choose_schema(choice, tei_all=os.environ.get(TEI_ALL_ENV))
    except TeiConvertError as error:
        raise click.UsageError(str(error)) from None


def _xml_files(folder: Path) -> list[tuple[Path, Path | None]]:
    """The ``*.xml`` files in a folder at any depth, outside hidden folders such as
    ``.git`` or ``.venv``, each with the folder (links in it are followed only
    inside it)."""
    return sorted((path, folder) for path in folder.rglob("*.xml")
                  if not any(part.startswith(".") for part in path.relative_to(folder).parts))


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, links followed, is still in ``folder``."""
    return folder.resolve() in path.resolve().parents


def _to_stdout(data: bytes) -> None:
    """Write bytes to standard output, or say in one line why they cannot go there."""
    try:
        if sys.stdout is None:
            raise OSError(9, "standard output is closed")
        click.echo(data, nl=False)  # bytes go to the binary stream, unchanged
        sys.stdout.flush()
    except OSError as error:
        click.echo(f"error: cannot write to standard output: {error.strerror}", err=True)
        sys.exit(EXIT_FAILED)


def _write_report(data: bytes, output: Path | None) -> None:
    from tei_convert.run.output import write_atomic

    if output is None:
        _to_stdout(data)
        return
    try:
        write_atomic(output, data)
    except TeiConvertError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FAILED)
