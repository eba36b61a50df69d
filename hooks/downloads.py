"""Links to the offline copies (Anki deck, PDFs) wherever a page says ``<!-- qa:downloads -->``.

The files are made after the build (`make anki`, `make pdf`; see llmqa.downloads), so MkDocs
cannot validate links to them: the links are raw HTML from a template, with names from the one
place that also names the files, and the real-site tests make the files before crawling links.
"""
from __future__ import annotations

from mkdocs.utils import get_relative_url

from llmqa.cards import language
from llmqa.downloads import LABELS, site_paths
from llmqa.state import template

MARKER = "<!-- qa:downloads -->"
KINDS = {"deck": "Anki .apkg", "book": "PDF", "cheatsheet": "PDF"}


def on_page_markdown(markdown: str, *, page, config, files):
    """Put the download list where the page asks for it."""
    if MARKER not in markdown:
        return markdown
    lang = language(config)
    items = [{"href": get_relative_url(path, page.url), "label": LABELS[lang][kind], "kind": KINDS[kind]}
             for kind, path in site_paths(lang).items()]
    return markdown.replace(MARKER, template(config, "qa/downloads.html").render(items=items))
