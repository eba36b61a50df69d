"""Let Material's search plugin parse a lighter copy of each page (see llmqa.searchcopy).

The swap brackets the plugin's own ``on_page_context`` (priority 0): the copy goes in just
before it and the full page comes back just after, so the built page is unchanged and the
index holds the same text. Highlighted code blocks are among what the copy leaves out: code is a
third of the answers but almost never what a reader searches for, and lunr builds its index in
the browser on every cold load (benchmarks/results.md, "Search latency"). Inline code stays.
"""
from __future__ import annotations

import logging

from mkdocs.plugins import CombinedEvent, event_priority

from llmqa.searchcopy import for_search, without_search_attributes
from llmqa.state import STATE


def on_config(config):
    """Keep jieba (Material's Chinese word segmenter) from printing its dictionary-loading chatter
    on every build: the build log should hold only what an author has to act on."""
    try:
        import jieba
    except ImportError:
        return config
    jieba.setLogLevel(logging.WARNING)
    return config


@event_priority(10)
def _give_search_the_copy(context, *, page, config, nav):
    STATE.full_content[page.file.src_uri] = page.content
    page.content = for_search(page.content or "")
    return context


@event_priority(-10)
def _restore_the_page(context, *, page, config, nav):
    full = STATE.full_content.pop(page.file.src_uri, None)
    if full is not None:
        page.content = without_search_attributes(full)
    return context


on_page_context = CombinedEvent(_give_search_the_copy, _restore_the_page)
