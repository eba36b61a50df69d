"""One printable document from built pages, for Chromium's print engine (`make pdf`).

Printing the site page by page would give a PDF per page, links that leave the PDF, and no
common table of contents. Instead the articles of the built pages are put one after another in
a single HTML document: ids stay unique (a repeated id gets its page's prefix), links to a page
in the book become internal ``#id`` links (the PDF keeps them clickable), links to the rest of
the site point at the public site, and images load from the local copy of the site. Collapsed
blocks (``??? question``) are opened, since paper cannot be clicked.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .text import slugify

DROP = ("script, .headerlink, .md-content__button, .qa-toolbar, .qa-actions, .qa-related, .qa-term-defs, "
        ".qa-glossary-filter, .qa-mentions")  # interactive parts, and the glossary's long back-link lists


@dataclass
class Chapter:
    """One built page in the book: its site path (``attention/``) and the HTML of its article."""

    path: str
    anchor: str
    title: str
    html: str


@dataclass
class Book:
    chapters: list[Chapter] = field(default_factory=list)
    ids: dict[tuple[str, str], str] = field(default_factory=dict)   # (page path, id) -> id in the book
    stylesheets: list[str] = field(default_factory=list)

    def anchor_of(self, path: str, fragment: str = "") -> str | None:
        """The book id a link to ``path#fragment`` lands on, or None when that page is not in the book."""
        chapter = next((c for c in self.chapters if c.path == path), None)
        if chapter is None:
            return None
        return self.ids.get((path, fragment), chapter.anchor) if fragment else chapter.anchor


def assemble(pages: list[tuple[str, str]], site_url: str) -> Book:
    """Build the book from ``(site path, full page HTML)`` pairs, in reading order."""
    book = Book()
    trees = []
    used: set[str] = set()
    for path, page_html in pages:
        tree = HTMLParser(page_html)
        if not book.stylesheets:
            book.stylesheets = [_root_relative(path, n.attributes["href"]) for n in tree.css('link[rel="stylesheet"]')
                                if n.attributes.get("href")]
        article = tree.css_first("article.md-content__inner")
        if article is None:
            continue
        for node in article.css(DROP):
            node.decompose()
        anchor = _unique("page-" + (slugify(path) or "home"), used)
        for node in article.css("[id]"):
            new = _unique(node.attributes["id"], used, prefix=slugify(path))
            book.ids[(path, node.attributes["id"])] = new
            node.attrs["id"] = new
        h1 = article.css_first("h1")
        book.chapters.append(Chapter(path, anchor, h1.text(strip=True) if h1 else path, ""))
        trees.append((path, article))
    for chapter, (path, article) in zip(book.chapters, trees):
        _rewrite(article, path, book, site_url)
        chapter.html = article.inner_html or ""
    return book


def _unique(name: str, used: set[str], prefix: str = "") -> str:
    candidate = name if name not in used else f"{prefix}--{name}"
    n = 2
    while candidate in used:
        candidate, n = f"{prefix}--{name}-{n}", n + 1
    used.add(candidate)
    return candidate


def _rewrite(article, path: str, book: Book, site_url: str) -> None:
    for node in article.css("details"):
        node.attrs["open"] = ""
    for node in article.css("[src]"):
        node.attrs["src"] = _root_relative(path, node.attributes["src"])
    for node in article.css("a[href]"):
        node.attrs["href"] = link_target(path, node.attributes["href"] or "", book, site_url)
    for node in article.css("[aria-describedby]"):
        del node.attrs["aria-describedby"]   # the tooltip texts were dropped with .qa-term-defs


def link_target(path: str, href: str, book: Book, site_url: str) -> str:
    """Where a link in the page at ``path`` points in the book: ``#id``, the public site, or as is."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return href
    target = _site_path(path, parts.path) if parts.path else path
    anchor = book.anchor_of(target, parts.fragment)
    if anchor is not None:
        return "#" + anchor
    public = urlsplit(site_url.rstrip("/") + "/" + target)
    return urlunsplit((public.scheme, public.netloc, public.path, parts.query, parts.fragment))


def _site_path(path: str, href_path: str) -> str:
    """A link's target as a site path like ``attention/`` (directory URLs) or ``assets/x.svg``."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname("/" + path + "x"), href_path)).lstrip("/")
    if joined == ".":
        joined = ""
    if href_path.endswith("/") and joined:
        joined += "/"
    if joined.endswith("index.html"):
        joined = joined[: -len("index.html")]
    return joined


def _root_relative(path: str, url: str) -> str:
    """An asset URL of the page at ``path`` as a root-relative URL (the book is served at the root)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("data:"):
        return url
    return "/" + _site_path(path, parts.path) + (f"?{parts.query}" if parts.query else "")


STRINGS = {
    "en": {"contents": "Contents", "facts": "{questions} questions on {topics} topics, with short answers, "
                                            "full answers, diagrams and references.",
           "cheatsheet": "Cheat sheet", "appendix": "Appendix"},
    "zh": {"contents": "目录", "facts": "{topics} 个主题，{questions} 道题：简答、完整解答、图示与参考文献。",
           "cheatsheet": "速查表", "appendix": "附录"},
}


def contents(book: Book, sections: list[tuple[str, str, list[str]]]) -> list[dict]:
    """The table of contents: nav sections, their chapters, and each chapter's questions.

    ``sections`` lists ``(section title, chapter path, [(question id, title)])`` in reading order; entries
    link to the chapter's and the questions' ids in the book.
    """
    toc: list[dict] = []
    for section, path, qids in sections:
        chapter = next((c for c in book.chapters if c.path == path), None)
        if chapter is None:
            continue
        if not toc or toc[-1]["title"] != section:
            toc.append({"title": section, "entries": []})
        questions = [{"anchor": book.ids[(path, qid)], "title": title} for qid, title in qids if (path, qid) in book.ids]
        toc[-1]["entries"].append({"anchor": chapter.anchor, "title": chapter.title, "questions": questions})
    return toc
