"""What is verified before a byte is written, and reports of what was found.

Modules:
    relaxng   RelaxNG schemas (ours, TEI P5 tei_all, a file), read safely, compiled once
    validate  safe parsing of TEI, checking it against a schema, integrity rules
    fidelity  the "nothing lost" check: every source letter reaches the TEI
    schemas   the shipped schema files, loaded once; JSON checked against them
    reports   validation reports for CI: JSON and JUnit XML
"""
