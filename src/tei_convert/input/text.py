"""Small text helpers shared by readers and checks."""

from __future__ import annotations

import re

# White space that is not a lone plain space: the lone spaces, by far the most
# common, stay as they are instead of being replaced one by one.
_SPACE_TO_FIX = re.compile(r"[^\S ]\s*| \s+")
# Word characters less digits and "_": letters (a few numeric signs such as
# "½" too, on both sides of every comparison alike).
_LETTERS = re.compile(r"[^\W\d_]+")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_ASCII_NOT_LETTERS = bytes(code for code in range(128) if not _LETTERS.match(chr(code)))
# A word for the "nothing lost" check: any run of letters (with inner
# apostrophes or hyphens). Digits are left out on purpose: note markers and
# list numbers move into attributes, and counting them would blur the check.
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or than that the to with".split()  # noqa: SIM905
)
"""Words no title or paragraph ends on: a line ending in one runs on."""


def normalize_space(text: str) -> str:
    """Collapse every run of Unicode white space (incl. no-break space) to one
    space and strip both ends."""
    return collapse_space(text).strip()


def collapse_space(text: str) -> str:
    """Collapse every run of Unicode white space to one space (ends kept)."""
    # Every white space character but " " is unprintable, so a printable text
    # without a double space has nothing to collapse: the usual case, and
    # cheaper to see than to search.
    if "  " not in text and text.isprintable():
        return text
    return _SPACE_TO_FIX.sub(" ", text)


def words(text: str) -> list[str]:
    """The words of ``text`` in order, as the "nothing lost" check counts them."""
    return _WORD.findall(text)


def letters(text: str) -> str:
    """Only the letters of ``text``, in order (for comparisons that must not
    depend on spacing, punctuation or hyphenation)."""
    # Spaces, digits and ASCII punctuation, the bulk of what goes, are deleted
    # from the UTF-8 bytes (each is one byte there, never part of another
    # character's bytes); the regex then meets only the few non-letters left.
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_NOT_LETTERS)
    return _NOT_LETTERS.sub("", data.decode("utf-8", "surrogatepass"))


def letters_of_words(found: list[str]) -> str:
    """The letters of a text whose :func:`words` are ``found``: the same as
    :func:`letters` of that text, at a fraction of the cost.

    Every run of letters lies inside exactly one word, and a word holds
    nothing but letters and the joiners removed here.
    """
    return "".join(found).replace("'", "").replace("’", "").replace("-", "")


# What one line of header text (a publisher, a title, a bag-info value) may not
# hold: control characters, line and paragraph separators, and what XML 1.0
# forbids (lone surrogates, U+FFFE, U+FFFF).
_NOT_IN_A_LINE = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def more_words_than(text: str, limit: int) -> bool:
    """Whether ``text`` has more than ``limit`` white-space separated words:
    ``len(text.split()) > limit``, without splitting a long paragraph whole
    to learn that it is no short formula."""
    return len(text.split(maxsplit=limit)) > limit


def is_one_line(text: str) -> bool:
    """Not blank, and nothing that breaks a line or that XML cannot carry."""
    return bool(text.strip()) and _NOT_IN_A_LINE.search(text) is None
