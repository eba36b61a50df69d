"""Walk rendered page HTML once, rewriting only the prose text that a reader sees.

Glossary auto-linking must never touch code, math, headings, links, buttons or our own
metadata blocks. Python-Markdown's output is well-formed, so a single tokenising pass with a
stack of open elements is enough (and much faster than building a DOM for every page).
"""
from __future__ import annotations

import re
from collections.abc import Callable

# A whole <pre>, <math> or <svg> element is one token: they are skip zones that never nest in
# themselves, and jumping over them (instead of walking their thousands of tags) halves the pass.
TOKEN = re.compile(r"(<(?P<whole>pre|math|svg)\b.*?</(?P=whole)>|<!--.*?-->|<[^>]*>)", re.S)
TAG_NAME = re.compile(r"^</?\s*([a-zA-Z][\w:-]*)")
ID_ATTR = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
CLASS_ATTR = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
SKIP_TAGS = frozenset("a abbr button code h1 h2 h3 h4 h5 h6 kbd math pre script style svg textarea select label".split())
SKIP_CLASSES = frozenset("arithmatex qa-zh qa-meta qa-related qa-toolbar admonition-title headerlink".split())

# (text, section_id) -> replacement text
TextRewriter = Callable[[str, str | None], str]


def rewrite_text(html: str, rewrite: TextRewriter) -> str:
    """Apply ``rewrite`` to every text run outside skip zones; ``section_id`` is the enclosing H2's id."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []
    skipping = 0
    section: str | None = None
    parts = TOKEN.split(html)  # text, tag, whole-element name or None, text, ...
    for i in range(0, len(parts), 3):
        text = parts[i]
        out.append(rewrite(text, section) if text and not skipping and text.strip() else text)
        if i + 1 == len(parts):
            break
        part = parts[i + 1]
        out.append(part)
        if parts[i + 2] or part.startswith(("<!", "<?")):
            continue
        m = TAG_NAME.match(part)
        if not m:
            continue
        name = m.group(1).lower()
        if part.startswith("</"):
            # pop to the matching open element (tolerates stray closers)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    for _, skip in stack[depth:]:
                        skipping -= skip
                    del stack[depth:]
                    break
            continue
        if name == "h2":
            idm = ID_ATTR.search(part)
            section = idm.group(1) if idm else section
        if name in VOID or part.endswith("/>"):
            continue
        skip = name in SKIP_TAGS
        if not skip:
            cm = CLASS_ATTR.search(part)
            skip = bool(cm) and not SKIP_CLASSES.isdisjoint(cm.group(1).split())
        stack.append((name, skip))
        skipping += skip
    return "".join(out)
