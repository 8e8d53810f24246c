"""How an output folder stands against its manifest and its sources: what an
editor (or CI) asks before correcting, committing or depositing an edition."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tei_convert.canonical import sha256
from tei_convert.input.files import read_file
from tei_convert.run.folder import FileState, file_state
from tei_convert.run.manifest import Json, read_manifest


class State(enum.Enum):
    """Where one file of the folder stands; the value is how ``status`` prints it."""

    UP_TO_DATE = "up to date"
    EDITED = "edited by hand"
    SOURCE_CHANGED = "source changed"
    SOURCE_GONE = "source gone"
    MISSING = "missing"
    NOT_OURS = "not ours"
    FAILED = "failed"


@dataclass(frozen=True)
class FileStatus:
    """One line of ``status``."""

    state: State
    path: str
    """The file in the folder, or for a failed input its source."""
    source: str | None = None
    detail: str | None = None

    @property
    def needs_attention(self) -> bool:
        """Anything but an output that is as the tool wrote it from its source as it is."""
        return self.state is not State.UP_TO_DATE


def folder_status(folder: Path, *, sources_root: Path | None = None) -> list[FileStatus]:
    """Each document of the folder's manifest, each TEI file it does not list, and
    each input of the last run that failed, in manifest order, then by name.

    Args:
        sources_root: the folder the manifest's source paths are relative to
            (default: the working folder).

    Raises:
        ManifestError: there is no manifest, or it is not one the tool can read.
    """
    manifest = read_manifest(folder)
    root = sources_root or Path()
    found = [_document(folder, root, entry) for entry in manifest["documents"]]
    listed = {entry["output"]["path"] for entry in manifest["documents"]}
    found.extend(FileStatus(State.NOT_OURS, path.name) for path in sorted(folder.glob("*.xml"))
                 if path.name not in listed)
    found.extend(FileStatus(State.FAILED, entry["source"]["path"], detail=entry["reason"])
                 for entry in (*manifest["failed"], *manifest["skipped"]))
    return found


def _document(folder: Path, root: Path, entry: Json) -> FileStatus:
    name, source = entry["output"]["path"], entry["source"]["path"]
    state = file_state(folder / name, entry["output"]["sha256"])
    if state is FileState.ABSENT:
        return FileStatus(State.MISSING, name, source)
    if state is FileState.NOT_OURS:
        return FileStatus(State.NOT_OURS, name, source, "not a file the tool wrote")
    if state is FileState.EDITED:
        return FileStatus(State.EDITED, name, source)
    changed = next(_changed_sources(root, entry), None)
    if changed is None:
        return FileStatus(State.UP_TO_DATE, name, source)
    gone = changed[1] is None
    return FileStatus(State.SOURCE_GONE if gone else State.SOURCE_CHANGED, name, source,
                      changed[0] if changed[0] != source else None)


def _changed_sources(root: Path, entry: Json) -> Iterator[tuple[str, str | None]]:
    """(path, current sha256 or None when gone) of the entry's source, metadata
    file and catalogue that differ from what the manifest recorded."""
    refs = [entry["source"], entry["source"].get("metadata"), entry["source"].get("catalogue")]
    for ref in (ref for ref in refs if ref):
        try:
            digest: str | None = sha256(read_file(root / ref["path"]))
        except OSError:
            digest = None
        if digest != ref["sha256"]:
            yield ref["path"], digest
