"""Everything about notes: marker patterns, inline splitting and linking.

Readers use :func:`split_markers` to turn running text into inline content
and :func:`note_label` to find where an endnote starts; the pipeline runs
:func:`link_notes` to check that every marker has a note and every note a
marker, turning unmatched markers back into the text they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from tei_convert.diagnostics import Reporter
from tei_convert.input.text import normalize_space
from tei_convert.model import (
    Block,
    Choice,
    Closer,
    Content,
    Document,
    Formula,
    Inline,
    ItemList,
    ListItem,
    Note,
    NoteRef,
    Opener,
    Paragraph,
    Postscript,
    Section,
)

_ContentFix = Callable[[Content], Content]

# Labels are short: numbers up to three digits or a single letter. Longer
# bracketed text ("[sic]", "[illegible]") is editorial, never a marker.
_LABEL = r"(\d{1,3}|[A-Za-z])"
_MARKER = re.compile(r"\[" + _LABEL + r"\]")
_NOTE_START = re.compile(r"^\s*\[" + _LABEL + r"\]\s*")


def marker_labels(text: str) -> set[str]:
    """The labels of every marker in ``text``."""
    return {match.group(1) for match in _MARKER.finditer(text)}


def note_label(text: str) -> tuple[str, str] | None:
    """If ``text`` starts an endnote (``[3] The ...``), return (label, rest)."""
    match = _NOTE_START.match(text)
    if match is None or not text[match.end():].strip():
        return None
    return match.group(1), text[match.end():]


def split_markers(text: str, line: int) -> Content:
    """Split running text into text runs and :class:`NoteRef` markers.

    Whitespace is normalised inside runs; the space before a marker is
    dropped because a marker hangs on the word it follows (and remembered, in
    case the marker turns out to have no note and goes back to being text).
    """
    parts: list[Inline] = []
    pos = 0
    for match in _MARKER.finditer(text):
        before = text[pos:match.start()]
        _append_text(parts, before.rstrip())
        parts.append(NoteRef(match.group(1), line, space_before=before[-1:].isspace()))
        pos = match.end()
    _append_text(parts, text[pos:])
    return _tidy(parts)


def _append_text(parts: list[Inline], text: str) -> None:
    if text:
        parts.append(text)


def _tidy(parts: list[Inline]) -> Content:
    """Normalise whitespace in text runs, keeping one space between runs."""
    tidy: list[Inline] = []
    for index, part in enumerate(parts):
        if not isinstance(part, str):
            tidy.append(part)
            continue
        text = normalize_space(part)
        if part[:1].isspace() and index > 0:
            text = " " + text
        if text.strip():
            tidy.append(text)
    return tuple(tidy)


def content_text(content: Content) -> str:
    """The plain text of inline content as the tool reads it: markers and page
    breaks left out, repairs in their repaired form."""
    return "".join(part if isinstance(part, str) else part.reg if isinstance(part, Choice)
                   else "" for part in content)


def iter_refs(document: Document) -> Iterator[NoteRef]:
    """Every note reference in the document, in reading order."""
    for content in _contents(document):
        yield from (part for part in content if isinstance(part, NoteRef))


def _contents(document: Document) -> Iterator[Content]:
    if document.head is not None:
        yield document.head
    if document.subhead is not None:
        yield document.subhead
    for block in document.body:
        yield from _block_contents(block)
    for note in document.notes:
        yield from (paragraph.content for paragraph in note.paragraphs)


def _block_contents(block: Block) -> Iterator[Content]:
    if isinstance(block, Paragraph):
        yield block.content
    elif isinstance(block, ItemList):
        yield from (item.content for item in block.items)
    elif isinstance(block, (Opener, Closer)):
        yield from (part.content for part in block.parts)
    elif isinstance(block, Postscript):
        for inner in block.blocks:
            yield from _block_contents(inner)
    elif isinstance(block, Section):
        yield block.head
        for member in block.blocks:
            yield from _block_contents(member)


def link_notes(document: Document, reporter: Reporter) -> Document:
    """Check markers against notes; unmatched markers go back to being text.

    Reports ``marker-unresolved`` for a marker with no note,
    ``note-unreferenced`` for a note no marker points to and
    ``note-duplicate`` for a label used by two notes.
    """
    labels = _note_labels(document.notes, reporter)
    refs = list(iter_refs(document))
    unresolved = [ref for ref in refs if ref.label not in labels]
    for ref in unresolved:
        reporter.warn("marker-unresolved", f"marker [{ref.label}] has no note; kept as text",
                      ref.line)
    used = {ref.label for ref in refs}
    for note in document.notes:
        if note.label not in used:
            reporter.warn("note-unreferenced", f"note [{note.label}] is not referenced in the text",
                          note.span.first_line)
    return _unlink(document, labels) if unresolved else document


def _note_labels(notes: tuple[Note, ...], reporter: Reporter) -> set[str]:
    seen: set[str] = set()
    for note in notes:
        if note.label in seen:
            reporter.warn("note-duplicate", f"two notes are labelled [{note.label}]",
                          note.span.first_line)
        seen.add(note.label)
    return seen


def _unlink(document: Document, labels: set[str]) -> Document:
    """Replace references to missing notes with their literal marker text."""

    def fix(content: Content) -> Content:
        parts: list[Inline] = []
        for part in content:
            if isinstance(part, NoteRef) and part.label not in labels:
                part = (" " if part.space_before else "") + f"[{part.label}]"
            if isinstance(part, str) and parts and isinstance(parts[-1], str):
                parts[-1] = parts[-1] + part
            else:
                parts.append(part)
        return tuple(parts)

    return replace(
        document,
        head=None if document.head is None else fix(document.head),
        subhead=None if document.subhead is None else fix(document.subhead),
        body=tuple(map_block(block, fix) for block in document.body),
        notes=tuple(
            replace(note, paragraphs=tuple(_map_paragraph(p, fix) for p in note.paragraphs))
            for note in document.notes
        ),
    )


def map_block(block: Block, fix: _ContentFix) -> Block:
    """Apply ``fix`` to every piece of inline content in ``block``."""
    if isinstance(block, Paragraph):
        return replace(block, content=fix(block.content))
    if isinstance(block, ItemList):
        return replace(block, items=tuple(_map_item(item, fix) for item in block.items))
    if isinstance(block, (Opener, Closer)):
        return replace(block, parts=tuple(_map_formula(part, fix) for part in block.parts))
    inner = tuple(map_block(b, fix) for b in block.blocks)
    if isinstance(block, Section):
        return replace(block, head=fix(block.head), blocks=inner)  # type: ignore[arg-type]
    return replace(block, blocks=inner)  # type: ignore[arg-type]


def _map_paragraph(paragraph: Paragraph, fix: _ContentFix) -> Paragraph:
    return replace(paragraph, content=fix(paragraph.content))


def _map_item(item: ListItem, fix: _ContentFix) -> ListItem:
    return replace(item, content=fix(item.content))


def _map_formula(part: Formula, fix: _ContentFix) -> Formula:
    return replace(part, content=fix(part.content))

