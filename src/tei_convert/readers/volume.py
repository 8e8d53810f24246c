"""Reader for PDF-extracted collected-works volumes: many works in one file.

Such text comes out of PDF extraction with every printed line followed by an
empty line; no other format looks like that. The volume is split at work
headings (see :mod:`volume_headings`; their titles, subtitles and dates are read
in :mod:`volume_titles`), each work's lines are rebuilt into
paragraphs (:mod:`volume_layout`, :mod:`volume_text`), and its "Notes"
section is read into notes (:mod:`volume_notes`); the bare numbers in its text
become references (the note grammar is in :mod:`tei_convert.transforms.notes`).
The volume has no author line: author and edition come from metadata the user
supplies, which the pipeline puts into every work's header; the reader uses
its first page number and language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import pairwise

from tei_convert.diagnostics import Reporter
from tei_convert.errors import NotThisFormatError
from tei_convert.input.sanitize import iter_source_lines
from tei_convert.input.text import normalize_space
from tei_convert.model import (
    Block,
    Closer,
    Content,
    Creation,
    DateValue,
    Document,
    Formula,
    FormulaKind,
    Header,
    Inline,
    Metadata,
    Opener,
    Postscript,
    Publication,
    Section,
    Span,
    Title,
    VolumePart,
)
from tei_convert.readers.blocks import RawBlock
from tei_convert.readers.formulas import lower_case_words
from tei_convert.readers.mia_header import RawField, read_fields
from tei_convert.readers.structure import build_body
from tei_convert.readers.volume_headings import (
    Heading,
    date_line,
    field_line,
    find_headings,
)
from tei_convert.readers.volume_layout import (
    Kind,
    Line,
    classify,
    is_caps_heading,
    learn_line_measure,
    page_turn,
    paragraphs,
    printed_width,
)
from tei_convert.readers.volume_notes import RULE, NotesSection, read_notes, split_notes
from tei_convert.readers.volume_text import TextBuilder
from tei_convert.readers.volume_titles import (
    HeadingParts,
    covered_period,
    date_sections,
    heading_parts,
    joined,
    opens_date_sections,
)
from tei_convert.transforms.content import content_text, iter_blocks
from tei_convert.transforms.hyphenation import Vocabulary
from tei_convert.transforms.lexicon import lexicon_for
from tei_convert.transforms.notes import RefCounter
from tei_convert.values.dates import find_dates

NAME = "volume"
DESCRIPTION = ("PDF-extracted collected-works volume: many works, hard-wrapped lines, "
               "bare note numbers")

_MIN_LINES = 40
_MIN_SHARE = 0.8
RECOGNISED = (f"{_MIN_LINES} lines or more, {_MIN_SHARE:.0%} of the lines with text followed "
              "by an empty one (the line spacing of text taken from a PDF)")
_SECTION = re.compile(r"^[IVXLC]{1,6}\.?$")


def sniff(text: str) -> bool:
    """True when at least 80% of text lines are followed by an empty line."""
    # Whether each line holds text, found once (isspace, unlike strip, copies
    # nothing), without a list of the lines themselves.
    has_text = [bool(line) and not line.isspace() for line in iter_source_lines(text)]
    if len(has_text) < _MIN_LINES:
        return False
    pairs = sum(1 for a, b in pairwise(has_text) if a and not b)
    filled = sum(has_text)
    return filled > 0 and pairs / filled >= _MIN_SHARE


def read(text: str, *, source: str, doc_id: str, reporter: Reporter,
         metadata: Metadata | None = None) -> Iterator[Document]:
    """Split a volume into its works, one :class:`Document` each, read as they
    are taken: a large volume's works are never all held at once.

    Raises:
        NotThisFormatError: when no work heading can be found (at once, before
            any work is read).
    """
    lines = classify(iter_source_lines(text))
    headings = find_headings(lines)
    if not headings:
        raise NotThisFormatError("no work headings found (a title block closed by a blank "
                                 "line at the top of a page); a text that is not a volume can "
                                 "be read with --format plain", source=source)
    if metadata is None or metadata.author is None:
        reporter.warn("volume-metadata-missing", "no volume metadata naming the author; give "
                      "a sidecar file, --meta or a catalogue row; the works will have no "
                      "author")
    # The volume's language, when its metadata states one, lets word lists
    # settle the line-end hyphens its own spelling leaves open.
    vocabulary = Vocabulary.from_text(
        text, lexicon_for(metadata.language if metadata else None))
    context = _Volume(lines, printed_width(lines), vocabulary, reporter,
                      metadata.first_page if metadata else None, source, doc_id)
    return _works(context, headings)


def _works(context: _Volume, headings: list[Heading]) -> Iterator[Document]:
    """The works in order, each read when it is asked for; everything a work's
    reading reports is reported before the work is handed out."""
    ends = [h.start for h in headings[1:]] + [len(context.lines)]
    for sequence, (heading, end) in enumerate(zip(headings, ends, strict=True), 1):
        work = context.work(sequence, heading, end)
        yield _with_front_matter(work, context.lines, heading, context.reporter) \
            if sequence == 1 else work


def _with_front_matter(first: Document, lines: Sequence[Line], heading: Heading,
                       reporter: Reporter) -> Document:
    """Lines before the first work heading (a title page, a preface the reader
    does not recognise) are left out, reported, and listed with the first work."""
    before = [line for line in lines[:heading.start] if line.kind is Kind.TEXT]
    if not before:
        return first
    span = Span(1, lines[heading.start - 1].number)
    reporter.warn("front-matter-dropped", f"lines {span.first_line}-{span.last_line} come "
                  "before the first work heading and were left out", 1)
    assert first.span is not None
    return replace(first, span=Span(1, first.span.last_line),
                   dropped=((span, "before the first work heading"), *first.dropped))


class _Volume:
    """What every work of one volume shares while it is read."""

    def __init__(self, lines: list[Line], width: int, vocabulary: Vocabulary,
                 reporter: Reporter, first_page: int | None, source: str, doc_id: str) -> None:
        self.lines, self.width, self.vocabulary = lines, width, vocabulary
        self.reporter, self.source, self.doc_id = reporter, source, doc_id
        self.first_page = first_page
        self.measure = learn_line_measure(lines)
        self.common = lower_case_words(line.text for line in lines)
        """The words the volume writes in lower case: a label such as "Editorial"
        is one, a name is not."""

    def work(self, sequence: int, heading: Heading, end: int) -> Document:
        """Read the work whose heading is ``heading`` and which ends before ``end``."""
        body_lines, note_lines = split_notes(self.lines[heading.body_start:end], heading.lines)
        section = read_notes(note_lines, TextBuilder(self.vocabulary, self.reporter,
                                                     first_page=self.first_page))
        if note_lines and not section.notes:
            self.reporter.warn("notes-unparsed", "a notes section holds no numbered notes; "
                               "kept as text", note_lines[0].number)
        body_lines = [*body_lines, *section.to_body]
        if not any(line.kind is Kind.TEXT for line in body_lines):
            self.reporter.warn("body-empty", f"work {sequence} has a heading but no text",
                               self.lines[heading.start].number)
        notes, notes_head = section.notes, section.head
        refs = RefCounter({note.label for note in notes})
        builder = TextBuilder(self.vocabulary, self.reporter, refs, self.first_page)
        parts, coverage, body_lines = self._heading_parts(heading, body_lines)
        head = builder.content(parts.title, first_in_work=True)
        subhead = builder.content(parts.subtitle) if parts.subtitle else None
        letter = not heading.is_appendix
        body = _merge_openers(self._opener(parts.rest, builder)
                              + self._body(body_lines, builder, letter=letter,
                                           turn_after=_notes_turn(note_lines, section)))
        kind = "appendix" if heading.is_appendix else "work"
        first_line = self.lines[heading.start].number
        last_line = self.lines[end - 1].number
        header = self._header(head, subhead, parts, body, coverage)
        dropped = tuple((Span(line.number, line.number), "divider between works")
                        for line in heading.dividers)
        return Document(id=f"{self.doc_id}-{sequence:03d}", source=self.source, reader=NAME,
                        header=header, head=head, body=body, notes=notes,
                        span=Span(first_line, last_line), dropped=dropped, subhead=subhead,
                        header_lines=tuple(Span(group[0].number, group[-1].number)
                                           for group in parts.rest
                                           if field_line(joined(group)) is not None),
                        notes_head=notes_head,
                        part_of=VolumePart(sequence, kind), wrapped=True)

    def _heading_parts(self, heading: Heading, body: list[Line]
                       ) -> tuple[HeadingParts, DateValue | None, list[Line]]:
        """The heading's title, subtitle, and date and field lines; the period
        an appendix's heading says it covers, which stays in its subtitle; and
        the body, which takes the date line when that is the first of the
        work's date headings ("February-March 1917" over "February-March 1918")."""
        parts, coverage = covered_period(heading_parts(heading.lines, self.width),
                                         back_matter=heading.is_appendix)
        dates = [group for group in parts.rest if field_line(joined(group)) is None]
        if len(dates) == 1 and opens_date_sections(dates[0], body):
            # The gap that closed the heading stays after the date line.
            gap = Line(dates[0][-1].number, "", Kind.GAP, page=dates[0][-1].page)
            rest = tuple(g for g in parts.rest if g is not dates[0])
            return replace(parts, rest=rest), coverage, [*dates[0], gap, *body]
        return parts, coverage, body

    def _opener(self, rest: Sequence[Sequence[Line]], builder: TextBuilder
                ) -> tuple[Block, ...]:
        """The heading's date lines, as printed, open the text; field lines
        ("Written: ...") are editorial and go to the header only."""
        parts = [Formula(FormulaKind.DATELINE, builder.content(group),
                         Span(group[0].number, group[-1].number), date_line(joined(group)))
                 for group in rest if field_line(joined(group)) is None]
        if not parts:
            return ()
        return (Opener(tuple(parts), Span(parts[0].span.first_line, parts[-1].span.last_line)),)

    def _body(self, lines: Sequence[Line], builder: TextBuilder, *, letter: bool,
              turn_after: Line | None = None) -> tuple[Block, ...]:
        """The text's blocks; ``turn_after`` opens the page after the last one."""
        groups = [p for p in paragraphs(lines, self.width, self.measure) if not RULE.match(p.text)]
        by_number = {line.number: line for group in groups for line in group.lines}
        last = groups[-1].lines[-1].number if groups else None

        def content(block: RawBlock) -> Content:
            # A paragraph, or some of its lines (a closer reads them one by one);
            # the block that ends the text closes with the page turn after it.
            return builder.content(
                [by_number[number] for number in range(block.span.first_line,
                                                        block.span.last_line + 1)
                 if number in by_number],
                turn_after=turn_after if block.span.last_line == last else None)

        by_date = date_sections([group.text for group in groups]) if letter else []
        dated = {groups[i].lines[0].number for i in by_date}
        sections: list[tuple[list[RawBlock], list[RawBlock]]] = [([], [])]
        for group in groups:
            raw = _raw_block(group.lines)
            if not (_SECTION.match(group.text) or group.lines[0].number in dated
                    or all(is_caps_heading(line.text) for line in group.lines)):
                sections[-1][1].append(raw)
            elif _joins_heading(sections[-1], group.text):
                sections[-1][0].append(raw)  # "I" over "TRANSCAUCASIA": one heading
            else:
                sections.append(([raw], []))
        blocks: list[Block] = list(build_body(sections[0][1], content=content, letter=letter,
                                              common=self.common))
        for heads, members in sections[1:]:
            inner = build_body(members, content=content, letter=letter, common=self.common)
            head_span = Span(heads[0].span.first_line, heads[-1].span.last_line)
            span = Span(head_span.first_line, members[-1].span.last_line if members
                        else head_span.last_line)
            head = _join_contents([content(block) for block in heads])
            blocks.append(Section(head, inner, span, head_span))
        return tuple(_closer_after_sections(blocks))

    def _header(self, head: Content, subhead: Content | None, parts: HeadingParts,
                body: Sequence[Block], coverage: DateValue | None) -> Header:
        raw = []
        for group in parts.rest:
            label, value = field_line(joined(group)) or ("Date", joined(group))
            raw.append(RawField(label, value, Span(group[0].number, group[-1].number)))
        fields = read_fields(raw, self.reporter)
        publications = fields.publications + _closing_publications(body)
        title = Title(normalize_space(content_text(head)), span=Span(
            parts.title[0].number, (parts.subtitle or parts.title)[-1].number),
            subtitle=normalize_space(content_text(subhead)) if subhead else None)
        # A subtitle that states the period covered says nothing of the writing.
        dated_by = title if coverage is None else replace(title, subtitle=None)
        creation = fields.creation or _creation_from_text(dated_by, body, publications)
        if creation is None and coverage is None:
            self.reporter.warn("date-missing", f"no date found for '{title.text}'",
                               parts.title[0].number)
        return Header(title=title, creation=creation, coverage=coverage,
                      publications=publications, other_fields=fields.other)


