#!/usr/bin/env python3
"""`make anki`: every question as an Anki flashcard, in ``<site_dir>/downloads/``.

One note per question (front: the question and its Chinese wording; back: the short answer and
a link to the full answer), tagged with topic, tags and difficulty. GUIDs come from the ids
(llmqa.anki), so importing a newer deck updates the cards a reader has instead of duplicating
them. Run after `make build` (the build empties the site folder).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import genanki

from sitesource import ROOT, load
from llmqa.anki import FIELDS, LINK_TEXT, note_for, stable_int
from llmqa.downloads import site_paths
from llmqa.text import slugify

CSS = """.card { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  font-size: 20px; line-height: 1.5; text-align: left; max-width: 40em; margin: 0 auto; }
.zh { color: #555; margin-top: .4em; }
.topic { color: #3949ab; font-size: 14px; }
.answer { margin-top: 1em; }"""
FRONT = '<div class="topic">{{Topic}}</div><div class="question">{{Question}}</div><div class="zh">{{Chinese}}</div>'
BACK = '{{FrontSide}}<hr id="answer"><div class="answer">{{ShortAnswer}}</div><p><a href="{{Link}}">%s</a></p>'


def build_deck(site) -> genanki.Deck:
    model = genanki.Model(stable_int("model", site.lang), f"{site.name} ({site.lang})",
                          fields=[{"name": name} for name in FIELDS],
                          templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK % LINK_TEXT[site.lang]}],
                          css=CSS, sort_field_index=1)
    deck = genanki.Deck(stable_int("deck", site.lang), site.name)
    for page in site.pages:
        for q in page.questions:
            if q.id:
                note = note_for(q, page.title, slugify(page.src_uri[:-3]), site.url, site.lang)
                deck.add_note(genanki.Note(model=model, fields=list(note.fields), guid=note.guid, tags=list(note.tags)))
    return deck


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="the edition's MkDocs config")
    parser.add_argument("--site-dir", help="the built site (default: the config's site_dir)")
    args = parser.parse_args(argv)
    site = load(args.config, args.site_dir)
    deck = build_deck(site)
    target = site.site_dir / site_paths(site.lang)["deck"]
    target.parent.mkdir(parents=True, exist_ok=True)
    # Note and card ids from the commit time (not the clock), so the same commit gives the same rows.
    genanki.Package(deck).write_to_file(str(target), timestamp=float(os.environ.get("SOURCE_DATE_EPOCH") or 0) or None)
    print(f"{target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target}: "
          f"{len(deck.notes)} notes, {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
