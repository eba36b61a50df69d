#!/usr/bin/env python3
"""`make pdf`: the site as one PDF, and the cheat sheet as another, in ``<site_dir>/downloads/``.

Chromium's print engine renders what readers see, MathML included: the built pages are put
into one document (hooks/llmqa/printbook.py: cover, contents with working links, every topic in
nav order, the glossary), served from the built site on 127.0.0.1, and printed through
Playwright with Debian's Chromium, with a PDF outline (bookmarks) from the headings. Run after
`make build`; one PDF set per language edition (``--config`` names the edition's config).
"""
from __future__ import annotations

import argparse
import datetime
import functools
import http.server
import os
import sys
import threading
import time
from pathlib import Path

import jinja2
from markupsafe import Markup

from sitesource import ROOT, Site, load
from llmqa.downloads import site_paths
from llmqa.printbook import STRINGS, assemble, contents

# The same flags as the browser tests (tests/conftest.py): no first-run work, no network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BOOK_URL = "__print__.html"
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#777">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
EXTRA_CHAPTERS = ("glossary.md",)   # after the topics: the glossary, which answers link to


def page_path(src_uri: str) -> str:
    """Site path of a page (directory URLs): ``attention.md`` -> ``attention/``, ``index.md`` -> ``""``."""
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def read_built(site: Site, path: str) -> str:
    built = site.site_dir / path / "index.html"
    if not built.exists():
        sys.exit(f"make pdf: {built} is missing: run `make build` first")
    return built.read_text(encoding="utf-8")


def book_html(site: Site, description: str, licence: str) -> tuple[str, int]:
    """The whole site as one printable document; also returns the number of questions in it."""
    chapters = [p.src_uri for p in site.pages] + [src for src in EXTRA_CHAPTERS if (site.docs_dir / src).exists()
                                                  or (site.site_dir / page_path(src)).exists()]
    book = assemble([(page_path(src), read_built(site, page_path(src))) for src in chapters], site.url)
    sections = dict((src, section) for section, src in site.nav)
    strings = STRINGS[site.lang]
    toc = contents(book, [(sections.get(p.src_uri, ""), page_path(p.src_uri), [(q.id, q.title) for q in p.questions if q.id])
                          for p in site.pages]
                   + [(strings["appendix"], page_path(src), []) for src in chapters[len(site.pages):]])
    count = sum(1 for p in site.pages for q in p.questions if q.id)
    facts = strings["facts"].format(questions=count, topics=len(site.pages))
    return render(site, book, title=site.name, cover=True, toc=toc, description=description, facts=facts,
                  licence=licence), count


def cheatsheet_html(site: Site) -> str:
    book = assemble([("cheatsheet/", read_built(site, "cheatsheet/"))], site.url)
    return render(site, book, title=f"{site.name} - {STRINGS[site.lang]['cheatsheet']}", cover=False, toc=None)


def render(site: Site, book, **context) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    for chapter in book.chapters:
        chapter.html = Markup(chapter.html)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    date = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date().isoformat()
    defaults = {"description": "", "facts": "", "licence": ""}
    return env.get_template("print/book.html").render(
        **{**defaults, **context}, lang=site.lang, site_name=site.name, site_url=site.url, date=date,
        strings=STRINGS[site.lang], chapters=book.chapters, stylesheets=book.stylesheets)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(document: str):
    """A route handler that answers with ``document`` (the book is never written into the site)."""
    def handler(route, request):
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=document)
    return handler


def print_pdfs(site: Site, documents: dict[str, str], executable: str) -> None:
    """Serve the built site, hand Chromium each document at /__print__.html, print each to a file."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for target, document in documents.items():
                page.route(base + BOOK_URL, _serve(document))
                page.goto(base + BOOK_URL, wait_until="networkidle", timeout=120_000)
                page.evaluate("document.fonts.ready")
                page.emulate_media(media="print")
                Path(target).parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=target, format="A4", print_background=True, outline=True, tagged=True,
                         display_header_footer=True, header_template="<div></div>", footer_template=FOOTER,
                         margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"})
                page.unroute(base + BOOK_URL)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="the edition's MkDocs config")
    parser.add_argument("--site-dir", help="the built site (default: the config's site_dir)")
    args = parser.parse_args(argv)
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        sys.exit(f"make pdf: no Chromium at {executable} (apt-get install -y chromium, or set CHROMIUM)")
    site = load(args.config, args.site_dir)
    from mkdocs.config import load_config

    config = load_config(str(args.config))
    paths = site_paths(site.lang)
    started = time.perf_counter()
    book, count = book_html(site, config.site_description or "", config.copyright or "")
    documents = {str(site.site_dir / paths["book"]): book, str(site.site_dir / paths["cheatsheet"]): cheatsheet_html(site)}
    print_pdfs(site, documents, executable)
    for target in documents:
        print(f"{target}: {Path(target).stat().st_size // 1024} KB")
    print(f"make pdf: {count} questions in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
