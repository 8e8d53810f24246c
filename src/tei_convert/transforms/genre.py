"""The pass that names a document's genre (letter, telegram, speech...), for
``textClass``: from the words of its title or subtitle that name a kind of
text, the header field that dates it ("Wired:", "Delivered:"), and whether it
has the parts of a letter. A document none of these speak for gets no genre: the tool
does not guess one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tei_convert.diagnostics import Reporter
from tei_convert.model import Document

# Title words that name a kind of text, most specific first: "Telegram to the
# Council" is a telegram before it is a letter ("to ...").
_TITLE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (genre, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for genre, words in (
        ("telegram", "telegrams?|telegraphed"),
        ("telephone message", "telephone messages?|telephonograms?"),
        ("speech", "speech|speeches|address to|lecture|toast"),
        ("interview", "interview"),
        ("report", "report"),
        ("resolution", "resolutions?|decree|theses"),
        ("letter", "letters?|note to|notes to|open letter|postcard"),
        ("article", "article"),
    ))
_PUNCTUATION = " .,;:()[]\"'“”‘’"
# The field that dates a text says how it came to be.
_CREATION_LABELS = {"wired": "telegram", "telegraphed": "telegram", "delivered": "speech"}


def name_genre(document: Document, reporter: Reporter) -> Document:  # noqa: ARG001 (a pass)
    """The document with its genre in the header, when the text says one."""
    genre = genre_of(document)
    if genre is None or genre == document.header.genre:
        return document
    return replace(document, header=replace(document.header, genre=genre))


def genre_of(document: Document) -> str | None:
    """The genre the title, the creation field or the letter parts name."""
    header = document.header
    if not header.title.supplied:
        for genre, words in _TITLE_WORDS:
            if words.search(header.title.text):
                return genre
        # A subtitle says what kind of text the title names where it opens or
        # ends with the kind ("Speech Delivered in ...", "Pravda Interview"),
        # not where it mentions one ("(In Reference to the Theses of ...)").
        subtitle = header.title.subtitle or ""
        for genre, words in _TITLE_WORDS:
            found = [match.span() for match in words.finditer(subtitle)]
            if found and (not subtitle[:found[0][0]].strip(_PUNCTUATION)
                          or not subtitle[found[-1][1]:].strip(_PUNCTUATION)):
                return genre
    if header.creation is not None:
        label = _CREATION_LABELS.get(header.creation.label.casefold())
        if label is not None:
            return label
    return "letter" if header.correspondence is not None else header.genre
