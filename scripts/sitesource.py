"""The site as the post-build scripts (`make anki`, `make pdf`) see it: config and questions.

They run after `mkdocs build`, outside it, so they read the same inputs the hooks read: the
MkDocs config (``INHERIT`` and all, via MkDocs' own loader) and every topic page in nav order,
parsed by the same functions (``hooks/llmqa``).
"""
from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

from llmqa.cards import language  # noqa: E402
from llmqa.nav import flatten  # noqa: E402
from llmqa.questions import PageParse, is_topic_page, parse_page  # noqa: E402


@dataclass
class Site:
    """What the scripts need from one language edition's config."""

    name: str
    url: str
    lang: str
    docs_dir: Path
    site_dir: Path
    nav: list[tuple[str, str]]          # (section, src_uri) in nav order
    pages: list[PageParse]              # topic pages in nav order


def load(config_file: str | Path = ROOT / "mkdocs.yml", site_dir: str | Path | None = None) -> Site:
    """Read one edition's config and parse its topic pages (hooks are not run)."""
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(config_file))
    docs = Path(config.docs_dir)
    nav = flatten(config.nav)
    pages = []
    for _, src_uri in nav:
        path = docs / src_uri
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if text and is_topic_page(text):
            pages.append(parse_page(src_uri, text, frozenset()))
    return Site(name=config.site_name, url=config.site_url or "", lang=language(config), docs_dir=docs,
                site_dir=Path(site_dir or config.site_dir), nav=nav, pages=pages)
