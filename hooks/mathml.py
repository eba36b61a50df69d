"""Formulas rendered to MathML at build time (see llmqa.mathml for why).

Priority 100 on on_page_content: math becomes <math> before the question decorations and the
glossary linker run, so both see it as a skip zone. Rendered formulas are kept between builds
in ``.cache/mathml/`` (llmqa.mathcache says why and what keys it).
"""
from __future__ import annotations

import os

from mkdocs.plugins import event_priority, get_plugin_logger

from llmqa import edition
from llmqa.mathcache import CACHE_DIR, FormulaCache, renderer_digest
from llmqa.mathml import render_page, unrendered_display_math
from llmqa.state import STATE


@event_priority(50)
def on_config(config):
    """Open this edition's formula cache (after questions.on_config reset the build's state)."""
    path = os.path.join(edition.root_dir(config), CACHE_DIR, f"{edition.current(config).code}.json")
    STATE.formulas = FormulaCache(path, renderer_digest())
    return config


@event_priority(100)
def on_page_content(html: str, *, page, config, files):
    """Replace arithmatex output with MathML; report formulas that cannot be rendered or were
    never recognised as math (raw ``$$`` left in the prose)."""
    if "arithmatex" in html:
        html, errors = render_page(html, STATE.formulas)
        for error in errors:
            log.warning(f"{page.file.src_uri}: {error}")
    for tex in unrendered_display_math(html):
        log.warning(f"{page.file.src_uri}:{_source_line(page, tex)}: display math was not recognised "
                    f"(give $$ its own lines, indented like the surrounding list item or admonition, "
                    f"with blank lines around it): $${tex}")
    return html


def on_post_build(*, config):
    """Keep the formulas this build rendered for the next one."""
    if STATE.formulas is not None:
        try:
            STATE.formulas.save()
        except OSError as exc:  # a read-only checkout still builds; it just renders every time
            log.info(f"formula cache not saved ({exc.strerror}): {STATE.formulas.path}")


def _source_line(page, tex: str) -> int | str:
    """Line of the formula in the page's Markdown (for the message), or '?' when not found."""
    source = page.file.content_string if not page.file.generated_by else ""
    for number, line in enumerate(source.splitlines(), 1):
        if tex and tex in line:
            return number
    return "?"


log = get_plugin_logger(__name__)
