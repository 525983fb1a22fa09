"""Dates in Arabic and English text (STUB, being written): parse, find, resolve relative, format."""
