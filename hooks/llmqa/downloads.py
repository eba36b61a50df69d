"""The offline copies of the site (Anki deck, PDF of the site, cheat-sheet PDF): names and places.

They are made after the build (`make anki`, `make pdf`) into ``<site_dir>/downloads/``; the
downloads page, the scripts that write them and the tests that open them all take the file
names from here, one set per language edition.
"""
from __future__ import annotations

FOLDER = "downloads"
LABELS = {
    "en": {"deck": "Anki deck (every question as a flashcard)", "book": "The whole site as a PDF",
           "cheatsheet": "Cheat sheet as a PDF (every short answer)"},
    "zh": {"deck": "Anki 卡组（每道题一张卡片）", "book": "全站 PDF", "cheatsheet": "速查表 PDF（所有简答）"},
}


def file_names(lang: str) -> dict[str, str]:
    """``kind -> file name`` for one language edition."""
    return {"deck": f"llm-interview-qa-{lang}.apkg", "book": f"llm-interview-qa-{lang}.pdf",
            "cheatsheet": f"llm-interview-qa-cheatsheet-{lang}.pdf"}


def site_paths(lang: str) -> dict[str, str]:
    """``kind -> path relative to the site root``, e.g. ``downloads/llm-interview-qa-en.pdf``."""
    return {kind: f"{FOLDER}/{name}" for kind, name in file_names(lang).items()}
