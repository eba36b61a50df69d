"""Walk rendered page HTML once, rewriting only the prose text that a reader sees.

Glossary auto-linking must never touch code, math, headings, links, buttons or our own
metadata blocks. Python-Markdown's output is well-formed, so a single tokenising pass with a
stack of open elements is enough (and much faster than building a DOM for every page).
"""
from __future__ import annotations

import re
from collections.abc import Callable

# A whole skip-zone element that never nests in itself (<pre>, <math>, <svg>, links, code, buttons,
# headings other than the H2 that names a section) is one token: jumping over it instead of
# walking its tags halves the pass (a topic page has ~2,000 tags, a fifth of them in links).
WHOLE = "pre|math|svg|a|abbr|button|code|kbd|h1|h3|h4|h5|h6|script|style|textarea|select|label"
# Each split step gives: text, tag, whole-element name, "/" of a closing tag, tag name. Taking the
# name from the split (not a second match per tag) makes the walk ~25% faster.
TOKEN = re.compile(rf"(<(?P<whole>{WHOLE})\b.*?</(?P=whole)>|<!--.*?-->|<(/?)\s*([a-zA-Z][\w:-]*)[^>]*>|<[^>]*>)", re.S)
ID_ATTR = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
CLASS_ATTR = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
SKIP_TAGS = frozenset("a abbr button code h1 h2 h3 h4 h5 h6 kbd math pre script style svg textarea select label".split())
SKIP_CLASSES = frozenset("arithmatex qa-zh qa-meta qa-related qa-toolbar admonition-title headerlink".split())

# (text, section_id) -> replacement text
TextRewriter = Callable[[str, str | None], str]


def prose_runs(html: str) -> tuple[list[str], list[tuple[int, str | None]]]:
    """Split ``html`` once: its pieces (joined, they give ``html`` back) and, for every text run a
    reader sees outside skip zones, its index in the pieces and the enclosing H2's id."""
    pieces: list[str] = []
    runs: list[tuple[int, str | None]] = []
    stack: list[tuple[str, bool]] = []
    skipping = 0
    section: str | None = None
    parts = TOKEN.split(html)
    last = len(parts) - 1
    for i in range(0, len(parts), 5):
        text = parts[i]
        if text and not skipping and not text.isspace():
            runs.append((len(pieces), section))
        pieces.append(text)
        if i == last:
            break
        part = parts[i + 1]
        pieces.append(part)
        name = parts[i + 4]
        if name is None:  # a whole skip element, a comment, <!doctype>, <?...>
            continue
        name = name.lower()
        if parts[i + 3]:
            # a closing tag: pop to the matching open element (tolerates stray closers)
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
        if not skip and "class" in part:
            cm = CLASS_ATTR.search(part)
            skip = bool(cm) and not SKIP_CLASSES.isdisjoint(cm.group(1).split())
        stack.append((name, skip))
        skipping += skip
    return pieces, runs


def rewrite_text(html: str, rewrite: TextRewriter) -> str:
    """Apply ``rewrite`` to every text run outside skip zones; ``section_id`` is the enclosing H2's id."""
    pieces, runs = prose_runs(html)
    for index, section in runs:
        pieces[index] = rewrite(pieces[index], section)
    return "".join(pieces)
