"""Link the first mention of each glossary term in each answer, in one pass over page HTML."""
from __future__ import annotations

import re
from collections.abc import Callable

from .glossary import Entry, Matcher, is_cjk
from .htmltext import rewrite_text


def link_terms(html: str, matcher: Matcher, link: Callable[[Entry], tuple[str, str]]) -> tuple[str, list[Entry]]:
    """Wrap first mentions (per answer; English and Chinese names counted apart) with ``link(entry)``.

    ``link`` returns the HTML placed before and after the mention. Text outside answers (before
    the first H2) and skip zones (code, math, links, headings, buttons) are left alone.
    Returns the new HTML and the entries linked, in order of first link.
    """
    if matcher.empty:
        return html, []
    seen: set[tuple[str, str, bool]] = set()
    linked: dict[str, Entry] = {}
    wrappers: dict[str, tuple[str, str]] = {}
    entry_for = matcher.entry_for

    def rewrite(text: str, section: str | None) -> str:
        if section is None:
            return text

        def one(m: re.Match) -> str:
            entry = entry_for(m.group(0))
            if entry is None:
                return m.group(0)
            key = (section, entry.slug, is_cjk(m.group(0)))
            if key in seen:
                return m.group(0)
            seen.add(key)
            linked.setdefault(entry.slug, entry)
            if entry.slug not in wrappers:
                wrappers[entry.slug] = link(entry)
            before, after = wrappers[entry.slug]
            return before + m.group(0) + after

        out: list[str] = []
        last = 0
        for m in matcher.finditer(text):
            out += (text[last:m.start()], one(m))
            last = m.end()
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)

    return rewrite_text(html, rewrite), list(linked.values())
