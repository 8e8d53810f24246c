"""What a run will do, fixed before any work starts: the inputs found, in name
order, each with its document id and the settings that shape its output."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from tei_convert.canonical import sha256
from tei_convert.diagnostics import Diagnostic, diagnostic
from tei_convert.errors import TeiConvertError
from tei_convert.model import Metadata
from tei_convert.pipeline import Options, document_id
from tei_convert.readers.catalogue import Catalogue, load_catalogue
from tei_convert.readers.metadata import (
    load_metadata,
    merged,
    metadata_file,
    read_metadata_bytes,
)
from tei_convert.run.folder import Previous
from tei_convert.run.manifest import FileRef

TEXT_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Job:
    """One input to convert, with the id it was given in input order."""

    path: Path
    """Absolute, so that every worker (of a Dask cluster too) reads the same file."""
    name: str
    doc_id: str
    renamed: tuple[Diagnostic, ...]
    reader: str | None
    options: Options | None
    settings: str
    """A fingerprint of everything besides the input that shapes the output."""
    metadata: FileRef | None = None
    """The metadata file used (a sidecar or ``--meta``), as the manifest records it."""
    catalogue: FileRef | None = None
    """The catalogue whose row describes the input, with the row's line."""
    owned: tuple[tuple[str, str, str], ...] = ()
    """Output names this job may produce that the last run wrote, with the
    sha256 it recorded and the input it came from: the only existing files the
    job may overwrite."""
    problem: tuple[str, str, str] | None = None
    """(bucket, code, message) when the file was found but is no input to
    convert (a broken link, a file that is not a text): reported, not read."""


@dataclass(frozen=True)
class _Found:
    path: Path
    name: str
    problem: tuple[str, str, str] | None = None


def _gather(inputs: Iterable[Path], exclude: Path | None) -> list[_Found]:
    """Every file the inputs name or hold, sorted by name: the texts, and the
    others with why they are not converted, so that nothing is dropped unsaid."""
    found: dict[str, _Found] = {}
    for path in inputs:
        inside = _in_folder(path, exclude) if path.is_dir() else []
        if any(item.problem is None for item in inside):
            found.update((item.name, item) for item in inside)
        else:
            # A missing path or a folder with no text files is kept, so that
            # the run reports it as a failed input.
            found[manifest_name(path)] = _Found(path, manifest_name(path))
    return sorted(found.values(), key=lambda item: item.name)


def manifest_name(path: Path) -> str:
    """The path as the manifest names it: "/" separators, and the bytes of a file
    name that are not UTF-8 written as ``\\xNN``, so that two such names stay
    two names."""
    return path.as_posix().encode("utf-8", "surrogateescape").decode("utf-8",
                                                                      "backslashreplace")


def _in_folder(folder: Path, exclude: Path | None) -> list[_Found]:
    """The files at any depth below ``folder``, hidden ones and those in
    ``exclude`` (the output folder) left out; a folder that cannot be read and a
    link to a folder are reported, not passed over."""
    items: list[_Found] = []
    skip = exclude.resolve() if exclude is not None else None

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        items.append(_Found(where, manifest_name(where),
                            ("failed", "unreadable", f"cannot read folder: {error.strerror}")))

    for root, folders, files in os.walk(folder, onerror=unreadable):
        here = Path(root)
        if skip is not None and here.resolve() == skip:
            folders[:] = []
            continue
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        items.extend(_Found(here / name, manifest_name(here / name),
                            ("skipped", "not-text", "a link to a folder; not followed"))
                     for name in folders if (here / name).is_symlink())
        names = set(files)
        items.extend(_file(here / name) for name in sorted(files)
                     if not name.startswith(".") and not _is_sidecar(name, names))
    return items


def _file(path: Path) -> _Found:
    name = manifest_name(path)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return _Found(path, name, ("skipped", "not-text",
                                   f"not a {'/'.join(TEXT_SUFFIXES)} text file; not converted"))
    if not path.exists():
        return _Found(path, name, ("failed", "missing-input",
                                   "a link to a file that does not exist"))
    return _Found(path, name)


def _is_sidecar(name: str, siblings: set[str]) -> bool:
    """``NAME.meta.json`` beside ``NAME.txt``: the text's metadata, not an input."""
    stem = name.removesuffix(".meta.json")
    return stem != name and any(f"{stem}{suffix}" in siblings for suffix in TEXT_SUFFIXES)


