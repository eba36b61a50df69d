"""Share cards: a 1200x630 PNG per question at ``q/<id>/card.png``, the share page's og:image.

Drawing ~300 cards takes seconds, so each card is cached under ``.cache/share-cards/<lang>/``
(beside mkdocs.yml, gitignored) by a hash of its words, the drawing code and the fonts: a
rebuild draws only the cards whose question changed and links (or copies) the rest. Cards no build asked
for are pruned at the end, so the cache never outgrows the site.
"""
from __future__ import annotations

import os
import shutil
import time

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from llmqa import cardrender
from llmqa.cards import cache_key, card_path, card_text, language, renderer_digest
from llmqa.state import STATE

CACHE_DIR = os.path.join(".cache", "share-cards")
log = get_plugin_logger(__name__)


def on_post_build(*, config):
    """Write (or copy from the cache) one card per question."""
    started = time.perf_counter()
    lang = language(config)
    root = os.path.dirname(config.config_file_path or os.path.join(config.docs_dir, "x"))
    cache = os.path.join(root, CACHE_DIR, lang)
    os.makedirs(cache, exist_ok=True)
    missing = [str(path) for path in cardrender.FONTS if not path.is_file()]
    if missing:
        raise PluginError(f"share cards: font file {missing[0]} is missing (see fonts/README.md)")
    renderer = renderer_digest(cardrender.FONTS)
    used, drawn = set(), 0
    for qid, q in STATE.questions.items():
        text = card_text(q, STATE.pages[q.src_uri].title, config.site_name, config.site_url or "", lang)
        cached = os.path.join(cache, cache_key(text, renderer) + ".png")
        if not os.path.exists(cached):
            _write_atomically(cached, cardrender.render(text))
            drawn += 1
        used.add(os.path.basename(cached))
        target = os.path.join(config.site_dir, *card_path(qid).split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _place(cached, target)
    for name in os.listdir(cache):
        if name.endswith(".png") and name not in used:
            os.remove(os.path.join(cache, name))
    log.debug(f"share cards: {len(used)} written, {drawn} drawn, {time.perf_counter() - started:.2f}s")


def _place(cached: str, target: str) -> None:
    """Put a cached card into the site: a hard link where the file system allows it (one system
    call instead of a copy, 5 ms instead of 35-65 ms for 304 cards here), else a copy. A cached
    card is never written again (a changed card gets a new name), so the link stays right; a
    file already at ``target`` is removed first, so it is never written through."""
    if os.path.lexists(target):
        os.remove(target)
    try:
        os.link(cached, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(cached, target)


def _write_atomically(path: str, data: bytes) -> None:
    """Write through a temporary name, so an interrupted build never leaves half a PNG cached."""
    partial = f"{path}.{os.getpid()}.tmp"
    with open(partial, "wb") as fh:
        fh.write(data)
    os.replace(partial, path)
