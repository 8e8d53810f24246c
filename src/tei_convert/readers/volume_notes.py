"""The notes of a work in a volume: where the notes section starts and which
lines each note holds (what a note number looks like is in
:mod:`tei_convert.transforms.notes`).

A work's notes follow its text, under a "Notes" line (often with a rule of
underscores above it), or, without that line, as a run of "(1) ..." or
"[1] ..." paragraphs when the text carries markers of the same kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tei_convert.model import Note, Paragraph, Span
from tei_convert.readers.formulas import dateline_date, is_signature, publication_line
from tei_convert.readers.volume_layout import Kind, Line
from tei_convert.readers.volume_text import TextBuilder
from tei_convert.transforms.notes import UNHEADED_NOTE_STYLES, next_note_label, strip_note_label

RULE = re.compile(r"^_{3,}$")
_NOTES_HEAD = re.compile(r"^notes\.?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")


@dataclass
class NotesSection:
    """What a work's notes section holds."""

    head: str | None = None
    notes: tuple[Note, ...] = ()
    to_body: list[Line] = field(default_factory=list)
    """Lines that looked like part of the notes but are text: they stay in
    the body, in their order."""


def split_notes(lines: Sequence[Line], heading: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """Body lines and note lines of one work."""
    for index, line in enumerate(lines):
        if line.kind is Kind.TEXT and _NOTES_HEAD.match(line.text) and _stands_apart(lines, index):
            start = index
            previous = [i for i in range(index) if lines[i].kind is Kind.TEXT]
            if previous and RULE.match(lines[previous[-1]].text):
                start = previous[-1]
            return list(lines[:start]), list(lines[start:])
    return _split_unheaded(lines, heading)


def _stands_apart(lines: Sequence[Line], index: int) -> bool:
    """A "Notes" heading follows a gap, a rule or a page break, or the first note
    follows it; "...the bank issued" / "notes." is the end of a sentence."""
    if index == 0 or lines[index].page_break_before:
        return True
    previous = lines[index - 1]
    if previous.kind is Kind.GAP or RULE.match(previous.text):
        return True
    following = next((line for line in lines[index + 1:] if line.kind is Kind.TEXT), None)
    return following is not None and next_note_label(following.text, 0) is not None


def _split_unheaded(lines: Sequence[Line], heading: Sequence[Line]
                    ) -> tuple[list[Line], list[Line]]:
    """Notes without a "Notes" line, when markers of their kind come before."""
    # Notes of one paragraph each may follow any text; notes with continuation
    # paragraphs only a closed text, so a list "(1) ...", "(2) ..." followed by
    # more text stays in the body.
    for marker, first_note in UNHEADED_NOTE_STYLES:
        starts = [i for i, line in enumerate(lines)
                  if line.kind is Kind.TEXT and first_note.match(line.text)]
        # The last such run: numbered paragraphs in the text come before the notes.
        for index in reversed(starts):
            if (_after_closing(lines, index) or _only_notes(lines[index:])) and any(
                    marker.search(earlier.text) for earlier in (*heading, *lines[:index])):
                return list(lines[:index]), list(lines[index:])
    return list(lines), []


def _only_notes(lines: Sequence[Line]) -> bool:
    """Every paragraph from here to the end opens with the next note number, so
    a numbered list followed by more text is not taken for notes."""
    count, expect_start = 0, True
    for line in lines:
        if line.kind is Kind.GAP:
            expect_start = True
            continue
        if expect_start:
            if next_note_label(line.text, count) is None:
                return False
            count += 1
        expect_start = False
    return count > 0


def _after_closing(lines: Sequence[Line], index: int) -> bool:
    """The line before them is a signature, a date or a publication line: the
    text has closed, so what follows may be notes of several paragraphs."""
    previous = next((line for line in reversed(lines[:index]) if line.kind is Kind.TEXT), None)
    if previous is None:
        return False
    text = previous.text
    return (is_signature(text) or dateline_date(text) is not None
            or publication_line(text) is not None)


def read_notes(lines: Sequence[Line], builder: TextBuilder) -> NotesSection:
    """The heading, the notes, and the lines that are text after all."""
    heading_line: Line | None = None
    before_first: list[Line] = []
    groups: list[tuple[str, list[list[Line]]]] = []
    may_start = True  # a note starts after a gap, a heading or a full stop
    for line in lines:
        if line.kind is Kind.GAP:
            may_start = True
            if groups and groups[-1][1][-1]:
                groups[-1][1].append([])
            continue
        label = next_note_label(line.text, _last_number(groups)) if may_start else None
        may_start = _SENTENCE_END.search(line.text) is not None
        if heading_line is None and not groups and _NOTES_HEAD.match(line.text):
            heading_line, may_start = line, True
        elif label is not None:
            groups.append((label, [[line]]))
        elif groups:
            groups[-1][1][-1].append(line)
        elif not RULE.match(line.text):
            before_first.append(line)
    if not groups or before_first:
        # No notes, or text between the heading and the first note: keep the
        # heading as text too, so the words stay in their order.
        head_lines = [heading_line] if heading_line else []
        if not groups:
            return NotesSection(to_body=[line for line in lines if not RULE.match(line.text)])
        return NotesSection(None, _notes(groups, builder), [*head_lines, *before_first])
    return NotesSection(heading_line.text.rstrip(" .") if heading_line else None,
                        _notes(groups, builder))


def _last_number(groups: Sequence[tuple[str, list[list[Line]]]]) -> int:
    """How far the numbering has gone (for letters: how many notes)."""
    if not groups:
        return 0
    label = groups[-1][0]
    return int(label) if label.isdigit() else len(groups)


def _notes(groups: Sequence[tuple[str, list[list[Line]]]], builder: TextBuilder
           ) -> tuple[Note, ...]:
    return tuple(_note(label, paragraphs, builder) for label, paragraphs in groups)


def _note(label: str, paragraphs: list[list[Line]], builder: TextBuilder) -> Note:
    built = []
    for index, lines in enumerate(p for p in paragraphs if p):
        content = builder.content(lines)
        if index == 0:
            content = strip_note_label(content, label)
        built.append(Paragraph(content, Span(lines[0].number, lines[-1].number)))
    return Note(label, tuple(built), Span(built[0].span.first_line, built[-1].span.last_line))

