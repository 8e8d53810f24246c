"""BagIt deposits (RFC 8493) of an output folder, made with the Library of
Congress ``bagit`` package so that archives can check them with the same tool.

The payload is ``data/tei/*.xml``, ``data/manifest.json`` and, on request, the
sources under ``data/source/``; sha256 and sha512 manifests cover it.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

import bagit

from tei_convert.canonical import sha256
from tei_convert.errors import EditionError, OutputError
from tei_convert.input.files import read_file
from tei_convert.package.edition import (
    Edition,
    check_target,
    read_edition,
    recorded_manifest,
    source_paths,
)
from tei_convert.run.config import source_date
from tei_convert.run.manifest import MANIFEST_NAME, manifest_bytes
from tei_convert.run.output import put_in_place, staging_folder
from tei_convert.version import __version__

CHECKSUMS = ("sha256", "sha512")
BAGIT_VERSION = "1.0"
TEI_FOLDER = "tei"
SOURCE_FOLDER = "source"
_TAG_MANIFEST = "tagmanifest-{}.txt"
_ENCODED = frozenset("%\n\r")

# bagit reports through logging, with tracebacks on errors; we raise our own
# errors instead. Without a handler of the application's, Python would print
# its records on stderr; an application that configures logging still gets them.
logging.getLogger("bagit").addHandler(logging.NullHandler())


def make_bag(edition: Path | Edition, bag_dir: Path, *, info: Mapping[str, str] | None = None,
             include_sources: bool = False, sources_root: Path | None = None) -> Path:
    """Write a BagIt 1.0 bag of a converted folder.

    Args:
        edition: the output folder, or the :class:`Edition` read from it.
        info: ``bag-info.txt`` fields by label (``Source-Organization``...);
            ``Bagging-Date``, ``Bag-Software-Agent`` and ``Payload-Oxum`` are
            added.
        include_sources: also put each converted document's source text and
            metadata file and catalogue under ``data/source/``, at the path the manifest
            names them by (without root or ``..`` parts).
        sources_root: the folder the manifest's source paths are relative to
            (default: the working folder).

    Returns:
        ``bag_dir``. An existing bag there is replaced as a whole; the new one
        appears in one rename.

    Raises:
        EditionError: the folder does not match its manifest or lists inputs
            that failed, a source or metadata file is missing or changed since
            it was converted, two sources would share a place in the bag, or
            ``bag_dir`` is inside the folder; nothing is written.
        OutputError: ``bag_dir`` is something other than a bag, or cannot be written.
    """
    folder = edition if isinstance(edition, Path) else edition.folder
    check_target(folder, bag_dir, "bag")
    if isinstance(edition, Path):
        edition = read_edition(edition)
    check_target(edition.folder, bag_dir, "bag", source_paths(edition))
    sources = dict(_sources(edition, sources_root or Path())) if include_sources else {}
    _check_target(bag_dir, edition, sources_root or Path())
    info = _bag_info(info or {})
    staging = staging_folder(bag_dir, "the bag")
    try:
        _fill(staging, edition, sources)
        bagit.make_bag(str(staging), info, checksums=list(CHECKSUMS))
        _declare_version(staging)
        put_in_place(staging, bag_dir)
    except (OSError, bagit.BagError, RuntimeError) as error:
        raise OutputError(f"cannot write the bag: {error}", source=str(bag_dir)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return bag_dir


def _sources(edition: Edition, root: Path) -> Iterator[tuple[str, Path]]:
    """(place in ``data/source/``, file) for each source, metadata file and catalogue, each
    checked against the sha256 the manifest recorded."""
    places: dict[str, str] = {}
    seen: set[str] = set()
    for document in edition.documents:
        source = document.entry["source"]
        for ref in (source, source.get("metadata"), source.get("catalogue")):
            if ref is None or ref["path"] in seen:
                continue
            seen.add(ref["path"])
            place = _payload_name(ref["path"])
            if set(place) & _ENCODED:
                # RFC 8493 wants these percent-encoded in manifests; bagit.py
                # writes "%" as it is, which a strict validator misreads.
                raise EditionError("a source whose path holds '%', a line feed or a carriage "
                                   "return cannot be bagged portably; rename it",
                                   source=ref["path"])
            if place in places:
                raise EditionError(f"two sources would both be data/source/{place} in the "
                                   f"bag ({places[place]} and {ref['path']}); convert them "
                                   "from one folder", source=ref["path"])
            places[place] = ref["path"]
            yield place, _checked(root / ref["path"], ref)


def _checked(path: Path, ref: Mapping[str, str]) -> Path:
    try:
        same = sha256(read_file(path)) == ref["sha256"]
    except OSError:
        raise EditionError("the source is missing; bag from the folder it was converted "
                           "in, or leave out the sources", source=ref["path"]) from None
    if not same:
        raise EditionError("the source has changed since it was converted; convert again",
                           source=ref["path"])
    return path


def _payload_name(name: str) -> str:
    """The manifest's source path without root, ``.`` or ``..`` parts, so that
    every source lands inside ``data/source/``."""
    parts = [part for part in PurePosixPath(name).parts if part not in {"/", ".", ".."}]
    return "/".join(parts)


def _check_target(bag_dir: Path, edition: Edition, root: Path) -> None:
    """``bag_dir`` may be made, or replaced when it is an empty folder or a bag this
    tool made that holds nothing but what such a bag holds, and the edition's
    sources are found outside it (a bag of a run whose sources were in an
    earlier bag must not take them with it).

    Raises:
        OutputError: it is anything else.
    """
    if not os.path.lexists(bag_dir) or (bag_dir.is_dir() and not bag_dir.is_symlink()
                                        and not any(bag_dir.iterdir())):
        return
    if bag_dir.is_symlink() or not bag_dir.is_dir() or not (bag_dir / "bagit.txt").is_file():
        raise OutputError("exists and is not a bag; refusing to replace it", source=str(bag_dir))
    if not _made_by_us(bag_dir):
        raise OutputError("is a bag tei-convert did not make; refusing to replace it",
                          source=str(bag_dir))
    extra = _unlisted(bag_dir)
    if extra:
        raise OutputError(f"holds {extra}, which a bag of tei-convert does not hold; refusing "
                          "to replace it", source=str(bag_dir))
    unseen = next((name for name in source_paths(edition) if not (root / name).is_file()), None)
    if unseen is not None:
        raise OutputError(f"the edition's source {unseen} is not found from here, so it may be "
                          "in this bag; refusing to replace it: bag from the folder the "
                          "conversion ran in, or into a new folder", source=str(bag_dir))


def _made_by_us(bag_dir: Path) -> bool:
    try:
        info = (bag_dir / "bag-info.txt").read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.startswith("Bag-Software-Agent: tei-convert ")
               for line in info.splitlines())


def _unlisted(bag_dir: Path) -> str | None:
    """The first file in the bag that neither its payload manifest nor its tag
    manifest lists (the tag manifests and bagit.txt aside), or None."""
    listed = {f"tagmanifest-{algorithm}.txt" for algorithm in CHECKSUMS}
    for manifest in (f"manifest-{CHECKSUMS[0]}.txt", _TAG_MANIFEST.format(CHECKSUMS[0])):
        try:
            lines = (bag_dir / manifest).read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return manifest
        listed.update(line.split(maxsplit=1)[1] for line in lines if " " in line.strip())
    for path in sorted(bag_dir.rglob("*")):
        name = path.relative_to(bag_dir).as_posix()
        if (path.is_file() or path.is_symlink()) and (
                name not in listed | {"bagit.txt"} or not _our_layout(name)):
            return name
    return None


def _our_layout(name: str) -> bool:
    """A file a bag of ours holds: the tag files, and the payload under data/."""
    if "/" not in name:
        return name in {"bagit.txt", "bag-info.txt", *(f"manifest-{a}.txt" for a in CHECKSUMS),
                        *(_TAG_MANIFEST.format(a) for a in CHECKSUMS)}
    tei_file = name.startswith(f"data/{TEI_FOLDER}/") and name.count("/") == 2 \
        and name.endswith(".xml")
    return tei_file or name == f"data/{MANIFEST_NAME}" or name.startswith(f"data/{SOURCE_FOLDER}/")


def _fill(staging: Path, edition: Edition, sources: Mapping[str, Path]) -> None:
    """Lay out the payload; bagit then moves it into ``data/``."""
    (staging / TEI_FOLDER).mkdir()
    for document in edition.documents:
        shutil.copyfile(document.path, staging / TEI_FOLDER / document.path.name)
    if edition.edited:
        # The deposit's manifest says which documents were edited by hand.
        (staging / MANIFEST_NAME).write_bytes(manifest_bytes(recorded_manifest(edition)))
    else:
        shutil.copyfile(edition.manifest_path, staging / MANIFEST_NAME)
    for place, path in sorted(sources.items()):
        target = staging / SOURCE_FOLDER / place
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def _bag_info(info: Mapping[str, str]) -> dict[str, str]:
    fields = dict(info)
    fields["Bagging-Date"] = bagging_date()
    fields["Bag-Software-Agent"] = f"tei-convert {__version__} (bagit.py {bagit.VERSION})"
    return fields


def bagging_date() -> str:
    """Today in UTC, or the day of ``SOURCE_DATE_EPOCH`` so that bags can be rebuilt
    byte for byte.

    Raises:
        TeiConvertError: ``SOURCE_DATE_EPOCH`` is set but not a number of seconds.
    """
    return source_date() or datetime.now(timezone.utc).date().isoformat()


def _declare_version(bag_dir: Path) -> None:
    """Mark the bag as BagIt 1.0, which bagit.py does not write itself, then let
    it rewrite the tag manifests, sorted so the bag is reproducible."""
    (bag_dir / "bagit.txt").write_text(
        f"BagIt-Version: {BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n", "utf-8")
    bagit.Bag(str(bag_dir)).save()
    for algorithm in CHECKSUMS:
        path = bag_dir / _TAG_MANIFEST.format(algorithm)
        lines = path.read_text("utf-8").splitlines(keepends=True)
        path.write_text("".join(sorted(lines)), "utf-8")
