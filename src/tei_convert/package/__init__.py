"""What is made of a finished output folder.

Modules:
    edition    an output folder read back and checked against its manifest
    bag        BagIt deposits of an output folder (bagit)
    teicorpus  one teiCorpus file of an output folder
    cmif       one CMIF file (correspondence metadata for correspSearch) of its letters
    site       a static reading edition: an index and one HTML page per document
    site_pages the pages of that site: our XSLT for documents, the index from the manifest
    site_warnings  where each warning stands on a page: source words aligned with the page's
    status     how each file of an output folder stands against its manifest and sources
"""
