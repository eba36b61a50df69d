"""Flashcards: one note per question, with ids that survive re-imports.

Anki matches an imported note to one it already has by the note's GUID, so the GUID is derived
from the question id (and the language): importing next month's deck updates the cards a
reader already studies instead of adding duplicates. Deck and model ids are derived the same
way, so they never change either. Fields are HTML (Anki renders them), so text is escaped here.
Used by ``scripts/make_anki.py``, not by the build (genanki is in requirements-publish.txt).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import genanki
from markupsafe import escape

NAMESPACE = "llm-interview-qa"
FIELDS = ("Id", "Question", "Chinese", "ShortAnswer", "Link", "Topic")
LINK_TEXT = {"en": "Read the full answer", "zh": "阅读完整答案"}


@dataclass(frozen=True)
class NoteData:
    """One flashcard's content, ready for genanki."""

    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]


def stable_int(*parts: str, bits: int = 31) -> int:
    """A positive integer derived from ``parts`` (for Anki's deck and model ids)."""
    digest = hashlib.sha256("::".join((NAMESPACE, *parts)).encode("utf-8")).digest()
    return (int.from_bytes(digest[:8], "big") % (1 << (bits - 1))) + (1 << (bits - 1))


def note_guid(qid: str, lang: str) -> str:
    """The note's GUID: the same question id always gives the same GUID (per language)."""
    return genanki.guid_for(NAMESPACE, lang, qid)


def note_for(q, topic: str, topic_slug: str, site_url: str, lang: str) -> NoteData:
    """Front: the question and its Chinese wording; back: the short answer and a link."""
    link = f"{site_url.rstrip('/')}/q/{q.id}/"
    question, other = (q.zh, q.title) if lang == "zh" else (q.title, q.zh)
    fields = (q.id, str(escape(question)), str(escape(other)), str(escape(q.short_answer)), str(escape(link)),
              str(escape(topic)))
    tags = (f"topic::{topic_slug}", *q.tags, f"difficulty::{q.difficulty}")
    return NoteData(guid=note_guid(q.id, lang), fields=fields, tags=tags)
