"""Where the reading edition puts a warning: the block of the page that shows
its source line, found by aligning words (``package/site_warnings.py``)."""

from __future__ import annotations

from lxml import html

from tei_convert.package.site_warnings import place, read_lines

PAGE = """<html><body><div class="tei-text">
  <h1>A Short Letter</h1>
  <p>Dear Sir,</p>
  <p>Yes. We agree.<sup class="added">1</sup></p>
  <p>The meeting is on Monday, and we shall come. Yes.</p>
  <p class="added warning">Not from the source at all.</p>
  <ol class="notes"><li><div class="note-text"><p>Yes.</p></div></li></ol>
</div></body></html>"""

SOURCE = """A Short Letter

Dear Sir,

Yes. We agree.[1]

The meeting is on Monday,
and we shall come. Yes.

Notes

[1] Yes.
"""


def _placed(wanted: set[int], span: tuple[int, int] | None = None) -> dict[int, str]:
    root = html.fromstring(PAGE)
    lines = SOURCE.split("\n")
    return {line: " ".join("".join(block.itertext()).split())
            for line, block in place(root, lines, wanted, span).items()}


def test_a_short_line_is_placed_by_its_order_among_the_words() -> None:
    # "Yes." stands four times on the page: only the order of the words tells
    # which one line 5, line 8 and line 12 show.
    assert _placed({3, 5, 8, 12}) == {
        3: "Dear Sir,", 5: "Yes. We agree.1",
        8: "The meeting is on Monday, and we shall come. Yes.", 12: "Yes."}


def test_the_first_line_counts() -> None:
    assert _placed({1}) == {1: "A Short Letter"}


def test_a_line_outside_the_documents_span_is_not_placed() -> None:
    assert _placed({1, 3}, span=(3, 12)) == {3: "Dear Sir,"}


def test_a_line_with_no_word_on_the_page_is_not_placed() -> None:
    assert _placed({10}) == {}  # "Notes": the page adds its own heading


def test_what_the_page_adds_is_never_a_place() -> None:
    # A label the page adds, with the same words, just before the line's own
    # paragraph: the earlier match would win if the page's additions counted.
    added = PAGE.replace("<p>Dear Sir,</p>", '<p class="added label">Dear Sir,</p><p>Dear Sir,</p>')
    placed = place(html.fromstring(added), SOURCE.split("\n"), {3})
    assert "added" not in (placed[3].get("class") or "")


def test_lines_are_numbered_as_the_conversion_numbered_them() -> None:
    lines = read_lines("\ufeffone\r\ntwo\rthree\n".encode(), "x.txt")
    assert lines == ["one", "two", "three"]
    assert read_lines(b"", "x.txt") is None


MOVED_PAGE = """<html><body><div class="tei-text">
  <p>The argument of the whole paper runs to its end.</p>
  <p class="closer">Pravda No. 12, January 19, 1919, an unsigned editorial on the
    front page of the paper, reprinted in the weekly edition</p>
  <ol class="notes">
    <li><div class="note-text"><p>On the decree of the committee and the
      tax imposed on the towns.</p></div></li>
    <li><div class="note-text"><p>See above.</p></div></li>
  </ol>
</div></body></html>"""

# The source prints the notes before the closing publication line; the page
# lists them after it, so the alignment matches the longer closer and misses
# the notes.
MOVED_SOURCE = """The argument of the whole paper
runs to its end.

(1) On the decree of the commit-
tee and the tax imposed on the towns.

(2) See above.

Pravda No. 12, January 19, 1919, an unsigned editorial on the
front page of the paper, reprinted in the weekly edition
"""


def _moved(wanted: set[int]) -> dict[int, str]:
    root = html.fromstring(MOVED_PAGE)
    return {line: " ".join("".join(block.itertext()).split())
            for line, block in place(root, MOVED_SOURCE.split("\n"), wanted).items()}


def test_a_line_out_of_the_pages_order_is_found_by_its_own_words() -> None:
    # The note's number is not shown as text, and "commit-" is part of a word
    # the page shows whole: both are left out of the search.
    assert _moved({4, 9}) == {
        4: "On the decree of the committee and the tax imposed on the towns.",
        9: "Pravda No. 12, January 19, 1919, an unsigned editorial on the front page of the "
           "paper, reprinted in the weekly edition"}


def test_a_line_of_too_few_words_is_not_searched_for() -> None:
    assert _moved({7}) == {}  # "See above." could stand anywhere


def test_a_line_that_stands_twice_in_a_long_text_is_placed_by_order() -> None:
    # Made of the text's commonest words, and standing twice: the search by
    # its own words finds two places, and only the alignment tells them apart.
    lines = [f"Item {number} of the list and of the rest." for number in range(80)]
    lines[40] = lines[60] = "Of the rest and of the list."
    page = "".join(f'<p id="p{number}">{line}</p>' for number, line in enumerate(lines, 1))
    root = html.fromstring(f'<html><body><div class="tei-text">{page}</div></body></html>')
    assert {line: block.get("id") for line, block in place(root, lines, {41, 61}).items()} == {
        41: "p41", 61: "p61"}


def test_words_the_page_adds_do_not_hide_a_line_from_the_search() -> None:
    # The page's own mark repeats the words of the moved note: only if the
    # page's additions counted would they stand twice, and the line be lost.
    page = MOVED_PAGE.replace(
        '<ol class="notes">',
        '<p class="added warning">On the decree of the committee: see below.</p>'
        '<ol class="notes">')
    placed = place(html.fromstring(page), MOVED_SOURCE.split("\n"), {4})
    assert "added" not in (placed[4].get("class") or "")
