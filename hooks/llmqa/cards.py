"""What a question's share card is: its words, its file, its tags, and the key it is cached by.

Chat apps show a large picture for ``twitter:card=summary_large_image``. The card is drawn by
:mod:`llmqa.cardrender` (Pillow); this module decides what it says and where it lives, without
importing Pillow, so the share pages can point at cards that :mod:`share_cards` writes.
Language is a parameter: the Chinese edition's card leads with the Chinese wording.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from . import edition
from .cardlayout import HEIGHT, WIDTH, CardText

CARD_FILE = "card.png"
DIFFICULTY_LABELS = {
    "en": {"easy": "Easy", "medium": "Medium", "hard": "Hard"},
    "zh": {"easy": "简单", "medium": "中等", "hard": "困难"},
}
ALT = {
    "en": "{title} ({topic}, {difficulty}) - {site}",
    "zh": "{title}（{topic}，{difficulty}）- {site}",
}
CODE_FILES = ("cardlayout.py", "cardrender.py", "cards.py")


def language(config) -> str:
    """The edition's language (``en``, ``zh``): llmqa.edition decides it for every hook."""
    code = edition.current(config).code
    return code if code in DIFFICULTY_LABELS else "en"


def card_text(q, topic: str, site_name: str, site_url: str, lang: str) -> CardText:
    """The words on a question's card; the page language's wording leads, the other follows."""
    if lang == "zh":  # a translated question carries its English title as the subtitle (llmqa.translation)
        title, subtitle = q.zh or q.title, getattr(q, "subtitle", "") or q.title
    else:
        title, subtitle = q.title, q.zh
    labels = DIFFICULTY_LABELS[lang]
    return CardText(title=title, subtitle=subtitle if subtitle != title else "", topic=topic,
                    difficulty=q.difficulty, difficulty_label=labels.get(q.difficulty, q.difficulty),
                    site=site_name, host=urlsplit(site_url).hostname or "", lang=lang)


def card_path(qid: str) -> str:
    """The card's place in the site, beside the question's share page."""
    return f"q/{qid}/{CARD_FILE}"


def card_meta(site_url: str, qid: str, text: CardText) -> dict | None:
    """og:image facts for a share page; None without an absolute site_url (og:image must be absolute)."""
    if not urlsplit(site_url).scheme:
        return None
    alt = ALT[text.lang].format(title=text.title, topic=text.topic, difficulty=text.difficulty_label, site=text.site)
    return {"url": site_url.rstrip("/") + "/" + card_path(qid), "width": WIDTH, "height": HEIGHT, "alt": alt}


def renderer_digest(fonts: list[Path]) -> str:
    """Hash of what draws a card (the drawing code and the font files): a change re-renders all."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    for path in [here / name for name in CODE_FILES] + list(fonts):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_key(text: CardText, renderer: str) -> str:
    """Content hash of one card: same words, same code, same fonts -> same PNG."""
    payload = json.dumps(asdict(text), ensure_ascii=False, sort_keys=True) + renderer
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
