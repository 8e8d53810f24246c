"""What a work's heading block says: its title, subtitle, date and field
lines; and which dates inside a work head its sections.

The printed lines of a heading are first joined where one runs on into the
next (a wrapped title, subtitle or field value); then the first joined line is
the title, the lines up to the first date or field line are the subtitle, and
a descriptor printed on the title's own line ("... Speech Delivered in ...",
"... Pravda Interview") starts the subtitle there. So a wrapped subtitle is
never taken for the date line, and a wrapped title is never split in two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tei_convert.input.text import FUNCTION_WORDS
from tei_convert.model import DateValue
from tei_convert.readers.volume_headings import date_line, field_line
from tei_convert.readers.volume_layout import Kind, Line, is_caps_heading
from tei_convert.values.dates import parse_date

_FULL_LINE = 0.8
"""A heading line this close to the printed width was wrapped, unless it ends
a sentence."""
_SENTENCE_END = ".!?"
_RUN_ON_WORDS = frozenset(
    "about and at by for from in into nor of on or than to with".split()  # noqa: SIM905
)
"""Words that carry on a phrase when they open a line ("To a Collection of ...")."""

# Names for a kind of text, and the words that say where or how it was given.
_KIND = r"(?:Speech|Speeches|Report|Address|Lecture|Statement|Article|Reply|Letter|Telegram" \
        r"|Message|Declaration|Resolution|Theses|Order|Interview)"
_GIVEN = r"(?:[Dd]elivered|[Mm]ade|[Rr]ead|[Gg]iven|[Pp]ublished|[Ww]ritten|[Ss]ent)"
_PLACE = r"(?:at|in|to|on|before|by|for|from)\b"
# "Speech Delivered in ...": plain enough to start a subtitle after any name.
_DESCRIPTOR = re.compile(rf"\b{_KIND}\s+{_GIVEN}\s+{_PLACE}")
# After a full stop, also "Speech at ...", "Article in ..." and a paper's
# interview or report ("Pravda Interview", "Ukrainian ROSTA Interview").
_DESCRIPTOR_AFTER_STOP = re.compile(
    rf"{_KIND}\s+(?:{_GIVEN}\s+)?{_PLACE}"
    r"|(?:[A-Z][\w.'’-]*\s+){1,3}(?:Interview|Report)\b[.)]?$")
_STOP = re.compile(rf"[{_SENTENCE_END}]\s+(?=[A-Z])")
_MIN_DATE_SECTIONS = 2
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’)]?(?:\s*\d{1,3})?$")
_MONTH_OR_NUMBER = re.compile(r"[^\W\d_]+|\d+")
_TITLE_PERIOD = re.compile(r"\(([^()]*\d{4}[^()]*)\)\s*$")


@dataclass(frozen=True)
class HeadingParts:
    """A heading's printed lines, by role."""

    title: tuple[Line, ...]
    subtitle: tuple[Line, ...]
    rest: tuple[tuple[Line, ...], ...]
    """The date and field lines after the title, each with the lines it wraps onto."""


def heading_parts(lines: Sequence[Line], width: int) -> HeadingParts:
    """Split a heading block into title, subtitle, and date and field lines."""
    groups = join_wrapped(lines, width)
    cut = next((i for i, group in enumerate(groups) if i and _is_date_or_field(group)),
               len(groups))
    title, subtitle = split_descriptor(groups[0]) if groups else ([], [])
    for group in groups[1:cut]:
        subtitle.extend(group)
    return HeadingParts(tuple(title), tuple(subtitle), tuple(tuple(g) for g in groups[cut:]))


