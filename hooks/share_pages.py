"""Share pages: ``/q/<id>/`` for every question, so a link pasted in a chat unfurls.

Chat apps fetch a URL without its #fragment and without running JavaScript, so each question
needs its own small page whose og:/twitter: tags carry the question and its short answer.
Written in on_post_build: they stay out of the navigation, the sitemap and the search index.
Also writes ``qa-index.json`` (id, title, url, topic) for the random-question button.
"""
from __future__ import annotations

import json
import os

from mkdocs.utils import get_relative_url

from llmqa.cards import card_meta, card_text, language
from llmqa.state import STATE, template
from llmqa.text import trim

INDEX_FILE = "qa-index.json"


def on_post_build(*, config):
    """Write one page per question, per moved id and per retired id, and the question index."""
    site_url = (config.site_url or "").rstrip("/") + "/"
    page = template(config, "qa/share.html")
    urls = _page_urls(config)
    for qid, q in STATE.questions.items():
        _write(config, qid, page.render(**_context(config, site_url, urls, q, qid)))
    for old, new in STATE.redirects.moved.items():
        q = STATE.questions.get(new)
        if q is not None:
            _write(config, old, page.render(**_context(config, site_url, urls, q, old)))
    for old, note in STATE.redirects.retired.items():
        _write(config, old, page.render(config=config, retired=True, note=note, qid=old, site_url=site_url,
                                        home=_relative("", f"q/{old}/"), share_url=f"{site_url}q/{old}/"))
    index = [{"id": qid, "title": q.title, "url": urls.get(q.src_uri, "") + "#" + qid, "topic": q.src_uri}
             for qid, q in STATE.questions.items()]
    with open(os.path.join(config.site_dir, INDEX_FILE), "w", encoding="utf-8") as fh:
        json.dump(index, fh, ensure_ascii=False, separators=(",", ":"))


def _page_urls(config) -> dict[str, str]:
    """Topic page URL (relative to the site root) for each source file."""
    use_dirs = config.use_directory_urls
    urls = {}
    for src_uri in STATE.pages:
        stem = src_uri[:-3]
        if stem == "index" or stem.endswith("/index"):
            stem = stem[:-5]
            urls[src_uri] = stem
        else:
            urls[src_uri] = f"{stem}/" if use_dirs else f"{stem}.html"
    return urls


def _context(config, site_url: str, urls: dict[str, str], q, share_id: str) -> dict:
    here = f"q/{share_id}/"
    target = f"{urls.get(q.src_uri, '')}#{q.id}"
    topic = STATE.pages[q.src_uri].title
    card = card_text(q, topic, config.site_name, site_url, language(config))
    return {
        "config": config, "retired": False, "q": q, "qid": share_id,
        "description": trim(q.short_answer, 200),
        "share_url": f"{site_url}{here}",
        "canonical": f"{site_url}{target}",
        "target": _relative(urls.get(q.src_uri, ""), here) + f"#{q.id}",
        "topic": topic,
        "card": card_meta(site_url, q.id, card),
        "site_url": site_url,
        "home": _relative("", here),
    }


def _relative(url: str, here: str) -> str:
    """Relative URL from a share page to a site page, always ending in / for directories."""
    rel = get_relative_url(url, here)
    return rel if rel.endswith((".html", "/")) else rel + "/"


def _write(config, qid: str, html: str) -> None:
    folder = os.path.join(config.site_dir, "q", qid)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as fh:
        fh.write(html)

