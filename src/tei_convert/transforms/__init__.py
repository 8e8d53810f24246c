"""Passes over the document model (``pipeline.PASSES``), and the rules they share
with the readers (hyphenation is such a rule: the volume reader applies it).

Modules:
    metadata     the user's metadata (a sidecar, --meta, a catalogue row) into the
                 header, and where each header value came from (provenance)
    notes        the whole note grammar (markers, note starts, bare references, the
                 note forms of plain texts and e-texts' footnotes) and the pass that
                 links markers to notes
    hyphenation  words split at a line end: join them or keep the hyphen
    lexicon      word frequencies of a language (wordfreq), hyphenation's last witness
    content      walking and mapping the inline content of a document
    genre        the pass that names a document's genre (letter, telegram, speech...)
"""
