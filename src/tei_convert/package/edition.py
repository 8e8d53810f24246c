"""An output folder read back: its manifest, checked against the files in it.

Deposits and corpus files are made from a folder a run wrote. Each document
must be there, either as the tool wrote it or edited by hand and then valid
TEI (checked by the caller's ``check_edited``, against TEI P5 and our integrity
rules), and the run must have converted every input, or they would package
something nobody checked, or pass part of an edition off as all of it. Other
files in the folder are the user's: left out, and named.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tei_convert.canonical import sha256
from tei_convert.checks.relaxng import TEI_ALL, Schema, choose_schema
from tei_convert.checks.validate import validate_file
from tei_convert.diagnostics import Diagnostic, Severity
from tei_convert.errors import EditionError
from tei_convert.run.folder import FileState, file_state
from tei_convert.run.manifest import MANIFEST_NAME, Json, not_an_input, read_manifest

_SHOWN = 3

EditedCheck = Callable[[Path], Sequence[Diagnostic]]
"""Checks a TEI file edited by hand; errors among the problems refuse it."""


@dataclass(frozen=True)
class EditionDocument:
    """One TEI file of the folder with its manifest entry."""

    path: Path
    entry: Json
    edited: str | None = None
    """The file's sha256 now, when it was edited by hand since it was converted
    (the manifest's ``output.sha256`` is what the tool wrote)."""


@dataclass(frozen=True)
class Edition:
    """A checked output folder."""

    folder: Path
    manifest: Json
    documents: tuple[EditionDocument, ...]
    """In manifest order."""
    unlisted: tuple[str, ...] = ()
    """TEI files in the folder that the manifest does not list: the user's, left out."""

    @property
    def manifest_path(self) -> Path:
        """Where the manifest is."""
        return self.folder / MANIFEST_NAME

    @property
    def edited(self) -> tuple[EditionDocument, ...]:
        """The documents edited by hand."""
        return tuple(document for document in self.documents if document.edited)


def read_edition(folder: Path, *, check_edited: EditedCheck | None = None) -> Edition:
    """Read ``folder``'s manifest and check that the folder holds the whole
    edition it lists.

    Args:
        check_edited: how to check a document edited by hand (against TEI P5);
            without it an edited document is refused.

    Raises:
        EditionError: no manifest, a manifest that breaks its schema, a listed
            file missing, edited without a check or edited into invalid TEI, or
            inputs of the run that were not converted.
    """
    manifest = read_manifest(folder)
    documents, problems = [], []
    for entry in manifest["documents"]:
        document, problem = _document(folder, entry, check_edited)
        documents.append(document)
        if problem is not None:
            problems.append(problem)
    if problems:
        shown = "; ".join(problems[:_SHOWN])
        more = f" (and {len(problems) - _SHOWN} more)" if len(problems) > _SHOWN else ""
        raise EditionError(f"the folder does not hold what its manifest lists: {shown}{more}",
                           source=str(folder))
    _check_whole(manifest, folder)
    listed = {document.path.name for document in documents}
    unlisted = tuple(path.name for path in sorted(folder.glob("*.xml")) if path.name not in listed)
    return Edition(folder, manifest, tuple(documents), unlisted)


def _document(folder: Path, entry: Json, check_edited: EditedCheck | None
              ) -> tuple[EditionDocument, str | None]:
    name = entry["output"]["path"]
    path = folder / name
    document = EditionDocument(path, entry)
    if Path(name).name != name:
        return document, f"{name} is not a file name in the folder"
    state = file_state(path, entry["output"]["sha256"])
    if state is FileState.OURS:
        return document, None
    if state is not FileState.EDITED:
        return document, f"{name} is missing; convert again"
    if check_edited is None:
        return document, (f"{name} was edited by hand, and an edited document must be "
                          "checked (against TEI P5) before it is packaged")
    errors = [p for p in check_edited(path) if p.severity is Severity.ERROR]
    if errors:
        return document, (f"{name} was edited by hand and is not valid "
                          f"({errors[0].code}: {errors[0].message})")
    return EditionDocument(path, entry, sha256(path.read_bytes())), None


def tei_p5_check(tei_all: str | None) -> EditedCheck:
    """The check for documents edited by hand: TEI P5 (``tei_all.rng`` at
    ``tei_all``, compiled the first time an edited document turns up) and our
    integrity rules.

    The returned check raises SchemaError when ``tei_all`` names no usable
    schema, so an edition with no edits never needs one.
    """
    compiled: list[Schema] = []

    def check(path: Path) -> Sequence[Diagnostic]:
        if not compiled:
            compiled.append(choose_schema(TEI_ALL, tei_all=tei_all))
        return validate_file(path, schema=compiled[0])

    return check


def _check_whole(manifest: Json, folder: Path) -> None:
    left_out = [entry["source"]["path"] for entry in (*manifest["failed"], *manifest["skipped"])
                if not not_an_input(entry)]
    if left_out:
        raise EditionError(f"{len(left_out)} input(s) were not converted ({left_out[0]}"
                           f"{', ...' if len(left_out) > 1 else ''}); a corpus file or deposit "
                           "must hold the whole edition, so fix them and convert again",
                           source=str(folder))


def recorded_manifest(edition: Edition) -> Json:
    """The manifest as a deposit carries it: each document edited by hand says so,
    with its sha256 now beside the one the tool wrote."""
    edited = {document.entry["output"]["path"]: document.edited
              for document in edition.documents if document.edited}
    if not edited:
        return edition.manifest
    documents = [{**entry, "edited": {"sha256": edited[entry["output"]["path"]]}}
                 if entry["output"]["path"] in edited else entry
                 for entry in edition.manifest["documents"]]
    return {**edition.manifest, "documents": documents}


def check_target(edition_folder: Path, target: Path, what: str,
                 sources: tuple[str, ...] = ()) -> None:
    """Refuse a target that would mix with the folder or destroy a source: one in
    the folder (which holds only what its manifest lists), one that holds the
    folder, and one that is or holds a source the manifest names.

    Args:
        sources: the manifest's source paths (relative to the working folder).

    Raises:
        EditionError: naming the target and what it would destroy.
    """
    folder = edition_folder.resolve()
    place = target.resolve()
    if folder in (place, *place.parents):
        raise EditionError(f"the {what} must not be in the output folder, which holds only "
                           "what its manifest lists", source=str(target))
    if place in folder.parents:
        raise EditionError(f"the {what} would hold the output folder; choose a place "
                           "outside it", source=str(target))
    for name in sources:
        source = Path(name).resolve()
        if place == source or place in source.parents:
            raise EditionError(f"the {what} would replace {name}, a source of the edition",
                               source=str(target))


def source_paths(edition: Edition) -> tuple[str, ...]:
    """Every source and metadata file the manifest names, once each."""
    names: dict[str, None] = {}
    for document in edition.documents:
        source = document.entry["source"]
        names[source["path"]] = None
        for key in ("metadata", "catalogue"):
            if source.get(key):
                names[source[key]["path"]] = None
    return tuple(names)
