"""Many inputs into one output folder, with a manifest.

Modules:
    corpus    convert_corpus: inputs, ids, the pool, reuse, cleanup, the report
    manifest  manifest entries, written streamed and checked against the schema
    output    atomic file writing, and our own temporary files
    config    tei-convert.toml / [tool.tei-convert]: the user's settings
"""
