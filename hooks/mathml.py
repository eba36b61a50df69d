"""Formulas rendered to MathML at build time (see llmqa.mathml for why).

Priority 100 on on_page_content: math becomes <math> before the question decorations and the
glossary linker run, so both see it as a skip zone.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority, get_plugin_logger

from llmqa.mathml import render_page, unrendered_display_math


@event_priority(100)
def on_page_content(html: str, *, page, config, files):
    """Replace arithmatex output with MathML; report formulas that cannot be rendered or were
    never recognised as math (raw ``$$`` left in the prose)."""
    if "arithmatex" in html:
        html, errors = render_page(html)
        for error in errors:
            log.warning(f"{page.file.src_uri}: {error}")
    for tex in unrendered_display_math(html):
        log.warning(f"{page.file.src_uri}:{_source_line(page, tex)}: display math was not recognised "
                    f"(give $$ its own lines, indented like the surrounding list item or admonition, "
                    f"with blank lines around it): $${tex}")
    return html


def _source_line(page, tex: str) -> int | str:
    """Line of the formula in the page's Markdown (for the message), or '?' when not found."""
    source = page.file.content_string if not page.file.generated_by else ""
    for number, line in enumerate(source.splitlines(), 1):
        if tex and tex in line:
            return number
    return "?"


log = get_plugin_logger(__name__)
