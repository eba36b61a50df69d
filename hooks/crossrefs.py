"""Cross-references: ``[[id]]`` links, and the computed Related / Referenced-by lists.

Runs in on_page_markdown so the links it writes are ordinary relative Markdown links that
MkDocs' own validation checks (missing page, missing anchor). Related and Referenced-by are
appended to each question as ``[[id]]`` items first, then resolved with everything else.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority, get_plugin_logger

from llmqa.crossrefs import Target, rewrite
from llmqa.mdscan import front_matter_lines
from llmqa.related import RelatedIndex, backlinks
from llmqa.sections import append_to_sections
from llmqa.state import STATE, template


@event_priority(-10)
def on_page_markdown(markdown: str, *, page, config, files):
    """Resolve every ``[[id]]``, then append each question's Related / Referenced-by lists."""
    if STATE.targets is None:  # once per build: every page was parsed in on_files
        STATE.targets = {qid: Target(q.title, q.src_uri) for qid, q in STATE.questions.items()}
    targets = STATE.targets
    if "[[" in markdown:  # resolve the author's text first, so reported lines are source lines
        offset = front_matter_lines(page.file.content_string) if not page.file.generated_by else 0
        markdown, problems = rewrite(markdown, page.file.src_uri, targets, offset)
        for problem in problems:
            log.warning(str(problem))
    parsed = STATE.pages.get(page.file.src_uri)
    if parsed is not None:
        if STATE.related_index is None:  # once per build, after every page was parsed
            STATE.related_index = RelatedIndex(STATE.questions.values(), STATE.mentions)
            STATE.backlinks = backlinks(STATE.questions.values())
        render = template(config, "related.md.j2").render
        blocks = {}
        for q in parsed.questions:
            if q.id not in STATE.questions:
                continue
            rel = STATE.related_index.related(q)
            back = STATE.backlinks.get(q.id, [])
            if rel or back:
                blocks[q.id] = rewrite(render(related=rel, backlinks=back), page.file.src_uri, targets)[0]
        markdown = append_to_sections(markdown, blocks)
    return markdown


log = get_plugin_logger(__name__)
