"""Link the first mention of each glossary term in each answer, in one pass over page HTML.

The page is split once (llmqa.htmltext.prose_runs); its prose runs, joined by NUL (which no
name contains and which counts as a word boundary), go through the matcher in one scan. A page
has thousands of short runs between tags, and calling the matcher once per run cost more than
the matching itself.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator

from .glossary import Entry, Matcher, is_cjk
from .htmltext import prose_runs

SEPARATOR = "\x00"


def link_terms(html: str, matcher: Matcher, link: Callable[[Entry], tuple[str, str]]) -> tuple[str, list[Entry]]:
    """Wrap first mentions (per answer; English and Chinese names counted apart) with ``link(entry)``.

    ``link`` returns the HTML placed before and after the mention. Text outside answers (before
    the first H2) and skip zones (code, math, links, headings, buttons) are left alone.
    Returns the new HTML and the entries linked, in order of first link.
    """
    if matcher.empty:
        return html, []
    pieces, runs = prose_runs(html)
    runs = [(index, section) for index, section in runs if section is not None]
    if not runs:
        return html, []
    texts = [pieces[index] for index, _ in runs]
    linker = _FirstMentions(matcher)
    edits: dict[int, list[tuple[int, int, Entry]]] = {}
    for r, start, end in _run_matches(texts, matcher):
        entry = linker.first(texts[r][start:end], runs[r][1])
        if entry is not None:
            edits.setdefault(r, []).append((start, end, entry))
    return _apply(pieces, runs, texts, edits, linker, link)


def _run_matches(texts: list[str], matcher: Matcher) -> Iterator[tuple[int, int, int]]:
    """(run index, start, end in that run) of every match: one scan over the runs joined by NUL,
    or one scan per run in the (never seen) case that a run contains NUL itself."""
    if any(SEPARATOR in text for text in texts):
        for r, text in enumerate(texts):
            for start, end in matcher.spans(text):
                yield r, start, end
        return
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    for start, end in matcher.spans(SEPARATOR.join(texts)):
        r = bisect_right(starts, start) - 1
        yield r, start - starts[r], end - starts[r]


class _FirstMentions:
    """Which matches are first mentions: one per (answer, entry, script)."""

    def __init__(self, matcher: Matcher):
        self.matcher = matcher
        self.seen: set[tuple[str, str, bool]] = set()
        self.linked: dict[str, Entry] = {}
        self.entries: dict[str, Entry | None] = {}  # surface form -> entry (a page repeats its terms)

    def first(self, surface: str, section: str) -> Entry | None:
        entry = self.entries.get(surface, False)
        if entry is False:
            entry = self.entries[surface] = self.matcher.entry_for(surface)
        if entry is None:
            return None
        key = (section, entry.slug, is_cjk(surface))
        if key in self.seen:
            return None
        self.seen.add(key)
        self.linked.setdefault(entry.slug, entry)
        return entry


def _apply(pieces, runs, texts, edits, linker: _FirstMentions, link) -> tuple[str, list[Entry]]:
    wrappers: dict[str, tuple[str, str]] = {}
    for r, spans in edits.items():
        text, out, last = texts[r], [], 0
        for start, end, entry in spans:
            if entry.slug not in wrappers:
                wrappers[entry.slug] = link(entry)
            before, after = wrappers[entry.slug]
            out += (text[last:start], before, text[start:end], after)
            last = end
        out.append(text[last:])
        pieces[runs[r][0]] = "".join(out)
    return "".join(pieces), list(linker.linked.values())

