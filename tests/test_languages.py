"""Language names as a source writes them, and their BCP 47 tags."""

from __future__ import annotations

import pytest

from tei_convert.values.languages import language_tag


@pytest.mark.parametrize(
    ("name", "tag"),
    [
        ("English", "en"),
        ("french", "fr"),
        (" German ", "de"),
        ("Latin", "la"),
        # Several languages, or one the table does not know: no tag is guessed.
        ("English and French", None),
        ("Old English", None),
        ("", None),
    ],
)
def test_language_tag(name: str, tag: str | None) -> None:
    assert language_tag(name) == tag
