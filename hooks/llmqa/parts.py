"""Generated pages: headings in Markdown, bodies as HTML put in after Markdown.

MkDocs must see the headings (table of contents, permalinks, anchors it validates), but the
bodies of the glossary, cheat sheet and tag index are thousands of generated links and escaped
plain text: run through Python-Markdown they were the largest single cost of a build
(benchmarks/results.md). Their Markdown holds an HTML comment per body instead; after Markdown,
one regex pass swaps each comment for HTML rendered from a template in ``overrides/qa/``.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

MARKER = re.compile(r"<!--qa-part ([^>]+?)-->")


def marker(key: str) -> str:
    """The comment standing for ``key`` in generated Markdown (keep it on a line of its own)."""
    return f"<!--qa-part {key}-->"


def fill(html: str, parts: Mapping[str, str]) -> str:
    """Every marker replaced by its HTML; unknown markers stay (they are invisible comments)."""
    return MARKER.sub(lambda m: parts.get(m.group(1), m.group(0)), html)
