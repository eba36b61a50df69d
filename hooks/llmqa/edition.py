"""Which edition (language) a build makes, where the others live, and its interface strings.

The site is built once per language, each from its own config: ``mkdocs.yml`` (English, at the
site root) and ``mkdocs.zh.yml`` (Chinese, under ``zh/``), which inherits the first. The list of
editions is ``extra.editions`` in mkdocs.yml; ``extra.edition`` names the one a config builds.
Every hook that behaves per language asks this module, so a hook added later (the Pagefind
search index, share cards) keys on ``current(config).code`` and needs nothing else.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass

import yaml

STRINGS_FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n", "strings.yml")
SCRIPT_STRINGS = ("quiz_on", "quiz_off", "show_answer", "hide_answer", "copy_link", "copied", "copy_failed",
                  "link_copied", "term_matches_one", "term_matches_other", "mentions_failed")  # what site.js shows
DEFAULT = {"code": "en", "name": "English", "hreflang": "en", "locale": "en_US", "path": "",
           "config": "mkdocs.yml", "docs_dir": "docs"}


@dataclass(frozen=True)
class Edition:
    """One language of the site."""

    code: str       # "en", "zh": what hooks and the strings table key on
    name: str       # its own name, shown in the language switch ("中文")
    hreflang: str   # BCP 47 tag for <html lang> and hreflang ("zh-CN")
    locale: str     # og:locale ("zh_CN")
    path: str       # URL path under the site root: "" or "zh/"
    config: str     # its config file, relative to the folder of mkdocs.yml
    docs_dir: str   # its docs folder, relative to the same folder


def editions(config) -> list[Edition]:
    """Every edition, the primary one (built at the site root, source of truth) first."""
    listed = (config.extra or {}).get("editions") or [DEFAULT]
    return [Edition(**{**DEFAULT, **item}) for item in listed]


def current(config) -> Edition:
    """The edition this config builds (``extra.edition``, default: the primary one)."""
    every = editions(config)
    code = (config.extra or {}).get("edition") or every[0].code
    return next((e for e in every if e.code == code), every[0])


def is_primary(config) -> bool:
    return current(config) == editions(config)[0]


def root_dir(config) -> str:
    """The folder that holds mkdocs.yml (and every edition's config)."""
    return os.path.dirname(os.path.abspath(config.config_file_path or os.path.join(config.docs_dir, "x")))


def source_docs_dir(config) -> str:
    """The primary edition's docs folder: English pages, glossary.yml and tags.yml live there."""
    if is_primary(config):
        return config.docs_dir
    return os.path.join(root_dir(config), editions(config)[0].docs_dir)


def root_url(config) -> str:
    """The site root URL (the primary edition's ``site_url``), with a trailing slash."""
    url = (config.site_url or "").rstrip("/") + "/"
    path = current(config).path
    return url[: -len(path)] if path and url.endswith(path) else url


def alternates(config) -> list[dict]:
    """Per edition: what templates need to link the same page in every language.

    ``root`` is absolute (hreflang must be), ``rel`` is the path from this edition's root to
    that edition's root ("zh/" from English, "../" from Chinese): the switch keeps working when
    the site is served from another host (tests, ``mkdocs serve``).
    """
    here = current(config)
    depth = here.path.count("/")
    out = []
    for e in editions(config):
        rel = "../" * depth + e.path if e != here else ""
        out.append({"code": e.code, "name": e.name, "hreflang": e.hreflang, "locale": e.locale,
                    "root": root_url(config) + e.path, "rel": rel, "current": e == here})
    return out


def strings(code: str) -> dict:
    """The interface strings of one edition; a key it lacks falls back to English."""
    table = _table(os.path.getmtime(STRINGS_FILE))
    return {**table["en"], **table.get(code, {})}


@functools.lru_cache(maxsize=4)
def _table(mtime: float) -> dict:  # keyed by mtime: `mkdocs serve` sees edits without a restart
    with open(STRINGS_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def fill(text: str, **values) -> str:
    """A string of the table with its ``{name}`` placeholders filled in."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text
