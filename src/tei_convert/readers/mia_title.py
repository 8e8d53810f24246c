"""The top of a page text: its title, subtitle and document number, and who
wrote it (the author line, unless it names a collection).

The printed title stays in the text as ``head`` (with its note markers and a
``label`` before an addressee); the header gets a clean title, its subtitle
and ``@n``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tei_convert.diagnostics import Reporter
from tei_convert.input.text import normalize_space
from tei_convert.model import Block, Closer, Content, FormulaKind, Label, Paragraph, Span, Title
from tei_convert.readers.formulas import dateline_date
from tei_convert.transforms.content import content_text, iter_blocks
from tei_convert.transforms.notes import split_markers, without_markers
from tei_convert.values.dates import parse_date

_INCIPIT_WORDS = 8


# A first line that names a collection, not a person: a word for a body of
# writings ("Marx-Engels Correspondence 1869", "Letters of 1917"). A year alone
# does not ("Frederick Engels 1847" names its author).
_COLLECTION = re.compile(r"\b(?:Correspondence|Letters|Works|Writings|Papers|Documents|Archive"
                         r"|Collection|Index|Selected)\b")


# "Marx To Engels In Manchester": the sender before "to", one to three names.
_SENDER = re.compile(r"(?P<name>(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*)\s+[Tt]o\s+[A-Z]")


# "To:" or "From:" before the addressee or sender a title names.
_ADDRESSEE_LABEL = re.compile(r"((?:To|From|For|Re|Subject):)\s*")


# Words a wrapped title line ends or starts with; a new phrase does neither
# (it may start with an article: "A Letter from the Provinces").
_TITLE_LINKS = frozenset("and at by for from in of on or to with".split())  # noqa: SIM905


_ARTICLES = frozenset({"a", "an", "the"})


# A line holding only the document's number ("73", "1916 98"): the title follows.
_NUMBER_LINE = re.compile(r"[0-9][0-9/ .]*")


_BRACKETED = re.compile(r"\(.+\)|\[.+\]")


# A document's number before its title, on the title's line: with a full stop
# ("147. To the Editors"), after a year ("1916 98 To ..."), or joined to it
# ("1891/12 To ..."); a number with none of these is the title's ("20 Years of
# the Comintern", "1917 (Notes)").
_YEAR = r"(?:1[5-9]|20)[0-9]{2}"
_NUMBER_BEFORE_TITLE = re.compile(
    rf"(?:{_YEAR}\s+(?P<after_year>[0-9]{{1,4}})\.?\s+|(?P<joined>{_YEAR}/[0-9]{{1,4}})\.?\s+"
    rf"|(?P<stop>[0-9]{{1,4}})\.\s+)(?=[A-Z\[(\"“‘])(?P<rest>.*)")
# The same number on a line of its own ("147", "1916 98"); a year alone ("1905")
# is a date over the title, not its number.
_NUMBER_ALONE = re.compile(rf"(?:{_YEAR}\s+)?(?P<n>(?:{_YEAR}/)?[0-9]{{1,4}})\.?")


def head_content(title_lines: Sequence[tuple[int, str]]) -> Content | None:
    if not title_lines:
        return None
    text = " ".join(line for _, line in title_lines)
    content = split_markers(text, title_lines[0][0])
    first = content[0] if content else None
    label = _ADDRESSEE_LABEL.match(first) if isinstance(first, str) else None
    if isinstance(first, str) and label is not None:
        # "To: The Bureau of the Party": the label names what the words after it are.
        rest = first[label.end():]
        content = (Label(label.group(1)), *((" " + rest,) if rest else ()), *content[1:])
    # A title line holding only a marker is no title.
    return content if content_text(content).strip() else None


def split_subtitle(lines: Sequence[tuple[int, str]]
                    ) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The title lines and the subtitle lines: from the first line that does not
    continue the one above it ("The Famine and the Zemstvo" / "A Letter from the
    Provinces"; a date line; a line in brackets)."""
    for index in range(1, len(lines)):
        if not _continues_title(lines[index - 1][1], lines[index][1]):
            return list(lines[:index]), list(lines[index:])
    return list(lines), []


