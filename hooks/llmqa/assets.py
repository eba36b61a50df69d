"""Find references to third-party scripts, stylesheets, fonts, frames and images in Markdown.

The site must work offline and behind firewalls, so content may link to papers but never make a
reader's browser fetch something from another host. Checked on the source, so the message names
the line the author wrote.
"""
from __future__ import annotations

import re

from .mdscan import front_matter_lines, iter_lines, prose_only
from .problems import Problem

REMOTE = r"""(?:https?:)?//[^\s"'<>)]+"""
EXTERNAL = [
    ("script", re.compile(rf"""<script\b[^>]*\bsrc\s*=\s*["']?({REMOTE})""", re.I)),
    ("stylesheet", re.compile(rf"""<link\b[^>]*\bhref\s*=\s*["']?({REMOTE})""", re.I)),
    ("image", re.compile(rf"""<(?:img|source|video|audio)\b[^>]*\bsrcset?\s*=\s*["']?({REMOTE})""", re.I)),
    ("frame", re.compile(rf"""<(?:iframe|embed|object)\b[^>]*\b(?:src|data)\s*=\s*["']?({REMOTE})""", re.I)),
    ("image", re.compile(rf"""!\[[^\]]*\]\(\s*<?({REMOTE})""")),
    ("stylesheet or font", re.compile(rf"""@import\s+(?:url\()?["']?({REMOTE})|url\(\s*["']?({REMOTE})""", re.I)),
]


def external_references(src_uri: str, text: str) -> list[Problem]:
    """One problem per remote asset reference outside code."""
    problems: list[Problem] = []
    offset = front_matter_lines(text)
    for number, line, in_code in iter_lines(text):
        if in_code or number <= offset or ("//" not in line):
            continue
        prose = prose_only(line)
        for kind, pattern in EXTERNAL:
            for m in pattern.finditer(prose):
                url = next(g for g in m.groups() if g)
                problems.append(Problem(src_uri, number, f"external {kind} '{url}': the site must not load anything from another host; copy the file into docs/assets/"))
    return problems
