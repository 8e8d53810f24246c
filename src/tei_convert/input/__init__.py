"""Bytes to clean lines: the first stage, before any reader sees the text.

Modules:
    encoding     bytes to text: UTF-8, UTF-16, detected legacy encodings
    sanitize     line ends, byte-order marks, characters XML forbids
    text         white space, words and letters, shared by every later stage
    files        reading a file's bytes: regular files only, up to a size limit
    json_stream  a JSON file's one large array read an item at a time
"""
