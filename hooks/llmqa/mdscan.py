"""Line-level scanning of Markdown that knows where code is.

Question parsing, cross-reference rewriting and asset checks all need the same thing: the
prose lines of a page with fenced code blocks and inline code spans left out (an ``[[id]]``
or a ``<script>`` shown in a code sample is an example, not content). Python-Markdown has no
public API for "source text outside code", so this small scanner does it in one pass.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)


def front_matter_lines(text: str) -> int:
    """Number of lines taken by a leading YAML front matter block (0 when there is none)."""
    m = FRONT_MATTER.match(text)
    return m.group(0).count("\n") if m else 0


def iter_lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """Yield ``(line_number, line, in_code)`` for every line; fence lines count as code."""
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        m = FENCE.match(line)
        if fence is None:
            if m:
                fence = m.group("fence")
                yield number, line, True
                continue
            yield number, line, False
        else:
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence) \
                    and not line[m.end():].strip():
                fence = None
            yield number, line, True


def map_prose(line: str, transform: Callable[[str], str]) -> str:
    """Apply ``transform`` to the parts of one line that are outside inline code spans."""
    out: list[str] = []
    pos = 0
    for m in CODE_SPAN.finditer(line):
        out.append(transform(line[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(transform(line[pos:]))
    return "".join(out)


def prose_only(line: str) -> str:
    """The line with inline code spans blanked out (same length is not preserved)."""
    return CODE_SPAN.sub(" ", line)
