"""The document model: what readers produce and the TEI writer consumes.

Frozen dataclasses only; no I/O and no XML. Every node that comes from the
source carries a :class:`Span` of 1-based source lines so diagnostics and
manifest entries can point back at the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, slots=True)
class Span:
    """An inclusive range of 1-based line numbers in the source file."""

    first_line: int
    last_line: int


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A note marker in running text, e.g. ``[1]``, linked to a :class:`Note`."""

    label: str
    """The note's number or label as printed, without brackets."""
    line: int
    space_before: bool = False
    """Whether white space stood before the marker (kept if it turns back into text)."""
    note: int | None = None
    """The position in ``Document.notes`` of the note this marker points to, when
    several notes share its label (a book that numbers its footnotes afresh in
    each chapter); ``None``: the first note with the label."""
    mark: str | None = None
    """The marker as printed when it is not ``[label]`` ("(1)", "*"), kept if it
    turns back into text."""


@dataclass(frozen=True, slots=True)
class Choice:
    """A repaired spot: the source wording and the reading the tool gives it
    (a word split over two lines with a hyphen, joined again)."""

    orig: str
    reg: str
    line: int


@dataclass(frozen=True, slots=True)
class PageBreak:
    """The start of a new printed page, where it falls in the text."""

    line: int
    n: str | None = None
    """The printed number of the page that starts here, when it is known."""


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A line end the author or typesetter meant (an address, a verse, the timed
    lines of a telegram), kept where a block is not running prose."""

    line: int
    """The source line that ends here."""


@dataclass(frozen=True, slots=True)
class Label:
    """A label printed before a heading's words: the "To:" before an addressee."""

    text: str


@dataclass(frozen=True, slots=True)
class Highlight:
    """A phrase the source sets apart typographically (a Project Gutenberg text's
    ``_italics_``), without a claim about why."""

    content: Content
    """What the phrase holds; the source's markup (the underscores) is not in it."""
    line: int
    rend: str = "italic"
    """How the source sets it apart."""


Inline = str | NoteRef | Choice | PageBreak | LineBreak | Label | Highlight
"""Content of a paragraph-like node: text runs, note references, repairs,
page breaks, kept line breaks, labels and highlighted phrases."""