def join_wrapped(lines: Sequence[Line], width: int) -> list[list[Line]]:
    """The heading's lines, with each line that runs on from the one before
    joined to it."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and continues(groups[-1][-1].text, line.text, width):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def continues(previous: str, text: str, width: int) -> bool:
    """True when the heading line ``text`` carries on the line ``previous``:
    it starts in lower case or with a word like "of" or "to" (not after a full
    stop), or the line before hangs on a word like "and", a comma or a dash,
    or was wrapped at full width; never a ``Field:`` line, and never a date
    line or a descriptor ("Izvestia Interview") after a line that could end."""
    if field_line(text) is not None:
        return False
    if text[:1].islower():
        return True
    last = previous.split()[-1]
    if last.lower() in FUNCTION_WORDS or previous.endswith(("-", "–", "—")):
        return True
    if starts_with_date(text) or _DESCRIPTOR_AFTER_STOP.match(text) or text.startswith("("):
        return False
    if previous.endswith(",") or (text.split()[0].lower() in _RUN_ON_WORDS
                                  and not previous.endswith(tuple(_SENTENCE_END))):
        return True
    return len(previous) >= width * _FULL_LINE and not previous.endswith(tuple(_SENTENCE_END))


def starts_with_date(text: str) -> bool:
    """True when ``text`` is a date line that opens with its date ("April 10,
    1919", "February-March 1918"), not with other words that name one."""
    first = text.split()[0].rstrip(",")
    opens = first.isdigit() or parse_date(f"{first} 1900").is_understood
    return opens and date_line(text) is not None


def split_descriptor(lines: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """The title's lines and the subtitle that a descriptor on them starts
    ("The Independence of Finland. Speech Delivered in ..."). A descriptor
    that opens the title is the title; one after a word like "the" is part of
    a phrase ("Comments on the Speech Delivered at ...")."""
    at = _descriptor_at(joined(lines))
    if at is None:
        return list(lines), []
    for index, line in enumerate(lines):
        if at <= len(line.text):
            before, after = line.text[:at].rstrip(), line.text[at:].lstrip()
            title = [*lines[:index], replace(line, text=before)] if before else list(lines[:index])
            if not after:
                return title, list(lines[index + 1:])
            return title, [replace(line, text=after, page_break_before=False), *lines[index + 1:]]
        at -= len(line.text) + 1
    return list(lines), []


def _descriptor_at(text: str) -> int | None:
    """Where a descriptor starts a subtitle inside ``text``, if one does."""
    for stop in _STOP.finditer(text):
        if _DESCRIPTOR_AFTER_STOP.match(text, stop.end()):
            return stop.end()
    for match in _DESCRIPTOR.finditer(text):
        if match.start() == 0:
            continue  # the descriptor is the title
        before = text[:match.start()].split()
        if before and before[-1][:1].isupper() and before[-1].lower() not in FUNCTION_WORDS:
            return match.start()
    return None


def _is_date_or_field(group: Sequence[Line]) -> bool:
    text = joined(group)
    return date_line(text) is not None or field_line(text) is not None


def joined(lines: Sequence[Line]) -> str:
    """The text of printed lines read as one."""
    return " ".join(line.text for line in lines)


def covered_period(parts: HeadingParts, *, back_matter: bool
                   ) -> tuple[HeadingParts, DateValue | None]:
    """The period a text says it covers, which is no date of writing: in
    brackets closing its title ("Biographical Chronicle (October, 1917 -
    1920)") or, in back matter, a date line that states a period ("January
    1919 - March 1920"), which then belongs to the subtitle."""
    for group in parts.rest if back_matter else ():
        value = None if field_line(joined(group)) else date_line(joined(group))
        if value is not None and is_period(value):
            rest = tuple(g for g in parts.rest if g is not group)
            return replace(parts, subtitle=parts.subtitle + group, rest=rest), value
    match = _TITLE_PERIOD.search(joined(parts.title))
    value = parse_date(match.group(1)) if match else None
    return parts, value if value is not None and value.is_understood else None


def is_period(value: DateValue) -> bool:
    """True when a date states a stretch of time ("January 1919 - March 1920")
    rather than a day, month or year."""
    return value.when is None and value.not_before is not None and value.not_after is not None


def date_sections(paragraphs: Sequence[str]) -> list[int]:
    """Which paragraphs head a work's sections by date: a date alone on its
    line between text that ends a sentence and more text, when two or more of
    one form stand in the work ("February-March 1918", "February-March 1919").
    One such line is a dateline; a date under a heading or a signature is an
    enclosed document's."""
    by_form: dict[str, list[int]] = {}
    for index, text in enumerate(paragraphs):
        before = paragraphs[index - 1] if index else None
        after = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if _heads_section(before, text, after):
            by_form.setdefault(_form(text), []).append(index)
    return sorted(i for found in by_form.values() if len(found) >= _MIN_DATE_SECTIONS
                  for i in found)


def opens_date_sections(date: Sequence[Line], body: Sequence[Line]) -> bool:
    """True when a heading's date line is the first of the work's date
    headings (:func:`date_sections`): two or more of its form follow."""
    text = joined(date)
    if not _heads_section(None, text, ""):
        return False
    texts = [line.text for line in body if line.kind is Kind.TEXT]
    return sum(1 for i in date_sections(texts) if _form(texts[i]) == _form(text)) \
        >= _MIN_DATE_SECTIONS


def _heads_section(before: str | None, text: str, after: str | None) -> bool:
    return (after is not None and is_date_heading(text) and not is_date_heading(after)
            and (before is None or (_ENDS_SENTENCE.search(before) is not None
                                    and not is_caps_heading(before))))


def is_date_heading(text: str) -> bool:
    """A date and nothing else, without a full stop ("February-March 1918")."""
    # The short tests first: most lines asked are running text, which neither
    # opens with a date word nor is short enough to be a date line.
    return (not text.endswith(".") and not text.isspace() and bool(text)
            and starts_with_date(text) and parse_date(text).is_understood)


def _form(text: str) -> str:
    """A date line's shape, its numbers and words apart ("February-March
    1918" and "April-May 1919" are "a-a 9")."""
    return _MONTH_OR_NUMBER.sub(lambda m: "9" if m.group().isdigit() else "a", text)
