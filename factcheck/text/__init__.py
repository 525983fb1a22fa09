"""Text utilities shared by every stage, one definition each.

``normalize`` (folding, tokens, stems, spans), ``grounding`` (verbatim quotes at character spans),
``dates`` (date mentions in Arabic and English), ``numbers`` (numbers in digits or words),
``scripts`` (which script a text is written in), ``sentences`` (sentence spans) and ``posts``
(embedded-post signatures).
"""
