"""Pygments token spans that Material's theme paints exactly like the surrounding code.

Material colours ``.n`` (names) with ``--md-code-hl-name-color``, which its palettes define as
``var(--md-code-fg-color)``, the colour code already has; ``.w`` (whitespace) is not styled at
all. Those spans were a third of the elements on a topic page with runnable snippets, and every
element costs time in the full-page style recalculations Material's scripts trigger at load
(Lighthouse mobile, benchmarks/results.md). tests/test_small_units.py checks the theme still
defines the name colour that way, so a theme upgrade that changes it fails the tests.
"""
from __future__ import annotations

import re

UNSTYLED_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def unwrap_unstyled_tokens(html: str) -> str:
    """``html`` with every unstyled token span replaced by its text."""
    return UNSTYLED_TOKEN.sub(r"\1", html) if 'class="highlight' in html or ' highlight"' in html else html
