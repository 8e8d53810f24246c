"""The document model: what readers produce and the TEI writer consumes.

Frozen dataclasses only; no I/O and no XML. Every node that comes from the
source carries a :class:`Span` of 1-based source lines so diagnostics and
manifest entries can point back at the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True)
class Span:
    """An inclusive range of 1-based line numbers in the source file."""

    first_line: int
    last_line: int


@dataclass(frozen=True)
class DateValue:
    """A date as written in the source, with its machine-readable reading.

    ``when`` is set for an exact date (ISO 8601: ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``, or ``--MM-DD`` for a day and month without a year);
    ``not_before``/``not_after`` bound a vague one. All three
    are ``None`` when the text could not be read as a date.
    """

    text: str
    """The wording of the source, whitespace-normalised."""
    when: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    problem: str | None = None
    """Why a date that reads as one has no value: a day not in the calendar,
    a range that ends before it begins. ``None`` otherwise."""
    when_julian: str | None = None
    """The same day in the Julian calendar (Old Style), when the source states
    both ("January 5 (18), 1918"); ``when`` is then the Gregorian day."""

    @property
    def is_understood(self) -> bool:
        """True when the date carries any machine-readable value."""
        return any((self.when, self.not_before, self.not_after))


@dataclass(frozen=True)
class NoteRef:
    """A note marker in running text, e.g. ``[1]``, linked to a :class:`Note`."""

    label: str
    """The note's number or label as printed, without brackets."""
    line: int
    space_before: bool = False
    """Whether white space stood before the marker (kept if it turns back into text)."""
    mark: str | None = None
    """The marker as printed when it is not ``[label]`` ("(1)", "*"), kept if it
    turns back into text."""


@dataclass(frozen=True)
class Choice:
    """A repaired spot: the source wording and the reading the tool gives it
    (a word split over two lines with a hyphen, joined again)."""

    orig: str
    reg: str
    line: int


@dataclass(frozen=True)
class PageBreak:
    """The start of a new printed page, where it falls in the text."""

    line: int
    n: str | None = None
    """The printed number of the page that starts here, when it is known."""


@dataclass(frozen=True)
class LineBreak:
    """A line end the author or typesetter meant (an address, a verse, the timed
    lines of a telegram), kept where a block is not running prose."""

    line: int
    """The source line that ends here."""


@dataclass(frozen=True)
class Label:
    """A label printed before a heading's words: the "To:" before an addressee."""

    text: str


Inline = str | NoteRef | Choice | PageBreak | LineBreak | Label
"""Content of a paragraph-like node: text runs, note references, repairs,
page breaks, kept line breaks and labels."""

Content = tuple[Inline, ...]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of running text."""

    content: Content
    span: Span


@dataclass(frozen=True)
class ListItem:
    """A numbered item; ``n`` is its number as printed (``"1"``, ``"a"``)."""

    n: str
    content: Content
    span: Span


@dataclass(frozen=True)
class ItemList:
    """A run of numbered items."""

    items: tuple[ListItem, ...]
    span: Span


class FormulaKind(Enum):
    """What a short line at the start or end of a letter is."""

    DATELINE = "dateline"
    SALUTE = "salute"
    SIGNED = "signed"
    PUBLICATION = "publication"
    """Where the text was first printed: "Pravda, No. 108, June 1, 1918", "First
    published in 1945, in Lenin Miscellany", "Published for the first time"."""
    ADDRESS = "address"
    """A postal address or a telegram's routing lines above the salutation;
    its lines are separated by :class:`LineBreak`."""


@dataclass(frozen=True)
class Formula:
    """A dateline, salutation, address or signature of an opener or closer."""

    kind: FormulaKind
    content: Content
    span: Span
    date: DateValue | None = None
    """For a dateline or a publication line: the date it states, if it could be read."""
    remark: Content = ()
    """For a publication line: what the editors print under it about it
    ("Editorial"), each line after a :class:`LineBreak`."""


@dataclass(frozen=True)
class Opener:
    """Dateline and salutation before the text of a letter."""

    parts: tuple[Formula, ...]
    span: Span


@dataclass(frozen=True)
class Closer:
    """Closing salutation and signature after the text of a letter."""

    parts: tuple[Formula, ...]
    span: Span


@dataclass(frozen=True)
class Postscript:
    """Text that follows the closer of a letter."""

    blocks: tuple[Paragraph | ItemList, ...]
    span: Span


@dataclass(frozen=True)
class Section:
    """A numbered part of a text ("I", "II"...), with its heading."""

    head: Content
    blocks: tuple[Paragraph | ItemList | Opener | Closer | Postscript, ...]
    span: Span
    head_span: Span


Block = Paragraph | ItemList | Opener | Closer | Postscript | Section


@dataclass(frozen=True)
class Note:
    """An endnote: its label and one or more paragraphs."""

    label: str
    paragraphs: tuple[Paragraph, ...]
    span: Span


@dataclass(frozen=True)
class Title:
    """The document title as the header states it (markers removed)."""

    text: str
    supplied: bool = False
    """True when the source had no title and the tool made one up."""
    span: Span | None = None
    """The lines of the printed title and subtitle."""
    subtitle: str | None = None
    """A subordinate title ("Izvestia Interview"), without note markers."""
    n: str | None = None
    """The document's number as printed before the title ("147"), if any."""


@dataclass(frozen=True)
class Name:
    """One person or organisation named in a header field."""

    text: str
    is_person: bool = True


@dataclass(frozen=True)
class Responsibility:
    """Who did what: a translator, transcriber, proof-reader..."""

    label: str
    """The field name as written, e.g. ``Transcription\\HTML Markup``."""
    role: str
    """A MARC relator code: ``trl``, ``trc``, ``mrk``, ``pfr``, ``edt``..."""
    names: tuple[Name, ...]
    text: str
    """The field value as written."""
    span: Span


