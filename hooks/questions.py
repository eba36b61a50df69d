"""Questions as first-class objects: registry, validation, permalink lock, generated pages.

on_config resets the build state and reads the tag list, the lock and the redirect table;
on_files parses every topic page once into the registry, reports every authoring mistake
(file, line, text) and adds the cheat sheet and tag index; on_page_markdown fills the home
page's topic map; on_page_content adds each question's metadata row, Chinese subtitle,
copy-link and reveal buttons, and wraps the answer so quiz mode can hide it.
"""
from __future__ import annotations

import os

import yaml
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from llmqa import edition, parts, permalinks
from llmqa.crossrefs import QuestionLinks, relative_path
from llmqa.nav import flatten
from llmqa.questions import duplicate_problems, is_topic_page, parse_page, plain_text
from llmqa.report import issue_url
from llmqa.sections import decorate_sections
from llmqa.state import STATE, reset, template
from llmqa.text import slugify, trim
from llmqa.translation import parse_edition_page

TAGS_FILE = "tags.yml"
LOCK_FILE = "permalinks.lock"
REDIRECTS_FILE = "redirects.yml"
TOPIC_MAP = "<!-- qa:topic-map -->"
TOOLBAR = "<!-- qa:toolbar -->"
GENERATED = {"cheatsheet.md": "cheatsheet.md.j2", "tags.md": "tags.md.j2"}

# --- Hooks ---------------------------------------------------------------------------------


@event_priority(100)
def on_config(config):
    """Reset state first (priority 100), then read the inputs every later step relies on."""
    reset()
    STATE.tags = _read_tags(os.path.join(edition.source_docs_dir(config), TAGS_FILE))
    root = os.path.dirname(config.config_file_path or os.path.join(config.docs_dir, "x"))
    lock_path = os.path.join(root, LOCK_FILE)
    redirects_path = os.path.join(root, REDIRECTS_FILE)
    if os.path.exists(lock_path):
        STATE.locked = permalinks.read_lock(_read(lock_path))
    if os.path.exists(redirects_path):
        try:
            STATE.redirects = permalinks.read_redirects(_read(redirects_path), REDIRECTS_FILE)
        except permalinks.RedirectsError as exc:
            raise PluginError(str(exc)) from None
    return config


@event_priority(50)
def on_files(files: Files, *, config):
    """Parse every topic page once, validate, and add the generated pages (before nav is built).

    A translated edition parses its pages against their English source (llmqa.translation);
    the English build alone checks what is the English pages' business (duplicates, the lock)."""
    order = {src: i for i, (_, src) in enumerate(flatten(config.nav))}
    problems = []
    primary = edition.is_primary(config)
    source = edition.source_docs_dir(config)
    tags = frozenset(STATE.tags)
    topic_files = [f for f in files.documentation_pages() if not f.generated_by and is_topic_page(f.content_string)]
    topic_files.sort(key=lambda f: (order.get(f.src_uri, len(order)), f.src_uri))
    for f in topic_files:
        if primary:
            parsed = parse_page(f.src_uri, f.content_string, tags)
        else:
            english = os.path.join(source, f.src_uri)
            parsed = parse_edition_page(f.src_uri, f.content_string, _read(english) if os.path.exists(english) else None,
                                        f.src_uri in STATE.fallback, tags)
        STATE.pages[f.src_uri] = parsed
        problems.extend(parsed.problems)
    every = [q for p in STATE.pages.values() for q in p.questions]
    if primary:
        problems.extend(duplicate_problems(every))
    for q in every:
        if q.id:
            STATE.questions.setdefault(q.id, q)
    if primary and (STATE.locked or STATE.redirects.moved or STATE.redirects.retired):
        problems.extend(permalinks.check(STATE.locked, set(STATE.questions), STATE.redirects, LOCK_FILE, REDIRECTS_FILE))
    for problem in problems:
        log.warning(str(problem))
    for src_uri, name in GENERATED.items():
        if files.get_file_from_path(src_uri) is None:
            page = File.generated(config, src_uri, content="")
            page.content_string = _render_generated(config, files, page, name)
            files.append(page)
    return files


def on_page_markdown(markdown: str, *, page, config, files):
    """Mark topic pages for the templates, derive missing descriptions, fill the topic map."""
    if page.file.src_uri in STATE.pages:
        page.meta["qa_topic"] = True
        if not page.meta.get("description"):
            page.meta["description"] = _first_paragraph(markdown)
    if page.meta.get("description"):
        page.meta["description"] = Markup(escape(trim(str(page.meta["description"]), 300)))
    if TOPIC_MAP in markdown:
        markdown = markdown.replace(TOPIC_MAP, _topic_map(config, page.file.src_uri))
    return markdown