def _notes_turn(note_lines: Sequence[Line], section: NotesSection) -> Line | None:
    """The notes' rule or heading line when it opens a page: the page break
    goes at the end of the text, since neither line is written out. (Lines
    the notes section hands back to the text keep their own breaks.)"""
    if not section.notes:
        return None
    first_note = section.notes[0].span.first_line
    return page_turn([line for line in note_lines
                      if line.number < first_note and line not in section.to_body])


def _creation_from_text(title: Title, body: Sequence[Block],
                        publications: Sequence[Publication]) -> Creation | None:
    """A date for a work whose heading gives none, in order of trust: a dateline
    in the text (a letter dated at its end), a date in the subtitle, and last
    "no later than" its first publication. (A period named in brackets in the
    title is the period the text covers, not a date of writing.)"""
    for block in body:
        for part in getattr(block, "parts", ()):
            if part.kind is FormulaKind.DATELINE and part.date is not None:
                return Creation("dateline", part.date, part.span)
    subtitle_dates = find_dates(title.subtitle or "")
    if subtitle_dates and title.span is not None:
        return Creation("subtitle", subtitle_dates[-1].value, title.span)
    for publication in publications:
        date = publication.date
        if date is not None and date.is_understood:
            bound = date.when or date.not_after
            return Creation("publication", DateValue(date.text, not_after=bound),
                            publication.span)
    return None


