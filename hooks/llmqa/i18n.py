"""Which version of the English each translated question follows.

Each Chinese question heading carries ``data-en-hash``: a short hash of the English question's
Markdown as it was when it was translated. When the English changes later, the hashes differ:
the build does not fail (English authors are never blocked by translations), but the page shows
a note and ``make i18n-status`` lists the question. The follow-up list is left out of the hash:
it is a list of ids, the same in both languages, and re-linking questions is not a change a
translator has to follow.
"""
from __future__ import annotations

import hashlib
import re

from .mdscan import iter_lines

H2_ID = re.compile(r"^##[ \t]+.*\{[^{}]*#(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)[^{}]*\}[ \t]*$")
EN_HASH = re.compile(r'[ \t]+data-en-hash="[^"]*"')
FOLLOW_UPS = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+question\b')
HASH_LENGTH = 12


def question_sections(markdown: str) -> dict[str, str]:
    """id -> the question's Markdown (its heading up to the next H2), in page order."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for _, line, in_code in iter_lines(markdown):
        m = None if in_code else H2_ID.match(line)
        if m:
            current = sections.setdefault(m.group("id"), [])
        elif not in_code and line.startswith("## "):
            current = None
        if current is not None:
            current.append(line)
    return {qid: "\n".join(lines) for qid, lines in sections.items()}


def section_hash(section: str) -> str:
    """Hash of what a translator follows: the section without its follow-up list and without
    trailing whitespace, so re-linking or re-wrapping blank lines does not count as a change."""
    kept: list[str] = []
    skipping = False
    for line in section.split("\n"):
        if FOLLOW_UPS.match(line):
            skipping = True
            continue
        if skipping and (not line.strip() or line.startswith((" ", "\t"))):
            continue
        skipping = False
        kept.append(EN_HASH.sub("", line.rstrip()))
    text = "\n".join(kept).strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def recorded_hashes(markdown: str) -> dict[str, str]:
    """id -> the ``data-en-hash`` written on each translated question ('' when missing)."""
    out: dict[str, str] = {}
    for _, line, in_code in iter_lines(markdown):
        m = None if in_code else H2_ID.match(line)
        if m:
            h = re.search(r'data-en-hash="([^"]*)"', line)
            out[m.group("id")] = h.group(1) if h else ""
    return out


def stamp(markdown: str, hashes: dict[str, str], only: set[str] | None = None) -> str:
    """Write ``data-en-hash`` on the headings of ``only`` (default: every question with a hash)."""
    out: list[str] = []
    for _, line, in_code in iter_lines(markdown):
        m = None if in_code else H2_ID.match(line)
        qid = m.group("id") if m else None
        if qid and qid in hashes and (only is None or qid in only):
            line = EN_HASH.sub("", line)
            brace = line.rindex("}")
            line = f'{line[:brace].rstrip()} data-en-hash="{hashes[qid]}" {line[brace:]}'
        out.append(line)
    return "\n".join(out)
