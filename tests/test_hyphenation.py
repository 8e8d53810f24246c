"""Tests for joining words broken at line ends, with or without their hyphen."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tei_convert import convert_file
from tei_convert.transforms.hyphenation import (
    _WORD,
    Join,
    Vocabulary,
    _count_forms,
    decide,
    find_line_end_hyphen,
    split_leading_word,
)
from tei_convert.transforms.lexicon import lexicon_for

# An invented volume: each spelling the decision tables rely on appears inside
# a line, and one word appears only broken at a line end.
VOLUME = """\
The right of nations to self-determination is the right of
Self-Determination; fraternal greetings to the fraternal parties.
The co-operative and the cooperative movement; co-operation, co-operation
and cooperation. Against the counter-revolution and Anti-Dühring, for
example, the nation's workers who were selfish. The new
leaders restore the con-
gress once a week, and the tri-
umph is near.
"""
VOCABULARY = Vocabulary.from_text(VOLUME)

letters = st.text(st.characters(categories=("Lu", "Ll")), min_size=1, max_size=8)


def is_letter(char: str) -> bool:
    """A letter as the module's patterns see one: a word character, not a digit or "_"."""
    return char.isalnum() and not char.isdecimal()


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("self-determination", 2),
        ("SELF-DETERMINATION", 2),
        ("fraternal", 2),
        ("co-operation", 2),
        ("cooperation", 1),
        ("revolution", 1),  # a part of "counter-revolution"
        ("anti-dühring", 1),
        ("nation's", 1),
        ("new", 1),
        ("con", 0),  # the fragments of a broken word are not words
        ("gress", 0),
        ("congress", 0),
        ("tri", 0),
        ("umph", 0),
        ("triumph", 0),
        ("restore", 1),
        ("week", 1),
        ("unknown", 0),
    ],
)
def test_vocabulary_counts(form: str, expected: int) -> None:
    assert VOCABULARY.count(form) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("war—peace war–peace war--peace", {"war": 3, "peace": 3}),
        ("in 1917-18 the 2nd", {"in": 1, "the": 1, "nd": 1}),
        ("don’t don't", {"don’t": 1, "don't": 1}),
        ("to restore-fra-\nternal-based ties", {"to": 1, "restore": 1, "ties": 1}),
        ("in-\nter-\nnal affairs", {"in": 0, "ter": 0, "nal": 0, "affairs": 1}),
        ("a word -\nhere", {"a": 1, "word": 1, "here": 1}),
        # Each part of a one-line compound counts every use of the compound.
        ("counter-revolution, counter-revolution and revolution",
         {"counter-revolution": 2, "counter": 2, "revolution": 3}),
        ("up-to-date", {"up-to-date": 1, "up": 1, "to": 1, "date": 1}),
        # A hyphen inside a line is no line-end break: the next word counts.
        ("pre- and post-war prices", {"pre": 1, "and": 1, "post-war": 1, "prices": 1}),
        # Counting goes on after the empty line that follows each printed line.
        ("war\n\npeace\n\n", {"war": 1, "peace": 1}),
    ],
)
def test_vocabulary_word_boundaries(text: str, expected: dict[str, int]) -> None:
    vocabulary = Vocabulary.from_text(text)
    assert {form: vocabulary.count(form) for form in expected} == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # 1. the compound is the volume's spelling
        ("self-", "determination", Join("self-determination", True, "compound-seen")),
        ("Self-", "Determination", Join("Self-Determination", True, "compound-seen")),
        ("co-", "operation", Join("co-operation", True, "compound-seen")),
        ("anti-", "Dühring", Join("anti-Dühring", True, "compound-seen")),
        # 2. the closed word is the volume's spelling (ties go to it)
        ("fra-", "ternal", Join("fraternal", False, "word-seen")),
        ("FRA-", "TERNAL", Join("FRATERNAL", False, "word-seen")),
        ("co-", "operative", Join("cooperative", False, "word-seen")),
        ("ex-", "ample", Join("example", False, "word-seen")),
        ("self-", "ish", Join("selfish", False, "word-seen")),
        ("revo-", "lution", Join("revolution", False, "word-seen")),
        # 3. a capital starts a name
        ("anti-", "Soviet", Join("anti-Soviet", True, "capital")),
        ("Petro-", "Grad", Join("Petro-Grad", True, "capital")),
        ("pro-", "USSR", Join("pro-USSR", True, "capital")),
        # 4. a first part that usually keeps its hyphen
        ("counter-", "attack", Join("counter-attack", True, "prefix")),
        ("Non-", "party", Join("Non-party", True, "prefix")),
        ("pre-", "war", Join("pre-war", True, "prefix")),
        ("well-", "known", Join("well-known", True, "prefix")),
        ("half-", "hearted", Join("half-hearted", True, "prefix")),
        ("so-", "called", Join("so-called", True, "prefix")),
        ("ANTI-", "SOVIET", Join("ANTI-SOVIET", True, "prefix")),
        # 5. otherwise a printer's break
        ("so-", "cialist", Join("socialist", False, "default")),
        ("re-", "volution", Join("revolution", False, "word-seen")),
        ("re-", "action", Join("reaction", False, "default")),
        ("de-", "mand", Join("demand", False, "default")),
        ("con-", "gress", Join("congress", False, "default")),
        ("pro-", "letariat", Join("proletariat", False, "default")),
        ("REVO-", "LUTIONARY", Join("REVOLUTIONARY", False, "default")),
        ("tri-", "umph", Join("triumph", False, "default")),
    ],
)
def test_decide(first: str, second: str, expected: Join) -> None:
    assert decide(first, second, VOCABULARY) == expected


