"""A translated page against its English source: parity, shared metadata, drift, follow-ups.

A translation (``docs-zh/<page>.md``) writes only what is language: the heading's wording, the
answer, the common mistakes. What is structure comes from the English question with the same id:
difficulty, tags, the follow-up list. So the two must hold the same questions, with the same ids,
in the same order; anything else fails the strict build naming the file, the line and the id.
A page not translated yet is shown from its English source, its questions titled by their
``data-zh`` wording, so the Chinese edition is whole while translations land page by page.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from .i18n import H2_ID, question_sections, section_hash
from .mdscan import iter_lines
from .problems import Problem
from .questions import CHINESE, PageParse, parse_page

REFERENCES = re.compile(r"^\*\*参考文献")


def parse_translation(src_uri: str, text: str, english: PageParse | None, english_text: str,
                      allowed_tags, zh_dir: str = "docs-zh", en_dir: str = "docs") -> PageParse:
    """Parse ``docs-zh/<src_uri>``; give each question its English metadata; report parity."""
    parsed = parse_page(src_uri, text, allowed_tags, CHINESE)
    where = f"{zh_dir}/{src_uri}"
    problems = [dataclasses.replace(p, path=f"{zh_dir}/{p.path}") for p in parsed.problems]
    if english is None:
        problems.append(Problem(where, None, f"there is no English page {en_dir}/{src_uri}; a translation keeps the file name of its English page"))
        return dataclasses.replace(parsed, problems=problems)
    problems += parity(parsed, english, where, f"{en_dir}/{src_uri}")
    hashes = {qid: section_hash(section) for qid, section in question_sections(english_text).items()}
    originals = {q.id: q for q in english.questions if q.id}
    for q in parsed.questions:
        source = originals.get(q.id)
        if source is None:
            continue
        q.difficulty, q.tags, q.topic = source.difficulty, source.tags, parsed.title or source.topic
        q.followups = list(source.followups)
        q.refs += [(qid, q.line) for qid in source.followups]
        q.zh, q.subtitle, q.subtitle_lang = q.title, source.title, "en"
        if q.id and not q.en_hash:
            problems.append(Problem(where, q.line, f"question '{q.id}' has no data-en-hash; after translating, run: python scripts/i18n.py stamp {src_uri} {q.id}"))
        q.behind = bool(q.en_hash) and q.en_hash != hashes.get(q.id)
    return dataclasses.replace(parsed, problems=problems)


def parse_edition_page(src_uri: str, text: str, english_text: str | None, fallback: bool, allowed_tags) -> PageParse:
    """A topic page of a translated edition: shown from English (``fallback``) or translated."""
    if fallback:
        return as_fallback(parse_page(src_uri, text, allowed_tags))
    english = parse_page(src_uri, english_text, allowed_tags) if english_text is not None else None
    return parse_translation(src_uri, text, english, english_text or "", allowed_tags)


def parity(chinese: PageParse, english: PageParse, where: str, en_where: str) -> list[Problem]:
    """Questions only in one language, or in another order, named with file, line and id."""
    zh_ids = [q.id for q in chinese.questions if q.id]
    en = {q.id: q for q in english.questions if q.id}
    problems = [Problem(where, q.line, f"question '{q.id}' is not on the English page {en_where}; a translation has "
                                      "exactly the questions of its English page, with the same ids")
                for q in chinese.questions if q.id and q.id not in en]
    problems += [Problem(where, None, f"question '{qid}' of {en_where} (line {q.line}) is not translated; add it "
                                      f"here with the same id: ## <中文标题> {{ #{qid} }}")
                 for qid, q in en.items() if qid not in zh_ids]
    shared_zh = [qid for qid in zh_ids if qid in en]
    shared_en = [qid for qid in en if qid in shared_zh]
    if shared_zh != shared_en:
        first = next(i for i, (a, b) in enumerate(zip(shared_zh, shared_en)) if a != b)
        line = next(q.line for q in chinese.questions if q.id == shared_zh[first])
        problems.append(Problem(where, line, f"question '{shared_zh[first]}' is out of order; keep the order of "
                                             f"{en_where}: {', '.join(shared_en)}"))
    return problems


def as_fallback(english: PageParse) -> PageParse:
    """An untranslated page in the Chinese edition: English content, questions titled in Chinese
    (their ``data-zh``) wherever the build lists or links them, the English title as subtitle."""
    questions = [dataclasses.replace(q, title=q.zh or q.title, subtitle=q.zh, subtitle_lang="zh-Hans",
                                     refs=list(q.refs), followups=list(q.followups))
                 for q in english.questions]
    return dataclasses.replace(english, questions=questions, problems=[])


def add_follow_ups(markdown: str, block: Callable[[str], str]) -> str:
    """Put ``block(id)`` at the end of each question's section, before its **参考文献** line.

    The English page writes its follow-up list as an admonition; a translation leaves it out and
    the build adds the English list (ids are shared), rendered in the edition's language.
    """
    lines: list[str] = []
    pending: str | None = None
    for _, line, in_code in iter_lines(markdown):
        heading = None if in_code else H2_ID.match(line)
        starts_section = not in_code and line.startswith("## ")
        if pending is not None and (starts_section or (not in_code and REFERENCES.match(line))):
            if lines and lines[-1].strip():
                lines.append("")
            lines += [pending, ""]
            pending = None
        if heading:
            text = block(heading.group("id"))
            pending = text or None
        lines.append(line)
    if pending is not None:
        while lines and not lines[-1].strip():
            lines.pop()
        lines += ["", pending]
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") and lines and lines[-1] else "")


TRANSLATED_H2 = re.compile(r'^(?P<head>##[ \t]+(?P<title>.*?)[ \t]*\{)(?P<attrs>[^{}]*#[a-z0-9-]+[^{}]*)\}[ \t]*$', re.M)


def with_zh_wording(markdown: str) -> str:
    """Give each translated heading ``data-zh`` with its own (Chinese) title, as English headings
    carry: tools that read the built HTML (the question-bank audit, search crawlers) find the
    Chinese wording of a question on either edition's page the same way."""
    def one(m: re.Match) -> str:
        if "data-zh=" in m.group("attrs"):
            return m.group(0)
        wording = " ".join(m.group("title").replace('"', "”").split())
        return f'{m.group("head")}{m.group("attrs").rstrip()} data-zh="{wording}" }}'
    return TRANSLATED_H2.sub(one, markdown)
