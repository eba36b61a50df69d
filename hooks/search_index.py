"""Keep fenced code blocks out of the client-side search index.

Code is a third of the answers' text but almost never what a reader searches for; lunr builds
its index in the browser on every cold load, so a smaller index is a faster-ready search box
(benchmarks/results.md, "Search latency"). Inline code stays searchable. Material's search plugin
skips any element carrying ``data-search-exclude`` and then strips the attribute from the page.
"""
from __future__ import annotations

import re

from mkdocs.plugins import event_priority

CODE_BLOCK = re.compile(r'<div class="(language-[\w+-]+ )?highlight"')


@event_priority(-90)
def on_page_content(html: str, *, page, config, files):
    """Mark every highlighted code block as excluded from search."""
    return CODE_BLOCK.sub(lambda m: m.group(0) + ' data-search-exclude="true"', html)
