"""What one line of a letter is: a dateline, a salutation, a valediction, a
signature, an address line, or a line of a block set in lines.

Each test reads the shape of a line (its length, its last mark, its capitals,
whether it ends in a date), never a particular wording beyond the few words
that name a valediction or a greeting, so the rules carry over to texts the
tool has not seen. :mod:`tei_convert.readers.structure` puts the lines together
into openers and closers.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from tei_convert.input.text import more_words_than, normalize_space
from tei_convert.model import DateValue
from tei_convert.transforms.notes import without_markers
from tei_convert.values.dates import find_dates, parse_date

# A periodical, its issue number and a date: "Pravda, No. 108, June 1, 1918".
_PUBLICATION = re.compile(r"^\(?[A-Z][^,.()]{1,50}(?:\([^()]*\))?,?\s+Nos?[.,]?\s*\d+")


# The editors' statement of where a text was first printed or taken from; not
# a printer's imprint ("Printed and published by ...", "Published by ...").
_PUBLISHED = re.compile(
    r"^(?:(?:First|Originally) (?:published|printed)\b|(?:Published|Reprinted|Reproduced)\b"
    r"(?! by\b))")


# A book: an author's name, its parts, and a year ("J. Stalin, Collection of
# Articles, State Publishing House, Tula, 1920").
_BIBLIOGRAPHY = re.compile(
    r"^(?:[A-Z]\.\s?)+[A-Z][\w'’-]+(?:, [^,]+){2,}, (?:1[5-9]|20)\d\d\.?$")


# A book has at least three parts between the author and the year, or a part
# of at least three words (a title): "J. Stalin, Moscow, 1920" is no book.
_MIN_BOOK_PARTS = 3
_MIN_TITLE_WORDS = 3


_MAX_PUBLICATION_WORDS = 24


# The days of several issues of one month: "March 18, 21, 23 and 24, 1920".
_DAYS = re.compile(r"^(?P<month>[A-Z][a-z]+\.?) (?P<first>\d{1,2})(?:, \d{1,2})*"
                   r",? and (?P<last>\d{1,2}), (?P<year>\d{4})$")


_MAX_OFFICE_WORDS = 12
_MAX_NAME_WORDS = 4
_MAX_LABEL_WORDS = 2


# What opens the line of a body that signs for others: "On behalf of the Council".
_ON_BEHALF = re.compile(r"^(?:On|In) (?:behalf|the name) of ")


# The editors' "Signed:" before the name a text was printed over.
_SIGNED_LABEL = re.compile(r"^Signed\b\s*:?\s*")


_POSSESSIVE = re.compile(r"\w(?:['’]s|s['’])$")


_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*[a-z]\b")


# A place before a date: up to three parts of up to four capitalised words,
# with the small words of place names between them ("Fortress of Kalnitz",
# "Frankfurt am Main", "Milan, Judicial Prison of San Vittore,", "Lille, Tuesday,").
_PLACE_PREFIX = re.compile(
    r"^(?:(?:[A-Z][\w.'’-]*(?: (?:(?:of|on|upon|am|an|der|de|di|la|le|sur|near|bei) )?"
    r"[A-Z][\w.'’-]*){0,3},\s*){1,3})?$")


# The same parts after a date, the first set off by a space or a comma.
_PLACE_AFTER = re.compile(
    r"^,?\s+[A-Z][\w.'’-]*(?: (?:(?:of|on|upon|am|an|der|de|di|la|le|sur|near|bei) )?"
    r"[A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}){0,2}$")


# The hour after a date: "3 a. m.", "8 p.m.", "11.30 p. m.".
_HOUR = re.compile(r",?\s*\d{1,2}(?:[.:]\d{2})?\s*[ap]\.\s?m\b\.?$")


# The editors' word for when a text was written, before its date.
_WRITTEN = re.compile(r"^(?:Written|Dictated)(?: (?:in|on|at|about|not later than))?\s+$")


_MINOR_WORDS = frozenset(
    "a an and at by de du for in la le of on the to van von with".split()  # noqa: SIM905
)


# Words that open a valediction in English letters.
_VALEDICTION = re.compile(
    r"^(?:With|Yours|Your|Ever|Sincerely|Faithfully|Fraternally|Cordially|Respectfully"
    r"|Best|Kind|Warm|Warmest|Affectionately|Greetings)\b")


_DEAR = re.compile(r"(?:My )?[Dd]ear\b")
_VALEDICTION_ANY_CASE = re.compile(_VALEDICTION.pattern, re.IGNORECASE)


# The nouns of a closing greeting, wherever they stand ("Fraternal greetings").
_GREETING = re.compile(r"\b(?:greetings?|regards|wishes|salutations?)\b", re.IGNORECASE)


_MAX_FORMULA_WORDS = 10


_MAX_SALUTE_WORDS = 8


_MAX_DATELINE_WORDS = 12


_MAX_VALEDICTION_WORDS = 16


_MAX_COLON_SALUTE_WORDS = 5


# A full stop after a word ends a sentence; after an initial ("A. B."), a
# title ("Mr.", "Dr.") or a capitals abbreviation ("C.P.C.") it does not.
_SENTENCE_BREAK = re.compile(
    r"\b(?!(?:Mr|Mrs|Ms|Dr|St|Prof|Messrs|Jr|Sr)\.)(?=\w*[a-z])\w{2,}[.?!] ")


# Lines of at most this many characters are not wrapped prose.
_SHORT_LINE = 40


_SHORT_SHARE = 0.75
_NARROW_PROSE_LINES = 4


_MAX_ADDRESS_WORDS = 8


# "Urgent." "Priority." "By direct wire.": short routing lines may end in a stop.
_MAX_ROUTING_WORDS = 3


# The last word of a line is an abbreviation: initials or a short capitalised word.
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b[A-Z][a-z]{0,3}\.)$")


# "To Comrade Stalin": a line naming who a note or telegram is for.
_ADDRESSEE = re.compile(r"To [A-Z]")


@lru_cache(maxsize=8192)
def dateline_date(text: str) -> DateValue | None:
    """The date of a dateline ("October 20, 1922", "Moscow, May 1, 1920",
    "[Paris,] 3 May 1871", "Geneva, 12 March [1905]"), else None.

    An editor's brackets around the place or a part of the date are read
    through; the date's wording keeps them, as the source prints it. The hour
    may follow the date ("Vyatka, January 5, 1919, 8 p. m."), the place may
    follow it ("August 25, 1920 Moscow, The Kremlin"), and the editors may
    say when the text was written ("Written in July 1920").
    """
    if more_words_than(text, _MAX_DATELINE_WORDS):
        return None
    plain, where = _unbracketed(text)
    body = plain.rstrip(" .")
    hour = _HOUR.search(body)
    dated = body[:hour.start()] if hour else body
    found = [(match.start, match.end, match.value) for match in find_dates(dated)
             if match.end == len(dated) and (_PLACE_PREFIX.match(dated[: match.start])
                                             or _WRITTEN.match(dated[: match.start]))]
    if not found:
        found = _month_day(dated) or _place_after(dated)
    if not found:
        return None
    start, end, value = found[0]
    first, last = where[start], where[end - 1] + 1
    while first > 0 and text[first - 1] == "[":
        first -= 1
    while last < len(text) and text[last] == "]":
        last += 1
    return replace(value, text=text[first:last])


def _month_day(body: str) -> list[tuple[int, int, DateValue]]:
    """A day and a month with no year after the place ("Berlin, November 10"),
    which running text would not take for a date."""
    cut = body.rfind(",") + 1
    rest = body[cut:].strip()
    value = parse_date(rest)
    if not rest or value.when is None or not value.when.startswith("--") \
            or not _PLACE_PREFIX.match(body[:cut]):
        return []
    return [(len(body) - len(rest), len(body), value)]


def _place_after(body: str) -> list[tuple[int, int, DateValue]]:
    """A whole date first, then the place ("August 25, 1920 Moscow, The Kremlin")."""
    match = next(iter(find_dates(body)), None)
    if match is None or match.start or len(match.value.when or "") < len("YYYY-MM-DD") \
            or not _PLACE_AFTER.match(body[match.end:]):
        return []
    return [(0, match.end, match.value)]


def _unbracketed(text: str) -> tuple[str, list[int]]:
    """``text`` without square brackets, and where each kept character stood."""
    where = [index for index, char in enumerate(text) if char not in "[]"]
    return "".join(text[index] for index in where), where


def publication_line(text: str) -> DateValue | None:
    """The date of a publication line ("Pravda, No. 108, June 1, 1918"), else None."""
    if more_words_than(text, _MAX_FORMULA_WORDS + 2) or not _PUBLICATION.match(text):
        return None
    return _ending_date(text)


def _ending_date(text: str) -> DateValue | None:
    """The date that ends a line naming an issue, or None."""
    body = text.rstrip(" .)")
    pieces = body.split(", ")
    # The date is the tail of the line; read it whole, so "November 6 and
    # 19, 1918" keeps both days; but a date the tail cuts ("No. 108 of June 1,
    # 1918") is found in the line, and the longer reading wins.
    tail = next((value for start in range(1, len(pieces))
                 if (value := _issue_date(", ".join(pieces[start:]))).is_understood), None)
    matches = find_dates(body)
    found = matches[-1].value if matches and matches[-1].end == len(body) else None
    if tail is None or (found is not None and len(found.text) > len(tail.text)):
        return found
    return tail


def _issue_date(text: str) -> DateValue:
    """A date as an issue line gives it; the days of several issues of one month
    ("March 18, 21, 23 and 24, 1920") are read as the span from the first to the last."""
    value = parse_date(text)
    days = _DAYS.match(text)
    if value.is_understood or days is None:
        return value
    span = parse_date(f"{days['month']} {days['first']} and {days['last']}, {days['year']}")
    return replace(span, text=text) if span.is_understood else value


def opens_publication(text: str) -> bool:
    """A line that names where a text was printed, or begins to: an issue of a
    periodical ("Pravda, No. 53,"), the editors' statement of its first printing
    ("First published in ...", "Published for the first time", "Reproduced from
    ..."), or a book it was printed in ("J. Stalin, Collection of Articles, State
    Publishing House, Tula, 1920")."""
    if not text or more_words_than(text, _MAX_PUBLICATION_WORDS):
        return False
    return (_PUBLICATION.match(text) is not None or _PUBLISHED.match(text) is not None
            or _is_bibliography(text))


def opens_issue(text: str) -> bool:
    """A line that opens with a periodical and its issue number ("Revolutsia, No. 3")."""
    return _PUBLICATION.match(text) is not None


def _is_bibliography(text: str) -> bool:
    """An author's name, a title and publisher in two parts or more, and a year."""
    if _BIBLIOGRAPHY.match(text) is None:
        return False
    middle = text.rstrip(".").split(", ")[1:-1]
    return len(middle) >= _MIN_BOOK_PARTS or any(len(part.split()) >= _MIN_TITLE_WORDS
                                                 for part in middle)


def publication_date(text: str) -> DateValue | None:
    """The date of a publication ``text`` (see :func:`opens_publication`): the
    date that ends it, or for a statement or a book, the last date in it
    ("First published in 1945, in Lenin Miscellany, XXXV"); None when it names
    none ("Published for the first time")."""
    value = _ending_date(text)
    if value is None and not _PUBLICATION.match(text):
        matches = find_dates(text)
        value = matches[-1].value if matches else None
    return value


def is_salute(text: str) -> bool:
    """A short address: ending in a comma or exclamation ("Dear Comrades,",
    "Dear A. B.,"), or a name or title ending in a colon ("Dear Comrade Kovacs:",
    "Ivan Petrovich:")."""
    words = text.split()
    if not (0 < len(words) <= _MAX_SALUTE_WORDS and text[0].isupper()) \
            or _SENTENCE_BREAK.search(text):
        return False
    if text[-1] in ",!":
        return True
    # A colon also ends a label in running text ("the following:"); a salutation
    # is a name or a title of at most five capitalised words ("Sokolovsky:"), or
    # opens with the salutation's own word ("My dear friends:").
    return text[-1] == ":" and len(words) <= _MAX_COLON_SALUTE_WORDS \
        and (_all_capitalised(words) or _DEAR.match(text) is not None)


def is_lone_word_salute(text: str) -> bool:
    """A salutation of one word and a colon ("Sokolovsky:"): a label ("Resolved:",
    "Note:") has the same shape, so it opens only a text that closes as a letter."""
    return text.endswith(":") and len(text.split()) == 1


def _all_capitalised(words: Sequence[str]) -> bool:
    significant = [w.strip("()[]\"'“”‘’") for w in words if w.lower() not in _MINOR_WORDS]
    return any(w[:1].isalpha() for w in significant) and all(
        w[:1].isupper() or not w[:1].isalpha() for w in significant if w
    )


def is_signature(text: str) -> bool:
    """A short capitalised line without sentence punctuation: a name or office."""
    words = text.split()
    if not 0 < len(words) <= _MAX_FORMULA_WORDS or text[-1] in ",:;?!":
        return False
    return _all_capitalised(words)


def is_office_line(text: str) -> bool:
    """A line that may stand above the name in a signature: an office or the body
    that signs, which may run on to the next line ("People's Commissar", "Member
    of the Bureau of the Central Committee,", "Peoples Commissar &", "The
    Commission:", "On behalf of the Council of People's Commissars")."""
    words = text.split()
    if not 0 < len(words) <= _MAX_OFFICE_WORDS or ends_sentence(text):
        return False
    body = text.rstrip(",:&").rstrip()
    rest = _ON_BEHALF.sub("", body)
    return bool(rest) and text[0].isupper() and _all_capitalised(rest.split())


def is_name_line(text: str, common: Collection[str]) -> bool:
    """A line that names who signs ("J. Stalin", "Voroshilov", "Signed: J.
    Stalin"): up to four capitalised words, no small word, no possessive
    ("People's Commissar"), and not only words the text also uses in lower case
    (``common``, as "editorial" or "chairman"), which make an office or a label."""
    body = _SIGNED_LABEL.sub("", text).rstrip(".")
    words = body.split()
    if not 0 < len(words) <= _MAX_NAME_WORDS or text[-1] in ",:;&!?":
        return False
    if any(word.lower() in _MINOR_WORDS or _POSSESSIVE.search(word) for word in words):
        return False
    named = [word.strip(".").lower() for word in words if len(word.strip(".")) > 1]
    if named and all(word in common for word in named):
        return False
    return all(word[:1].isupper() for word in words)


def is_label(text: str, common: Collection[str]) -> bool:
    """One or two words with no mark that the text also uses in lower case: a
    label such as "Editorial" under a publication line, no one's name."""
    words = text.split()
    return 0 < len(words) <= _MAX_LABEL_WORDS and text[0].isupper() and text[-1].isalpha() \
        and all(word.lower() in common for word in words)


def lower_case_words(texts: str | Iterable[str]) -> frozenset[str]:
    """The words a text (or ``texts``) writes in lower case: what is a common
    word in it."""
    if isinstance(texts, str):
        texts = (texts,)
    # Gathered a text at a time: a list of every word of a large volume would
    # take several times its size.
    found: set[str] = set()
    for text in texts:
        found.update(_LOWER_WORD.findall(text))
    return frozenset(found)


def is_set_in_lines(lines: Sequence[str]) -> bool:
    """True when a block's line ends are meant (an address, a verse, a
    telegram's timed lines), not where running prose was wrapped.

    Wrapped prose fills each line until the next word no longer fits; a block
    of short lines, or one where a line leaves room for the next line's first
    word, was broken by its author.
    """
    widths = [len(normalize_space(line)) for line in lines]
    if len(widths) < 2:
        return False
    longest = max(widths)
    if longest <= _SHORT_LINE:
        # Short lines: an address or a verse, unless most of several lines run on
        # from the line above in lower case, as prose set in a narrow column does.
        continued = sum(1 for line in lines[1:] if line.strip()[:1].islower())
        return len(lines) < _NARROW_PROSE_LINES or continued * 2 < len(lines) - 1
    for width, following in zip(widths, lines[1:], strict=False):
        first = following.split()
        # A wrap by hand is not always greedy: a line counts as broken short only
        # when it also leaves a quarter of the measure empty.
        if first and width + 1 + len(first[0]) <= longest and width <= longest * _SHORT_SHARE:
            return True
    return False


def is_opener_line(line: str) -> bool:
    """A line that may stand above a salutation: a dateline, or a short line
    that is not a sentence (an address, a telegram's routing: "By direct line")."""
    words = line.split()
    if dateline_date(line) is not None:
        return True
    # "(Applause.)" before "Comrades!" is a stage direction, not an address.
    return 0 < len(words) <= _MAX_ADDRESS_WORDS and not line.startswith("(") and (
        not ends_sentence(line) or len(words) <= _MAX_ROUTING_WORDS)


def ends_sentence(line: str) -> bool:
    """A final stop, not one of an abbreviation ("N.W.", "Ave.", "Wash.")."""
    return line[-1:] in tuple("?!;") or (line.endswith(".")
                                         and _ABBREVIATION.search(line) is None)


def is_formula_line(text: str) -> bool:
    return is_salute(text) or is_valediction(text) or is_closing_line(text)


def is_valediction(text: str) -> bool:
    """A valediction: a short line ending in a comma that is no office of
    capitalised words ("Yours with respect,", "till we meet, dear friend,"; not
    "Secretary of the Committee,"), a longer greeting ending in a comma
    ("Fraternal greetings to you and to the comrades of the valley,"), or a line
    opening with a valediction word or naming a greeting, with no comma
    ("Your faithful", "Fraternal greetings")."""
    # Every valediction is short: a paragraph is no one, whole.
    if more_words_than(text, max(_MAX_SALUTE_WORDS, _MAX_VALEDICTION_WORDS)):
        return False
    words = text.split()
    if not words or _SENTENCE_BREAK.search(text):
        return False
    opens = _VALEDICTION_ANY_CASE.match(text) is not None
    if text.endswith(","):
        limit = _MAX_SALUTE_WORDS if not text[0].isupper() else _MAX_VALEDICTION_WORDS
        return len(words) <= limit and (opens or not _all_capitalised(words))
    named = opens or _GREETING.search(text) is not None
    return named and "," not in text and len(words) <= _MAX_SALUTE_WORDS \
        and not ends_sentence(text) and text[-1] != ":"


def is_closing_line(text: str) -> bool:
    return (is_signature(text) or dateline_date(text) is not None
            or publication_line(text) is not None)


def plain_line(text: str) -> str:
    """A line as the letter rules read it: without note markers."""
    return normalize_space(without_markers(text))


def opens_with_valediction_word(text: str) -> bool:
    """A line opening with a word of leave-taking ("Yours,", "With greetings,")."""
    return _VALEDICTION.match(text) is not None


def needs_signature(text: str) -> bool:
    """Whether a valediction closes a letter only over a signature: one with no
    comma ("Your faithful") or a long one ("Fraternal greetings to you and ...,")."""
    return not text.endswith(",") or len(text.split()) > _MAX_SALUTE_WORDS


def is_addressee_line(text: str) -> bool:
    """A line naming who a note or telegram is for: "To Comrade Stalin"."""
    return _ADDRESSEE.match(text) is not None


def is_place_line(text: str) -> bool:
    """A line that only names a place, to stand before a date: "Tsaritsyn,"."""
    return bool(text.strip()) and _PLACE_PREFIX.match(text) is not None