@pytest.mark.parametrize("first", ["fra", "-", "", "fra–"])
def test_decide_rejects_a_first_fragment_without_hyphen(first: str) -> None:
    with pytest.raises(ValueError, match="ending in '-'"):
        decide(first, "ternal", VOCABULARY)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("to restore fra-", ("to restore ", "fra-")),
        ("to restore-fra-", ("to restore-", "fra-")),
        ("self-", ("", "self-")),
        ("the right of self-   ", ("the right of ", "self-")),
        ("the right of self-\t\n", ("the right of ", "self-")),
        ("(fra-", ("(", "fra-")),
        ("“fra-", ("“", "fra-")),
        ("against Düh-", ("against ", "Düh-")),
        ("the nation's-", ("the ", "nation's-")),
        ("in 1917-", None),
        ("pages 12a-", ("pages 12", "a-")),
        ("a dash—", None),
        ("a dash —", None),
        ("a range 1914–", None),
        ("a dash–", None),
        ("a dash--", None),
        ("a lone -", None),
        ("-", None),
        ("", None),
        ("   ", None),
        ("no hyphen", None),
        ("inner-hyphen only", None),
        ("quote'-", None),
    ],
)
def test_find_line_end_hyphen(line: str, expected: tuple[str, str] | None) -> None:
    assert find_line_end_hyphen(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ternal confidence", ("ternal", " confidence")),
        ("determination.", ("determination", ".")),
        ("determination-based", ("determination", "-based")),
        ("ring's", ("ring", "'s")),
        ("Dühring", ("Dühring", "")),
        ("1917 was", ("", "1917 was")),
        ("  ternal", ("", "  ternal")),
        ("", ("", "")),
    ],
)
def test_split_leading_word(line: str, expected: tuple[str, str]) -> None:
    assert split_leading_word(line) == expected


@given(letters, letters, st.lists(st.sampled_from(["plain", "compound", "closed"]), max_size=4))
def test_decide_only_drops_or_keeps_the_hyphen(stem: str, second: str, seen: list[str]) -> None:
    first = stem + "-"
    spellings = {"plain": "word", "compound": first + second, "closed": stem + second}
    vocabulary = Vocabulary.from_text(" ".join(spellings[kind] for kind in seen))
    join = decide(first, second, vocabulary)
    assert join.text == (first + second if join.kept_hyphen else first[:-1] + second)


@given(st.text())
def test_split_leading_word_loses_nothing(line: str) -> None:
    word, rest = split_leading_word(line)
    assert word + rest == line
    assert all(is_letter(char) for char in word)
    assert not is_letter(rest[:1])


@given(st.text())
def test_find_line_end_hyphen_returns_the_stripped_line(line: str) -> None:
    found = find_line_end_hyphen(line)
    if found is not None:
        before, fragment = found
        assert before + fragment == line.rstrip()
        assert fragment.endswith("-")
        assert is_letter(fragment[-2])


@pytest.mark.parametrize(
    ("first", "second", "text", "kept", "reason"),
    [
        ("long-", "awaited", "long-awaited", True, "parts-seen"),
        ("sea-", "shore", "sea-shore", True, "parts-seen"),  # three letters make a word
        ("fra-", "ternal", "fraternal", False, "default"),
        ("in-", "dependence", "independence", False, "default"),
    ],
)
def test_two_whole_words_make_a_compound(first: str, second: str, text: str, kept: bool,
                                         reason: str) -> None:
    vocabulary = Vocabulary.from_text("a long wait was awaited; the dependence was long;"
                                      " sea and shore\n")
    join = decide(first, second, vocabulary)
    assert (join.text, join.kept_hyphen, join.reason) == (text, kept, reason)


def test_a_prefix_the_volume_hyphenates_elsewhere_keeps_its_hyphen() -> None:
    vocabulary = Vocabulary.from_text("the re-organisation and the re-naming of the army\n")
    join = decide("re-", "grouping", vocabulary)
    assert (join.text, join.kept_hyphen, join.reason) == ("re-grouping", True, "prefix-seen")
    assert decide("re-", "grouping", Vocabulary.from_text("the re-naming\n")).kept_hyphen is False


