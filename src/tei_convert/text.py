"""Small text helpers shared by readers and checks."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
# Word characters less digits and "_": letters (a few numeric signs such as
# "½" too, on both sides of every comparison alike).
_LETTERS = re.compile(r"[^\W\d_]+")
# A word for the "nothing lost" check: any run of letters (with inner
# apostrophes or hyphens). Digits are left out on purpose: note markers and
# list numbers move into attributes, and counting them would blur the check.
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or than that the to with".split()  # noqa: SIM905
)
"""Words no title or paragraph ends on: a line ending in one runs on."""


def normalize_space(text: str) -> str:
    """Collapse every run of Unicode white space (incl. no-break space) to one space."""
    return _SPACE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """The words of ``text`` in order, as the "nothing lost" check counts them."""
    return _WORD.findall(text)


def letters(text: str) -> str:
    """Only the letters of ``text``, in order (for comparisons that must not
    depend on spacing, punctuation or hyphenation)."""
    return "".join(_LETTERS.findall(text))
