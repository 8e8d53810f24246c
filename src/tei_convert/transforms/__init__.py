"""Passes over the document model, and the rules they share with the readers.

Modules:
    notes        note markers, note starts and bare references (the whole note
                 grammar), and linking markers to notes
    hyphenation  words split at a line end: join them or keep the hyphen
"""
