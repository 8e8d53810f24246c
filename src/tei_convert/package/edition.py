"""An output folder read back: its manifest, checked against the files in it.

Deposits and corpus files are made from a folder a run wrote. They must hold
exactly what its manifest lists, byte for byte, and the whole edition, or they
would package something nobody converted or checked, or pass part of an
edition off as all of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tei_convert.errors import EditionError
from tei_convert.run.manifest import MANIFEST_NAME, Json, output_unchanged, read_manifest

_SHOWN = 3


@dataclass(frozen=True)
class EditionDocument:
    """One TEI file of the folder with its manifest entry."""

    path: Path
    entry: Json


@dataclass(frozen=True)
class Edition:
    """A checked output folder."""

    folder: Path
    manifest: Json
    documents: tuple[EditionDocument, ...]
    """In manifest order."""

    @property
    def manifest_path(self) -> Path:
        """Where the manifest is."""
        return self.folder / MANIFEST_NAME


def read_edition(folder: Path) -> Edition:
    """Read ``folder``'s manifest and check that the folder is a whole edition
    that matches it.

    Raises:
        EditionError: no manifest, a manifest that breaks its schema, a listed
            file missing or changed, a TEI file the manifest does not list, or
            inputs of the run that were not converted.
    """
    manifest = read_manifest(folder)
    documents = tuple(EditionDocument(folder / entry["output"]["path"], entry)
                      for entry in manifest["documents"])
    problems = [problem for document in documents
                if (problem := _mismatch(folder, document.entry)) is not None]
    listed = {document.path.name for document in documents}
    problems.extend(f"{path.name} is not in the manifest" for path in sorted(folder.glob("*.xml"))
                    if path.name not in listed)
    if problems:
        shown = "; ".join(problems[:_SHOWN])
        more = f" (and {len(problems) - _SHOWN} more)" if len(problems) > _SHOWN else ""
        raise EditionError(f"the folder does not match its manifest: {shown}{more}; "
                           "convert again into a clean folder", source=str(folder))
    _check_whole(manifest, folder)
    return Edition(folder, manifest, documents)


def _mismatch(folder: Path, entry: Json) -> str | None:
    name = entry["output"]["path"]
    if Path(name).name != name:
        return f"{name} is not a file name in the folder"
    return None if output_unchanged(folder, entry) else f"{name} is missing or has changed"


def _check_whole(manifest: Json, folder: Path) -> None:
    left_out = [entry["source"]["path"] for entry in (*manifest["failed"], *manifest["skipped"])]
    if left_out:
        raise EditionError(f"{len(left_out)} input(s) were not converted ({left_out[0]}"
                           f"{', ...' if len(left_out) > 1 else ''}); a corpus file or deposit "
                           "must hold the whole edition, so fix them and convert again",
                           source=str(folder))


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
        if source.get("metadata"):
            names[source["metadata"]["path"]] = None
    return tuple(names)
