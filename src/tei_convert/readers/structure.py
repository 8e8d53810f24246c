"""Recognising the parts of a text: letter openers and closers, numbered lists.

The rules look only at the shape of a block (length, final punctuation,
capitalisation, whether it is a date), never at particular wording, so they
carry over to texts the tool has not seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tei_convert.model import (
    Block,
    Closer,
    Content,
    DateValue,
    Formula,
    FormulaKind,
    ItemList,
    ListItem,
    Opener,
    Paragraph,
    Postscript,
    Span,
)
from tei_convert.readers.blocks import RawBlock
from tei_convert.transforms.content import strip_leading
from tei_convert.transforms.notes import split_markers
from tei_convert.values.dates import find_dates, parse_date

# A periodical, its issue number and a date: "Pravda, No. 108, June 1, 1918".
_PUBLICATION = re.compile(r"^\(?[A-Z][^,.()]{1,50}(?:\([^()]*\))?,?\s+Nos?[.,]?\s*\d+")
_ITEM = re.compile(r"^\(?(\d{1,3})[.)]\s+(\S.*)$", re.DOTALL)
_ITEM_LABEL = re.compile(r"^\s*\(?\d{1,3}[.)]\s*")
_PLACE_PREFIX = re.compile(r"^(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2},\s*)?$")
_MINOR_WORDS = frozenset(
    "a an and at by de du for in la le of on the to van von with".split()  # noqa: SIM905
)
# Words that open a valediction in English letters.
_VALEDICTION = re.compile(
    r"^(?:With|Yours|Your|Ever|Sincerely|Faithfully|Fraternally|Cordially|Respectfully"
    r"|Best|Kind|Warm|Warmest|Affectionately|Greetings)\b")
_MAX_FORMULA_WORDS = 10
_MAX_SALUTE_WORDS = 8
_MAX_POSTSCRIPT_BLOCKS = 2


def dateline_date(text: str) -> DateValue | None:
    """The date of a dateline ("October 20, 1922", "Moscow, May 1, 1920"), else None."""
    if len(text.split()) > _MAX_SALUTE_WORDS:
        return None
    body = text.rstrip(" .")
    for match in find_dates(body):
        if match.end == len(body) and _PLACE_PREFIX.match(body[: match.start]):
            return match.value
    return None


def publication_line(text: str) -> DateValue | None:
    """The date of a publication line ("Pravda, No. 108, June 1, 1918"), else None."""
    if len(text.split()) > _MAX_FORMULA_WORDS + 2 or not _PUBLICATION.match(text):
        return None
    body = text.rstrip(" .)")
    pieces = body.split(", ")
    # The date is the tail of the line; read it whole, so "November 6 and
    # 19, 1918" keeps both days.
    for start in range(1, len(pieces)):
        value = parse_date(", ".join(pieces[start:]))
        if value.is_understood:
            return value
    matches = find_dates(body)
    return matches[-1].value if matches and matches[-1].end == len(body) else None


def is_salute(text: str) -> bool:
    """A short address ending in a comma or exclamation ("Dear Comrades,")."""
    words = text.split()
    return (
        0 < len(words) <= _MAX_SALUTE_WORDS
        and text[-1] in ",!"
        and text[0].isupper()
        and ". " not in text
    )


def is_signature(text: str) -> bool:
    """A short capitalised line without sentence punctuation: a name or office."""
    words = text.split()
    if not 0 < len(words) <= _MAX_FORMULA_WORDS or text[-1] in ",:;?!":
        return False
    significant = [w.strip("()[]\"'“”‘’") for w in words if w.lower() not in _MINOR_WORDS]
    return any(w[:1].isalpha() for w in significant) and all(
        w[:1].isupper() or not w[:1].isalpha() for w in significant if w
    )


def _marked_content(block: RawBlock) -> Content:
    return split_markers(block.text, block.span.first_line)


ContentOf = Callable[[RawBlock], Content]
"""How a reader turns a block into inline content (its own note markers...)."""


def build_body(blocks: Sequence[RawBlock], *, content: ContentOf = _marked_content,
               letter: bool = True) -> tuple[Block, ...]:
    """Turn the body's blocks into opener, paragraphs, lists, closer and postscript.

    With ``letter=False`` (a chronicle, an index) only paragraphs and lists:
    a date line there heads an entry, it does not close a letter.
    """
    build = _Builder(content)
    if not letter:
        return tuple(build.running_text(blocks))
    texts = [block.text for block in blocks]
    start = _opener_length(texts)
    result: list[Block] = []
    if start:
        result.append(Opener(build.formulas(blocks[:start], closing=False),
                             _span(blocks[:start])))
    closer = _find_closer(texts, start)
    end = len(blocks) if closer is None else closer[0]
    result.extend(build.running_text(blocks[start:end]))
    if closer is not None:
        first, last = closer
        closing = blocks[first:last]
        result.append(Closer(build.formulas(closing, closing=True), _span(closing)))
        if last < len(blocks):
            rest = blocks[last:]
            result.append(Postscript(tuple(build.running_text(rest)), _span(rest)))
    return tuple(result)


def _opener_length(texts: Sequence[str]) -> int:
    """How many leading blocks are datelines or salutations (at most 3)."""
    count = 0
    while count < min(3, len(texts) - 1) and (
        dateline_date(texts[count]) is not None or is_salute(texts[count])
    ):
        count += 1
    return count


def _find_closer(texts: Sequence[str], start: int) -> tuple[int, int] | None:
    """Where the closer is, as (first, end) block indexes, or None.

    A closing salutation ("With communist greetings,") after the first
    paragraph opens a closer wherever it stands, together with the closing
    salutations and signatures right before it ("With greetings," / "Yours,"
    / "A. B." / "Zurich," over a date). Without one, a run of
    signature or dateline blocks closes the letter only near the end: at
    most two blocks may follow it, and they become a postscript.
    """
    for index in range(len(texts) - 1, start, -1):
        if _is_closing_salute(texts[index]) and _closes_here(texts, index):
            first = index
            while first - 1 > start and (_is_closing_salute(texts[first - 1])
                                         or _is_closing_formula(texts[first - 1])):
                first -= 1
            return first, _formula_run_end(texts, index + 1)
    for end in range(len(texts), max(start, len(texts) - _MAX_POSTSCRIPT_BLOCKS - 1), -1):
        first = end
        while first - 1 > start and _is_closing_formula(texts[first - 1]):
            first -= 1
        if first < end and not any(_is_closing_formula(t) for t in texts[end:]):
            return first, end
    return None


def _closes_here(texts: Sequence[str], index: int) -> bool:
    """A comma-ended address closes a letter when a valediction word opens it
    ("With greetings,", "Yours,"), when a signature or date follows it, or when
    it stands at the very end; "Comrades," before a speech does none of these."""
    following = texts[index + 1:]
    return (_VALEDICTION.match(texts[index]) is not None or not following
            or _is_closing_formula(following[0]))


def _is_closing_salute(text: str) -> bool:
    return is_salute(text) and text.endswith(",")


def _formula_run_end(texts: Sequence[str], index: int) -> int:
    while index < len(texts) and _is_closing_formula(texts[index]):
        index += 1
    return index


def _is_closing_formula(text: str) -> bool:
    return (is_signature(text) or dateline_date(text) is not None
            or publication_line(text) is not None)


class _Builder:
    """Makes model nodes from blocks, with the reader's way of reading content."""

    def __init__(self, content: ContentOf) -> None:
        self.content = content

    def formulas(self, blocks: Sequence[RawBlock], *, closing: bool) -> tuple[Formula, ...]:
        parts: list[Formula] = []
        for block in blocks:
            formula = self._formula(block, closing=closing)
            if parts and formula.kind is FormulaKind.DATELINE and _is_place(parts[-1]):
                # "Tsaritsyn," over "July 10, 1918" is one dateline.
                place = parts.pop()
                formula = Formula(FormulaKind.DATELINE, (*place.content, " ", *formula.content),
                                  Span(place.span.first_line, formula.span.last_line),
                                  formula.date)
            parts.append(formula)
        return tuple(parts)

    def _formula(self, block: RawBlock, *, closing: bool) -> Formula:
        text = block.text
        date = dateline_date(text)
        kind = FormulaKind.DATELINE
        if date is None and (date := publication_line(text)) is not None:
            kind = FormulaKind.PUBLICATION
        elif date is None:
            salute = is_salute(text) and (not closing or text.endswith(","))
            kind = FormulaKind.SALUTE if salute else FormulaKind.SIGNED
        return Formula(kind, self.content(block), block.span, date)

    def running_text(self, blocks: Sequence[RawBlock]) -> list[Paragraph | ItemList]:
        """Paragraphs, with runs of consecutively numbered blocks made into lists."""
        result: list[Paragraph | ItemList] = []
        index = 0
        while index < len(blocks):
            run = _numbered_run(blocks, index)
            if len(run) >= 2:
                items = tuple(self._item(blocks[index + n], n_label)
                              for n, n_label in enumerate(run))
                result.append(ItemList(items, _span(blocks[index: index + len(run)])))
                index += len(run)
            else:
                block = blocks[index]
                result.append(Paragraph(self.content(block), block.span))
                index += 1
        return result

    def _item(self, block: RawBlock, label: str) -> ListItem:
        content = strip_leading(self.content(block), _ITEM_LABEL)
        return ListItem(label, content, block.span)


def _is_place(formula: Formula) -> bool:
    """A line that only names a place before a date: "Tsaritsyn," "Moscow,"."""
    text = "".join(part for part in formula.content if isinstance(part, str))
    return formula.kind is FormulaKind.SALUTE and _PLACE_PREFIX.match(text) is not None \
        and bool(text.strip())


def _numbered_run(blocks: Sequence[RawBlock], index: int) -> list[str]:
    """Labels of the consecutive blocks numbered n, n+1, n+2... from ``index``."""
    labels: list[str] = []
    expected: int | None = None
    # By position, not blocks[index:]: a copy of the rest at every block was
    # quadratic in a page of many blocks.
    for position in range(index, len(blocks)):
        match = _ITEM.match(blocks[position].text)
        if match is None or (expected is not None and int(match.group(1)) != expected):
            break
        expected = int(match.group(1)) + 1
        labels.append(match.group(1))
    return labels


def _span(blocks: Sequence[RawBlock]) -> Span:
    return Span(blocks[0].span.first_line, blocks[-1].span.last_line)
