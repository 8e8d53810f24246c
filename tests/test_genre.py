"""The genre pass: the kind of text a title, a creation field or letter parts
name, in textClass and the manifest; none when nothing says."""

from __future__ import annotations

import pytest

from tei_helpers import mia, tei_tree, xpath_texts


@pytest.mark.parametrize(
    ("title", "fields", "body", "genre"),
    [
        ("Telegram to the Council", None, "Text.", "telegram"),
        ("Telephone Message to the Committee", None, "Text.", "telephone message"),
        ("Speech at the Congress of Textile Workers", None, "Comrades!\n\nText.", "speech"),
        ("The Rada. Speech Delivered in the Committee", None, "Text.", "speech"),
        ("Organisation of a Republic. Pravda Interview", None, "Text.", "interview"),
        ("Report to the Council", None, "Text.", "report"),
        ("Theses on the National Question", None, "Text.", "resolution"),
        ("Letter to Clara Zetkin", None, "Text.", "letter"),
        # The title's word comes first: a telegram that closes as a letter.
        ("Telegram to Stalin", None, "Dear Comrade,\n\nText.\n\nLenin", "telegram"),
        # No word in the title: the field that dates it, or the letter parts.
        ("To the Bureau", "Wired: May 1, 1920\nSource: Works, Moscow, 1965", "Text.",
         "telegram"),
        ("On the Floods", "Delivered: May 1, 1920\nSource: Works, Moscow, 1965", "Text.",
         "speech"),
        ("To the Bureau", None, "Dear Comrades,\n\nText.\n\nA. Gorin", "letter"),
        # Nothing says: no genre.
        ("On the Floods", None, "An article in paragraphs.\n\nMore of it.", None),
    ],
)
def test_the_genre_of_a_text(title: str, fields: str | None, body: str,
                             genre: str | None) -> None:
    root = tei_tree(mia(body, title=title, fields=fields))
    assert xpath_texts(root, "//tei:profileDesc/tei:textClass/tei:keywords/tei:term") == (
        [genre] if genre else [])
