"""The copy of a page that Material's search plugin parses: everything it would skip, removed.

The plugin feeds each page's whole HTML to Python's ``HTMLParser`` (pure Python, the largest
single cost of our build) and drops elements marked ``data-search-exclude`` only after parsing
them. MathML, highlighted code, Related lists, glossary definitions and "Mentioned in" lists are
about half of our markup and none of it is indexed, so one regex pass removes them first. Every
pattern here matches an element whose own tag cannot nest inside it, so a lazy match ends at
the right closing tag.
"""
from __future__ import annotations

import re

NOT_INDEXED = re.compile(
    r"<math\b.*?</math>"
    r'|<div class="(?:language-[\w+-]+ )?highlight"[^>]*><pre\b.*?</pre></div>'
    r'|<(?P<tag>div|details) class="(?:qa-related|qa-term-defs|note qa-mentions)"[^>]*>.*?</(?P=tag)>',
    re.S,
)
SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")  # as Material strips them


def for_search(html: str) -> str:
    """``html`` without the elements search never indexes."""
    return NOT_INDEXED.sub("", html)


def without_search_attributes(html: str) -> str:
    """What Material's plugin leaves in the page after indexing it."""
    return SEARCH_ATTRIBUTE.sub("", html) if "data-search-" in html else html
