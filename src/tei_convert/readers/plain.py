"""Reader for any plain transcription: the fallback when no other reader
recognises a text.

Layout: perhaps a title on a line of its own, perhaps a block of ``Field:
value`` lines, then the text: paragraphs between blank lines, or hard-wrapped
with no blank lines between them (:mod:`plain_layout`), a letter's opener,
closer and postscript where the text has them (:mod:`structure`), and notes
where markers and notes match (:mod:`plain_notes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from tei_convert.diagnostics import Reporter
from tei_convert.errors import InputError
from tei_convert.input.sanitize import source_lines
from tei_convert.input.text import normalize_space
from tei_convert.model import (
    Block,
    Closer,
    Content,
    Document,
    FormulaKind,
    Header,
    Metadata,
    Opener,
    Span,
    Title,
)
from tei_convert.readers.blocks import RawBlock, split_blocks
from tei_convert.readers.closers import POSTSCRIPT
from tei_convert.readers.formulas import (
    dateline_date,
    ends_sentence,
    is_salute,
    is_valediction,
    lower_case_words,
)
from tei_convert.readers.letters import correspondence, letter_creation
from tei_convert.readers.mia_header import (
    FIELD_LINE,
    HeaderParts,
    RawField,
    canonical_label,
    collect_fields,
    is_known_label,
    read_fields,
)
from tei_convert.readers.mia_title import header_title, signed_name
from tei_convert.readers.plain_layout import (
    cut_paragraphs,
    is_wrapped,
    joined_content,
    learn_layout,
)
from tei_convert.readers.plain_notes import find_notes, make_notes, note_markup
from tei_convert.readers.structure import build_body
from tei_convert.readers.volume_text import TextBuilder
from tei_convert.transforms.content import content_text, iter_blocks
from tei_convert.transforms.hyphenation import Vocabulary
from tei_convert.transforms.lexicon import lexicon_for
from tei_convert.transforms.notes import note_start, without_form_markers
from tei_convert.values.bibl import parse_source

NAME = "plain"
DESCRIPTION = ("Any plain transcription: a title line, an optional 'Field: value' block, "
               "paragraphs between blank lines or hard-wrapped, letter parts, [1], (1), * "
               "and [Footnote 1: ...] notes")
RECOGNISED = ("the fallback: a text no other format recognises is read as plain text "
              "(warning format-fallback)")

_MAX_TITLE_WORDS = 15
_TITLE_LABELS = frozenset({"title"})
_AUTHOR_LABELS = frozenset({"author", "by"})


def sniff(text: str) -> bool:  # noqa: ARG001 (interface)
    """Any text: the plain reader is the fallback, tried after the others."""
    return True


def read(text: str, *, source: str, doc_id: str, reporter: Reporter,
         metadata: Metadata | None = None) -> list[Document]:
    """Read one plain text into one :class:`Document`. The user's metadata wins
    in the header (the pipeline puts it there); its language chooses the word
    list that settles line-end hyphens.

    Raises:
        InputError: when the text holds no line with anything on it.
    """
    lines = source_lines(text)
    blocks = split_blocks(lines, 1)
    if not blocks:
        raise InputError("the text holds only white space", source=source)
    title_block, field_block, rest = _top(blocks)
    found = find_notes(rest, above=title_block.text if title_block else "")
    layout = learn_layout(rest)
    vocabulary = Vocabulary.from_text(
        text, lexicon_for(metadata.language if metadata else None))
    builder = TextBuilder(vocabulary, reporter, linked=found.linked)
    content = joined_content(builder)
    head = content(title_block) if title_block is not None else None
    blocks_of_text = cut_paragraphs(found.body, layout)
    # A short last line ("THE END", "Anonymous") or a second date (a diary's
    # next entry) is no signature or closing without a letter's salutation: a
    # text of any kind may end so. The trial reading reports nothing.
    trial = joined_content(TextBuilder(vocabulary, Reporter(source), linked=found.linked))
    common = lower_case_words(text)
    letter = _is_a_letter(build_body(blocks_of_text, content=trial, line_breaks=True,
                                     common=common))
    body = build_body(blocks_of_text, content=content, line_breaks=True, letter=letter,
                      common=common)
    if not found.body:
        reporter.warn("body-empty", "the text has a header (or a heading) but no body",
                      blocks[-1].span.last_line)
    fields = _Fields.read(field_block, reporter)
    header = _header(head, title_block, fields, body, reporter)
    return [Document(id=doc_id, source=source, reader=NAME, header=header, head=head,
                     body=body, notes=make_notes(found, content), span=Span(1, max(len(lines), 1)),
                     header_lines=(field_block.span,) if field_block else (),
                     notes_head=found.head.text if found.head else None,
                     markup=note_markup(found),
                     wrapped=any(is_wrapped(block) for block in rest))]


def _is_a_letter(body: Sequence[Block]) -> bool:
    """Whether the letter rules found what only letters and signed documents
    end or open with: a salutation ("Dear Sir," above, "Yours truly," below),
    or signatures with offices or of several people ("John Hale, Chairman").
    A page text's header tells this for it; a plain text has only its shape."""
    parts = [part for block in body if isinstance(block, Opener | Closer)
             for part in block.parts]
    signed = [part for part in parts if part.kind is FormulaKind.SIGNED]
    return any(part.kind is FormulaKind.SALUTE for part in parts) or len(signed) > 1 or any(
        "," in content_text(part.content) for part in signed)


