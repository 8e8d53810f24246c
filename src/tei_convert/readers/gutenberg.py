"""Reader for Project Gutenberg plain-text e-books.

Layout: the e-text's header (:mod:`gutenberg_header`: a line naming it, the
statement of its terms of use, ``Title:``/``Author:``/``Release Date:``...
fields, boilerplate), a START line (``*** START OF THE PROJECT GUTENBERG
EBOOK ... ***``, ``*** START OF THIS ...`` before 2010, or the end of the
"Small Print!" in the oldest texts), perhaps a credit ("Produced by ..."), the
text (:mod:`gutenberg_text`, :mod:`gutenberg_sections`), then from "End of the
Project Gutenberg EBook of ..." or the END line on, the licence in full.

The header's fields go to the TEI header (:mod:`gutenberg_fields`), its
statement is the availability; everything else outside the text is left out
and listed as dropped. One e-text is one document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tei_convert.diagnostics import Reporter
from tei_convert.errors import InputError
from tei_convert.input.sanitize import source_lines
from tei_convert.input.text import letters, normalize_space
from tei_convert.model import (
    Block,
    Document,
    Header,
    Licence,
    Metadata,
    Note,
    Paragraph,
    Responsibility,
    Span,
    Title,
)
from tei_convert.readers.gutenberg_fields import HeaderFields, credit, read_fields, source_bibl
from tei_convert.readers.gutenberg_header import (
    SMALL_PRINT_END,
    SNIFF_LINES,
    START,
    Preamble,
    read_preamble,
    small_print_licence,
)
from tei_convert.readers.gutenberg_sections import find_headings, nest
from tei_convert.readers.gutenberg_text import (
    ILLUSTRATION,
    Item,
    block_content,
    figure,
    footnote,
    inline,
    paragraph,
    read_items,
)
from tei_convert.readers.mia_title import header_title
from tei_convert.transforms.notes import footnote_start, is_notes_heading, note_label

NAME = "gutenberg"
DESCRIPTION = ("Project Gutenberg plain-text e-book: 'Title:'/'Author:'/'Release Date:' "
               "header, START and END lines, licence; chapters, _italics_, "
               "[Illustration: ...], [Footnote n: ...]")

_END = re.compile(r"^\s*(?:\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG"
                  r"|End of (?:the |this )?Project Gutenberg)", re.IGNORECASE)
# The credit some e-texts print first in the text, as well as (or instead of) a
# Credits field.
_CREDIT = re.compile(r"^(?P<label>(?:Produced|E-?text prepared|E-?book prepared|Prepared"
                     r"|Transcribed) by|This e-?(?:text|book) was (?:produced|prepared) by)"
                     r":?\s+(?P<names>\S.*)$", re.IGNORECASE)
_MAX_CREDIT_LINES = 4
_HEADER_DROPPED = "Project Gutenberg header"
_LICENCE_DROPPED = "Project Gutenberg licence"


@dataclass(frozen=True)
class _Layout:
    """Where the parts of the file lie (1-based line numbers)."""

    start: int
    """The START line (or the Small Print's last line)."""
    small_print: bool
    first: int
    """The text's first line."""
    last: int
    """The text's last line."""
    end: int | None
    """Where the closing boilerplate starts, if there is any."""


def read(text: str, *, source: str, doc_id: str, reporter: Reporter,
         metadata: Metadata | None = None) -> list[Document]:  # noqa: ARG001 (interface)
    """Read one e-text into one :class:`Document`.

    Raises:
        InputError: when the text has no START line.
    """
    lines = source_lines(text)
    layout = _layout(lines, source)
    preamble = read_preamble(lines[:layout.start - 1])
    fields = read_fields(preamble.fields, reporter)
    items = read_items(lines, layout.first, layout.last, reporter)
    credits, items = _credits(items, fields)
    body_items, notes, markup = _notes(items)
    title_item = _title_item(body_items, fields, preamble)
    subtitle_item = None if title_item is None else _subtitle_item(body_items, fields)
    body_items = body_items[(title_item is not None) + (subtitle_item is not None):]
    headings = find_headings(body_items)
    body = nest(body_items, headings, lambda item: figure(item) if item.kind == "figure"
                else paragraph(item))
    markup += [(item.span.first_line, ILLUSTRATION) for item in items if item.kind == "figure"]
    header = _header(preamble, fields, credits, layout, lines, reporter, body)
    header_lines = _header_lines(preamble, header, credits)
    if not body:
        reporter.warn("body-empty", "the e-text has a header but no text", layout.start)
    head, subhead = (None if item is None else block_content(item.lines, item.span.first_line)
                     for item in (title_item, subtitle_item))
    return [Document(id=doc_id, source=source, reader=NAME, header=header, head=head,
                     subhead=subhead,
                     body=body, notes=notes, span=Span(1, max(len(lines), 1)),
                     dropped=_dropped(preamble, layout, lines, header_lines, reporter),
                     header_lines=header_lines,
                     markup=tuple(sorted(markup)))]


def _layout(lines: Sequence[str], source: str) -> _Layout:
    start = next((n for n, line in enumerate(lines, 1) if START.match(line)), None)
    small_print = start is None
    if start is None:
        start = next((n for n, line in enumerate(lines[:SNIFF_LINES], 1)
                      if SMALL_PRINT_END.match(line)), None)
    if start is None:
        raise InputError("no '*** START OF THE PROJECT GUTENBERG EBOOK' line found; is this "
                         "a Project Gutenberg e-text?", source=source)
    first = start + 1
    if not small_print and "***" not in lines[start - 1].split("GUTENBERG", 1)[-1] \
            and first <= len(lines) and lines[first - 1].rstrip().endswith("***"):
        first += 1  # a long title wraps the START line onto a second one
    end = next((n for n, line in enumerate(lines[first - 1:], first) if _END.match(line)), None)
    return _Layout(start, small_print, first, (end or len(lines) + 1) - 1, end)


def _credits(items: list[Item], fields: HeaderFields
             ) -> tuple[list[tuple[Item, Responsibility | None]], list[Item]]:
    """The credit blocks that open the text ("Produced by ..."), each with the
    responsibility it adds (None when a header field says the same already)."""
    known = [letters(r.text).casefold() for r in fields.responsibilities]
    found: list[tuple[Item, Responsibility | None]] = []
    for item in items:
        match = _CREDIT.match(item.text) if item.kind == "block" else None
        if match is None or len(item.lines) > _MAX_CREDIT_LINES:
            break
        said = letters(item.text).casefold()
        repeated = any(said in value for value in known)
        found.append((item, None if repeated else credit(normalize_space(match["label"]),
                                                         match["names"], item.span)))
    return found, items[len(found):]


def _notes(items: list[Item]) -> tuple[list[Item], tuple[Note, ...], list[tuple[int, str]]]:
    """The footnotes taken out of the flow of the text, and the markup words
    they and their headings ("FOOTNOTES:") leave behind. Under such a heading a
    note may also be printed "[1] ..." (the notes of a chapter gathered)."""
    flow: list[Item] = []
    notes: list[Note] = []
    markup: list[tuple[int, str]] = []
    gathered = False
    for index, item in enumerate(items):
        printed = _printed_note(item) if gathered else None
        if item.kind == "footnote":
            notes.append(footnote(item))
            start = footnote_start(item.lines[0])
            assert start is not None
            markup.append((item.span.first_line, start[1]))
        elif printed is not None:
            notes.append(printed)
        elif _heads_notes(items, index):
            markup.append((item.span.first_line, item.lines[0].strip()))
            gathered = True
        else:
            flow.append(item)
            gathered = False
    return flow, tuple(notes), markup


def _printed_note(item: Item) -> Note | None:
    """A block "[1] The note's text" under a notes heading."""
    start = note_label(item.text) if item.kind == "block" else None
    if start is None:
        return None
    content = inline(start[1], item.span.first_line)
    return Note(start[0], (Paragraph(content, item.span),), item.span)


def _heads_notes(items: Sequence[Item], index: int) -> bool:
    """A "FOOTNOTES:" line right above footnotes: a heading of the transcription's."""
    item = items[index]
    following = items[index + 1] if index + 1 < len(items) else None
    return item.kind == "block" and len(item.lines) == 1 and is_notes_heading(item.text) \
        and following is not None and (following.kind == "footnote"
                                       or _printed_note(following) is not None)


def _title_item(items: Sequence[Item], fields: HeaderFields, preamble: Preamble) -> Item | None:
    """The title as the text prints it first ("PRIDE AND PREJUDICE"), for ``head``."""
    title = fields.title.text if fields.title else preamble.title_line[1] \
        if preamble.title_line else None
    if not items or title is None or items[0].kind != "block":
        return None
    printed, wanted = letters(items[0].text).casefold(), letters(title).casefold()
    whole = printed == wanted or (len(items[0].text.split()) >= 2 and wanted.startswith(printed))
    return items[0] if whole and len(items) > 1 else None


def _subtitle_item(items: Sequence[Item], fields: HeaderFields) -> Item | None:
    """The subtitle printed under the title, when it is the Title field's."""
    subtitle = fields.title.subtitle if fields.title else None
    if subtitle is None or len(items) < 3 or items[1].kind != "block":
        return None
    return items[1] if letters(items[1].text).casefold() == letters(subtitle).casefold() \
        else None


def _header(preamble: Preamble, fields: HeaderFields,
            credits: Sequence[tuple[Item, Responsibility | None]], layout: _Layout,
            lines: Sequence[str], reporter: Reporter, body: tuple[Block, ...]) -> Header:
    title = _title(fields, preamble, reporter, body)
    author = fields.author or (preamble.title_line[2] if preamble.title_line else None)
    licence: Licence | None = preamble.licence
    if licence is None and layout.small_print:
        licence = small_print_licence(lines[layout.start - 1], layout.start)
    language = fields.language
    return Header(
        title=title, author=author, co_authors=fields.co_authors,
        author_span=fields.author_span if fields.author else None,
        publications=fields.publications,
        source=source_bibl(None if title.supplied else title.text, author, fields,
                           preamble.number),
        responsibilities=(*fields.responsibilities,
                          *(credit for _, credit in credits if credit is not None)),
        licence=licence, other_fields=fields.other,
        language=language[0] if language else None,
        language_from="source" if language else None,
        language_name=language[1] if language else None)


def _title(fields: HeaderFields, preamble: Preamble, reporter: Reporter,
           body: tuple[Block, ...]) -> Title:
    """The Title field's; else the e-text's naming line's; else words of the text."""
    if fields.title is not None:
        return fields.title
    if preamble.title_line is not None:
        return Title(preamble.title_line[1], span=preamble.title_line[0])
    return header_title(None, [], body, reporter)


def _header_lines(preamble: Preamble, header: Header,
                  credits: Sequence[tuple[Item, Responsibility | None]]) -> tuple[Span, ...]:
    """The lines whose words went to the header: the fields, the statement of
    the terms of use, the credits, and the naming line when the title is its."""
    spans = [field.span for field in preamble.fields]
    if header.licence is not None and header.licence.span is not None:
        spans.append(header.licence.span)
    if preamble.title_line is not None and header.title.span == preamble.title_line[0]:
        spans.append(preamble.title_line[0])
    spans += [item.span for item, _ in credits]
    return tuple(sorted(spans, key=lambda span: span.first_line))


def _dropped(preamble: Preamble, layout: _Layout, lines: Sequence[str],
             header_lines: Sequence[Span], reporter: Reporter) -> tuple[tuple[Span, str], ...]:
    """The boilerplate above the text (with the START line) and below it (from
    "End of the Project Gutenberg EBook" or the END line on), as line ranges."""
    kept = {n for span in header_lines for n in range(span.first_line, span.last_line + 1)}
    numbers = {span.first_line for span in preamble.boilerplate} - kept
    if not layout.small_print:
        numbers |= set(range(layout.start, layout.first))
    dropped = [(span, _HEADER_DROPPED) for span in _runs(sorted(numbers), lines)]
    if layout.end is not None:
        dropped.append((Span(layout.end, len(lines)), _LICENCE_DROPPED))
    for span, why in dropped:
        lines_named = (f"line {span.first_line}" if span.first_line == span.last_line
                       else f"lines {span.first_line}-{span.last_line}")
        reporter.info("boilerplate-removed", f"{why} left out of the text ({lines_named})",
                      span.first_line)
    return tuple(dropped)


def _runs(numbers: Sequence[int], lines: Sequence[str]) -> list[Span]:
    """Line numbers as ranges, one across lines that are blank between them."""
    spans: list[Span] = []
    for number in numbers:
        between = range(spans[-1].last_line + 1, number) if spans else range(0)
        if spans and all(not lines[n - 1].strip() for n in between):
            spans[-1] = Span(spans[-1].first_line, number)
        else:
            spans.append(Span(number, number))
    return spans
