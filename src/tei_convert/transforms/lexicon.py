"""Word frequencies of a language, for hyphens the volume's own spelling cannot
settle: wordfreq's lists (many sources, 40-odd languages), behind one small
interface so that the hyphenation rules do not depend on the library.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import version


@dataclass(frozen=True)
class Lexicon:
    """How common words are in one language."""

    language: str
    """The wordfreq language code ("en")."""
    name: str
    """What decided, for the manifest: "wordfreq 3.1.1 (en)"."""

    def zipf(self, word: str) -> float:
        """How common ``word`` is on the Zipf scale (about 1 for one use in a
        hundred million words, 7 for "the"); 0 for a word not in the list."""
        # Imported here: it takes a tenth of a second, and only volumes need it.
        import wordfreq

        return float(wordfreq.zipf_frequency(word, self.language))


@cache
def lexicon_for(language: str | None) -> Lexicon | None:
    """The lexicon of a BCP 47 ``language`` ("en", "de-AT"), or None when the
    language is not given or wordfreq has no list for it."""
    if not language:
        return None
    import wordfreq

    code = language.split("-", 1)[0].lower()
    if code not in wordfreq.available_languages():
        return None
    return Lexicon(code, f"wordfreq {version('wordfreq')} ({code})")
