"""Leaner highlighted code: drop the token spans the theme does not paint (see llmqa.codetokens)."""
from __future__ import annotations

from mkdocs.plugins import event_priority

from llmqa.codetokens import unwrap_unstyled_tokens


@event_priority(-80)
def on_page_content(html: str, *, page, config, files):
    """One regex pass per page."""
    return unwrap_unstyled_tokens(html)
