"""Where a plain text prints its notes, and which of its markers point to them.

A plain text marks a note in one of the forms of
:data:`tei_convert.transforms.notes.NOTE_FORMS` ("[1]", "(1)", "*" in the
text) and prints it either among its paragraphs, bracketed as a whole right
after the paragraph that marks it ("[Footnote 1: ...]"), or in a run of notes
that ends the text, each opening as its marker reads ("(1) ...", "* ...",
"[1] ..."), perhaps under a "Notes" heading. A marker, a bracketed number or a
star means a note only where the text has both: the marker above, and a note
with its label that no other note shares. Anything else stays text: a numbered
point "(1)" with no note "(1)", a note with no marker, two notes with one
label. A run of notes at the end is taken whole or not at all.

:func:`find_notes` says which blocks are notes and which markers to link;
:func:`make_notes` makes the model's notes of them, with the reader's way of
joining lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tei_convert.model import Note, Paragraph, Span
from tei_convert.readers.blocks import RawBlock
from tei_convert.readers.structure import ContentOf
from tei_convert.transforms.notes import (
    FOOTNOTE,
    NOTE_FORMS,
    NoteForm,
    bracket_depth,
    form_markers,
    is_notes_heading,
    note_start,
)

_END_FORMS = tuple(form for form in NOTE_FORMS if not form.closed)
"""The forms of notes printed in a run at the end of the text."""


@dataclass(frozen=True)
class PrintedNote:
    """A note as the text prints it, its opening ("(1)", "[Footnote 1:") and a
    footnote's closing bracket taken off its lines."""

    form: NoteForm
    label: str
    blocks: tuple[RawBlock, ...]
    """One block a paragraph of the note."""
    markup: tuple[int, str] | None = None
    """The word that opens a footnote ("Footnote" of "[Footnote 1: ..."), with its
    line: the transcription's markup, which the note element stands for."""

    @property
    def span(self) -> Span:
        return Span(self.blocks[0].span.first_line, self.blocks[-1].span.last_line)


@dataclass(frozen=True)
class TextNotes:
    """A text's blocks sorted into text and notes."""

    body: tuple[RawBlock, ...]
    """The blocks that are text, in order."""
    notes: tuple[PrintedNote, ...]
    """The notes, in the order the text prints them."""
    linked: Mapping[NoteForm, frozenset[str]]
    """For each form of note the text uses, the labels whose markers point to a note."""
    head: RawBlock | None = None
    """A "Notes" heading over the run of notes at the end."""


def find_notes(blocks: Sequence[RawBlock], *, above: str = "") -> TextNotes:
    """Sort ``blocks`` into text and notes (see the module's rules). ``above``
    is text printed before the blocks (a title), whose markers count."""
    footnotes, taken = _footnotes(blocks, above)
    rest = [block for index, block in enumerate(blocks) if index not in taken]
    body, end_notes, head = _end_notes(rest, above)
    if set(_labels(end_notes)) & set(_labels(footnotes)):
        body, end_notes, head = rest, [], None  # two notes for one marker: neither run is sure
    notes = tuple(sorted([*footnotes, *end_notes], key=lambda note: note.span.first_line))
    linked: dict[NoteForm, frozenset[str]] = {}
    for note in notes:
        linked[note.form] = linked.get(note.form, frozenset()) | {note.label}
    return TextNotes(tuple(body), notes, linked, head)


def _labels(notes: Iterable[PrintedNote]) -> list[str]:
    return [note.label for note in notes]


def _footnotes(blocks: Sequence[RawBlock], above: str
               ) -> tuple[list[PrintedNote], set[int]]:
    """The "[Footnote 1: ...]" notes: from a block that opens one to the block
    whose end closes its bracket, after a marker "[1]"; a label two of them
    share is no one's. Also the indexes of their blocks."""
    found: list[tuple[PrintedNote, range]] = []
    seen = set(form_markers(above, FOOTNOTE))
    index = 0
    while index < len(blocks):
        opening = note_start(blocks[index].text, (FOOTNOTE,))
        end = None if opening is None or opening[1] not in seen else _footnote_end(blocks, index)
        if opening is None or end is None:
            seen.update(form_markers(blocks[index].text, FOOTNOTE))
            index += 1
            continue
        found.append((_printed(FOOTNOTE, opening[1], blocks[index:end + 1]),
                      range(index, end + 1)))
        index = end + 1
    counts = Counter(note.label for note, _ in found)
    kept = [(note, taken) for note, taken in found if counts[note.label] == 1]
    return [note for note, _ in kept], {i for _, taken in kept for i in taken}


