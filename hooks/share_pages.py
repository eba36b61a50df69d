"""Share pages: ``/q/<id>/`` for every question, so a link pasted in a chat unfurls.

Chat apps fetch a URL without its #fragment and without running JavaScript, so each question
needs its own small page whose og:/twitter: tags carry the question and its short answer.
They are written outside MkDocs' pages, so they stay out of the navigation, the sitemap and the
search index. Also writes ``qa-index.json`` (id, title, url, topic) for the random-question button.

on_files renders them as soon as the registry is complete (after translations and questions,
priority -60) and hands the ~300 small files to a child process (llmqa.offload), which writes
them while MkDocs renders the site; on_post_build waits for it and stops the build if it failed.
"""
from __future__ import annotations

import json
import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from llmqa.cards import card_meta, card_text, language
from llmqa.offload import Offload, OffloadError
from llmqa.state import STATE, template
from llmqa.text import trim

INDEX_FILE = "qa-index.json"


@event_priority(-60)
def on_files(files: Files, *, config):
    """Render every share page and the question index; a child process writes them."""
    try:
        STATE.share_job = Offload([(os.path.join(config.site_dir, *path.split("/")), text)
                                   for path, text in share_files(config)])
    except OffloadError as exc:
        raise PluginError(f"share pages were not written: {exc}") from None
    return files


def on_post_build(*, config):
    """Wait for the share pages; a failure stops the build with the reason."""
    job, STATE.share_job = STATE.share_job, None
    if job is None:
        return
    try:
        job.wait(timeout=120)
    except OffloadError as exc:
        raise PluginError(f"share pages were not written: {exc}") from None


def share_files(config) -> list[tuple[str, str]]:
    """(path in the site, text): one page per question, per moved id and per retired id, and
    the question index."""
    site_url = (config.site_url or "").rstrip("/") + "/"
    page = template(config, "qa/share.html")
    urls = _page_urls(config)
    out = [(f"q/{qid}/index.html", page.render(**_context(config, site_url, urls, q, qid)))
           for qid, q in STATE.questions.items()]
    for old, new in STATE.redirects.moved.items():
        q = STATE.questions.get(new)
        if q is not None:
            out.append((f"q/{old}/index.html", page.render(**_context(config, site_url, urls, q, old))))
    for old, note in STATE.redirects.retired.items():
        out.append((f"q/{old}/index.html", page.render(
            config=config, retired=True, note=note, qid=old, site_url=site_url,
            home=_relative("", f"q/{old}/"), share_url=f"{site_url}q/{old}/")))
    index = [{"id": qid, "title": q.title, "url": urls.get(q.src_uri, "") + "#" + qid, "topic": q.src_uri}
             for qid, q in STATE.questions.items()]
    out.append((INDEX_FILE, json.dumps(index, ensure_ascii=False, separators=(",", ":"))))
    return out


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
