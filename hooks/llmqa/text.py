"""Small text helpers for previews: trimmed descriptions and slugs."""
from __future__ import annotations

import re

WORD_END = re.compile(r"\s+\S*$")
SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def trim(text: str, limit: int = 200) -> str:
    """Cut plain text at a word boundary to at most ``limit`` characters, adding an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = WORD_END.sub("", text[: limit - 1]).rstrip(" ,;:-")
    return (cut or text[: limit - 1]) + "…"


def slugify(text: str) -> str:
    """ASCII kebab-case slug for generated anchors (tags, topics, letters)."""
    return SLUG_JUNK.sub("-", text.lower()).strip("-")
