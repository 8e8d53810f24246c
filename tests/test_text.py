"""The text helpers' shortcuts give what their plain definitions give."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tei_convert.input.text import collapse_space, letters, letters_of_words, normalize_space, words

# Letters, plain and other white space, controls, format characters and a lone
# surrogate: the cases the shortcuts tell apart.
TRICKY = st.text(st.one_of(
    st.sampled_from([" ", "\t", "\n", "\x0b", "\x1c", "\x85", "\xa0", "\u2003", "\u2028",
                     "\u3000", "\xad", "\u200b", "\ufeff", "\ud800", "a", "É", "1", "-", "’",
                     "'", "_", "½", "٣", "\u0301"]),
    st.characters(codec="utf-8"),
), max_size=30)


@given(TRICKY)
def test_collapse_space_is_one_space_per_run(text: str) -> None:
    assert collapse_space(text) == re.sub(r"\s+", " ", text)


@given(TRICKY)
def test_normalize_space_also_strips(text: str) -> None:
    assert normalize_space(text) == re.sub(r"\s+", " ", text).strip()


def _letter_runs(text: str) -> str:
    return "".join(re.findall(r"[^\W\d_]+", text))


@given(TRICKY)
def test_letters_are_the_letter_runs(text: str) -> None:
    assert letters(text) == _letter_runs(text)


@given(TRICKY)
def test_letters_of_words_are_the_letters(text: str) -> None:
    assert letters_of_words(words(text)) == _letter_runs(text)


@given(st.text(alphabet=" \t\n\xa0\u2003ab,", max_size=40), st.integers(0, 12))
def test_more_words_than_counts_as_splitting_does(text: str, limit: int) -> None:
    """The short-formula rules ask whether a line has too many words; they
    stop splitting a long paragraph at the limit, with the same answer."""
    from tei_convert.input.text import more_words_than

    assert more_words_than(text, limit) == (len(text.split()) > limit)
