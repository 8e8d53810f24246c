"""Manifest entries, and the JSON Schema check before the manifest is written."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from tei_convert.canonical import canonical_bytes, canonical_nested, sha256
from tei_convert.checks.schemas import json_schema, schema_problem
from tei_convert.diagnostics import Diagnostic, Severity
from tei_convert.errors import ManifestError, ValidationError
from tei_convert.input.files import open_regular, read_file
from tei_convert.input.json_stream import read_object
from tei_convert.model import DateValue, Document
from tei_convert.pipeline import Converted
from tei_convert.run.output import open_atomic
from tei_convert.version import __version__

SCHEMA_NAME = "manifest.schema.json"
MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1

Json = dict[str, Any]


@dataclass(frozen=True)
class FileRef:
    """A file as the manifest names it: path and content hash."""

    path: str
    sha256: str
    settings: str | None = None
    """For a source: the fingerprint of the settings it was converted with."""
    metadata: FileRef | None = None
    """For a source: the metadata file it was converted with."""
    catalogue: FileRef | None = None
    """For a source: the catalogue whose row it was converted with."""
    line: int | None = None
    """For a catalogue: the line of the row."""


def manifest_schema() -> Json:
    """Our JSON Schema for ``manifest.json``."""
    return json_schema(SCHEMA_NAME)


def date_json(date: DateValue) -> Json:
    """A date as the manifest stores it: wording plus the ISO values known."""
    data: Json = {"text": date.text}
    for key, value in (("when", date.when), ("notBefore", date.not_before),
                       ("notAfter", date.not_after), ("whenJulian", date.when_julian)):
        if value:
            data[key] = value
    return data


def _dates(document: Document) -> Json:
    header = document.header
    dates: Json = {}
    if header.creation is not None:
        dates["written"] = date_json(header.creation.date)
        if header.creation.from_dateline:
            dates["written"]["from"] = "dateline"
    published = [date_json(p.date) for p in header.publications if p.date is not None]
    if published:
        dates["published"] = published
    if header.coverage is not None:
        dates["covered"] = date_json(header.coverage)
    return dates


def document_entry(converted: Converted, *, output: FileRef, source: FileRef) -> Json:
    """The manifest entry of one converted document, with the document's own
    diagnostics (:func:`with_file_diagnostics` adds the file's)."""
    document = converted.document
    span = document.span
    diagnostics = converted.diagnostics
    counts = converted.counts
    return {
        "id": document.id,
        "output": {"path": output.path, "sha256": output.sha256},
        "title": document.header.title.text,
        "title_supplied": document.header.title.supplied,
        "author": document.header.author,
        "language": document.header.language,
        "language_from": document.header.language_from,
        "genre": document.header.genre,
        "provenance": dict(document.header.provenance),
        "dates": _dates(document),
        "source": {
            "path": source.path,
            "sha256": source.sha256,
            "settings": source.settings,
            "metadata": (None if source.metadata is None else
                         {"path": source.metadata.path, "sha256": source.metadata.sha256}),
            **_catalogue(source.catalogue),
            "reader": document.reader,
            "lines": [span.first_line, span.last_line] if span else None,
        },
        "counts": {"paragraphs": counts.paragraphs, "notes": counts.notes, "words": counts.words},
        "volume": _volume_part(document),
        "validation": _validation(converted),
        "dropped": [{"lines": [s.first_line, s.last_line], "reason": why}
                    for s, why in document.dropped],
        "markup": [{"line": line, "text": text} for line, text in document.markup],
        "diagnostics": [d.to_json() for d in diagnostics],
        "warnings": sum(1 for d in diagnostics if d.severity is Severity.WARNING),
    }


def with_file_diagnostics(entry: Json, diagnostics: tuple[Diagnostic, ...]) -> Json:
    """``entry`` with the diagnostics about its whole source file before its own."""
    if not diagnostics:
        return entry
    return {**entry, "diagnostics": [*(d.to_json() for d in diagnostics), *entry["diagnostics"]],
            "warnings": entry["warnings"] + sum(1 for d in diagnostics
                                                if d.severity is Severity.WARNING)}


def _catalogue(row: FileRef | None) -> Json:
    """The catalogue row a source was converted with, when there is one."""
    if row is None:
        return {}
    return {"catalogue": {"path": row.path, "sha256": row.sha256, "line": row.line}}


def _validation(converted: Converted) -> Json:
    """What the pipeline verified of the document, as it says."""
    checked = converted.checked
    if checked is None:
        return {"schema": None, "checks": [], "letters": 0, "valid": False}
    return {"schema": checked.schema, "checks": list(checked.checks),
            "letters": checked.letters, "valid": True}


def _volume_part(document: Document) -> Json | None:
    part = document.part_of
    if part is None:
        return None
    return {"sequence": part.sequence, "kind": part.kind}


def not_an_input(entry: Json) -> bool:
    """A skipped entry for a file that was never meant to be converted (an image
    in an input folder): it does not make a run or an edition incomplete."""
    return any(d.get("code") == "not-text" for d in entry.get("diagnostics", ()))


def manifest(documents: Sequence[Json], skipped: list[Json], failed: list[Json]) -> Json:
    """The whole manifest, with a summary. ``documents`` may be an
    :class:`~tei_convert.run.entries.EntryLog`; it is walked once here, for
    the summary, and once when the manifest is written."""
    return {
        "manifest_version": MANIFEST_VERSION,
        "tool": {"name": "tei-convert", "version": __version__},
        "documents": documents,
        "skipped": skipped,
        "failed": failed,
        "summary": {
            "documents": len(documents),
            "skipped": len(skipped),
            "failed": len(failed),
            "warnings": sum(entry["warnings"] for entry in documents),
        },
    }


def write_manifest(path: Path, data: Json) -> None:
    """Check ``data`` against our schema and write it as canonical JSON, atomically,
    an entry at a time (a manifest grows with the corpus).

    Raises:
        ValidationError: when ``data`` does not fit our schema (a bug in the
            tool, never the user's input); nothing is written.
        OutputError: when ``path`` cannot be written.
    """
    with open_atomic(path) as stream:
        _write(stream, data)


def manifest_bytes(data: Json) -> bytes:
    """The bytes :func:`write_manifest` writes for ``data``, checked the same way.

    Raises:
        ValidationError: when ``data`` does not fit our schema.
    """
    stream = io.BytesIO()
    _write(stream, data)
    return stream.getvalue()


_DOCUMENTS = b'"documents": []'


def _write(stream: BinaryIO, data: Json) -> None:
    """The canonical JSON of ``data``, its documents checked and written one by
    one between the bytes of the rest."""
    if not isinstance(data, dict) or "documents" not in data:
        _check(data)
    rest = {**data, "documents": []}
    _check(rest)
    text = canonical_bytes(rest)
    # "documents" sorts first, so its empty list is the first one in the text.
    head, tail = text.split(_DOCUMENTS, 1)
    stream.write(head + _DOCUMENTS[:-1])
    count = 0
    for count, entry in enumerate(data["documents"], 1):
        problem = schema_problem(entry, SCHEMA_NAME, part="document")
        if problem is not None:
            raise ValidationError(f"the manifest does not fit its schema (documents/"
                                  f"{count - 1}: {problem}); please report this")
        stream.write(b"\n    " if count == 1 else b",\n    ")
        stream.write(canonical_nested(entry, 2))
    stream.write(b"\n  ]" if count else b"]")
    stream.write(tail)


def read_manifest(folder: Path) -> Json:
    """The manifest in ``folder``, checked against our schema.

    Raises:
        ManifestError: there is none, or it cannot be read, is not JSON or
            breaks the schema.
    """
    documents: list[Json] = []
    data = read_manifest_entries(folder, documents.append)
    data["documents"] = documents
    return data


def read_manifest_entries(folder: Path, each: Callable[[Json], None]) -> Json:
    """The manifest in ``folder``, checked against our schema, with its document
    entries handed to ``each`` in order as they are read, not listed (its
    ``documents`` is empty): a manifest of a million entries is never held
    whole, and has no size limit. ``each`` may be given entries of a manifest
    that then turns out to break the schema.

    Raises:
        ManifestError: as :func:`read_manifest`.
    """
    path = folder / MANIFEST_NAME
    # The first entry that breaks the schema, and how many were read. Past it
    # the entries are only read (a later "not JSON" is told first, as before).
    problems: list[str] = []
    count = 0

    def entry(item: object) -> None:
        nonlocal count
        found = None if problems else schema_problem(item, SCHEMA_NAME, part="document")
        if found is not None:
            problems.append(f"documents/{count}: {found}")
        elif not problems:
            each(item)  # type: ignore[arg-type]  # the schema makes it an object
        count += 1

    try:
        with open_regular(path) as stream:
            data = read_object(stream, "documents", entry)
    except FileNotFoundError:
        raise ManifestError(f"no {MANIFEST_NAME}: convert into this folder first",
                            source=str(folder)) from None
    except OSError as error:
        raise ManifestError(f"cannot read {MANIFEST_NAME}: {error.strerror}",
                            source=str(folder)) from None
    except ValueError as error:
        raise ManifestError(f"{MANIFEST_NAME} is not JSON: {error}", source=str(folder)) \
            from None
    except RecursionError:  # as json.loads, the scanner recurses into each level
        raise ManifestError(f"{MANIFEST_NAME} is not a manifest: its values are nested "
                            "too deeply to read", source=str(folder)) from None
    problem = manifest_problem(data) or (problems[0] if problems else None)
    if problem is not None:
        raise ManifestError(f"{MANIFEST_NAME} breaks its schema: {problem}", source=str(folder))
    return data  # type: ignore[return-value]  # the schema makes it an object


def output_unchanged(folder: Path, entry: Json) -> bool:
    """True when the TEI file of a manifest entry is in ``folder`` as recorded."""
    path = folder / entry["output"]["path"]
    try:
        return bool(sha256(read_file(path)) == entry["output"]["sha256"])
    except OSError:
        return False


def _check(data: Json) -> None:
    problem = manifest_problem(data)
    if problem is not None:
        raise ValidationError(f"the manifest does not fit its schema ({problem}); "
                              "please report this")


def manifest_problem(data: object) -> str | None:
    """Why ``data`` is not a manifest our schema accepts, or None. Checked one
    entry at a time, so that the check needs no copy of a large manifest."""
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        return schema_problem(data, SCHEMA_NAME)
    problem = schema_problem({**data, "documents": []}, SCHEMA_NAME)
    for index, entry in enumerate(data["documents"] if problem is None else []):
        found = schema_problem(entry, SCHEMA_NAME, part="document")
        if found is not None:
            return f"documents/{index}: {found}"
    return problem
