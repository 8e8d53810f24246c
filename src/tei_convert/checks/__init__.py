"""What is verified before a byte is written, and reports of what was found.

Modules:
    validate  safe XML parsing, our RelaxNG schema (compiled once), integrity
    fidelity  the "nothing lost" check: every source letter reaches the TEI
    schemas   the shipped schema files, loaded once; JSON checked against them
    reports   validation reports for CI: JSON and JUnit XML
"""
