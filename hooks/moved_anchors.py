"""Old ``page/#id`` links keep reaching questions that moved to another page.

Reads the page history in ``permalinks.lock`` (``questions.py`` loads it into the state):
on_files adds a stub page at the URL of every page that no longer exists, and on_page_content
gives every page that lost questions a table of where they went (``overrides/qa/moved-anchors.html``),
which ``site.js`` uses when the URL's fragment names no element on the page.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from llmqa.crossrefs import link_path
from llmqa.moved import forwards, vanished
from llmqa.state import STATE, template

STUB_TEMPLATE = "moved-page.md.j2"


@event_priority(40)
def on_files(files: Files, *, config):
    """After the registry exists (questions.py runs at 50): compute the table, add stub pages."""
    current = {qid: q.src_uri for qid, q in STATE.questions.items()}
    STATE.forwards = forwards(STATE.locked, current)
    pages = {f.src_uri for f in files.documentation_pages()}
    for old in vanished(STATE.forwards, pages):
        rows = [{"title": STATE.questions[qid].title, "link": link_path(old, new, qid)}
                for qid, new in STATE.forwards[old].items()]
        stub = File.generated(config, old, content=template(config, STUB_TEMPLATE).render(rows=rows),
                              inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(stub)
    return files


def on_page_content(html: str, *, page, config, files):
    """Append the id -> new URL table to a page that lost questions."""
    moved = STATE.forwards.get(page.file.src_uri)
    if not moved:
        return html
    table = {}
    for qid, new_src in moved.items():
        target = files.get_file_from_path(new_src)
        if target is not None:
            table[qid] = get_relative_url(target.url, page.url) + "#" + qid
    return html + template(config, "qa/moved-anchors.html").render(table=table)

