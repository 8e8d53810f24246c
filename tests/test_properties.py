"""Properties over generated page texts: never a traceback, always valid TEI,
nothing lost."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_convert import Converted, Document, convert_text
from tei_convert.checks.fidelity import tei_words
from tei_convert.checks.validate import check_tree, is_failure
from tei_convert.errors import TeiConvertError, ValidationError
from tei_convert.input.text import letters, words
from tei_convert.pipeline import convert_bytes
from tei_convert.tei import note_ids

ANY_CHAR = st.characters(codec="utf-8")  # every encodable character, controls included
WORD = st.text(st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=10)
PUNCT = st.sampled_from([",", ".", ";", ":", "!", "?", "’", "“", "”", "&", "<", ">", "-", "(1)"])
LABELS = ["Written", "Source", "First Published", "Translated", "Transcription\\Markup",
          "Public Domain", "Copyleft", "Proofread", "Audio", "Note", "Online Version"]

# How many examples comes from the Hypothesis profile (tests/conftest.py):
# 150 by default, more with HYPOTHESIS_PROFILE=fuzz.
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def sentence(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(st.one_of(WORD, WORD, PUNCT,
                                     st.sampled_from(["[1]", "[2]", "[3]", "1921", "May 1, 1920"])),
                           min_size=1, max_size=25))
    text = " ".join(tokens)
    return text if words(text) else text + " word"


@st.composite
def page_text(draw: st.DrawFn) -> str:
    author = " ".join(draw(st.lists(WORD, min_size=1, max_size=3)))
    title = draw(st.one_of(st.just(""), sentence()))
    fields = [f"{label}: {draw(sentence())}"
              for label in draw(st.lists(st.sampled_from(LABELS), min_size=2, max_size=6))]
    fields[0] = "Written: " + draw(sentence())
    fields[1] = "Source: " + draw(sentence())
    body = draw(st.lists(sentence(), min_size=0, max_size=8))
    notes = [f"[{n}] {draw(sentence())}" for n in draw(st.lists(st.sampled_from(["1", "2", "3"]),
                                                                 max_size=3))]
    parts = [author, title, "\n".join(fields), *body, *notes]
    return "\n\n".join(p for p in parts if p) + "\n"


MONTHS = ["January", "March", "May", "July", "October", "December"]


@st.composite
def volume_text(draw: st.DrawFn) -> str:
    """A collected-works volume as PDF extraction leaves it: every printed line
    followed by an empty one; works with a title and a date line at a page top,
    paragraphs wrapped at about twelve words, sometimes a "Notes" section."""
    works = []
    for _ in range(draw(st.integers(2, 3))):
        title = " ".join(draw(st.lists(WORD, min_size=1, max_size=5))).title()
        date = (f"{draw(st.sampled_from(MONTHS))} {draw(st.integers(1, 28))}, "
                f"{draw(st.integers(1905, 1925))}")
        lines = [title, date, " "]
        for _ in range(draw(st.integers(3, 6))):
            words = draw(st.lists(st.one_of(WORD, WORD, WORD, PUNCT), min_size=24, max_size=72))
            chunks = [" ".join(words[i:i + 12]) for i in range(0, len(words), 12)]
            lines.extend([*chunks[:-1], chunks[-1] + "."])
        if draw(st.booleans()):
            lines += [" ", "Notes", "1. " + " ".join(draw(st.lists(WORD, min_size=2,
                                                                   max_size=8))) + "."]
        works.append([*lines, " ", " "])
    return "".join(f"{line} \n\n" for work in works for line in work)


HEADINGS = ["BOOK ONE", "CHAPTER I.", "Chapter 2", "II.", "PART THE FIRST", "PREFACE",
            "CHAPTER III. The End of It"]


@st.composite
def gutenberg_text(draw: st.DrawFn) -> str:
    """A Project Gutenberg e-text: a naming line, a statement, fields, a START line,
    headings after blank lines, hard-wrapped paragraphs with _italics_ and [n]
    markers, [Illustration: ...] and [Footnote n: ...] blocks (some never
    closed), verse, an END line and a licence."""
    fields = [f"{label}: {draw(sentence())}" for label in draw(st.lists(st.sampled_from(
        ["Title", "Author", "Release Date", "Language", "Credits", "Translator", "Edition"]),
        max_size=5))]
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["p", "p", "heading", "figure", "footnote", "verse"]))
        text = draw(sentence())
        if kind == "heading":
            parts.append("\n" * draw(st.integers(0, 3)) + draw(st.sampled_from(HEADINGS)))
        elif kind == "figure":
            parts.append(f"[Illustration{draw(st.sampled_from(['', ': ']))}{text}]")
        elif kind == "footnote":
            label = draw(st.sampled_from(["1", "2", "A"]))
            close = draw(st.sampled_from(["]", "]", ""]))
            parts.append(f"[Footnote {label}: {text}{close}")
        else:
            italic = " ".join(f"_{w}_" if draw(st.booleans()) else w for w in text.split())
            lines = [italic[i:i + 30] for i in range(0, len(italic), 30)]
            indent = "    " if kind == "verse" else ""
            parts.append("\n".join(indent + line for line in lines))
    return ("The Project Gutenberg eBook of Something\n\nShare it under the Project Gutenberg "
            "License.\n\n" + "\n".join(fields) + "\n\n*** START OF THE PROJECT GUTENBERG "
            "EBOOK SOMETHING ***\n\n" + "\n\n".join(parts) + "\n\n*** END OF THE PROJECT "
            "GUTENBERG EBOOK SOMETHING ***\n\nThe licence.\n")


PLAIN_LABELS = ["Title", "Author", "Date", "Place", "Shelfmark", "Transcribed", "Source"]
MARKS = ["[1]", "[2]", "(1)", "(2)", "*", "**", "†"]
OPENINGS = ["[1] ", "[2] ", "(1) ", "(2) ", "* ", "** ", "† ", "[Footnote 1: ", "[Footnote 2: "]


@st.composite
def prose(draw: st.DrawFn) -> str:
    """A paragraph of sentences, with note markers, stars around a word and
    numbered points here and there."""
    tokens = draw(st.lists(st.one_of(WORD, WORD, WORD, PUNCT, st.sampled_from(
        [*MARKS, "*so*", "(3)", "well-known", "Mr.", "1889"])), min_size=3, max_size=40))
    text = " ".join(tokens)
    for mark in draw(st.lists(st.sampled_from(MARKS), max_size=2)):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + mark + text[cut:]
    return text + draw(st.sampled_from([".", ".", "?", "", ","]))


def _wrap(text: str, width: int, breaks: list[bool]) -> list[str]:
    """Greedy wrapping at ``width``; a long word that does not fit may be broken
    with a hyphen (``breaks`` says which ones)."""
    lines: list[str] = [""]
    for number, word in enumerate(text.split()):
        if not lines[-1] or len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}".strip()
        elif len(word) > 5 and breaks[number % len(breaks)] and word[:3].isalpha():
            lines[-1] += f" {word[:3]}-"
            lines.append(word[3:])
        else:
            lines.append(word)
    return lines


@st.composite
def plain_text(draw: st.DrawFn) -> tuple[str, str]:
    """A plain transcription: perhaps a title and a field block, perhaps a
    letter's dateline, salutation, closing and postscript, paragraphs parted by
    blank lines or wrapped with none between them, and notes in every form,
    matching their markers or not. Returns the text and its field block."""
    fields = ""
    if draw(st.booleans()):
        fields = "\n".join(f"{label}: {draw(sentence())}" for label in draw(
            st.lists(st.sampled_from(PLAIN_LABELS), min_size=2, max_size=4)))
    top = [" ".join(draw(st.lists(WORD, min_size=1, max_size=6))).title()] \
        if draw(st.booleans()) else []
    opener, closer = [], []
    if draw(st.booleans()):
        opener = [f"{draw(WORD).title()}, {draw(st.sampled_from(MONTHS))} "
                  f"{draw(st.integers(1, 28))}, {draw(st.integers(1850, 1930))}",
                  f"Dear {draw(WORD).title()},"]
        closer = ["Yours truly,", f"{draw(WORD).title()} {draw(WORD).title()}",
                  "P.S. " + draw(prose())]
    paragraphs = draw(st.lists(prose(), min_size=1, max_size=6))
    width = draw(st.integers(20, 80))
    breaks = draw(st.lists(st.booleans(), min_size=1, max_size=5))
    layout = draw(st.sampled_from(["blank", "wrapped-blank", "wrapped-run-on", "one-a-line"]))
    if layout == "one-a-line":
        body = ["\n".join(paragraphs)]
    elif layout == "wrapped-run-on":
        body = ["\n".join(line for p in paragraphs for line in _wrap(p, width, breaks))]
    else:
        body = ["\n".join(_wrap(p, width, breaks)) if layout == "wrapped-blank" else p
                for p in paragraphs]
    notes = [opening + draw(prose()) + ("]" if opening.startswith("[F") else "")
             for opening in draw(st.lists(st.sampled_from(OPENINGS), max_size=3))]
    if draw(st.booleans()) and notes:
        body.insert(draw(st.integers(0, len(body))), notes.pop())
    ending = draw(st.sampled_from(["blank", "one-block", "heading"]))
    tail = ["\n".join(notes)] if ending == "one-block" else notes
    tail = (["Notes"] if ending == "heading" and tail else []) + tail
    blocks = [*top, fields, *opener, *body, *closer, *tail]
    return "\n\n".join(block for block in blocks if block) + "\n", fields


@SETTINGS
@given(plain_text())
def test_generated_plain_texts_give_valid_tei_with_every_letter_once(
        generated: tuple[str, str]) -> None:
    text, fields = generated
    documents = _converted(text)
    if not documents:
        return
    [converted] = documents
    event(f"notes: {bool(converted.document.notes)}")
    root = etree.fromstring(converted.xml)
    assert not is_failure(check_tree(etree.ElementTree(root), source="gen"))
    if converted.document.reader != "plain":
        return
    # Only lines of the field block go to the header, and every letter of the
    # other lines is in the TEI text once (the pipeline checks their order;
    # this checks them apart from it).
    lines = text.split("\n")
    header = {n for span in converted.document.header_lines
              for n in range(span.first_line, span.last_line + 1)}
    assert all(lines[n - 1] in fields.split("\n") for n in header)
    expected = Counter(letters(" ".join(line for n, line in enumerate(lines, 1)
                                        if n not in header)))
    expected -= Counter(letters(" ".join(word for _, word in converted.document.markup)))
    assert Counter(letters(" ".join(tei_words(root)))) == expected


@SETTINGS
@given(st.text(ANY_CHAR, max_size=400))
def test_the_plain_reader_reads_any_text_or_raises_our_error(text: str) -> None:
    for converted in _converted(text, reader="plain"):
        assert not is_failure(check_tree(etree.ElementTree(etree.fromstring(converted.xml)),
                                         source="gen"))


@SETTINGS
@given(plain_text())
def test_plain_conversion_is_deterministic(generated: tuple[str, str]) -> None:
    assert _convert(generated[0]) == _convert(generated[0])


def _converted(text: str, reader: str | None = None) -> list[Converted]:
    # The events make `pytest --hypothesis-show-statistics` print the share of
    # examples each reader took: what a fuzz run reached, not only that it passed.
    try:
        result = convert_text(text, source="gen.txt", reader=reader)
    except ValidationError:
        raise
    except TeiConvertError:
        event("reader: refused")
        return []
    event(f"reader: {result.reader}")
    return list(result.documents)


def _convert(text: str) -> list[bytes]:
    return [c.xml for c in _converted(text)]


def _without_dropped(text: str, document: Document) -> str:
    """The text with the lines the reader reports as left out (site
    navigation) blanked, so that only lines it promises to keep are expected."""
    lines = text.split("\n")
    for span, _why in document.dropped:
        for number in range(span.first_line, span.last_line + 1):
            lines[number - 1] = ""
    return "\n".join(lines)


@SETTINGS
@given(page_text())
def test_generated_page_texts_give_valid_tei_with_every_word(text: str) -> None:
    converted = _converted(text)
    assert len(converted) == 1
    root = etree.fromstring(converted[0].xml)
    assert not is_failure(check_tree(etree.ElementTree(root), source="gen"))
    body_words = tei_words(root, note_ids(converted[0].document))
    # Each body line's words appear in the TEI text, in order (the pipeline
    # checks the exact sequence; this checks it independently, loosely).
    position = 0
    kept = _without_dropped(text, converted[0].document)
    for word in words(" ".join(kept.split("\n\n")[3:])):
        position = body_words.index(word, position) + 1


@SETTINGS
@given(st.text(ANY_CHAR, max_size=400))
def test_any_text_converts_or_raises_our_error(text: str) -> None:
    _convert(text)


@SETTINGS
@given(st.lists(st.one_of(sentence(), st.text(ANY_CHAR, max_size=40)), max_size=12))
def test_any_lines_after_a_header_convert(lines: list[str]) -> None:
    text = "Author\n\nTitle\n\nWritten: 1920\nSource: Works, Moscow, 1965\n\n" + "\n".join(lines)
    assert len(_convert(text)) == 1


@SETTINGS
@given(page_text())
def test_conversion_is_deterministic(text: str) -> None:
    assert _convert(text) == _convert(text)


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_convert_or_raise_our_error(data: bytes) -> None:
    try:
        convert_bytes(data, path=Path("bytes.txt"), name="bytes.txt")
    except ValidationError:
        raise
    except TeiConvertError:
        pass


@SETTINGS
@given(st.lists(st.one_of(sentence(), st.sampled_from([" ", "", "", "Notes", "1. A note.",
                                                       "I", "J. Smith", "May 1, 1920"])),
                min_size=1, max_size=60))
def test_volume_reader_never_raises_anything_but_our_error(lines: list[str]) -> None:
    text = "\n".join(f"{line} \n" if line else "" for line in lines) + "\n" * 50
    try:
        convert_text(text, source="v.txt", reader="volume")
    except ValidationError:
        raise
    except TeiConvertError:
        event("reader: refused")
    else:
        event("reader: volume")


# Volumes are slow to generate: 40 by default, a tenth of the profile's count
# under HYPOTHESIS_PROFILE=fuzz.
@settings(SETTINGS, max_examples=max(40, settings().max_examples // 10))
@given(volume_text())
def test_generated_volumes_give_valid_tei(text: str) -> None:
    # Nothing lost is checked inside every conversion (a loss raises
    # ValidationError, which _converted lets through); this adds validity.
    for item in _converted(text):
        root = etree.fromstring(item.xml)
        assert not is_failure(check_tree(etree.ElementTree(root), source="gen"))
        assert tei_words(root)


@SETTINGS
@given(gutenberg_text())
def test_generated_etexts_give_valid_tei_the_same_each_time(text: str) -> None:
    # Nothing lost is checked inside every conversion (a loss raises
    # ValidationError, which _converted lets through); this adds validity.
    [converted] = _converted(text)
    assert converted.document.reader == "gutenberg"
    root = etree.fromstring(converted.xml)
    assert not is_failure(check_tree(etree.ElementTree(root), source="gen"))
    assert _convert(text) == [converted.xml]


ETEXT_LINES = ["", "", "[Illustration", "[Illustration:", "]", "[Footnote 1: a", "[1]", "_",
               "CHAPTER I.", "BOOK II", "IV.", "FOOTNOTES:", "Produced by A. B.", "    a verse",
               "THE END", "End of the Project Gutenberg EBook of X",
               "*** END OF THE PROJECT GUTENBERG EBOOK X ***"]


@SETTINGS
@given(st.lists(st.one_of(sentence(), st.text(ANY_CHAR, max_size=40),
                          st.sampled_from(ETEXT_LINES)), max_size=30))
def test_any_lines_after_a_start_line_convert(lines: list[str]) -> None:
    text = "Title: X\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\n" + "\n".join(lines)
    assert len(_convert(text)) == 1


@settings(SETTINGS, max_examples=10,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.one_of(page_text(), volume_text(), gutenberg_text()), min_size=4,
                max_size=4))
def test_generated_inputs_reach_the_readers(texts: list[str]) -> None:
    # The fuzzing harness is only as good as the share of inputs a reader takes.
    readers = []
    for text in texts:
        try:
            readers.append(convert_text(text, source="gen.txt").reader)
        except TeiConvertError:
            readers.append("refused")
        event(f"reader: {readers[-1]}")
    assert sum(1 for name in readers if name != "refused") >= len(texts) // 2
