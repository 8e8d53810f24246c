"""Line-end hyphens: tell a word split by the printer from a real compound.

PDF-extracted text is hard-wrapped, and a word broken across two lines keeps
its hyphen ("fra-" / "ternal"). Some of those hyphens belong to compounds
("self-" / "determination") and must stay. :func:`decide` settles each case,
first from how the same volume spells the word elsewhere (a
:class:`Vocabulary`), then from the shape of the two fragments, and when
neither settles it, from how common the closed word and the compound are in the
volume's language (a :class:`~tei_convert.transforms.lexicon.Lexicon`); it
returns a :class:`Join` whose ``reason`` code lets the caller record the decision.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

from tei_convert.input.sanitize import iter_source_lines
from tei_convert.transforms.lexicon import Lexicon

# A letter is a word character minus digits and "_", as in input/text.py. Numeric
# signs such as "²" or "½" also pass; re cannot tell them from letters.
_LETTERS = r"[^\W\d_]+"
# One word: letters, with apostrophes allowed inside ("nation's", "don’t").
_PART = rf"{_LETTERS}(?:['’]{_LETTERS})*"
# A word form as the vocabulary counts it: a word or a one-line compound.
_WORD = re.compile(rf"{_PART}(?:-{_PART})*")
# The lookbehind makes the search start only at the beginning of the last
# word, so a long line costs linear time.
_LINE_END_FRAGMENT = re.compile(rf"(?<![^\W\d_]){_PART}-\Z")
_LEADING_LETTERS = re.compile(_LETTERS)

# First parts that usually keep their hyphen in a compound ("self-help",
# "counter-revolution"). Syllables that mostly start split words are left out
# on purpose ("re", "de", "con", "pro", and "so", which begins "so-cial").
_COMPOUND_PREFIXES = frozenset({
    "all", "anti", "co", "counter", "ex", "half", "ill", "non", "post", "pre",
    "pseudo", "quasi", "self", "semi", "well",
})
# Whole compounds kept even when the volume never spells them on one line;
# "so" alone is not a prefix (see above).
_KNOWN_COMPOUNDS = frozenset({"so-called"})

_MIN_PART = 3
_TOKEN_BATCH = 1000
"""Lines counted together by :func:`_count_forms`."""
_MIN_PREFIX_USES = 2

JoinReason = Literal["compound-seen", "word-seen", "prefix", "capital", "prefix-seen",
                     "parts-seen", "lexicon", "default"]


@dataclass(frozen=True)
class Vocabulary:
    """How often each word form occurs inside a line of one volume."""

    counts: Counter[str]
    """Case-folded word form ("fraternal", "self-determination") -> occurrences."""
    prefixes: Counter[str] = field(default_factory=Counter)
    """Case-folded first part of a one-line compound -> how many different compounds."""
    lexicon: Lexicon | None = None
    """Word frequencies of the volume's language, when it is known."""

    @classmethod
    def from_text(cls, text: str, lexicon: Lexicon | None = None) -> Vocabulary:
        """Count the word forms of a whole volume's ``text``.

        Fragments of words split at a line end (the "fra-" and the "ternal"
        after it) are skipped: they say nothing about how the volume spells
        whole words. The parts of a one-line compound are counted as well,
        since "counter-revolution" shows that "revolution" is a closed word.
        """
        counts = _count_forms(_unbroken_lines(text))
        for form, count in list(counts.items()):
            if "-" in form:
                for part in form.split("-"):
                    counts[part] += count
        prefixes = Counter(form.split("-", 1)[0] for form in counts if "-" in form)
        return cls(counts, prefixes, lexicon)

    def count(self, form: str) -> int:
        """How often ``form`` occurs, case-insensitively (0 when never)."""
        return self.counts[form.casefold()]

    def hyphenated_prefix(self, stem: str) -> int:
        """How many different one-line compounds start with ``stem-``."""
        return self.prefixes[stem.casefold()]


def _unbroken_lines(text: str) -> Iterator[str]:
    """The text lines of ``text``, one at a time, without the fragments of words
    broken at their ends or at the end of the line before."""
    after_break = False
    for line in iter_source_lines(text):
        if not line.strip():
            # Extracted text puts an empty line after every printed line;
            # it does not end the broken word.
            continue
        body, after_break = _unbroken_text(line, after_break=after_break)
        yield body


def _count_forms(lines: Iterable[str]) -> Counter[str]:
    """How often each case-folded word form occurs in ``lines``."""
    # A volume repeats its words: count the distinct white-space separated
    # tokens first and search each once. No form spans white space, so the
    # forms of the tokens are the forms of the text. Lines go in batches, to
    # keep down the calls without holding every token of a big volume at once.
    tokens: Counter[str] = Counter()
    lines = iter(lines)
    while batch := list(islice(lines, _TOKEN_BATCH)):
        tokens.update("\n".join(batch).casefold().split())
    counts: Counter[str] = Counter()
    for token, uses in tokens.items():
        for form in _WORD.findall(token):
            counts[form] += uses
    return counts


def _unbroken_text(line: str, *, after_break: bool) -> tuple[str, bool]:
    """The part of ``line`` outside broken words, and whether it ends with one.

    ``after_break`` says the previous line ended with a broken word, so this
    line starts with its second fragment.
    """
    body = line.strip()
    found = find_line_end_hyphen(body)
    if found is not None:
        body = found[0]
    leading = _WORD.match(body) if after_break else None
    if leading is not None:
        body = body[leading.end():]
    return body, found is not None


