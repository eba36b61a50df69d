"""Everything one build knows, in one object that ``on_config`` resets.

Hook modules are not reloaded by ``mkdocs serve``; state kept anywhere else would leak from one
rebuild into the next. Hooks import this module (a normal package, one instance in
``sys.modules``), so they share the registry without importing each other.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import jinja2

from . import parts
from .glossary import Entry, Matcher
from .permalinks import Redirects
from .questions import PageParse, Question


@dataclass
class SiteState:
    pages: dict[str, PageParse] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    glossary: list[Entry] = field(default_factory=list)
    glossary_problems: list = field(default_factory=list)
    matcher: Matcher | None = None
    parts: dict[str, dict[str, str]] = field(default_factory=dict)  # generated page -> marker -> HTML
    mentions: dict[str, set[str]] = field(default_factory=dict)
    redirects: Redirects = field(default_factory=Redirects)
    forwards: dict[str, dict[str, str]] = field(default_factory=dict)  # old page -> {id: page now}
    locked: dict[str, list[str]] = field(default_factory=dict)  # id -> pages it was published on
    env: Any = None
    md_env: Any = None
    related_index: Any = None
    targets: dict | None = None
    backlinks: dict[str, list[str]] | None = None
    search_job: Any = None  # llmqa.pagefind_index.IndexJob of this build
    formulas: Any = None    # llmqa.mathcache.FormulaCache of this build
    share_job: Any = None   # llmqa.offload.Offload writing this build's share pages
    edition: Any = None                                   # llmqa.edition.Edition this build makes
    strings: dict[str, Any] = field(default_factory=dict)  # its interface strings (hooks/i18n/strings.yml)
    fallback: set[str] = field(default_factory=set)        # pages a translation shows from the English source
    gloss_names: dict[str, str] = field(default_factory=dict)  # glossary slug -> name as shown
    term_links: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (base, slug) -> link around a mention
    tooltips: dict[str, dict] = field(default_factory=dict)  # glossary slug -> its tooltip's words


STATE = SiteState()


def reset() -> SiteState:
    """Forget the previous build."""
    STATE.__init__()
    return STATE


MARKDOWN_TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "templates")


def template(config, name: str):
    """A template, loaded once per build.

    HTML fragments come from the theme environment (``overrides/qa/*.html``, escaped with ``| e``);
    Markdown for generated pages comes from ``hooks/templates/*.md.j2`` (kept out of
    ``overrides/`` because MkDocs would copy non-HTML theme files into the site). Both see the
    edition's interface strings as ``t`` (hooks/i18n/strings.yml).
    """
    if name.endswith(".md.j2"):
        if STATE.md_env is None:
            STATE.md_env = jinja2.Environment(loader=jinja2.FileSystemLoader(MARKDOWN_TEMPLATES),
                                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
            STATE.md_env.filters["mdtext"] = markdown_text
            STATE.md_env.filters["part"] = parts.marker
            STATE.md_env.globals["t"] = STATE.strings
        return STATE.md_env.get_template(name)
    if STATE.env is None:
        STATE.env = config.theme.get_env()
        STATE.env.globals["t"] = STATE.strings
    return STATE.env.get_template(name)


def markdown_text(text: str) -> str:
    """Plain text made safe to drop into generated Markdown (no HTML, no stray link brackets)."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("[", "\\[").replace("]", "\\]"))
