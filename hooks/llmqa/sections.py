"""Locate question sections in rendered HTML."""
from __future__ import annotations

import re

H2_HTML = re.compile(r'<h2\b[^>]*?\bid="(?P<id>[^"]+)"[^>]*>.*?</h2>', re.S)


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
