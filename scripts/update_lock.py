#!/usr/bin/env python3
"""Record every question id found in docs/, with its page, in permalinks.lock (`make lock`).

Ids and pages are only ever added: an id that disappears from the site stays locked, and the
build then asks for a redirect or a retirement in redirects.yml; a question that moves to
another page keeps its old page in the lock, so links to the old page's anchor are forwarded.
Never edit the lock by hand.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from llmqa.permalinks import read_lock, record, render_lock, unlocked  # noqa: E402
from llmqa.questions import is_topic_page, parse_page  # noqa: E402


def site_ids(docs: Path) -> dict[str, str]:
    """Every question id on the topic pages under ``docs``, with the page it is on."""
    ids: dict[str, str] = {}
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if is_topic_page(text):
            src_uri = path.relative_to(docs).as_posix()
            parsed = parse_page(src_uri, text, frozenset())
            ids.update((q.id, src_uri) for q in parsed.questions if q.id)
    return ids


def main() -> int:
    lock = ROOT / "permalinks.lock"
    locked = read_lock(lock.read_text(encoding="utf-8")) if lock.exists() else {}
    current = site_ids(ROOT / "docs")
    changed = unlocked(locked, current)
    updated = record(locked, current)
    lock.write_text(render_lock(updated), encoding="utf-8")
    print(f"permalinks.lock: {len(updated)} ids ({len(changed)} added or moved)")
    for qid in changed:
        print(f"  + {qid} ({' -> '.join(updated[qid])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
