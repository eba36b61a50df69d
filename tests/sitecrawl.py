"""Read a built site: every page's links and ids, for the link-integrity and metadata tests."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class PageInfo:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)   # (attribute, url)
    meta: dict[str, str] = field(default_factory=dict)
    lang: str = ""
    title: str = ""


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.info.ids.add(a[key])
        if tag == "html":
            self.info.lang = a.get("lang") or ""
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.info.meta[key] = a.get("content") or ""
        if tag == "link" and a.get("rel") == "canonical":
            self.info.meta["canonical"] = a.get("href") or ""
        if tag == "title":
            self._in_title = True
        for attr in ("href", "src"):
            if a.get(attr) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.info.links.append((attr, a[attr]))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.info.title += data


def read_page(path: Path) -> PageInfo:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.info


def pages(site: Path) -> dict[Path, PageInfo]:
    return {p: read_page(p) for p in sorted(site.rglob("*.html"))}


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """File and fragment an internal URL points at; None for external or non-page URLs."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    base = posixpath.dirname(page.relative_to(site).as_posix())
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if not parts.path.startswith("/") \
        else parts.path.lstrip("/")
    path = site / target
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path, unquote(parts.fragment)


def third_party(urls: list[str]) -> list[str]:
    """Requests to any host other than the local test server."""
    return [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).hostname != "127.0.0.1"]
