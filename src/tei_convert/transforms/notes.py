"""The whole note grammar, and the pass that links markers to notes.

What a note marker and the start of a note look like, in every source format:

- page texts mark a note ``[3]`` in the running text and start the endnote
  with the same ``[3]`` (:func:`split_markers`, :func:`note_label`);
- Project Gutenberg e-texts mark it ``[3]`` or ``[C]`` too and print the note
  ``[Footnote 3: ...]`` (:func:`footnote_start`);
- volumes print a bare number after a word ("the Rada 1 became") and number
  the notes "1.", "(1)", "[1]" or "A." (:func:`bare_refs`,
  :func:`next_note_label`).

Readers call these to build the model; the pipeline then runs
:func:`link_notes`, which checks that every marker has a note and every note a
marker, turning unmatched markers back into the text they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tei_convert.diagnostics import Reporter
from tei_convert.input.text import normalize_space
from tei_convert.model import Content, Document, Inline, Note, NoteRef
from tei_convert.transforms.content import (
    ContentFix,
    inline_parts,
    iter_contents,
    map_contents,
    map_inline,
    strip_leading,
)

# --- Bracketed markers and endnotes: "[3]" in the text, "[3] ..." as the note.

# Labels are short: numbers up to three digits or a single letter. Longer
# bracketed text ("[sic]", "[illegible]") is editorial, never a marker. Only
# ASCII digits: a label becomes an xml:id and is compared as a number, and
# other scripts' digits (Arabic-Indic, fullwidth) stay text.
_LABEL = r"([0-9]{1,3}|[A-Za-z])"
_MARKER = re.compile(r"\[" + _LABEL + r"\]")
_BRACKETED_NOTE_START = re.compile(r"^\s*\[" + _LABEL + r"\]\s*")


_NOTES_HEADING = re.compile(
    r"(?:(?:editor['’]?s|explanatory|translator['’]?s|end|foot)\s*)?(?:notes?|footnotes|endnotes)"
    r"\s*[.:]?", re.IGNORECASE)


def is_notes_heading(text: str) -> bool:
    """A line that heads the notes: "Notes", "Footnotes", "Editor's Notes:"."""
    return _NOTES_HEADING.fullmatch(text.strip()) is not None


def without_markers(text: str) -> str:
    """``text`` with its note markers taken out: what a line says, for rules
    that read its shape ("Zurich,[2] June 4, 1915" is a dateline)."""
    return _MARKER.sub("", text)


def marker_labels(text: str) -> set[str]:
    """The labels of every marker in ``text``."""
    return {match.group(1) for match in _MARKER.finditer(text)}


def note_label(text: str) -> tuple[str, str] | None:
    """If ``text`` starts an endnote (``[3] The ...``), return (label, rest)."""
    match = _BRACKETED_NOTE_START.match(text)
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


# --- Transcribers' footnotes: "[1]" in the text, "[Footnote 1: ...]" as the note.

# Project Gutenberg's plain texts (Distributed Proofreaders' convention) mark a
# note "[1]" or "[A]" in the text and print it "[Footnote 1: ...]", after the
# paragraph or at the end of a chapter, over one or more paragraphs; the note
# ends at the bracket that closes the one it opened with.
_FOOTNOTE_START = re.compile(r"^\s*\[(?P<word>Footnote|FOOTNOTE)\s+" + _LABEL + r"\s*:\s?")


def footnote_start(line: str) -> tuple[str, str, str] | None:
    """If ``line`` opens a transcriber's footnote ("[Footnote 1: The ..."), return
    its label, the word "Footnote" as written (the transcription's markup) and
    the rest of the line."""
    match = _FOOTNOTE_START.match(line)
    if match is None:
        return None
    return match.group(2), match["word"], line[match.end():]


# --- Printed notes and bare references: "Rada 1" in the text, "1. ..." as the note.

SKIP_AHEAD = 2
"""How far note numbers may jump, in the notes and in the references: a note or
a reference the text lost should not hide all the ones after it."""
_PRINTED_NOTE_START = re.compile(r"^[(\[]?([0-9]{1,3}|[A-Z])[.)\]]\s*(.*)$")
UNHEADED_NOTE_STYLES = ((re.compile(r"\S\s?\(1\)"), re.compile(r"^\(1\)\s*\S")),
                        (re.compile(r"\S\s?\[1\]"), re.compile(r"^(?:\[1\]|1\.)\s*\S")))
"""Notes printed without a "Notes" heading follow the style of their markers:
(marker in the text, first note) for "(1)" notes after "(1)" markers, and for
"[1]" or "1." notes after "[1]" markers."""
# A number right after a word or punctuation ("Rada 1", "Staff. 2", "parties,6"),
# or after a year ("January 10-18, 1918 1"); never glued to other digits.
_BARE_REF = re.compile(
    r"(?:(?<=[^\W\d_]|[.,;:!?\"”’)\]])\s{0,2}|(?<=\b[0-9]{4})\s{1,2}|^)"
    r"([(\[]?)([0-9]{1,3})([)\]]?)(?=\s|$|[,.;:!?)])")
_DIGIT = re.compile(r"[0-9]")
_BRACKETS = {"(": ")", "[": "]"}
# Words after which a number is part of the text, never a note reference.
_NOT_BEFORE_REF = re.compile(
    r"(?:\b(?:No|Nos|Article|Clause|Point|Paragraph|Section|Chapter|Part|Volume|Vol|page|p|pp"
    r"|Art|art|of|the|to|from|by|at|in|on|and|or|than|January|February|March|April|May|June"
    r"|July|August|September|October|November|December|[Nn]umber)\.?|§)\s*$",
)


def next_note_label(text: str, count: int) -> str | None:
    """The label if ``text`` starts the note after ``count`` notes (numbers may
    skip a little; letters go A, B, C)."""
    match = _PRINTED_NOTE_START.match(text)
    if match is None:
        return None
    label = match.group(1)
    if label.isdigit():
        return label if count < int(label) <= count + 1 + SKIP_AHEAD else None
    # "A." must be followed by a space: "A.Smith" is a name, not a note.
    letter_ok = label == chr(ord("A") + count) and text[match.start(2) - 1:match.start(2)] == " "
    return label if letter_ok else None


def strip_note_label(content: Content, label: str) -> Content:
    """Remove the printed number ("1.", "(1)", "[1]") from the start of a note."""
    return strip_leading(content, re.compile(rf"^\s*[(\[]?{label}[.)\]]\s*"))


@dataclass
class RefCounter:
    """The next note number expected in a work's text.

    A number is taken for a reference only when the work has a note with that
    number and it is the next one expected, so years, counts and "Article 1"
    stay text.
    """

    labels: set[str]
    next_number: int = 1

    def take(self, label: str) -> bool:
        """Accept ``label`` as a reference if it is the next expected note (or
        one of the next few, when the text lost a reference)."""
        if label not in self.labels or not label.isdigit():
            return False
        number = int(label)
        if not self.next_number <= number <= self.next_number + SKIP_AHEAD:
            return False
        self.next_number = number + 1
        return True


def bare_refs(text: str, line: int, refs: RefCounter, *, after_text: bool) -> list[Inline]:
    """Text and bare references of one printed line. A number opening the line
    counts only after text on the line before (``after_text``), and never as
    "1." or "1)" (a list item)."""
    if _DIGIT.search(text) is None:
        # Most lines hold no number at all: skip the costly scan below.
        return [text] if text else []
    parts: list[Inline] = []
    position = 0
    for match in _BARE_REF.finditer(text):
        if match.start() == 0 and (not after_text or match.group(1) or
                                   text[match.end():match.end() + 1] in (".", ")")):
            continue
        if _BRACKETS.get(match.group(1)) != (match.group(3) or None):
            continue  # "1)" numbers a list item; a reference is "1", "(1)" or "[1]"
        before = text[:match.start()]
        if _NOT_BEFORE_REF.search(before) or not refs.take(match.group(2)):
            continue
        parts.append(text[position:match.start()])
        parts.append(NoteRef(match.group(2), line))
        position = match.end()
    parts.append(text[position:])
    return [part for part in parts if part != ""]


# --- Linking: every marker to a note, every note from a marker.


def link_notes(document: Document, reporter: Reporter) -> Document:
    """Check markers against notes; unmatched markers go back to being text.

    Where several notes share a label (a book that numbers its footnotes
    afresh in each chapter), each marker points to the first of them printed
    after it (or, after the last of them, to the last): markers and notes
    take turns in such a text.

    Reports ``marker-unresolved`` for a marker with no note,
    ``note-unreferenced`` for a note no marker points to and
    ``note-duplicate`` for a note whose label an earlier note has and no
    marker points to.
    """
    labels = {note.label for note in document.notes}
    refs = [part for content in iter_contents(document) for part in inline_parts(content)
            if isinstance(part, NoteRef)]
    for ref in refs:
        if ref.label not in labels:
            reporter.warn("marker-unresolved", f"marker [{ref.label}] has no note; kept as "
                          "text", ref.line)
    targets = _targets(document.notes, refs)
    used = {targets.get(id(ref), _first(document.notes, ref.label)) for ref in refs}
    _report_notes(document.notes, used, reporter)
    if not targets and all(ref.label in labels for ref in refs):
        return document
    return map_contents(document, lambda content: map_inline(
        content, _relinker(labels, targets)))


def _first(notes: tuple[Note, ...], label: str) -> int | None:
    return next((index for index, note in enumerate(notes) if note.label == label), None)


def _targets(notes: tuple[Note, ...], refs: list[NoteRef]) -> dict[int, int]:
    """For each marker (by ``id``) whose label several notes share, the note
    it points to: the first of them printed after it, else the last."""
    shared: dict[str, list[int]] = {}
    for index, note in enumerate(notes):
        shared.setdefault(note.label, []).append(index)
    targets: dict[int, int] = {}
    for ref in refs:
        candidates = shared.get(ref.label, [])
        if len(candidates) < 2:
            continue
        after = [i for i in candidates if notes[i].span.first_line > ref.line]
        targets[id(ref)] = after[0] if after else candidates[-1]
    return targets


def _report_notes(notes: tuple[Note, ...], used: set[int | None], reporter: Reporter) -> None:
    seen: set[str] = set()
    for index, note in enumerate(notes):
        if note.label in seen and index not in used:
            reporter.warn("note-duplicate", f"two notes are labelled [{note.label}]",
                          note.span.first_line)
        elif index not in used and note.label not in seen:
            reporter.warn("note-unreferenced", f"note [{note.label}] is not referenced in the "
                          "text", note.span.first_line)
        seen.add(note.label)


def _relinker(labels: set[str], targets: dict[int, int]) -> ContentFix:
    """A fix that puts back the literal marker text of references to missing
    notes, and names the note of a marker whose label several notes share."""

    def fix(content: Content) -> Content:
        parts: list[Inline] = []
        for part in content:
            if isinstance(part, NoteRef) and part.label not in labels:
                part = (" " if part.space_before else "") + f"[{part.label}]"
            elif isinstance(part, NoteRef) and id(part) in targets:
                part = replace(part, note=targets[id(part)])
            if isinstance(part, str) and parts and isinstance(parts[-1], str):
                parts[-1] = parts[-1] + part
            else:
                parts.append(part)
        return tuple(parts)

    return fix