def test_the_prefix_of_a_longer_compound_is_its_first_part() -> None:
    vocabulary = Vocabulary.from_text("an up-to-date and up-to-the-minute report\n")
    join = decide("up-", "grade", vocabulary)
    assert (join.text, join.kept_hyphen, join.reason) == ("up-grade", True, "prefix-seen")


def test_empty_lines_between_printed_lines_do_not_end_a_broken_word() -> None:
    # In extracted volumes every printed line is followed by an empty line.
    vocabulary = Vocabulary.from_text("the restore fra- \n\nternal bond\n\nbut for-\n\nmation\n")
    assert vocabulary.count("ternal") == 0
    assert vocabulary.count("mation") == 0


@given(st.lists(st.text(st.one_of(st.sampled_from([" ", "\xa0", "-", "'", "’", "ß", "Σ", "1"]),
                                  st.characters(codec="utf-8")), max_size=20), max_size=8))
def test_forms_counted_by_token_are_the_forms_of_the_text(lines: list[str]) -> None:
    assert _count_forms(lines) == Counter(_WORD.findall("\n".join(lines).casefold()))


def test_forms_are_counted_across_batches_of_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["The self-", "help of the", "Self-Help", "nation's THE"]
    expected = _count_forms(lines)
    monkeypatch.setattr("tei_convert.transforms.hyphenation._TOKEN_BATCH", 1)
    assert _count_forms(lines) == expected == Counter(
        {"the": 3, "self": 1, "help": 1, "of": 1, "self-help": 1, "nation's": 1})


# --- The language's word list: the last witness, for what the volume cannot settle.

ENGLISH = lexicon_for("en")
WITH_LIST = replace(VOCABULARY, lexicon=ENGLISH)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # two words of the language, and no closed word: a compound
        ("long-", "awaited", Join("long-awaited", True, "lexicon")),
        ("quick-", "firing", Join("quick-firing", True, "lexicon")),
        ("pro-", "boycotters", Join("pro-boycotters", True, "lexicon")),
        ("war-", "weary", Join("war-weary", True, "lexicon")),
        # a closed word of the language: a printer's break, however common the
        # parts ("be" and "came" are commoner than "became")
        ("be-", "came", Join("became", False, "lexicon")),
        ("an-", "other", Join("another", False, "lexicon")),
        ("under-", "taking", Join("undertaking", False, "lexicon")),
        ("re-", "action", Join("reaction", False, "lexicon")),
        ("de-", "mand", Join("demand", False, "lexicon")),
        # the volume's own evidence still comes first
        ("fra-", "ternal", Join("fraternal", False, "word-seen")),
        ("co-", "operation", Join("co-operation", True, "compound-seen")),
        ("counter-", "attack", Join("counter-attack", True, "prefix")),
        # a name broken at the line end is left to the default, whatever its parts
        ("Kale-", "din", Join("Kaledin", False, "default")),
        ("Zarga-", "ryants", Join("Zargaryants", False, "default")),
        # neither form known: the default
        ("Zvq-", "xtrl", Join("Zvqxtrl", False, "default")),
        ("zvq-", "xtrl", Join("zvqxtrl", False, "default")),
    ],
)
def test_the_word_list_settles_what_the_volume_cannot(first: str, second: str,
                                                      expected: Join) -> None:
    assert decide(first, second, WITH_LIST) == expected


def test_a_word_list_only_for_a_language_it_has() -> None:
    assert ENGLISH is not None
    assert ENGLISH.name.startswith("wordfreq ")
    assert ENGLISH.name.endswith("(en)")
    german = lexicon_for("de-AT")
    assert german is not None
    assert german.language == "de"
    assert lexicon_for(None) is None
    assert lexicon_for("") is None
    assert lexicon_for("tlh") is None  # Klingon: no list


def test_the_manifest_names_the_word_list_that_decided(tmp_path: Path) -> None:
    volume = tmp_path / "v.txt"
    line = "The Congress met and its many and lengthy debates on supply began with"
    text = "\n".join(f"{row} \n" for row in [
        "On the Congress", "May 2, 1919", " ",
        *[f"{line} a full printed line of words number {n}." for n in range(6)],
        "and the report on the long-", "awaited decisions was read to the delegates at",
        "the end of the day, which closed the sitting.", " "])
    volume.write_text(text, "utf-8")
    meta = tmp_path / "v.meta.json"
    for language, kept in (("en", True), (None, False)):
        meta.write_text(json.dumps({"author": "A. Author", "title": "Works",
                                    **({"language": language} if language else {})}), "utf-8")
        [converted] = convert_file(volume, reader="volume").documents
        [message] = [d.message for d in converted.diagnostics
                     if d.code in ("hyphen-kept", "hyphen-removed")]
        assert ("kept 'long-awaited' (lexicon: wordfreq " in message) is kept, message
