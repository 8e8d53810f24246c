"""Small parsers for header field values, each tested with a table of cases.

Modules:
    dates     exact and vague dates ("Late 1920", "Between May 10 and 15")
    names     personal names and the roles of responsibility fields
    bibl      a "Source:" line as the parts of a bibliographic citation
    licences  licence statements: status and URL, never a guessed version
    urls      the source URL pattern (--source-url) and a file's address by it
    languages language names as a source writes them ("English") and their BCP 47 tags
"""
