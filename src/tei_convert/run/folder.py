"""What the output folder holds from an earlier run, and the cleanup that keeps
it equal to the manifest without touching anything the tool did not write."""

from __future__ import annotations

from pathlib import Path

from tei_convert.canonical import sha256
from tei_convert.errors import ManifestError
from tei_convert.run.manifest import Json, read_manifest


def previous_manifest(out_dir: Path) -> Json | None:
    """The last run's manifest in ``out_dir``, if there is one that fits our schema
    (an edited or broken manifest is not trusted for anything)."""
    try:
        return read_manifest(out_dir)
    except ManifestError:
        return None


def outputs_of(previous: Json | None) -> dict[str, str]:
    """Output files an earlier run recorded, with their sha256."""
    if previous is None:
        return {}
    return {entry["output"]["path"]: entry["output"]["sha256"]
            for entry in previous["documents"]}


def remove_stale(out_dir: Path, previous: dict[str, str], current: set[str]) -> None:
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