Content = tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of running text."""

    content: Content
    span: Span


@dataclass(frozen=True, slots=True)
class ListItem:
    """A numbered item; ``n`` is its number as printed (``"1"``, ``"a"``)."""

    n: str
    content: Content
    span: Span


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Opener:
    """Dateline and salutation before the text of a letter."""

    parts: tuple[Formula, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Closer:
    """Closing salutation and signature after the text of a letter."""

    parts: tuple[Formula, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Postscript:
    """Text that follows the closer of a letter."""

    blocks: tuple[Paragraph | ItemList, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Figure:
    """An illustration the source marks where it stood (``[Illustration: ...]``),
    with the caption printed under it, if any."""

    head: Content | None
    """The caption as printed; ``None`` when the source gives none."""
    span: Span


@dataclass(frozen=True, slots=True)
class Section:
    """A part of a text with its heading: a numbered part ("I", "II"...), a
    chapter, or a book whose chapters are sections of their own."""

    head: Content
    blocks: tuple[Paragraph | ItemList | Opener | Closer | Postscript | Figure | Section, ...]
    span: Span
    head_span: Span
    kind: str = "section"
    """What the source calls the part, as one lower-case word: ``section``,
    ``chapter``, ``book``, ``part``, ``volume``, ``preface``..."""


Block = Paragraph | ItemList | Opener | Closer | Postscript | Section | Figure


@dataclass(frozen=True, slots=True)
class Note:
    """An endnote: its label and one or more paragraphs."""

    label: str
    paragraphs: tuple[Paragraph, ...]
    span: Span


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Name:
    """One person or organisation named in a header field."""

    text: str
    is_person: bool = True


@dataclass(frozen=True, slots=True)
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
    IDNO = "idno"
    """An identifier of the cited item, such as a Project Gutenberg e-book number."""


@dataclass(frozen=True, slots=True)
class BiblPart:
    """A run of a citation; ``kind`` is ``None`` for punctuation and unread text."""

    text: str
    kind: BiblKind | None = None
    date: DateValue | None = None
    """For DATE parts."""
    range_from: str | None = None
    """For VOLUME and PAGES: the first (or only) number."""
    range_to: str | None = None
    scheme: str | None = None
    """For IDNO: whose identifier it is (``PG``, Project Gutenberg's e-book number)."""


@dataclass(frozen=True, slots=True)
class Bibl:
    """A citation; joining the parts' texts gives back the source wording (or,
    for a citation made of several header fields, the fields' values in order)."""

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


@dataclass(frozen=True, slots=True)
class CorpusLicence:
    """The licence of a corpus as a whole, as its configuration states it."""

    text: str
    status: LicenceStatus
    target: str | None
    """URL of the licence: the one stated, or the known one the words name."""


@dataclass(frozen=True, slots=True)
class Licence:
    """Rights statement of the source."""

    label: str
    """The field name as written, e.g. ``Public Domain`` or ``Copyleft``; empty for
    a statement printed without one (a Project Gutenberg e-text's)."""
    text: str
    """The statement with site link text removed."""
    status: LicenceStatus
    target: str | None
    """URL of the licence when it is a known one."""
    span: Span | None
    """The field's lines; ``None`` when the user's metadata states the licence."""


@dataclass(frozen=True, slots=True)
class Publication:
    """A first-publication statement, with the date it names."""

    label: str
    text: str
    date: DateValue | None
    span: Span
    date_start: int | None = None
    """Where the date's wording starts in ``text`` (it may occur more than once)."""


@dataclass(frozen=True, slots=True)
class Field:
    """A header field the tool has no mapping for; kept verbatim."""

    label: str
    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class Creation:
    """When the work was written, from a ``Written`` field, the letter's dateline or
    the user's metadata."""

    label: str
    date: DateValue
    span: Span | None
    """The field's (or dateline's) lines; ``None`` when the user's metadata states the date."""
    wording: str | None = None
    """The field's own words ("Berne") when the date came from the dateline."""
    from_dateline: bool = False
    """True when the field gave no date and the letter's own dateline did."""


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Header:
    """Metadata of one document."""

    title: Title
    author: str | None = None
    co_authors: tuple[str, ...] = ()
    """Further authors the source names with the first (one a line under a
    Project Gutenberg ``Author:`` field)."""
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
    """The text's language as a BCP 47 tag ("en"), where the source, metadata or
    the user states it."""
    language_from: str | None = None
    """Who stated it: ``source`` (a header field of the text), ``metadata`` (the
    user's metadata) or ``option`` (``--lang``)."""
    language_name: str | None = None
    """The language as the source names it ("English"), when it does."""
    correspondence: Correspondence | None = None
    """For a letter: sender, addressee and places."""
    genre: str | None = None
    """The kind of text ("letter", "telegram", "speech"...), when the text says."""
    author_span: Span | None = None
    """The line the author was read from (the author line), when there is one."""
    editor: str | None = None
    """Who edited the converted text, as the user's metadata states it."""
    publisher: str | None = None
    """Who publishes the converted text, as the user's metadata or ``--publisher`` states it."""
    provenance: tuple[tuple[str, str], ...] = ()
    """Where each value came from, by metadata field name ("author", "date"...):
    ``metadata: people.csv line 4``, ``source line 3``, ``option --lang``... (see
    :mod:`tei_convert.transforms.metadata`)."""


@dataclass(frozen=True, slots=True)
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
    read_header: Header | None = None
    """The header as the reader read it from the source, when the user's metadata
    changed it: the front is written from it, so that the source's own wording of
    a field the metadata replaced stays in the text."""
    markup: tuple[tuple[int, str], ...] = ()
    """Words of the transcription's own markup that the reader read as structure,
    not text, each with its line: the ``Illustration`` of ``[Illustration: ...]``,
    the ``Footnote`` of ``[Footnote 1: ...]``. The TEI has an element in their
    place (``figure``, ``note``); the nothing-lost check takes them out of their lines."""
    wrapped: bool = False
    """The source is hard-wrapped: its paragraphs run over several lines, and
    words broken at a line end with a hyphen were joined (``editorialDecl``
    says so)."""


@dataclass(frozen=True, slots=True)
class VolumePart:
    """A document's place in the volume it was split from."""

    sequence: int
    """1-based position among the volume's documents."""
    kind: str = "work"
    """``work``, or ``appendix`` for back matter such as a chronicle."""


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the user states about one source file (a sidecar ``NAME.meta.json``,
    ``--meta FILE``, a row of a catalogue table), checked against
    ``schema/metadata.schema.json``; it wins over what a reader infers.

    The document fields describe the text of a file that is one document. A
    collected-works volume's metadata describes the printed volume: its
    ``title``, ``editor``, ``publisher`` and ``place``, with ``volume`` and
    ``year``, cite the volume in every work's ``sourceDesc``.
    """

    author: str | None = None
    title: str | None = None
    date: str | None = None
    """When the text was written, as the user wrote it (ISO 8601 or words)."""
    language: str | None = None
    """BCP 47 language tag of the text, e.g. "en"."""
    source: str | None = None
    """The printed source, as a citation."""
    licence: str | None = None
    """The licence: a URL or words."""
    publisher: str | None = None
    editor: str | None = None
    sender: str | None = None
    addressee: str | None = None
    place: str | None = None
    """Where a letter was sent from; a volume's place of publication."""
    volume: str | None = None
    """Volume number or label within the edition, e.g. "4"."""
    year: str | None = None
    """Year the volume was published, as four digits."""
    period: str | None = None
    """Span the writings of a volume cover, in words."""
    first_page: int | None = None
    """The printed number of the file's first page, to number the page breaks."""
    origins: tuple[tuple[str, str], ...] = ()
    """Where each stated field was stated, by its key in the schema ("first-page"):
    ``metadata: letters/7.meta.json``, ``metadata: catalogue.csv line 4``."""

    def stated(self) -> dict[str, str | int]:
        """The fields the user stated, by their key in the schema, in schema order."""
        values = {key: getattr(self, key.replace("-", "_")) for key in METADATA_KEYS}
        return {key: value for key, value in values.items() if value is not None}

    def origin(self, key: str) -> str:
        """Where the field ``key`` was stated (``metadata`` when nobody recorded it)."""
        return dict(self.origins).get(key, "metadata")


METADATA_KEYS = ("author", "title", "date", "language", "source", "licence", "publisher",
                 "editor", "sender", "addressee", "place", "volume", "year", "period",
                 "first-page")
"""The keys of a metadata file, in the schema's order."""
