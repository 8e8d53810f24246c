"""Print what tei-convert finds in a collected-works volume.

Usage: python scripts/evaluate_volume.py VOLUME.txt [--meta FILE]

For the volume: documents found (works and appendices), how many have a title,
a date, notes, how many references resolve, paragraphs and the share of them
that end a sentence, the page turns and the page breaks written for them, how
paragraph ends were judged (line widths and the measure learned, or character
counts), and any non-empty line that belongs to no document. Then one line per
document.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from lxml import etree

from tei_convert import Options, Result, convert_file
from tei_convert.errors import TeiConvertError
from tei_convert.input.sanitize import source_lines
from tei_convert.readers.metadata import load_metadata
from tei_convert.readers.volume_layout import Kind, Line, classify, learn_line_measure
from tei_convert.tei import TEI_NS, tei

_NS = {"tei": TEI_NS}
# A sentence's end: a stop, perhaps inside quotes or brackets, perhaps before a
# note number or a stage direction's bracket ("...hand. (Applause.)").
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*(?:\s*\d{1,3})?$")


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


def _paragraph_ends(xml: bytes) -> tuple[int, int]:
    """(paragraphs of the body, those that end a sentence); a note standing in
    a paragraph is not part of its text."""
    root = etree.fromstring(xml)
    paragraphs = root.xpath("//tei:body//tei:p[not(ancestor::tei:note)]", namespaces=_NS)
    ended = 0
    for paragraph in paragraphs:
        text = "".join(paragraph.xpath(".//text()[not(ancestor::tei:note)]", namespaces=_NS))
        ended += _SENTENCE_END.search(text.rstrip()) is not None
    return len(paragraphs), ended


def _page_turns(result: Result, lines: list[Line]) -> dict[str, tuple[int, int]]:
    """For each document, (page turns inside it, ``pb`` elements written). A
    work's heading stands at the top of a page, and a divider before it is
    left out: neither is a turn inside the work."""
    counts = {}
    for converted in result.documents:
        document, span = converted.document, converted.document.span
        if span is None:
            continue
        skipped = {line for dropped, _ in document.dropped
                   for line in range(dropped.first_line, dropped.last_line + 1)}
        heading = document.header.title.span
        if heading is not None:
            skipped.add(heading.first_line)
        turns = sum(1 for line in lines if line.kind is Kind.TEXT and line.page_break_before
                    and span.first_line < line.number <= span.last_line
                    and line.number not in skipped)
        counts[document.id] = (turns, len(etree.fromstring(converted.xml).findall(
            f".//{tei('pb')}")))
    return counts


def _measure_line(lines: list[Line]) -> str:
    measure = learn_line_measure(lines)
    if measure is None:
        return "paragraph ends judged by: character counts (too few wrapped lines to learn " \
               "a measure)"
    return (f"paragraph ends judged by: line widths in Times-Roman; measure {measure.widest:.3f}"
            f" em, limit {measure.limit:.3f} em, from {measure.wrapped} wrapped lines")


def report(path: Path, meta: Path | None) -> str:
    """The evaluation, as text."""
    options = Options(metadata=load_metadata(meta)) if meta else None
    result = convert_file(path, options=options)
    lines = source_lines(path.read_text("utf-8"))
    layout = classify(lines)
    turns = _page_turns(result, layout)
    rows, totals = [], {"titled": 0, "dated": 0, "with notes": 0, "notes": 0,
                        "references": 0, "resolved": 0, "unreferenced notes": 0,
                        "paragraphs": 0, "paragraphs ending a sentence": 0,
                        "page turns": 0, "page breaks written": 0}
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
        paragraphs, ended = _paragraph_ends(converted.xml)
        totals["paragraphs ending a sentence"] += ended
        turned, breaks = turns.get(document.id, (0, 0))
        totals["page turns"] += turned
        totals["page breaks written"] += breaks
        kind = document.part_of.kind if document.part_of else "work"
        when = "" if date is None else date.when or f"{date.not_before}..{date.not_after}"
        span = document.span
        rows.append(f"{document.id[-3:]:>4} {kind:8} lines {span.first_line if span else 0:>5}-"
                    f"{span.last_line if span else 0:<5} {when:23} notes {len(document.notes):>2}"
                    f" refs {pointers:>2} p {converted.counts.paragraphs:>3}"
                    f" ended {_share(ended, paragraphs):>4} pb {breaks:>2}/{turned:<2} "
                    f"{header.title.text[:60]}")
    works = sum(1 for c in result.documents
                if not c.document.part_of or c.document.part_of.kind == "work")
    unassigned = _unassigned(result, lines)
    summary = [
        f"volume: {path.name} ({len(lines)} lines)",
        f"documents: {len(result.documents)} ({works} works, "
        f"{len(result.documents) - works} appendices)",
        *(f"{key}: {value}" for key, value in totals.items()),
        f"share of paragraphs ending a sentence: "
        f"{_share(totals['paragraphs ending a sentence'], totals['paragraphs'])}",
        _measure_line(layout),
        f"unassigned non-empty lines: {len(unassigned)} {unassigned[:20]}",
    ]
    return "\n".join([*summary, "", *rows])


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


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
