"""The pages of a translated edition: translations from its docs folder, the rest from English.

A translated edition (``mkdocs.zh.yml``: ``docs_dir: docs-zh``) holds only what translators
wrote: pages, and Chinese copies of diagrams. on_files (priority 60, before questions.py builds
the registry at 50) adds every other file of the English docs folder, so stylesheets, scripts and
diagrams are not duplicated in git, and a page not translated yet is still built at its URL from
the English source. on_page_markdown (priority -20, after [[id]] links are resolved at -10) adds
the follow-up list a translation leaves out, from the English question with the same id.
on_page_content adds a note to pages shown in English. The primary edition skips all three.
"""
from __future__ import annotations

import os

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from llmqa import edition
from llmqa.crossrefs import link_path
from llmqa.questions import is_topic_page
from llmqa.state import STATE, template
from llmqa.translation import add_follow_ups, with_zh_wording


@event_priority(60)
def on_files(files: Files, *, config):
    """Add the English file for everything the translation does not have."""
    if edition.is_primary(config):
        return files
    source = edition.source_docs_dir(config)
    for src_uri in _walk(source):
        if src_uri.endswith(".yml") or files.get_file_from_path(src_uri) is not None:
            continue
        files.append(File(src_uri, src_dir=source, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
        if src_uri.endswith(".md"):
            STATE.fallback.add(src_uri)
    return files


@event_priority(-20)
def on_page_markdown(markdown: str, *, page, config, files):
    """Each translated question gets the English question's follow-up list, in this language."""
    src = page.file.src_uri
    if STATE.edition is None or edition.is_primary(config) or src in STATE.fallback or src not in STATE.pages:
        return markdown
    block = template(config, "follow-ups.md.j2")

    def follow_ups(qid: str) -> str:
        q = STATE.questions.get(qid)
        if q is None or q.src_uri != src or not q.followups:
            return ""
        targets = [STATE.questions[f] for f in q.followups if f in STATE.questions]
        return block.render(questions=[{"title": t.title, "link": link_path(src, t.src_uri, t.id)} for t in targets])

    return add_follow_ups(with_zh_wording(markdown), follow_ups)


def on_page_content(html: str, *, page, config, files):
    """A page shown from its English source says so, in this edition's language, under its title."""
    if page.file.src_uri not in STATE.fallback or "</h1>" not in html:
        return html
    key = "untranslated_note" if is_topic_page(page.file.content_string) else "english_only_note"
    note = template(config, "qa/edition-note.html").render(text=STATE.strings[key])
    return html.replace("</h1>", "</h1>\n" + note, 1)


def _walk(root: str):
    """Every file under ``root`` as a sorted list of POSIX paths relative to it (stable order)."""
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith("."):
                out.append(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"))
    return sorted(out)
