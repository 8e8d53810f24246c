"""Language names as a source writes them ("English", "French") and their BCP 47 tags."""

from __future__ import annotations

from tei_convert.input.text import normalize_space

# The languages Project Gutenberg holds most texts in, by their English names
# (its "Language:" field uses them), with the ISO 639-1 code BCP 47 takes where
# there is one. A name missing here is kept as written and gets no tag: a tag
# is never guessed.
_TAGS = {
    "afrikaans": "af", "arabic": "ar", "bulgarian": "bg", "catalan": "ca", "chinese": "zh",
    "czech": "cs", "danish": "da", "dutch": "nl", "english": "en", "esperanto": "eo",
    "estonian": "et", "finnish": "fi", "french": "fr", "galician": "gl", "german": "de",
    "greek": "el", "hebrew": "he", "hungarian": "hu", "icelandic": "is", "irish": "ga",
    "italian": "it", "japanese": "ja", "latin": "la", "norwegian": "no", "polish": "pl",
    "portuguese": "pt", "romanian": "ro", "russian": "ru", "serbian": "sr", "slovak": "sk",
    "slovenian": "sl", "spanish": "es", "swedish": "sv", "tagalog": "tl", "ukrainian": "uk",
    "welsh": "cy",
}


def language_tag(name: str) -> str | None:
    """The BCP 47 tag of one language named in English ("English": "en"); None
    for a name not in the table or for several languages ("English and French")."""
    return _TAGS.get(normalize_space(name).casefold())
