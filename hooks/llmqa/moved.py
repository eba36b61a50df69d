"""Which old pages must forward which anchors, from the permalink lock's page history.

A link already pasted into a chat may be ``old-page/#id``. The fragment never reaches a server,
so only the old page itself can send the reader on: it carries a small id -> new URL table that
``site.js`` consults when the fragment names no element on the page. When the old page is gone
altogether, the build writes a stub page at its URL that does the same and lists the questions
(so it still works without JavaScript, one click away). Pure functions; the hook renders.
"""
from __future__ import annotations

from collections.abc import Mapping


def forwards(locked: Mapping[str, list[str]], current: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """old page -> {id: page the question lives on now}, for every id that left a page.

    ``locked`` is id -> pages it was published on (oldest first); ``current`` is id -> page now.
    Ids no longer on the site are the redirect table's business (``/q/<id>/``), not this one's.
    """
    table: dict[str, dict[str, str]] = {}
    for qid, page_now in current.items():
        for old in locked.get(qid, ()):
            if old != page_now:
                table.setdefault(old, {})[qid] = page_now
    return {old: dict(sorted(ids.items())) for old, ids in sorted(table.items())}


def vanished(table: Mapping[str, Mapping[str, str]], pages: set[str]) -> list[str]:
    """Old pages that no longer exist in docs/ and need a stub at their URL."""
    return sorted(old for old in table if old not in pages)
