#!/usr/bin/env python3
"""Add every question id found in docs/ to permalinks.lock (`make lock`).

Ids are only ever added: an id that disappears from the site stays locked, and the build then
asks for a redirect or a retirement in redirects.yml. Never edit the lock by hand.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from llmqa.permalinks import read_lock, render_lock  # noqa: E402
from llmqa.questions import is_topic_page, parse_page  # noqa: E402


def site_ids(docs: Path) -> set[str]:
    """Every question id on the topic pages under ``docs``."""
    ids: set[str] = set()
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if is_topic_page(text):
            parsed = parse_page(path.relative_to(docs).as_posix(), text, frozenset())
            ids.update(q.id for q in parsed.questions if q.id)
    return ids


def main() -> int:
    lock = ROOT / "permalinks.lock"
    locked = read_lock(lock.read_text(encoding="utf-8")) if lock.exists() else []
    current = site_ids(ROOT / "docs")
    added = sorted(current - set(locked))
    lock.write_text(render_lock(set(locked) | current), encoding="utf-8")
    print(f"permalinks.lock: {len(set(locked) | current)} ids ({len(added)} added)")
    for qid in added:
        print(f"  + {qid}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
