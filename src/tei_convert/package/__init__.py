"""What is made of a finished output folder.

Modules:
    edition    an output folder read back and checked against its manifest
    bag        BagIt deposits of an output folder (bagit)
    teicorpus  one teiCorpus file of an output folder
    cmif       one CMIF file (correspondence metadata for correspSearch) of its letters
    status     how each file of an output folder stands against its manifest and sources
"""
