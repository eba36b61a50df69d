"""The bilingual glossary: load and check docs/glossary.yml, generate its page, link mentions.

on_config reads the file (malformed YAML stops the build with its line); on_files checks the
entries against the question registry, records which questions mention which terms (one
matcher pass per answer) and generates glossary.md; on_page_content links the first mention of
each term in each answer to its entry. The definition is written once per page in a hidden
block the link points at (``aria-describedby``); site.js shows it as a tooltip on hover and on
keyboard focus. Not Material's ``title`` tooltips: Material mounts a component per titled
element at load, which cost ~0.5 s of main-thread time on a 160-link page (Lighthouse, mobile).
"""
from __future__ import annotations

import functools
import json
import os
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from llmqa import edition, glossary, parts
from llmqa.crossrefs import QuestionLinks
from llmqa.termlinks import link_terms
from llmqa.questions import plain_text
from llmqa.state import STATE, template
from llmqa.text import slugify

GLOSSARY_FILE = "glossary.yml"
GLOSSARY_PAGE = "glossary.md"
MENTIONS_FILE = "qa-mentions.json"  # term anchor -> ids of the questions that mention it
NOT_PROSE = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|\]\([^)]*\)|\[\[[^\]]*\]\]|<[^>]+>", re.S)


@event_priority(90)
def on_config(config):
    """Read the glossary once per build; a file that is not valid YAML stops the build."""
    path = os.path.join(edition.source_docs_dir(config), GLOSSARY_FILE)
    if not os.path.exists(path):
        return config
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    try:
        STATE.glossary, problems, STATE.matcher = _load(text)
    except glossary.GlossaryError as exc:
        raise PluginError(str(exc)) from None
    STATE.glossary_problems = list(problems)
    return config


@event_priority(40)
def on_files(files: Files, *, config):
    """After the registry exists: check entries, record mentions, generate the glossary page.
    The entries are checked by the primary edition's build only (one file, one report)."""
    if edition.is_primary(config):
        problems = STATE.glossary_problems + glossary.check(STATE.glossary, set(STATE.questions), f"docs/{GLOSSARY_FILE}")
        for problem in problems:
            log.warning(str(problem))
    if STATE.matcher is None:
        return files
    for q in STATE.questions.values():
        STATE.mentions[q.id] = STATE.matcher.find(NOT_PROSE.sub(" ", q.prose))
    if files.get_file_from_path(GLOSSARY_PAGE) is None:
        page = File.generated(config, GLOSSARY_PAGE, content="")
        mentioned = _mentioned_in()
        page.content_string = _render_page(config, files, page, mentioned)
        files.append(page)
        files.append(File.generated(config, MENTIONS_FILE, content=json.dumps(
            mentioned, ensure_ascii=False, separators=(",", ":"), sort_keys=True)))
    return files


@event_priority(-20)
def on_page_content(html: str, *, page, config, files):
    """Link the first mention of each term in each answer (one pass over the page's text); on the
    glossary page itself, put in the entry bodies (see _render_page)."""
    if page.file.src_uri == GLOSSARY_PAGE and GLOSSARY_PAGE in STATE.parts:
        return parts.fill(html, STATE.parts[GLOSSARY_PAGE])
    if STATE.matcher is None or STATE.matcher.empty or page.file.src_uri not in STATE.pages:
        return html
    target = files.get_file_from_path(GLOSSARY_PAGE)
    if target is None:
        return html
    base = target.url_relative_to(page.file)
    link = template(config, "qa/term-link.html")

    def wrap(entry: glossary.Entry) -> tuple[str, str]:
        # Pages at the same depth share ``base``: each link is rendered once per build, not per page.
        key = (base, entry.slug)
        if key not in STATE.term_links:
            before, after = link.render(href=f"{base}#{entry.slug}", slug=entry.slug, text="\x00").split("\x00", 1)
            STATE.term_links[key] = (before, after)
        return STATE.term_links[key]

    html, linked = link_terms(html, STATE.matcher, wrap)
    if not linked:
        return html
    return html + template(config, "qa/term-defs.html").render(entries=[_tooltip(e) for e in linked])


# --- Helpers -------------------------------------------------------------------------------


def _tooltip(entry: glossary.Entry) -> dict:
    """An entry's tooltip words, made once per build."""
    if entry.slug not in STATE.tooltips:
        name, definition = glossary.display(entry, STATE.edition.code)
        STATE.tooltips[entry.slug] = {"slug": entry.slug, "term": name, "definition": plain_text(definition)}
    return STATE.tooltips[entry.slug]


@functools.lru_cache(maxsize=2)
def _load(text: str):
    """Entries, problems and matcher of one glossary text. Every edition of a build reads the same
    file: keyed by its content, the parse and the compiled matcher (~0.5 s) are made once."""
    entries, problems = glossary.load(text, f"docs/{GLOSSARY_FILE}")
    return entries, tuple(problems), glossary.Matcher(entries)


def _mentioned_in() -> dict[str, list[str]]:
    """Term anchor -> the questions that mention the term without explaining it (``see:``), in
    site order. Written to ``qa-mentions.json``: site.js lists them when a reader opens "Mentioned
    in" on the glossary page. In the page itself they were 60% of it (222 KB gzipped); as a file,
    ~20 KB gzipped that only a reader who opens a list downloads."""
    mentioned: dict[str, list[str]] = {}
    explained = {e.slug: set(e.see) for e in STATE.glossary}
    for qid, slugs in STATE.mentions.items():
        for slug in sorted(slugs):
            if qid not in explained.get(slug, ()):
                mentioned.setdefault(slug, []).append(qid)
    return mentioned


def _render_page(config, files: Files, page: File, mentioned: dict[str, list[str]]) -> str:
    """The glossary page's Markdown (headings only); each entry's body, with its "Explained in"
    links and the count behind "Mentioned in" (the list itself is in ``qa-mentions.json``), is HTML
    kept in ``STATE.parts`` (llmqa.parts) and never goes through Markdown. Its links come from the
    registry; tests crawl them like any other."""
    link = QuestionLinks(files, page, STATE.questions)
    pieces = template(config, "qa/gloss-entry.html").module
    markers = {"letter-open": str(pieces.letter_open()), "letter-close": str(pieces.letter_close())}
    letters: dict[str, list] = {}
    for entry in sorted(STATE.glossary, key=lambda e: e.term.casefold()):
        first = entry.term[:1].upper()
        letters.setdefault(first if "A" <= first <= "Z" else "0-9", []).append(entry)
        explained = [link(qid) for qid in entry.see if qid in STATE.questions]
        mentions = mentioned.get(entry.slug, [])
        markers[f"open {entry.slug}"] = str(pieces.open("|".join(n.casefold() for n in entry.names)))
        name, definition = glossary.display(entry, STATE.edition.code)
        markers[f"body {entry.slug}"] = str(pieces.body(entry, definition, explained, mentions, STATE.edition.code))
        STATE.gloss_names[entry.slug] = name
    STATE.parts[GLOSSARY_PAGE] = markers
    groups = [{"name": name, "slug": slugify(name) or "other",
               "entries": [{"slug": e.slug, "name": STATE.gloss_names[e.slug]} for e in items]}
              for name, items in sorted(letters.items())]
    return template(config, "glossary.md.j2").render(letters=groups, total=len(STATE.glossary))


log = get_plugin_logger(__name__)
