"""Reader for Marxists Internet Archive page texts.

Layout: an author line, an optional title (one or more lines, possibly with
a note marker), a block of ``Field: value`` lines, the body in blank-line
separated blocks, endnotes starting ``[n]``, and site navigation at the end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tei_convert.diagnostics import Reporter
from tei_convert.errors import InputError
from tei_convert.input.sanitize import source_lines
from tei_convert.input.text import normalize_space
from tei_convert.model import (
    Block,
    Document,
    Header,
    Metadata,
    Note,
    Paragraph,
    Section,
    Span,
)
from tei_convert.readers.blocks import RawBlock, split_blocks
from tei_convert.readers.formulas import ends_sentence
from tei_convert.readers.letters import correspondence, letter_creation
from tei_convert.readers.mia_header import FIELD_LINE, collect_fields, is_known_label, read_fields
from tei_convert.readers.mia_title import (
    author_and_collection,
    head_content,
    header_title,
    split_subtitle,
)
from tei_convert.readers.structure import build_body
from tei_convert.transforms.content import content_text
from tei_convert.transforms.notes import (
    is_notes_heading,
    marker_labels,
    note_label,
    split_markers,
)
from tei_convert.values.bibl import parse_source

NAME = "mia"
DESCRIPTION = "Marxists Internet Archive page text: author, title, 'Field: value' header, [n] notes"

_HEADER_SEARCH_LINES = 40
RECOGNISED = (f"two or more known 'Field: value' lines (Source:, Written:, First Published:...) "
              f"in the first {_HEADER_SEARCH_LINES} lines, or one under an author and a title; "
              "not when the text opens with a field line")
# "< backward   forward >": links with arrows at both ends. One arrow alone is
# too common in real text to be taken for navigation.
_ARROW_NAV = re.compile(r"^\s*<{1,2}\s+\S.*\s>{1,2}\s*$")
_PART_NUMBER = re.compile(r"(?:(?P<arabic>[0-9]{1,2})|(?P<roman>[IVXL]{1,6}))\.?")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_MAX_TITLE_LINES = 4
_MAX_TITLE_WORDS = 20
# A line of this many words under a header field is a paragraph, not the field's tail.
_PARAGRAPH_WORDS = 15


def sniff(text: str) -> bool:
    """True when the first lines hold at least two known header fields, or one
    right under an author and a title (an index page: "Written: 1917"). A page
    opens with its author: a text that opens with a field ("Title: ...") is
    some other transcription with a field block of its own."""
    # Split off only the lines looked at, not a whole volume. (A last empty
    # piece, which source_lines would drop, is no field line either.)
    lines = text.split("\n", _HEADER_SEARCH_LINES)[:_HEADER_SEARCH_LINES]
    first = next((line for line in lines if line.strip()), "")
    if FIELD_LINE.match(first):
        return False
    known = [index for index, line in enumerate(lines)
             if (match := FIELD_LINE.match(line)) is not None and is_known_label(match.group(1))]
    if len(known) >= 2:
        return True
    return len(known) == 1 and _under_a_title(lines[:known[0]])


def _under_a_title(above: Sequence[str]) -> bool:
    """An author line and one to four title lines, and nothing else, above a field."""
    filled = [line for line in above if line.strip()]
    return 2 <= len(filled) <= _MAX_TITLE_LINES + 1 and all(
        len(line.split()) <= _MAX_TITLE_WORDS for line in filled)


def read(text: str, *, source: str, doc_id: str, reporter: Reporter,
         metadata: Metadata | None = None) -> list[Document]:  # noqa: ARG001 (interface)
    """Read one page text into one :class:`Document`.

    Raises:
        InputError: when the text has no header block.
    """
    lines = source_lines(text)
    header_start = _find_header(lines)
    if header_start is None:
        raise InputError("no 'Field: value' header block found; is this a Marxists Internet "
                         "Archive page text?", source=source)
    header_end = _header_end(lines, header_start)
    preamble = [(n + 1, line) for n, line in enumerate(lines[:header_start]) if line.strip()]
    fields = read_fields(collect_fields(lines[header_start:header_end], header_start + 1), reporter)
    blocks = split_blocks(lines[header_end:], header_end + 1)
    blocks, dropped = _strip_navigation(blocks, reporter)
    title_lines, subtitle_lines = split_subtitle(preamble[1:])
    title_markers = marker_labels(" ".join(line for _, line in preamble[1:]))
    body_blocks, notes = _split_notes(blocks, title_markers)
    notes_head = None
    if notes and body_blocks and len(body_blocks[-1].lines) == 1 \
            and is_notes_heading(body_blocks[-1].text):
        # "Notes" over the notes heads them; it is no signature of the letter.
        notes_head = body_blocks.pop().text
    head, subhead = head_content(title_lines), head_content(subtitle_lines)
    author_line = normalize_space(preamble[0][1]) if preamble else None
    body = _body(body_blocks)
    author, collection = author_and_collection(author_line, title_lines, body, reporter)
    title = header_title(head, title_lines, body, reporter)
    if subhead is not None:
        # "The Junius Pamphlet:" over its subtitle: the colon only joins the two,
        # which the header keeps apart (the head keeps it, as printed).
        title = replace(title, text=title.text.rstrip(" :") or title.text,
                        subtitle=normalize_space(content_text(subhead)))
    source_bibl = None
    if fields.source_text is not None:
        source_bibl = replace(parse_source(fields.source_text[0], author=author),
                              span=fields.source_text[1])
    creation = letter_creation(fields.creation, body, reporter)
    header = Header(title=title, author=author, creation=creation,
                    publications=fields.publications, source=source_bibl,
                    responsibilities=fields.responsibilities, licence=fields.licence,
                    other_fields=fields.other, collection=collection,
                    author_span=Span(preamble[0][0], preamble[0][0])
                    if author and author == author_line else None,
                    correspondence=correspondence(None if title.supplied else title.text,
                                                  author, body))
    if not body_blocks:
        reporter.warn("body-empty", "the text has a header but no body", header_end)
    span = Span(1, max(len(lines), 1))
    return [Document(id=doc_id, source=source, reader=NAME, header=header, head=head,
                     subhead=subhead,
                     body=body, notes=notes, span=span, dropped=dropped, notes_head=notes_head,
                     header_lines=_header_lines(preamble, header_start, header_end))]


def _body(blocks: Sequence[RawBlock]) -> tuple[Block, ...]:
    """The body: a letter, or numbered parts ("1", "2"; "I", "II") each with
    its own letter parts, when the page holds several notes or telegrams."""
    heads = _numbered_heads(blocks)
    if not heads:
        return build_body(blocks, line_breaks=True)
    parts: list[Block] = list(build_body(blocks[:heads[0]], line_breaks=True))
    for start, end in zip(heads, [*heads[1:], len(blocks)], strict=True):
        head = blocks[start]
        members = blocks[start + 1:end]
        inner = build_body(members, line_breaks=True)
        last = members[-1].span.last_line if members else head.span.last_line
        parts.append(Section(split_markers(head.text, head.span.first_line),
                             inner, Span(head.span.first_line, last), head.span))
    return tuple(parts)


def _numbered_heads(blocks: Sequence[RawBlock]) -> list[int]:
    """Where the numbered parts of a page start: two or more lines holding only a
    number, counting 1, 2, 3... or I, II, III... in order; else none."""
    found = [(index, _numeral(block.text)) for index, block in enumerate(blocks)
             if len(block.lines) == 1]
    numbered = [(index, value) for index, value in found if value is not None]
    values = [value for _, value in numbered]
    if len(values) < 2 or values != list(range(1, len(values) + 1)):
        return []
    return [index for index, _ in numbered]


def _numeral(text: str) -> int | None:
    """The value of "3", "3.", "III" or "III.", else None."""
    match = _PART_NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    if match["arabic"]:
        return int(match["arabic"])
    value, last = 0, 0
    for char in reversed(match["roman"]):
        digit = _ROMAN_VALUES[char]
        value, last = (value - digit, last) if digit < last else (value + digit, digit)
    return value


def _header_lines(preamble: Sequence[tuple[int, str]], start: int, end: int
                  ) -> tuple[Span, ...]:
    """The author line and the field block: their words live in the header."""
    spans = [Span(preamble[0][0], preamble[0][0])] if preamble else []
    return (*spans, Span(start + 1, max(start + 1, end)))


def _find_header(lines: Sequence[str]) -> int | None:
    """Index of the header's first line: the first known field, and any field lines
    directly above it."""
    for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        match = FIELD_LINE.match(line)
        if match is not None and is_known_label(match.group(1)):
            while index > 1 and FIELD_LINE.match(lines[index - 1]):
                index -= 1
            return index
    return None


def _header_end(lines: Sequence[str], start: int) -> int:
    """Index just past the header: a blank line ends it, unless a known field
    follows; so does a line of text that cannot continue the field above it."""
    index = start
    while index < len(lines):
        if lines[index].strip():
            if index > start and not FIELD_LINE.match(lines[index]) \
                    and not _continues_field(lines[index - 1], lines[index]) \
                    and not _field_follows(lines, index):
                return index
            index += 1
            continue
        following = _next_nonblank(lines, index)
        match = None if following is None else FIELD_LINE.match(lines[following])
        if match is None or not is_known_label(match.group(1)):
            return index
        index = following  # type: ignore[assignment]
    return index


def _field_follows(lines: Sequence[str], index: int) -> bool:
    """Whether a known field comes later in the same run of lines: then the line
    is the tail of a wrapped value, whatever it looks like."""
    for line in lines[index + 1:]:
        if not line.strip():
            return False
        match = FIELD_LINE.match(line)
        if match is not None and is_known_label(match.group(1)):
            return True
    return False


def _continues_field(above: str, line: str) -> bool:
    """Whether a line that is no field continues the value above it: it starts
    in lower case or with a digit ("this document under the terms of..."), the
    value above stops short of a sentence's end, or the line is too short to be
    a paragraph ("Please credit the Archive as your source."). A paragraph under
    a finished value is body text that lost its blank line."""
    text = line.strip()
    if not text[:1].isalpha() or text[:1].islower():
        return True
    return not ends_sentence(above.rstrip()) or len(text.split()) < _PARAGRAPH_WORDS


def _next_nonblank(lines: Sequence[str], index: int) -> int | None:
    for position in range(index, len(lines)):
        if lines[position].strip():
            return position
    return None


def _is_navigation(block: RawBlock) -> bool:
    """Site navigation: arrow links ("< backward   forward >") or '|'-separated links."""
    return all(_ARROW_NAV.match(line) or _is_link_bar(line) for line in block.lines)


def _is_link_bar(line: str) -> bool:
    parts = [part.strip() for part in line.split("|")]
    return len(parts) >= 2 and all(0 < len(part.split()) <= 5 for part in parts)


def _strip_navigation(blocks: list[RawBlock], reporter: Reporter
                      ) -> tuple[list[RawBlock], tuple[tuple[Span, str], ...]]:
    """Remove navigation blocks from the end of the page and record them."""
    dropped: list[tuple[Span, str]] = []
    while blocks and _is_navigation(blocks[-1]):
        block = blocks.pop()
        dropped.insert(0, (block.span, "site navigation"))
        reporter.info("navigation-removed", f"site navigation left out: '{block.text}'",
                      block.span.first_line)
    return blocks, tuple(dropped)


def _split_notes(blocks: list[RawBlock], seen: set[str]
                 ) -> tuple[list[RawBlock], tuple[Note, ...]]:
    """Split off the endnotes: from the first block that starts with ``[n]``
    where the text before it has a marker ``[n]``, and some text stands before
    it (notes end a text: a note placed above the body must not take the body
    in as its continuation). A bracketed number opening a paragraph that nothing
    points to is text, not the start of the notes; a run [1], [2]... that ends
    the text is notes all the same."""
    seen = set(seen)
    for index, block in enumerate(blocks):
        start = note_label(block.text)
        if start is not None and start[0] in seen and (index > 0 or _only_notes(blocks)):
            return blocks[:index], _notes(blocks[index:])
        seen |= marker_labels(block.text)
    index = _trailing_notes(blocks)
    return blocks[:index], _notes(blocks[index:])


def _only_notes(blocks: Sequence[RawBlock]) -> bool:
    """Every block starts a note: a page of notes alone, no body for them to take in."""
    return all(note_label(block.text) is not None for block in blocks)


def _trailing_notes(blocks: Sequence[RawBlock]) -> int:
    """Where a run of notes numbered 1, 2, 3... that ends the text begins (none of
    them pointed to: they are still notes, reported as unreferenced), or
    ``len(blocks)`` when the text does not end in such a run."""
    start = len(blocks)
    while start > 1 and note_label(blocks[start - 1].text) is not None:
        start -= 1
    labels = [note_label(block.text)[0] for block in blocks[start:]]  # type: ignore[index]
    numbered = [str(number) for number in range(1, len(labels) + 1)]
    return start if labels and labels == numbered else len(blocks)


def _notes(blocks: Sequence[RawBlock]) -> tuple[Note, ...]:
    """Group note blocks: each ``[n]`` block with the blocks that continue it."""
    notes: list[Note] = []
    for block in blocks:
        start = note_label(block.text)
        if start is not None:
            label, rest = start
            paragraph = Paragraph(split_markers(rest, block.span.first_line), block.span)
            notes.append(Note(label, (paragraph,), block.span))
        else:
            last = notes[-1]
            paragraph = Paragraph(split_markers(block.text, block.span.first_line), block.span)
            notes[-1] = Note(last.label, (*last.paragraphs, paragraph),
                             Span(last.span.first_line, block.span.last_line))
    return tuple(notes)
