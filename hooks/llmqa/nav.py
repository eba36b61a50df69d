"""Read the topic structure (sections and pages) from the ``nav`` config."""
from __future__ import annotations


def flatten(nav, section: str = "") -> list[tuple[str, str]]:
    """``(section, src_uri)`` for every page in ``nav`` order; top-level pages are their own section."""
    out: list[tuple[str, str]] = []
    for item in nav or []:
        if isinstance(item, str):
            out.append((section, item))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    out.append((section or title, value))
                else:
                    out.extend(flatten(value, section or title))
    return out