def _footnote_end(blocks: Sequence[RawBlock], start: int) -> int | None:
    """The index of the block that closes the footnote opening ``blocks[start]``
    with its last character, or None when none does."""
    depth: int | None = 0
    for index in range(start, len(blocks)):
        depth = bracket_depth(blocks[index].text, depth or 0)
        if depth is None or depth < 0:
            return None
        if depth == 0:
            return index
    return None


def _end_notes(blocks: Sequence[RawBlock], above: str
               ) -> tuple[list[RawBlock], list[PrintedNote], RawBlock | None]:
    """The run of notes that ends the text: the longest run of blocks at the
    end that each open a note (a block may hold several, one from each line
    that opens one). Taken only when each note has a marker of its form above
    the run and a label of its own; then (the blocks before it, the notes, a
    "Notes" heading)."""
    start = len(blocks)
    while start > 1 and _opens_note(blocks[start - 1].lines[0]):
        start -= 1
    if start == len(blocks):
        return list(blocks), [], None
    notes = [note for block in blocks[start:] for note in _split_notes(block)]
    body = list(blocks[:start])
    head = body.pop() if len(body) > 1 and len(body[-1].lines) == 1 \
        and is_notes_heading(body[-1].text) else None
    counts = Counter(note.label for note in notes)
    if any(counts[note.label] > 1 or not any(note.label in form_markers(text, note.form)
                                             for text in (above, *(b.text for b in body)))
           for note in notes):
        return list(blocks), [], None
    return body, notes, head


def _opens_note(line: str) -> bool:
    return note_start(line, _END_FORMS) is not None


def _split_notes(block: RawBlock) -> list[PrintedNote]:
    """The notes of a block of the closing run, one from each line that opens one."""
    notes: list[PrintedNote] = []
    first = block.span.first_line
    starts = [offset for offset, line in enumerate(block.lines) if _opens_note(line)]
    for begin, end in zip(starts, [*starts[1:], len(block.lines)], strict=True):
        lines = block.lines[begin:end]
        while lines and not lines[-1].strip():
            lines = lines[:-1]
        opening = note_start(lines[0], _END_FORMS)
        assert opening is not None
        form, label, _ = opening
        piece = RawBlock(tuple(lines), Span(first + begin, first + begin + len(lines) - 1))
        notes.append(_printed(form, label, (piece,)))
    return notes


def _printed(form: NoteForm, label: str, blocks: Sequence[RawBlock]) -> PrintedNote:
    """A note of ``blocks``, its opening taken off the first line that holds
    text and, for a bracketed footnote, its closing bracket off the last."""
    first = blocks[0]
    at = next(offset for offset, line in enumerate(first.lines) if line.strip())
    match = form.start.match(first.lines[at])
    opened = first.lines[at][match.end():] if match is not None else first.lines[at]
    edited = [RawBlock((*first.lines[:at], opened, *first.lines[at + 1:]), first.span),
              *blocks[1:]]
    if form.closed:
        last = edited[-1]
        end = max(offset for offset, line in enumerate(last.lines) if line.strip())
        closed = last.lines[end].rstrip()[:-1]
        edited[-1] = RawBlock((*last.lines[:end], closed, *last.lines[end + 1:]), last.span)
    word = match.groupdict().get("word") if match is not None else None
    markup = (first.span.first_line + at, word) if word else None
    return PrintedNote(form, label, tuple(edited), markup)


def make_notes(found: TextNotes, content: ContentOf) -> tuple[Note, ...]:
    """The model's notes: one paragraph a block of each note, its inline content
    made by ``content``."""
    return tuple(Note(note.label, tuple(Paragraph(content(block), block.span)
                                        for block in note.blocks
                                        if any(line.strip() for line in block.lines)),
                      note.span)
                 for note in found.notes)


def note_markup(found: TextNotes) -> tuple[tuple[int, str], ...]:
    """The markup words the notes' openings held ("Footnote"), with their lines:
    the note elements stand for them, and the nothing-lost check leaves them out."""
    return tuple(note.markup for note in found.notes if note.markup is not None)