def on_page_content(html: str, *, page, config, files):
    """Add the practice toolbar, each question's metadata row, and wrap answers for quiz mode."""
    if page.file.src_uri in GENERATED and page.file.src_uri in STATE.parts:
        html = parts.fill(html, STATE.parts[page.file.src_uri])
    is_topic = page.file.src_uri in STATE.pages
    if TOOLBAR in html or is_topic:
        toolbar = template(config, "qa/toolbar.html").render(
            root=get_relative_url("", page.url).rstrip("/") + "/" if page.url else "./",
            topic=page.file.src_uri if is_topic else "")
        if TOOLBAR in html:
            html = html.replace(TOOLBAR, toolbar)
        elif "</h1>" in html:
            html = html.replace("</h1>", "</h1>\n" + toolbar, 1)
    if not is_topic:
        return html
    meta = template(config, "qa/question-meta.html")
    answer = template(config, "qa/answer.html")
    tags_file = files.get_file_from_path("tags.md")
    tags_href = tags_file.url_relative_to(page.file) if tags_file else ""

    labels = {**STATE.tags, **STATE.strings.get("tags", {})}  # tag labels in this edition's language
    here = STATE.edition.path + page.url  # this page, from the site root: where the English one is

    def after_heading(qid: str) -> str:
        q = STATE.questions.get(qid)
        if q is None or q.src_uri != page.file.src_uri:
            return ""
        tags = [{"label": labels.get(t, t), "href": f"{tags_href}#tag-{t}"} for t in q.tags]
        share = get_relative_url(f"q/{qid}/", page.url)
        english = get_relative_url(page.url, here) + f"#{qid}" if q.behind else ""
        report = issue_url(config.repo_url, qid, q.title, f"{(config.site_url or '').rstrip('/')}/{page.url}#{qid}")
        return meta.render(q=q, tags=tags, share_href=share, english_href=english, report_href=report,
                           copy_label=edition.fill(STATE.strings["copy_link_label"], title=q.title),
                           report_label=edition.fill(STATE.strings["report_error_label"], title=q.title))

    def wrap(qid: str, body: str) -> str:
        return answer.render(qid=qid, body=body) if qid in STATE.questions else body

    return decorate_sections(html, after_heading, wrap)

# --- Helpers -------------------------------------------------------------------------------


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def _read_tags(path: str) -> dict[str, str]:
    try:
        data = yaml.safe_load(_read(path)) if os.path.exists(path) else {}
    except yaml.YAMLError as exc:
        raise PluginError(f"docs/{TAGS_FILE}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise PluginError(f"docs/{TAGS_FILE}: expected a mapping of tag: Label")
    return {str(k): str(v) for k, v in data.items()}


def _first_paragraph(markdown: str) -> str:
    for block in markdown.split("\n\n"):
        block = block.strip()
        if block and not block.startswith(("#", "!!!", "???", "<", "|", "```", "---")):
            return plain_text(block)
    return ""


def _topic_links(from_src: str):
    for src_uri, parsed in STATE.pages.items():
        yield src_uri, parsed, relative_path(from_src, src_uri)


def _render_generated(config, files: Files, page: File, name: str) -> str:
    """A generated page's Markdown (headings); its lists go to ``STATE.parts`` as HTML (llmqa.parts)."""
    lists = template(config, "qa/question-lists.html").module
    link = QuestionLinks(files, page, STATE.questions)

    def rows(questions) -> list[dict]:
        return [{**link(q.id), "difficulty": q.difficulty, "short_answer": q.short_answer} for q in questions]

    pieces: dict[str, str] = {}
    context: dict = {"total": len(STATE.questions)}
    if page.src_uri == "cheatsheet.md":
        context["topics"] = []
        for page_src, parsed in STATE.pages.items():
            anchor = "topic-" + slugify(page_src[:-3])
            context["topics"].append({"title": parsed.title or page_src, "anchor": anchor})
            pieces[f"cheat {anchor}"] = str(lists.cheat_list(rows(q for q in parsed.questions if q.id)))
    else:
        by_tag: dict[str, list] = {slug: [] for slug in STATE.tags}
        for q in STATE.questions.values():
            for tag in q.tags:
                by_tag.setdefault(tag, []).append(q)
        labels = {**STATE.tags, **STATE.strings.get("tags", {})}
        context["tags"] = [{"slug": slug, "label": labels.get(slug, slug)} for slug in by_tag]
        for slug, questions in by_tag.items():
            pieces[f"tag {slug}"] = str(lists.tag_list(rows(questions)))
    STATE.parts[page.src_uri] = pieces
    return template(config, name).render(**context)


def _topic_map(config, from_src: str) -> str:
    sections = dict((src, section) for section, src in flatten(config.nav))
    rows = [{"section": sections.get(src, ""), "title": parsed.title or src, "link": link,
             "count": len([q for q in parsed.questions if q.id])}
            for src, parsed, link in _topic_links(from_src)]
    return template(config, "topic-map.md.j2").render(rows=rows, total=len(STATE.questions))


log = get_plugin_logger(__name__)
