"""Formulas rendered to MathML at build time (see llmqa.mathml for why).

Priority 100 on on_page_content: math becomes <math> before the question decorations and the
glossary linker run, so both see it as a skip zone.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority, get_plugin_logger

from llmqa.mathml import render_page


@event_priority(100)
def on_page_content(html: str, *, page, config, files):
    """Replace arithmatex output with MathML; report formulas that cannot be rendered."""
    if "arithmatex" not in html:
        return html
    html, errors = render_page(html)
    for error in errors:
        log.warning(f"{page.file.src_uri}: {error}")
    return html


log = get_plugin_logger(__name__)