class BiblKind(Enum):
    """Parts of a bibliographic citation we can recognise."""

    TITLE = "title"
    EDITION = "edition"
    PUBLISHER = "publisher"
    PLACE = "place"
    DATE = "date"
    VOLUME = "volume"
    PAGES = "pages"
    AUTHOR = "author"
    EDITOR = "editor"


@dataclass(frozen=True)
class BiblPart:
    """A run of a citation; ``kind`` is ``None`` for punctuation and unread text."""

    text: str
    kind: BiblKind | None = None
    date: DateValue | None = None
    """For DATE parts."""
    range_from: str | None = None
    """For VOLUME and PAGES: the first (or only) number."""
    range_to: str | None = None


@dataclass(frozen=True)
class Bibl:
    """A citation; joining the parts' texts gives back the source wording."""

    parts: tuple[BiblPart, ...]
    span: Span | None = None

    @property
    def text(self) -> str:
        """The citation's wording, as the source gives it."""
        return "".join(part.text for part in self.parts)


class LicenceStatus(Enum):
    """TEI ``availability/@status`` values."""

    FREE = "free"
    RESTRICTED = "restricted"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CorpusLicence:
    """The licence of a corpus as a whole, as its configuration states it."""

    text: str
    status: LicenceStatus
    target: str | None
    """URL of the licence: the one stated, or the known one the words name."""


@dataclass(frozen=True)
class Licence:
    """Rights statement of the source."""

    label: str
    """The field name as written, e.g. ``Public Domain`` or ``Copyleft``."""
    text: str
    """The statement with site link text removed."""
    status: LicenceStatus
    target: str | None
    """URL of the licence when it is a known one."""
    span: Span


@dataclass(frozen=True)
class Publication:
    """A first-publication statement, with the date it names."""

    label: str
    text: str
    date: DateValue | None
    span: Span
    date_start: int | None = None
    """Where the date's wording starts in ``text`` (it may occur more than once)."""


@dataclass(frozen=True)
class Field:
    """A header field the tool has no mapping for; kept verbatim."""

    label: str
    value: str
    span: Span


@dataclass(frozen=True)
class Creation:
    """When the work was written, from a ``Written`` field or the letter's dateline."""

    label: str
    date: DateValue
    span: Span
    wording: str | None = None
    """The field's own words ("Berne") when the date came from the dateline."""
    from_dateline: bool = False
    """True when the field gave no date and the letter's own dateline did."""


@dataclass(frozen=True)
class Correspondence:
    """Who sent a letter, from where, and to whom, as its title and letter parts
    say (``correspDesc``); its date is the creation date."""

    sender: str | None
    sent_from: str | None = None
    """The place of the dateline ("Petrograd")."""
    addressee: str | None = None
    received_at: str | None = None
    """Where the addressee was, when the title says ("Marx to Engels in Manchester")."""
    addressee_is_person: bool = True
    """False for a body: "the Bureau of the Party", "the Society for ..."."""


@dataclass(frozen=True)
class Header:
    """Metadata of one document."""

    title: Title
    author: str | None = None
    creation: Creation | None = None
    """When the work was written."""
    coverage: DateValue | None = None
    """The period the text is about, as it states it (a chronicle's "January
    1919 - March 1920"): not a date of writing."""
    publications: tuple[Publication, ...] = ()
    """Where it was first printed."""
    source: Bibl | None = None
    """The printed edition the text was taken from."""
    responsibilities: tuple[Responsibility, ...] = ()
    """Translators, transcribers, proof-readers..."""
    licence: Licence | None = None
    other_fields: tuple[Field, ...] = ()
    """Header fields with no element of their own, kept as written."""
    collection: str | None = None
    """The collection the page belongs to, printed where the author stands
    ("Marx-Engels Correspondence 1869")."""
    language: str | None = None
    """The text's language as a BCP 47 tag ("en"), where metadata or the user states it."""
    language_from: str | None = None
    """Who stated it: ``metadata`` (the volume's file) or ``option`` (``--lang``)."""
    correspondence: Correspondence | None = None
    """For a letter: sender, addressee and places."""
    genre: str | None = None
    """The kind of text ("letter", "telegram", "speech"...), when the text says."""


@dataclass(frozen=True)
class Document:
    """One document, as read from one source (or one part of a volume)."""

    id: str
    """Stable identifier: a valid ``xml:id`` and a safe file name."""
    source: str
    """The source file name, as given to the reader."""
    reader: str
    header: Header
    head: Content | None
    """The title as printed at the top of the text, with its note markers;
    ``None`` when the source has no title."""
    body: tuple[Block, ...]
    notes: tuple[Note, ...] = ()
    span: Span | None = None
    dropped: tuple[tuple[Span, str], ...] = field(default=())
    """Source lines deliberately left out (site navigation...), with why."""
    subhead: Content | None = None
    """The subtitle as printed under the title, with its note markers."""
    header_lines: tuple[Span, ...] = ()
    """Source lines whose words went to the TEI header only (author line,
    ``Field: value`` lines); every other line of ``span`` is text or dropped."""
    notes_head: str | None = None
    """The heading printed above the notes ("Notes"), if any."""
    part_of: VolumePart | None = None
    """Where the document stands in a volume it was split from."""
    wrapped: bool = False
    """The source is hard-wrapped: its paragraphs run over several lines, and
    words broken at a line end with a hyphen were joined (``editorialDecl``
    says so)."""


@dataclass(frozen=True)
class VolumePart:
    """A document's place in the volume it was split from."""

    sequence: int
    """1-based position among the volume's documents."""
    kind: str = "work"
    """``work``, or ``appendix`` for back matter such as a chronicle."""