@dataclass(frozen=True)
class Join:
    """The decision for one word broken at a line end."""

    text: str
    """The joined word as it should read ("fraternal", "self-determination")."""
    kept_hyphen: bool
    """True when the hyphen belongs to a compound and stays."""
    reason: JoinReason
    """Stable code of the rule that decided, for the diagnostic."""


def decide(first: str, second: str, vocabulary: Vocabulary) -> Join:
    """Join a word broken at a line end, keeping the hyphen only in a compound.

    Args:
        first: The fragment ending the line, with its hyphen ("fra-", "self-").
        second: The letters starting the next line ("ternal", "determination").
        vocabulary: Word forms counted in the whole volume.

    Returns:
        The joined text, whether the hyphen stayed, and why. The case of the
        fragments is kept exactly.

    Raises:
        ValueError: If ``first`` does not end in a hyphen after some text.
    """
    if len(first) < 2 or not first.endswith("-"):
        raise ValueError(f"expected a line-end fragment ending in '-', got {first!r}")
    stem = first[:-1]
    compound, closed = first + second, stem + second
    compound_count, closed_count = vocabulary.count(compound), vocabulary.count(closed)
    # The volume's own spelling is the best evidence; ties go to the closed
    # word, because line-end breaks are far more common than compounds.
    if compound_count > closed_count:
        return Join(compound, kept_hyphen=True, reason="compound-seen")
    if closed_count:
        return Join(closed, kept_hyphen=False, reason="word-seen")
    # A capital after the break starts a name ("anti-Soviet"), unless the whole
    # word is in capitals, as in headings, where case tells nothing.
    if second[:1].isupper() and not (stem.isupper() and second.isupper()):
        return Join(compound, kept_hyphen=True, reason="capital")
    if stem.casefold() in _COMPOUND_PREFIXES or compound.casefold() in _KNOWN_COMPOUNDS:
        return Join(compound, kept_hyphen=True, reason="prefix")
    # A prefix the volume hyphenates in other words ("re-organisation",
    # "re-named") is hyphenated here too ("re-grouping"), by the same printer.
    if vocabulary.hyphenated_prefix(stem) >= _MIN_PREFIX_USES:
        return Join(compound, kept_hyphen=True, reason="prefix-seen")
    # Two whole words on either side ("long-" / "awaited") make a compound
    # when the volume never writes them as one word; fragments ("fra-") are
    # rarely words of three letters or more.
    if min(len(stem), len(second)) >= _MIN_PART and vocabulary.count(stem) \
            and vocabulary.count(second):
        return Join(compound, kept_hyphen=True, reason="parts-seen")
    looked_up = _by_lexicon(stem, second, vocabulary.lexicon)
    if looked_up is not None:
        return looked_up
    # Printers hyphenate at line ends far more often than a compound happens
    # to break there.
    return Join(closed, kept_hyphen=False, reason="default")


def _by_lexicon(stem: str, second: str, lexicon: Lexicon | None) -> Join | None:
    """The language's usage, for what the volume cannot settle: "fraternal" is
    a word, so "fra-" / "ternal" joins; "longawaited" is none while "long" and
    "awaited" are both words, so the hyphen stays. None when the lexicon knows
    neither, or when the fragments look like a name broken at the line end
    ("Zarga-" / "ryants"), whose parts may happen to be words."""
    if lexicon is None or (stem[:1].isupper() and second[:1].islower()):
        return None
    # Whether the closed form is a word at all is the evidence; how common it
    # is against the parts is not ("became" is rarer than "be" and "came").
    if lexicon.zipf(stem + second) > 0:
        return Join(stem + second, kept_hyphen=False, reason="lexicon")
    if lexicon.zipf(stem) > 0 and lexicon.zipf(second) > 0:
        return Join(f"{stem}-{second}", kept_hyphen=True, reason="lexicon")
    return None



def find_line_end_hyphen(line: str) -> tuple[str, str] | None:
    """Split off the word fragment that ``line`` ends with, hyphen included.

    Only a hyphen right after a letter counts: a dash ("—", "–", "--"), a lone
    "-" after a space, or a number ("1917-") is not a broken word. Trailing
    white space is ignored.

    Returns:
        ``(text_before_fragment, fragment)``, e.g. ``("to restore-", "fra-")``
        for ``"to restore-fra-"``, or None when the line ends otherwise.
    """
    stripped = line.rstrip()
    # Most lines end otherwise; the search below scans the whole line.
    if not stripped.endswith("-"):
        return None
    match = _LINE_END_FRAGMENT.search(stripped)
    if match is None:
        return None
    return stripped[: match.start()], match.group()


def split_leading_word(line: str) -> tuple[str, str]:
    """Split ``line`` into its leading letters and the rest.

    Nothing is dropped: the two parts join back to ``line``, so leading
    white space (if any) stays in the rest and the word is empty.

    Returns:
        ``("ternal", " confidence")`` for ``"ternal confidence"``.
    """
    match = _LEADING_LETTERS.match(line)
    end = match.end() if match is not None else 0
    return line[:end], line[end:]
