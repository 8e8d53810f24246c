"""Who sent a letter to whom, and from where: what a page's title and letter
parts say of its correspondence, for ``correspDesc``.

A text is a letter when it closes as one (a signature or a valediction) or
opens with an address; a speech that only opens with "Comrades!" is not. A
letter's dateline dates it when no header field does (:func:`letter_creation`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tei_convert.diagnostics import Reporter
from tei_convert.model import (
    Block,
    Closer,
    Content,
    Correspondence,
    Creation,
    Formula,
    FormulaKind,
    LineBreak,
    Opener,
)
from tei_convert.transforms.content import content_text, iter_blocks
from tei_convert.values.names import is_organisation

# "Letter to Clara Zetkin", "To the Bureau", "Marx To Engels In Manchester":
# the addressee after "to", a name or "the ..." body.
_TO = re.compile(r"(?:^|\s)(?:[Tt]o):?\s+(?P<who>(?:the\s+)?[A-Z].*)$")
_NEXT_PHRASE = re.compile(r"\s+and\s+(?:a|an|the)\s+|\s+(?:on|about|concerning|regarding|with)\s+"
                          r"|[,:;(]")
_MAX_NAME_WORDS = 10
# "Engels in Manchester": where the addressee was, a capitalised place at the end.
_AT = re.compile(r"(?P<who>.+?)\s+(?:[Ii]n|[Aa]t)\s+(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)$")


def correspondence(title: str | None, author: str | None, body: Sequence[Block]
                   ) -> Correspondence | None:
    """The letter's sender, place, addressee; None when the text is no letter."""
    blocks = list(iter_blocks(body))
    parts = [part for block in blocks if isinstance(block, (Opener, Closer))
             for part in block.parts]
    if not _is_letter(blocks):
        return None
    addressee, received_at = _addressee(title or "", parts)
    return Correspondence(author, _place(parts), addressee, received_at,
                          addressee_is_person=addressee is None or _is_person(addressee))


def _is_letter(blocks: Sequence[Block]) -> bool:
    closes = any(part.kind in (FormulaKind.SIGNED, FormulaKind.SALUTE)
                 for block in blocks if isinstance(block, Closer) for part in block.parts)
    addressed = any(part.kind is FormulaKind.ADDRESS
                    for block in blocks if isinstance(block, Opener) for part in block.parts)
    return closes or addressed


def _place(parts: Sequence[Formula]) -> str | None:
    """The place before the date of the first dated dateline ("Petrograd,")."""
    for part in parts:
        if part.kind is FormulaKind.DATELINE and part.date is not None:
            text = content_text(part.content)
            place = text[:text.rfind(part.date.text)] if part.date.text in text else ""
            place = place.replace("[", "").replace("]", "").strip(" ,")
            return place or None
    return None


def _addressee(title: str, parts: Sequence[Formula]) -> tuple[str | None, str | None]:
    """Who the letter is to: the title's "to ...", else an opener line "To ..."."""
    match = _TO.search(title)
    if match is None:
        lines = [content_text(_first_line(part.content)) for part in parts
                 if part.kind is FormulaKind.ADDRESS]
        match = next((found for line in lines if (found := _TO.match(line.strip()))), None)
    if match is None:
        return None, None
    # "To V. V. Kuibyshev and a Draft Engagement ...": the name ends where the
    # title's next phrase begins.
    who = _NEXT_PHRASE.split(match["who"], maxsplit=1)[0].strip(" .,")
    if len(who.split()) > _MAX_NAME_WORDS:
        return None, None
    at = _AT.fullmatch(who)
    return (at["who"], at["place"]) if at else (who, None)


def _is_person(name: str) -> bool:
    """A person, not a body ("the Bureau of the Party", "Society for ...")."""
    return not name.startswith("the ") and not is_organisation(name)


def _first_line(content: Content) -> Content:
    """Inline content up to its first kept line break."""
    end = next((index for index, part in enumerate(content) if isinstance(part, LineBreak)),
               len(content))
    return content[:end]


def letter_creation(field: Creation | None, body: Sequence[Block], reporter: Reporter
                    ) -> Creation | None:
    """The creation date: the header field's, or, when the field gives no date
    ("Written: Berne") or there is none, the date of the letter's own dateline."""
    if field is not None and field.date.is_understood:
        return field
    dated = next((part for block in iter_blocks(body) if isinstance(block, (Opener, Closer))
                  for part in block.parts
                  if part.kind is FormulaKind.DATELINE and part.date is not None
                  and part.date.is_understood), None)
    if dated is None or dated.date is None:
        return field
    reporter.info("date-from-dateline", f"the creation date is the dateline's "
                  f"'{dated.date.text}'", dated.span.first_line)
    wording = None if field is None else field.date.text
    return Creation(field.label if field else "dateline", dated.date, dated.span,
                    wording=wording or None, from_dateline=True)
