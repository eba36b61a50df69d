"""Cross-references: ``[[id]]`` links, and the computed Related / Referenced-by lists.

``[[id]]`` is resolved in on_page_markdown, so the links it writes are ordinary relative
Markdown links that MkDocs' own validation checks (missing page, missing anchor). Related and
Referenced-by are computed from the registry, not typed, so their targets exist by construction:
they are rendered straight to HTML at the end of each answer in on_page_content. Sending ~1,500
generated links through Python-Markdown cost more than the rest of this hook (benchmarks/).
"""
from __future__ import annotations

from mkdocs.plugins import event_priority, get_plugin_logger

from llmqa.crossrefs import QuestionLinks, Target, rewrite
from llmqa.mdscan import front_matter_lines
from llmqa.related import RelatedIndex, backlinks
from llmqa.sections import decorate_sections
from llmqa.state import STATE, template


@event_priority(-10)
def on_page_markdown(markdown: str, *, page, config, files):
    """Resolve every ``[[id]]``; a line with an unknown id is reported with its source line."""
    if STATE.targets is None:  # once per build: every page was parsed in on_files
        STATE.targets = {qid: Target(q.title, q.src_uri) for qid, q in STATE.questions.items()}
    if "[[" in markdown:
        offset = front_matter_lines(page.file.content_string) if not page.file.generated_by else 0
        markdown, problems = rewrite(markdown, page.file.src_uri, STATE.targets, offset)
        for problem in problems:
            log.warning(str(problem))
    return markdown


@event_priority(10)
def on_page_content(html: str, *, page, config, files):
    """Append each question's Related / Referenced-by list to its answer.

    Priority 10: after MathML (100), before the metadata row and answer wrapper (0), so quiz
    mode hides the lists with the answer, and before the glossary linker (-20), which skips them.
    """
    parsed = STATE.pages.get(page.file.src_uri)
    if parsed is None:
        return html
    if STATE.related_index is None:  # once per build: mentions were recorded in on_files
        STATE.related_index = RelatedIndex(STATE.questions.values(), STATE.mentions)
        STATE.backlinks = backlinks(STATE.questions.values())
    render = template(config, "qa/related.html").render
    link = QuestionLinks(files, page.file, STATE.questions)

    def append(qid: str, body: str) -> str:
        q = STATE.questions.get(qid)
        if q is None or q.src_uri != page.file.src_uri:
            return body
        related = STATE.related_index.related(q)
        back = STATE.backlinks.get(qid, [])
        if not related and not back:
            return body
        return body + render(related=[link(r) for r in related], backlinks=[link(b) for b in back])

    return decorate_sections(html, lambda qid: "", append)


log = get_plugin_logger(__name__)
