"""Print what tei-convert finds in a collected-works volume.

Usage: python scripts/evaluate_volume.py VOLUME.txt [--meta FILE]

For the volume: documents found (works and appendices), how many have a title,
a date, notes, how many references resolve, paragraphs, and any non-empty line
that belongs to no document. Then one line per document.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lxml import etree

from tei_convert import Options, Result, convert_file
from tei_convert.errors import TeiConvertError
from tei_convert.input.sanitize import source_lines
from tei_convert.readers.volume_meta import load_volume_meta
from tei_convert.tei import tei


def _unassigned(result: Result, lines: list[str]) -> list[int]:
    covered: set[int] = set()
    for converted in result.documents:
        span = converted.document.span
        if span is not None:
            covered.update(range(span.first_line, span.last_line + 1))
    return [n for n, line in enumerate(lines, 1) if line.strip() and n not in covered]


def _pointers(xml: bytes) -> tuple[int, int]:
    """(markers, markers that reach a note): a note standing in the text is its
    own first marker; a later marker is a ``ref`` to it."""
    root = etree.fromstring(xml)
    ids = {n.get("{http://www.w3.org/XML/1998/namespace}id") for n in root.iter(tei("note"))}
    placed = len(root.findall(f".//{tei('body')}//{tei('note')}[@place='end']"))
    targets = [r.get("target", "")[1:] for r in root.iter(tei("ref"))
               if r.get("type") == "noteAnchor"]
    return placed + len(targets), placed + sum(1 for t in targets if t in ids)


def report(path: Path, meta: Path | None) -> str:
    """The evaluation, as text."""
    options = Options(volume_meta=load_volume_meta(meta)) if meta else None
    result = convert_file(path, options=options)
    lines = source_lines(path.read_text("utf-8"))
    rows, totals = [], {"titled": 0, "dated": 0, "with notes": 0, "notes": 0,
                        "references": 0, "resolved": 0, "unreferenced notes": 0,
                        "paragraphs": 0}
    for converted in result.documents:
        document, header = converted.document, converted.document.header
        pointers, resolved = _pointers(converted.xml)
        unreferenced = sum(1 for d in converted.diagnostics if d.code == "note-unreferenced")
        date = header.creation.date if header.creation else None
        totals["titled"] += bool(header.title.text)
        totals["dated"] += date is not None
        totals["with notes"] += bool(document.notes)
        totals["notes"] += len(document.notes)
        totals["references"] += pointers
        totals["resolved"] += resolved
        totals["unreferenced notes"] += unreferenced
        totals["paragraphs"] += converted.counts.paragraphs
        kind = document.part_of.kind if document.part_of else "work"
        when = "" if date is None else date.when or f"{date.not_before}..{date.not_after}"
        span = document.span
        rows.append(f"{document.id[-3:]:>4} {kind:8} lines {span.first_line if span else 0:>5}-"
                    f"{span.last_line if span else 0:<5} {when:23} notes {len(document.notes):>2}"
                    f" refs {pointers:>2} p {converted.counts.paragraphs:>3}  "
                    f"{header.title.text[:60]}")
    works = sum(1 for c in result.documents
                if not c.document.part_of or c.document.part_of.kind == "work")
    unassigned = _unassigned(result, lines)
    summary = [
        f"volume: {path.name} ({len(lines)} lines)",
        f"documents: {len(result.documents)} ({works} works, "
        f"{len(result.documents) - works} appendices)",
        *(f"{key}: {value}" for key, value in totals.items()),
        f"unassigned non-empty lines: {len(unassigned)} {unassigned[:20]}",
    ]
    return "\n".join([*summary, "", *rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("volume", type=Path)
    parser.add_argument("--meta", type=Path, help="volume metadata (default: the sidecar)")
    args = parser.parse_args()
    try:
        print(report(args.volume, args.meta))
    except TeiConvertError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