def _raw_block(lines: Sequence[Line]) -> RawBlock:
    """A paragraph's lines as a block, with the empty lines between them, so
    that a line's place in the block is its place in the source."""
    first, last = lines[0].number, lines[-1].number
    texts = {line.number: line.text for line in lines}
    return RawBlock(tuple(texts.get(number, "") for number in range(first, last + 1)),
                    Span(first, last))


def _joins_heading(section: tuple[list[RawBlock], list[RawBlock]], text: str) -> bool:
    """A heading in capitals right under a bare section number belongs to it."""
    heads, members = section
    return (len(heads) == 1 and not members and _SECTION.match(heads[0].text) is not None
            and _SECTION.match(text) is None)


def _join_contents(contents: Sequence[Content]) -> Content:
    joined: list[Inline] = []
    for content in contents:
        if joined:
            joined.append(" ")
        joined.extend(content)
    return tuple(joined)


def _merge_openers(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The heading's dateline and a salutation after it form one opener."""
    if len(blocks) >= 2 and isinstance(blocks[0], Opener) and isinstance(blocks[1], Opener):
        first, second = blocks[0], blocks[1]
        merged = Opener(first.parts + second.parts,
                        Span(first.span.first_line, second.span.last_line))
        return (merged, *blocks[2:])
    return blocks


def _closing_publications(body: Sequence[Block]) -> tuple[Publication, ...]:
    """Publication lines found in the closers ("Pravda, No. 108, June 1, 1918",
    "First published in 1945, in Lenin Miscellany")."""
    return tuple(Publication("Published", content_text(part.content), part.date, part.span)
                 for block in iter_blocks(body) if isinstance(block, Closer)
                 for part in block.parts if part.kind is FormulaKind.PUBLICATION)


def _closer_after_sections(blocks: list[Block]) -> list[Block]:
    """A work in sections ends with the closer at the end of its last section:
    the closer closes the work, and goes after the section. When the sections
    are papers signed one by one (an earlier one, or the text before them, has a
    closer of its own), the last keeps its signature and date, and only the
    publication lines go."""
    last = blocks[-1] if blocks else None
    if not isinstance(last, Section):
        return blocks
    members = list(last.blocks)
    cut = len(members)
    while cut > 0 and isinstance(members[cut - 1], (Closer, Postscript)):
        cut -= 1
    first = members[cut] if cut < len(members) else None
    if not isinstance(first, Closer):
        return blocks
    tail: list[Block] = list(members[cut:])
    del members[cut:]
    if any(isinstance(inner, Closer) for inner in iter_blocks(blocks[:-1])):
        kept, moved = _publications_apart(first) if len(tail) == 1 else (first, None)
        if moved is None:
            return blocks
        members.extend([kept] if kept is not None else [])
        tail = [moved]
    end = members[-1].span.last_line if members else last.head_span.last_line
    section = replace(last, blocks=tuple(members), span=Span(last.span.first_line, end))
    return [*blocks[:-1], section, *tail]


def _publications_apart(closer: Closer) -> tuple[Closer | None, Closer | None]:
    """A closer cut before the publication lines that end it: (the rest, or None;
    those lines, or None)."""
    cut = len(closer.parts)
    while cut > 0 and closer.parts[cut - 1].kind is FormulaKind.PUBLICATION:
        cut -= 1
    kept, moved = closer.parts[:cut], closer.parts[cut:]
    return (Closer(kept, Span(kept[0].span.first_line, kept[-1].span.last_line)) if kept else None,
            Closer(moved, Span(moved[0].span.first_line, moved[-1].span.last_line))
            if moved else None)