def _continues_title(above: str, line: str) -> bool:
    """A title wrapped over two lines: the line starts in lower case or with a
    small word ("of ...", "To a ..."), or the line above ends in one ("To the
    Society for"), a comma or a dash. A date line or a line in brackets never
    continues a title."""
    text, before = normalize_space(without_markers(line)), normalize_space(
        without_markers(above))
    if not text or not before:
        return True
    if _BRACKETED.fullmatch(text) or parse_date(text).is_understood \
            or dateline_date(text) is not None:
        return False
    first, last = text.split()[0], before.split()[-1]
    return (first[:1].islower() or first.casefold() in _TITLE_LINKS
            or last.casefold() in _TITLE_LINKS | _ARTICLES or before[-1] in ",-–—"
            or _NUMBER_LINE.fullmatch(before) is not None)


def _document_number(text: str, first_line: str) -> tuple[str | None, str]:
    """A number printed before the title ("147" on its own line, "147.",
    "1916 98": a year and the document's number in it) and the title without it."""
    alone = _NUMBER_ALONE.fullmatch(first_line)
    if alone is not None and not re.fullmatch(_YEAR, first_line) \
            and len(text) > len(first_line):
        return alone["n"], text[len(first_line):].strip()
    match = _NUMBER_BEFORE_TITLE.match(text)
    if match is None or not match["rest"]:
        return None, text
    return match["after_year"] or match["joined"] or match["stop"], match["rest"]


def header_title(head: Content | None, title_lines: Sequence[tuple[int, str]],
                 body: Sequence[Block], reporter: Reporter) -> Title:
    """The header title: the printed one without markers, or a supplied incipit."""
    if head is not None:
        span = Span(title_lines[0][0], title_lines[-1][0])
        # A number alone on the first line stands before the title as well.
        n, text = _document_number(normalize_space(content_text(head)),
                                   normalize_space(without_markers(title_lines[0][1])))
        return Title(text, supplied=False, span=span, n=n)
    first = next((block for block in iter_blocks(body) if isinstance(block, Paragraph)), None)
    words = [] if first is None else content_text(first.content).split()
    incipit = " ".join(words[:_INCIPIT_WORDS])
    text = (incipit + (" …" if len(words) > _INCIPIT_WORDS else "")) if incipit else "Untitled"
    reporter.warn("title-supplied", f"the source has no title; supplied '{text}'",
                  first.span.first_line if first else None)
    return Title(text, supplied=True)


def author_and_collection(line: str | None, title_lines: Sequence[tuple[int, str]],
                          body: Sequence[Block], reporter: Reporter
                          ) -> tuple[str | None, str | None]:
    """The author and the collection: the first line names the author, unless it
    names a collection ("Marx-Engels Correspondence 1869"); the author is then
    the sender a title names ("Marx To Engels"), or the letter's signature."""
    if line is None or not _COLLECTION.search(line):
        return line, None
    title = normalize_space(without_markers(" ".join(text for _, text in title_lines)))
    sender = _SENDER.match(title)
    author = sender["name"] if sender else signed_name(body)
    if author is None:
        reporter.warn("author-unknown", f"the first line names a collection ('{line}'), and "
                      "neither the title nor a signature names the author", 1)
    else:
        reporter.info("author-inferred", f"the first line names a collection ('{line}'); the "
                      f"author '{author}' is taken from the "
                      f"{'title' if sender else 'signature'}", 1)
    return author, line



def signed_name(body: Sequence[Block]) -> str | None:
    """The letter's last signature that holds a word ("Robert Hale"), as printed
    (its lines joined), or None when no closer is signed."""
    signed = [text for text in (normalize_space(content_text(part.content))
                                for block in iter_blocks(body) if isinstance(block, Closer)
                                for part in block.parts if part.kind is FormulaKind.SIGNED)
              if any(char.isalpha() for char in text)]
    return signed[-1] if signed else None