def _top(blocks: Sequence[RawBlock]
         ) -> tuple[RawBlock | None, RawBlock | None, list[RawBlock]]:
    """The title line, the field block and the blocks after them: a field block
    first, or a title line and perhaps a field block under it."""
    rest = list(blocks)
    title = fields = None
    if _is_field_block(rest[0]):
        fields = rest.pop(0)
    elif len(rest) > 1 and _is_title_line(rest[0]):
        title = rest.pop(0)
        if rest and _is_field_block(rest[0]):
            fields = rest.pop(0)
    return title, fields, rest


def _is_field_block(block: RawBlock) -> bool:
    """``Field: value`` lines, a value perhaps wrapped onto lines that start in
    lower case or are indented: two fields or more, or one the tool knows, and
    at least one with a value."""
    matches = [FIELD_LINE.match(line) for line in block.lines]
    if matches[0] is None or not all(
            match is not None or line[:1].isspace() or line.strip()[:1].islower()
            for match, line in zip(matches, block.lines, strict=True)):
        return False
    fields = [match for match in matches if match is not None]
    known = any(is_known_label(match.group(1)) for match in fields)
    return (len(fields) >= 2 or known) and any(match.group(2).strip() for match in fields)


def _is_title_line(block: RawBlock) -> bool:
    """A line standing alone that reads as a title: short, not opening in lower
    case, no sentence's end (a question may be a title), and none of the
    shapes a letter or a note opens with (a date, a salutation, a postscript,
    a note, a field)."""
    if len(block.lines) != 1:
        return False
    line = normalize_space(block.lines[0])
    if note_start(line) is not None or POSTSCRIPT.match(line) or FIELD_LINE.match(line):
        return False
    text = normalize_space(without_form_markers(line))
    words = text.split()
    if not 0 < len(words) <= _MAX_TITLE_WORDS or text[:1].islower():
        return False
    if text[-1] in ",;:" or (text.endswith(".") and ends_sentence(text)):
        return False
    return not (dateline_date(text) is not None or is_salute(text) or is_valediction(text))


@dataclass(frozen=True)
class _Fields:
    """What a field block says: the title and author fields, and the others
    read as a page text's header."""

    title: RawField | None
    author: RawField | None
    parts: HeaderParts

    @classmethod
    def read(cls, block: RawBlock | None, reporter: Reporter) -> _Fields:
        if block is None:
            return cls(None, None, HeaderParts())
        raw = collect_fields(block.lines, block.span.first_line)
        title = _first(raw, _TITLE_LABELS)
        author = _first(raw, _AUTHOR_LABELS)
        others = [field for field in raw if field is not title and field is not author]
        return cls(title, author, read_fields(others, reporter))


def _first(fields: Sequence[RawField], labels: frozenset[str]) -> RawField | None:
    """The first field with one of ``labels`` and a value."""
    return next((field for field in fields
                 if canonical_label(field.label) in labels and field.value), None)


def _header(head: Content | None, title_block: RawBlock | None, fields: _Fields,
            body: Sequence[Block], reporter: Reporter) -> Header:
    """The header: title and author from the field block, else the text (a
    title line; the signature of a letter)."""
    title = _title(head, title_block, fields, body, reporter)
    author = _author(fields, body, reporter)
    parts = fields.parts
    source_bibl = None
    if parts.source_text is not None:
        source_bibl = replace(parse_source(parts.source_text[0], author=author),
                              span=parts.source_text[1])
    printed = fields.author is not None and fields.author.value == author
    return Header(title=title, author=author,
                  author_span=fields.author.span if printed and fields.author else None,
                  creation=letter_creation(parts.creation, body, reporter),
                  publications=parts.publications, source=source_bibl,
                  responsibilities=parts.responsibilities, licence=parts.licence,
                  other_fields=parts.other,
                  correspondence=correspondence(None if title.supplied else title.text,
                                                author, body))


def _title(head: Content | None, title_block: RawBlock | None, fields: _Fields,
           body: Sequence[Block], reporter: Reporter) -> Title:
    """The title field's, the title line's, or one supplied."""
    if fields.title is not None:
        return Title(fields.title.value, span=fields.title.span)
    lines = [] if title_block is None else [(title_block.span.first_line, title_block.text)]
    return header_title(head, lines, body, reporter)


def _author(fields: _Fields, body: Sequence[Block], reporter: Reporter) -> str | None:
    """The author field's, or a letter's signature."""
    if fields.author is not None:
        return fields.author.value
    signatures = [part for block in iter_blocks(body) if isinstance(block, Closer)
                  for part in block.parts if part.kind is FormulaKind.SIGNED]
    if len(signatures) != 1:
        return None  # several signers: a body, or the author among them, unsaid
    signed = signed_name(body)
    if signed is not None:
        reporter.info("author-inferred", f"the text names no author; '{signed}' is taken "
                      "from its signature", signatures[0].span.first_line)
    return signed
