"""A static reading edition of an output folder: an index page, one page per
document, the TEI files and two small assets, readable from the file system or
any static host (no server, no request outside the site).

The site folder is built beside its target and swapped in whole. It carries a
mark (:data:`SITE_MARK`) listing every file it holds with its sha256: an
existing folder is replaced only when it is empty or is such a site, unchanged
and holding nothing else, so a folder of the user's is never lost.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from tei_convert.canonical import sha256
from tei_convert.errors import OutputError
from tei_convert.package.edition import Edition, check_target, read_edition, source_paths
from tei_convert.package.site_pages import (
    ASSETS,
    asset,
    document_page,
    index_page,
    page_name,
    tei_name,
)
from tei_convert.package.site_warnings import read_lines
from tei_convert.run.output import put_in_place, staging_folder

SITE_MARK = ".tei-convert-site.json"
"""The file that makes a folder a site of ours: what wrote it, and each file's sha256."""
INDEX = "index.html"


@dataclass(frozen=True)
class SiteReport:
    """What :func:`write_site` wrote."""

    path: Path
    pages: int
    """Document pages (the index aside)."""


def build_site(edition: Edition, sources_root: Path | None = None) -> dict[str, bytes]:
    """Every file of the site by its path in the site, the mark aside; reads the
    edition's TEI files and sources, writes nothing.

    Args:
        sources_root: where the manifest's source paths start (default: the
            working folder, as for ``convert``). A source found there with the
            sha256 the manifest recorded is copied into the site and linked
            from its pages; one missing or changed since is named, not linked.
    """
    files: dict[str, bytes] = {INDEX: index_page(edition)}
    for name in ASSETS:
        files[name] = asset(name)
    for document in edition.documents:
        tei = document.path.read_bytes()
        files[tei_name(document)] = tei
        source = _source_copy(document.entry["source"], sources_root or Path())
        if source is None:
            files[page_name(document)] = document_page(tei, document)
            continue
        files[source[0]] = source[1]
        lines = read_lines(source[1], document.entry["source"]["path"])
        files[page_name(document)] = document_page(tei, document, quote(source[0]), lines)
    return files


def _source_copy(ref: Mapping[str, str], root: Path) -> tuple[str, bytes] | None:
    """(place in the site, bytes) of a source that is at hand and unchanged.
    The place is named by the source's hash, so no path of the user's (with
    "..", or from another folder) can point outside the site."""
    try:
        data = (root / ref["path"]).read_bytes()
    except OSError:
        return None
    if sha256(data) != ref["sha256"]:
        return None
    return f"sources/{ref['sha256'][:16]}/{PurePosixPath(ref['path']).name}", data


def write_site(edition: Path | Edition, site_dir: Path) -> SiteReport:
    """Write the reading edition of a converted folder into ``site_dir``.

    Args:
        edition: the output folder, or the :class:`Edition` read from it.

    Returns:
        What was written. An existing site there is replaced as a whole; the new
        one appears in one rename.

    Raises:
        EditionError: the folder does not match its manifest, or ``site_dir`` is
            in it, holds it or would replace a source; nothing is written.
        OutputError: ``site_dir`` is something other than a site tei-convert
            wrote and left unchanged, or cannot be written.
    """
    folder = edition if isinstance(edition, Path) else edition.folder
    check_target(folder, site_dir, "site")
    if isinstance(edition, Path):
        edition = read_edition(edition)
    check_target(edition.folder, site_dir, "site", source_paths(edition))
    check_site_replaceable(site_dir)
    files = build_site(edition)
    staging = staging_folder(site_dir, "the site")
    try:
        _fill(staging, files)
        put_in_place(staging, site_dir)
    except OSError as error:
        raise OutputError(f"cannot write the site: {error}", source=str(site_dir)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return SiteReport(site_dir, len(edition.documents))


def _fill(staging: Path, files: Mapping[str, bytes]) -> None:
    for name, data in sorted(files.items()):
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        path.chmod(0o644)
    mark = {"tool": "tei-convert", "files": {name: sha256(data) for name, data in files.items()}}
    (staging / SITE_MARK).write_text(json.dumps(mark, indent=1, sort_keys=True) + "\n",
                                     encoding="utf-8")
    (staging / SITE_MARK).chmod(0o644)


def check_site_replaceable(site_dir: Path) -> None:
    """Refuse to replace ``site_dir`` unless it is absent, an empty folder, or a
    site this tool wrote that holds exactly the files its mark lists, unchanged.

    Raises:
        OutputError: naming the first thing that is not ours.
    """
    if not os.path.lexists(site_dir):
        return
    if site_dir.is_symlink() or not site_dir.is_dir():
        raise OutputError("exists and is not a folder; refusing to replace it",
                          source=str(site_dir))
    present = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
                     if not path.is_dir() or path.is_symlink())
    if not present:
        return
    listed = _marked_files(site_dir)
    if listed is None:
        raise OutputError("is not a site tei-convert wrote (it has no "
                          f"{SITE_MARK}); refusing to replace it", source=str(site_dir))
    for name in present:
        path = site_dir / name
        if name == SITE_MARK:
            continue
        if name not in listed or path.is_symlink():
            raise OutputError(f"holds {name}, which tei-convert did not write there; "
                              "refusing to replace it", source=str(site_dir))
        if sha256(path.read_bytes()) != listed[name]:
            raise OutputError(f"{name} was changed since tei-convert wrote it; refusing to "
                              "replace it (move the folder or your change away)",
                              source=str(site_dir))


def _marked_files(site_dir: Path) -> dict[str, str] | None:
    """The files the mark lists with their sha256, or None when there is no mark
    of ours."""
    mark = site_dir / SITE_MARK
    if mark.is_symlink() or not mark.is_file():
        return None
    try:
        data = json.loads(mark.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if data.get("tool") != "tei-convert" or not isinstance(files, dict) \
            or not all(isinstance(v, str) for v in files.values()):
        return None
    return {str(name): str(digest) for name, digest in files.items()}
