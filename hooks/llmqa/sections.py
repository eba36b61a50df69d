"""Locate question sections in Markdown and in rendered HTML."""
from __future__ import annotations

import re
from collections.abc import Mapping

from .mdscan import iter_lines
from .questions import ATTR_LIST, HEADING, parse_attrs

H2_HTML = re.compile(r'<h2\b[^>]*?\bid="(?P<id>[^"]+)"[^>]*>.*?</h2>', re.S)
NEXT_H2 = re.compile(r"<h2[\s>]")


def append_to_sections(markdown: str, blocks: Mapping[str, str]) -> str:
    """Insert ``blocks[id]`` at the end of each H2 section (before the next H2 or the page end)."""
    out: list[str] = []
    current: str | None = None
    for _, line, in_code in iter_lines(markdown):
        heading = None if in_code else HEADING.match(line)
        if heading and len(heading.group("hashes")) <= 2:
            if current in blocks:
                out.extend(["", blocks[current], ""])
            current = None
            if len(heading.group("hashes")) == 2:
                m = ATTR_LIST.search(heading.group("text"))
                current = parse_attrs(m.group("attrs")).get("id") if m else None
        out.append(line)
    if current in blocks:
        out.extend(["", blocks[current], ""])
    return "\n".join(out)


def decorate_sections(content: str, after_heading, wrap_answer) -> str:
    """Rebuild page HTML: ``after_heading(id)`` follows each ``<h2 id>``, the answer is wrapped.

    ``wrap_answer(id, html)`` receives everything from the end of the heading to the next H2.
    """
    marks = list(H2_HTML.finditer(content))
    if not marks:
        return content
    out = [content[: marks[0].start()]]
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(content)
        body = content[m.end(): end]
        out.append(m.group(0))
        out.append(after_heading(m.group("id")))
        out.append(wrap_answer(m.group("id"), body))
    return "".join(out)
