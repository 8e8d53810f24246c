"""People and organisations in responsibility fields, and the roles the fields name."""

from __future__ import annotations

import re

from tei_convert.input.text import normalize_space
from tei_convert.model import Name

# Commas and semicolons separate people, except before a name suffix ("Smith, Jr.")
# or before the initials of an inverted name ("Cymbala, R."): those stay with the
# name in front of them.
_LIST_SEPARATOR = re.compile(
    r"""
    \ ?;\ ?
    | \ ?,\ (?:and|&|with)[ ]
    | \ ?,
      (?!\ ?(?:Jr|Sr|Esq|II|III|IV|Ph\.?\ ?D)\b)
      (?!\ ?(?:[A-Z]\.[\ -]?)+(?:$|[;,]|\ (?:and|&|with)\ ))
      \ ?
    """,
    re.VERBOSE,
)
# Only lower-case "and"/"with" separate: names are capitalised, so a capitalised
# "And" is more likely part of a title than a list.
_CONJUNCTION = re.compile(r" (?:and|&|with) ")
_ORGANISATION_WORD = re.compile(
    r"\b(?:Publishers?|Publishing|Press|Archives?|Institute|Society|Committee|Library"
    r"|Project|Team|Volunteers|University|Foundation|Association|Verlag|Ltd|Inc)\b",
    re.IGNORECASE,
)
# Words that stand where a name is not known; they are not names.
_PLACEHOLDER = re.compile(r"^(?:unknown|anonymous|not known|n/?a|none|\?+)$", re.IGNORECASE)
# A web address or a year after a name belongs to the credit, not the name:
# "Marxists Internet Archive (marxists.org) 1996".
# So is the site a team works at: "the Online Distributed Proofreading Team at
# https://www.pgdp.net".
_TRAILER = re.compile(r"(?:\s*\([^()]*\)|\s*,?\s*\b1\d{3}\b|\s*,?\s*\b20\d{2}\b"
                      r"|\s+at\s+(?:https?://|www\.)\S+)+$")
# A first name written out: capitalised, lower case after the first letter.
_FIRST_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
# Publishers whose names hold a conjunction but no organisation word.
_KNOWN_ORGANISATIONS = ("lawrence and wishart", "lawrence & wishart")

# First match wins, so a combined label takes its principal role: for
# "Transcription\Markup" the transcriber also did the markup, but the
# transcription is the work the credit is mainly for, hence "trc".
_ROLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"translat", re.IGNORECASE), "trl"),
    (re.compile(r"transcri", re.IGNORECASE), "trc"),
    (re.compile(r"proof", re.IGNORECASE), "pfr"),
    (re.compile(r"\bedit(?:ed|or|ors|ing)?\b", re.IGNORECASE), "edt"),
    # Whoever put the online version up published the text in that form.
    (re.compile(r"online version", re.IGNORECASE), "pbl"),
    # A conversion is a credit for the electronic encoding: markup editing.
    (re.compile(r"mark-?up|\bhtml\b|convert", re.IGNORECASE), "mrk"),
)
OTHER_ROLE = "oth"
"""The MARC relator code for a label we cannot map."""


def split_names(text: str) -> tuple[Name, ...]:
    """Split a responsibility field value into the people and organisations it names."""
    names: list[Name] = []
    for chunk in _LIST_SEPARATOR.split(normalize_space(text)):
        parts = _CONJUNCTION.split(chunk)
        # An organisation's own name may hold "and" ("Institute of Marxism and
        # Leninism"), so a chunk that opens with one stays whole; a person
        # named first ("Unknown & Progress Publishers") still splits.
        if is_organisation(parts[0]) or _is_known_organisation(chunk) or (len(parts) == 1 \
                and is_organisation(chunk)):
            names.append(Name(chunk, is_person=False))
        else:
            people = _shared_surname([part for part in parts if part])
            names.extend(Name(part, is_person=not is_organisation(part)) for part in people)
    cleaned = (Name(_TRAILER.sub("", name.text) or name.text, name.is_person) for name in names)
    return tuple(name for name in cleaned
                 if any(c.isalpha() for c in name.text) and not _PLACEHOLDER.match(name.text))


def _shared_surname(parts: list[str]) -> list[str]:
    """"Eden and Cedar Paul" names two people called Paul: a lone first name
    before the conjunction takes the surname of the full name after it."""
    if len(parts) != 2 or is_organisation(parts[1]) or _PLACEHOLDER.match(parts[0]):
        return parts
    first, second = parts[0].split(), parts[1].split()
    if len(first) == 1 and len(second) == 2 and all(_FIRST_NAME.fullmatch(w) for w in
                                                    (*first, second[0])):
        return [f"{first[0]} {second[1]}", parts[1]]
    return parts


def is_organisation(text: str) -> bool:
    """True when ``text`` reads as a publisher, archive or other body, not a person."""
    return _is_known_organisation(text) or _ORGANISATION_WORD.search(text) is not None


def _is_known_organisation(text: str) -> bool:
    folded = text.casefold()
    return any(known in folded for known in _KNOWN_ORGANISATIONS)


def role_for_label(label: str) -> str:
    """The MARC relator code for a responsibility field label; ``"oth"`` if unknown."""
    for pattern, role in _ROLES:
        if pattern.search(label):
            return role
    return OTHER_ROLE


def is_responsibility_label(label: str) -> bool:
    """True when ``label`` names a responsibility we map to a specific role."""
    return role_for_label(label) != OTHER_ROLE
