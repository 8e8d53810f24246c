"""Many inputs into one output folder, with a manifest.

Modules:
    corpus    convert_corpus: the run in order, and the RunReport it returns
    plan      the inputs found, in name order, with their ids and settings
    execute   where conversions run (here, a process pool, Dask), one job each
    reuse     --incremental: which results of the last run still hold
    folder    what the folder holds from the last run; cleanup of our files only
    manifest  manifest entries, written streamed and checked against the schema
    entries   the run's manifest entries, kept in a temporary file until written
    output    atomic file writing, and our own temporary files
    progress  the progress bar on a terminal
    one       one input to one TEI file or standard output, with no manifest
    config    tei-convert.toml / [tool.tei-convert]: the user's settings
"""
