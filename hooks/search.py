"""Site search: one Pagefind document per question, glossary term and topic page.

on_files (after the question registry and the glossary's mentions exist, priority -50) renders
the documents from ``overrides/qa/search-doc.html`` and hands them to Pagefind in a child process
(llmqa.pagefind_index), so indexing overlaps MkDocs rendering the pages; on_post_build waits for
it and logs the size.
The documents never become site pages: Pagefind writes only its bundle (``pagefind/``), which
the search dialog (overrides/partials/search.html, assets/javascripts/search.js) loads on first
use. The language and the output folder are parameters of ``start_index``, so a second edition
(/zh/, its own build) gets its own index. Why one document per question: llmqa.searchdocs.
"""
from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from llmqa import edition, searchdocs
from llmqa.questions import CHINESE, ENGLISH, parse_page
from llmqa.pagefind_index import IndexJob, PagefindError
from llmqa.state import STATE, template

SEARCH_DIR = "pagefind"
GLOSSARY_PAGE = "glossary.md"


@event_priority(-50)
def on_files(files: Files, *, config):
    """Start indexing as soon as every question, term and mention is known."""
    docs = collect_documents(files, with_body=_search_options(config).get("answer_body", True),
                             translations=_translations(config))
    STATE.search_job = start_index(config, docs, language=config.theme.get("language") or "en",
                                   output_dir=os.path.join(config.site_dir, SEARCH_DIR))
    return files


def on_post_build(*, config):
    """Wait for the index; a failure stops the build with Pagefind's reason."""
    job, STATE.search_job = STATE.search_job, None
    if job is None:
        return
    try:
        report = job.result()
    except PagefindError as exc:
        raise PluginError(str(exc)) from None
    log.info(f"search: {report.documents} documents indexed, {report.files} files, {report.bytes / 1024:.0f} KiB")

# --- Helpers -------------------------------------------------------------------------------


def collect_documents(files: Files, *, with_body: bool, translations=None) -> list[searchdocs.SearchDoc]:
    """Every search document of this build, questions first."""
    urls = {src: _url(files, src) for src in STATE.pages}
    glossary = files.get_file_from_path(GLOSSARY_PAGE)
    return (searchdocs.question_docs(STATE.questions, STATE.pages, STATE.glossary, STATE.mentions, urls, STATE.tags,
                                     with_body=with_body, translations=translations)
            + (searchdocs.term_docs(STATE.glossary, glossary.url) if glossary else [])
            + searchdocs.topic_docs(STATE.pages, urls))


def start_index(config, docs: list[searchdocs.SearchDoc], *, language: str, output_dir: str) -> IndexJob:
    """Render each document and index them all as ``language`` into ``output_dir`` (in a thread)."""
    page = template(config, "qa/search-doc.html")
    rendered = [(f"{doc.kind}/{doc.key}", page.render(doc=doc, language=language)) for doc in docs]
    return IndexJob(rendered, output_dir, language)


def _translations(config) -> dict[str, str]:
    """id -> title and short answer of each question in the other editions' pages (read from their
    Markdown: the other edition is built separately, before or after this one)."""
    here = edition.current(config)
    root = edition.root_dir(config)
    out: dict[str, list[str]] = {}
    pages = {os.path.basename(src) for src in STATE.pages}
    for other in edition.editions(config):
        if other.code == here.code:
            continue
        dialect = CHINESE if other.code == "zh" else ENGLISH
        folder = os.path.join(root, other.docs_dir)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else ():
            if name not in pages:
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                parsed = parse_page(name, fh.read(), frozenset(STATE.tags), dialect)
            for q in parsed.questions:
                if q.id:
                    out.setdefault(q.id, []).extend([q.title, q.short_answer])
    return {qid: " ".join(text) for qid, text in out.items()}


def _url(files: Files, src_uri: str) -> str:
    file = files.get_file_from_path(src_uri)
    return file.url if file else ""


def _search_options(config) -> dict:
    """``extra.qa_search`` in mkdocs.yml; ``answer_body: false`` leaves answer bodies out (the
    benchmark measures both)."""
    return dict((config.extra or {}).get("qa_search") or {})


log = get_plugin_logger(__name__)
