"""The whole note grammar, and the pass that links markers to notes.

What a note marker and the start of a note look like, in every source format:

- page texts mark a note ``[3]`` in the running text and start the endnote
  with the same ``[3]`` (:func:`split_markers`, :func:`note_label`);
- Project Gutenberg e-texts mark it ``[3]`` or ``[C]`` too and print the note
  ``[Footnote 3: ...]`` (:func:`footnote_start`);
- volumes print a bare number after a word ("the Rada 1 became") and number
  the notes "1.", "(1)", "[1]" or "A." (:func:`bare_refs`,
  :func:`next_note_label`);
- plain texts use one of the :data:`NOTE_FORMS`: ``[1]``, ``(1)`` or ``*``
  markers with notes that open the same way, or ``[1]`` markers with
  ``[Footnote 1: ...]`` notes (:func:`split_form_markers`, :func:`note_start`).

Readers call these to build the model; the pipeline then runs
:func:`link_notes`, which checks that every marker has a note and every note a
marker, turning unmatched markers back into the text they were.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

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
_LABEL = r"[0-9]{1,3}|[A-Za-z]"
_MARKER = re.compile(rf"\[({_LABEL})\]")
_BRACKETED_NOTE_START = re.compile(rf"^\s*\[(?P<label>{_LABEL})\]\s*")


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
    return _tidy(split_form_markers(text, line, {BRACKET: None}))


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


# --- Note forms of plain texts: "[1]", "(1)", "*" and "[Footnote 1: ...]".

LineStart = Literal["always", "after-text", "never"]
"""Whether a marker may open a line: always ("[1]"), only a line that carries on
the text above it ("the old ford" / "(1) and ...", not a numbered line), or
never (a star opening a line is a bullet)."""


@dataclass(frozen=True)
class NoteForm:
    """One way a text marks a note in its running text and prints the note."""

    name: str
    marker: re.Pattern[str]
    """A marker in running text; group 1 is the label."""
    start: re.Pattern[str]
    """The opening of a printed note; group ``label`` is the label, the note's
    text follows the match."""
    line_start: LineStart = "always"
    closed: bool = False
    """The note is bracketed as a whole, "[Footnote 1: ...]": it ends at the
    bracket that closes it, and it may stand anywhere after its marker."""


BRACKET = NoteForm("bracket", _MARKER, _BRACKETED_NOTE_START)
"""``[1]`` in the text, ``[1] ...`` as the note (page texts' endnotes)."""
FOOTNOTE = NoteForm(
    "footnote", _MARKER,
    re.compile(rf"^\s*\[(?P<word>Footnote|FOOTNOTE)\s+(?P<label>{_LABEL})\s*:\s*"),
    closed=True)
"""``[1]`` in the text, ``[Footnote 1: ...]`` as the note, right after the
paragraph that marks it or at the end of a chapter, over one or more
paragraphs: the convention of Project Gutenberg's e-texts (Distributed
Proofreaders'), which many plain transcriptions follow. The note ends at the
bracket that closes the one it opened with."""
PAREN = NoteForm("paren", re.compile(r"(?:(?<=[^\s(\[])\s?|^)\(([0-9]{1,3})\)"),
                 re.compile(r"^\s*\((?P<label>[0-9]{1,3})\)\s+(?=\S)"), line_start="after-text")
"""``(1)`` after a word or a stop, ``(1) ...`` as the note."""
STAR = NoteForm("star", re.compile(r"(?<=[^\W_]|[.,;:!?\"”’)\]])(\*{1,3}|†|‡)(?![\w*])"),
                re.compile(r"^\s*(?P<label>\*{1,3}|†|‡)\s+(?=\S)"), line_start="never")
"""A star or a dagger glued to a word ("light,*"), the same sign opening the note."""
NOTE_FORMS = (FOOTNOTE, BRACKET, PAREN, STAR)
"""The forms plain texts use, the most specific first: ``[Footnote 1: ...]``
is tried before ``[1] ...``."""
# "*twice*": stars around a word mark emphasis, not notes.
_EMPHASIS = re.compile(r"(?<![\w*])\*[^\W_][^*\n]*?\*(?![\w*])")


def note_start(text: str, forms: Sequence[NoteForm] = NOTE_FORMS
               ) -> tuple[NoteForm, str, str] | None:
    """If ``text`` opens a note of one of ``forms``: its form, its label and
    the text after the opening."""
    for form in forms:
        match = form.start.match(text)
        if match is None:
            continue
        rest = text[match.end():]
        # A bracketed note needs words before its closing bracket.
        if (rest.rstrip().removesuffix("]") if form.closed else rest).strip():
            return form, match["label"], rest
    return None


def footnote_start(line: str) -> tuple[str, str, str] | None:
    """If ``line`` opens a ``[Footnote 1: ...]`` note: its label, the word
    "Footnote" as written (the transcription's markup) and the rest of the line."""
    match = FOOTNOTE.start.match(line)
    if match is None:
        return None
    return match["label"], match["word"], line[match.end():]


def bracket_depth(text: str, depth: int) -> int | None:
    """How many square brackets are open after ``text``, ``depth`` being open
    before it; None when the outermost one closes before the end of the text
    (words follow a closed "[Footnote ...]" on its line)."""
    end = len(text.rstrip())
    for index, char in enumerate(text[:end]):
        if char in "[]":
            depth += 1 if char == "[" else -1
            if depth <= 0 and index < end - 1:
                return None
    return depth


def _searched(text: str, form: NoteForm) -> str:
    """``text`` as ``form``'s markers are looked for in it: emphasis blanked out."""
    return _EMPHASIS.sub(lambda m: " " * len(m.group()), text) if form is STAR else text


def _markers(text: str, form: NoteForm, *, after_text: bool) -> Iterator[re.Match[str]]:
    for match in form.marker.finditer(_searched(text, form)):
        if match.start() > 0 or form.line_start == "always" or (
                after_text and form.line_start == "after-text"):
            yield match


def form_markers(text: str, form: NoteForm) -> list[str]:
    """The labels of ``form``'s markers in ``text``, in order; a marker may
    not open the text unless the form allows it anywhere."""
    return [match.group(1) for match in _markers(text, form, after_text=False)]


def without_form_markers(text: str) -> str:
    """``text`` with the markers of every form taken out ("A road.[1]", "light,*"):
    what a line says, for rules that read its shape."""
    for form in NOTE_FORMS:
        for match in reversed(list(_markers(text, form, after_text=False))):
            text = text[:match.start()] + text[match.end():]
    return text


LinkedMarkers = Mapping[NoteForm, Collection[str] | None]
"""The markers to make references of: for each form, the labels that have a
note (None: every label)."""


def split_form_markers(text: str, line: int, linked: LinkedMarkers, *,
                       after_text: bool = False) -> list[Inline]:
    """Text runs and :class:`NoteRef` references for the markers of the forms
    in ``linked`` whose labels have a note; other markers stay text.
    ``after_text`` says that the line carries on text (see :data:`LineStart`).
    The space before a marker is dropped and remembered."""
    found = sorted((match.start(), match.end(), match.group(1))
                   for form, labels in linked.items()
                   for match in _markers(text, form, after_text=after_text)
                   if labels is None or match.group(1) in labels)
    parts: list[Inline] = []
    position = 0
    for start, end, label in found:
        if start < position:
            continue  # two forms read the same characters: the first wins
        mark, before = text[start:end], text[position:start]
        _append_text(parts, before.rstrip())
        parts.append(NoteRef(label, line, space_before=before[-1:].isspace() or mark[:1].isspace(),
                             mark=None if mark.startswith("[") else mark.strip()))
        position = end
    _append_text(parts, text[position:])
    return parts


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
                part = (" " if part.space_before else "") + (part.mark or f"[{part.label}]")
            elif isinstance(part, NoteRef) and id(part) in targets:
                part = replace(part, note=targets[id(part)])
            if isinstance(part, str) and parts and isinstance(parts[-1], str):
                parts[-1] = parts[-1] + part
            else:
                parts.append(part)
        return tuple(parts)

    return fix