def plan_jobs(inputs: Sequence[Path], reader: str | None, options: Options | None,
              *, previous: Previous | None = None, exclude: Path | None = None) -> list[Job]:
    """One job per file found, in name order, each with an id no other input has
    and the outputs of the last run it may overwrite.

    Args:
        exclude: a folder not to look in (the output folder, when it lies in an
            input folder).

    Raises:
        InputError: the catalogue ``options`` names cannot be read as a whole
            (a row whose values break the schema fails only its input).
    """
    found = _gather(inputs, exclude)
    catalogue = None
    if options is not None:
        # The metadata files named for the run are no inputs, wherever they are.
        given = {path.absolute() for path in (options.metadata_file, options.catalogue) if path}
        found = [item for item in found if item.path.absolute() not in given]
        if options.catalogue is not None:
            catalogue = load_catalogue(options.catalogue, name=manifest_name(options.catalogue))
    # A volume's works are "<id>-001", "<id>-002"...: those names are taken for
    # every input, so another file called "<id>-001.txt" gets a different one.
    bases = {document_id(item.name) for item in found}
    owned = _owned_by_id(previous)
    used_ids: set[str] = set()
    shared: dict[Options, Options] = {}
    shared_settings: dict[str, str] = {}
    plan = []
    for item in found:
        base = document_id(item.name)
        work_of = re.fullmatch(r"(.+)-\d{3,}", base)
        if work_of is not None and work_of.group(1) in bases:
            used_ids.add(base)
        if item.problem is not None:
            # A file that is not converted ("letter.pdf" beside "letter.txt")
            # writes nothing, so it takes no id from the text that is.
            plan.append(Job(item.path.absolute(), item.name, base, (), reader, None, "",
                            problem=item.problem))
            continue
        doc_id, renamed = _unique_id(base, used_ids, item.name)
        job_options, settings, refs = _settings(item.path, reader, options, catalogue)
        # Most inputs share their settings: one object each for all of them, so
        # that the plan of a large run holds a path, a name and an id per input.
        job_options = shared.setdefault(job_options, job_options)
        settings = shared_settings.setdefault(settings, settings)
        plan.append(Job(item.path.absolute(), item.name, doc_id, tuple(renamed), reader,
                        job_options, settings, *refs, owned=tuple(owned.get(doc_id, ()))))
    return plan


def _owned_by_id(previous: Previous | None) -> dict[str, list[tuple[str, str, str]]]:
    """The last run's outputs by the id of the job that may write them again:
    ``<id>.xml``, and a volume's ``<id>-NNN.xml``."""
    owned: dict[str, list[tuple[str, str, str]]] = {}
    for record in (previous.owned() if previous else ()):
        name = record[0]
        stem = name.removesuffix(".xml")
        owned.setdefault(stem, []).append(record)
        work_of = re.fullmatch(r"(.+)-\d{3,}", stem)
        if work_of is not None:
            owned.setdefault(work_of.group(1), []).append(record)
    return owned


def _unique_id(base: str, used: set[str], name: str) -> tuple[str, list[Diagnostic]]:
    """An id not used yet in this run, and a warning when it had to change."""
    doc_id, count = base, 1
    while doc_id in used:
        count += 1
        doc_id = f"{base}-{count}"
    used.add(doc_id)
    if doc_id == base:
        return doc_id, []
    return doc_id, [diagnostic("id-collision",
                               f"id '{base}' is taken by another input; using '{doc_id}'", name)]


def _settings(path: Path, reader: str | None, options: Options | None,
              catalogue: Catalogue | None
              ) -> tuple[Options, str, tuple[FileRef | None, FileRef | None]]:
    """The input's options with its metadata found (once, here); a fingerprint
    of what besides the input shapes its output (the format asked for, the
    publisher, the edition's date and that metadata); and the metadata file and
    catalogue row as the manifest names them, so that a deposit can carry them
    and check them."""
    options = options or Options()
    settings: dict[str, object] = {"reader": reader, "publisher": options.publisher,
                                   "published": options.published, "lang": options.lang,
                                   "source_url": options.source_url}
    refs: tuple[FileRef | None, FileRef | None] = (None, None)
    try:
        meta = options.metadata
        if meta is None:
            meta, refs = _found_metadata(path, options, catalogue)
        settings["metadata"] = None if meta is None else asdict(meta)
        options = replace(options, metadata=meta, catalogue=None)
    except TeiConvertError as error:
        # Broken metadata makes a fingerprint no earlier run has, so the input
        # is converted again and the conversion reports the problem.
        settings["metadata_error"] = str(error)
    return options, sha256(json.dumps(settings, sort_keys=True).encode("utf-8")), refs


def _found_metadata(path: Path, options: Options, catalogue: Catalogue | None
                    ) -> tuple[Metadata | None, tuple[FileRef | None, FileRef | None]]:
    """The input's catalogue row with its metadata file over it, and the two as
    the manifest names them.

    Raises:
        InputError: the row or the file is broken.
    """
    row = catalogue.row(path) if catalogue is not None else None
    base = catalogue.metadata_for(path) if catalogue is not None else None
    row_ref = None if row is None or catalogue is None else FileRef(
        catalogue.name, catalogue.sha256, line=row.line)
    found = metadata_file(path, options.metadata_file)
    if found is None:
        return base, (None, row_ref)
    raw = read_metadata_bytes(found)
    own = load_metadata(found, raw, name=manifest_name(found))
    return merged(base, own), (FileRef(manifest_name(found), sha256(raw)), row_ref)
