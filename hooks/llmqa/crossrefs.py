"""Resolve ``[[id]]`` and ``[[id|text]]`` into ordinary relative Markdown links.

Why not mkdocs-autorefs: it resolves ``[text][id]`` in ``on_env``, after Markdown is rendered,
so MkDocs' own link and anchor validation never sees the result; it cannot render a question's
title as the link text without an extra lookup we would write anyway; and it has no notion of
"this id is a question" for Related/Referenced-by. Rewriting to plain ``[title](page.md#id)`` in
``on_page_markdown`` keeps the syntax authors asked for and lets MkDocs check every link.
"""
from __future__ import annotations

import functools
import posixpath
from collections.abc import Mapping
from typing import NamedTuple

from .mdscan import iter_lines, map_prose
from .problems import Problem
from .questions import XREF


class Target(NamedTuple):
    """Where a question lives and what it is called."""

    title: str
    src_uri: str


def link_path(from_src_uri: str, to_src_uri: str, anchor: str) -> str:
    """Relative Markdown link from one docs file to an anchor in another (or the same) file."""
    if from_src_uri == to_src_uri:
        return f"#{anchor}"
    return f"{relative_path(from_src_uri, to_src_uri)}#{anchor}"


@functools.lru_cache(maxsize=65536)
def relative_path(from_src_uri: str, to_src_uri: str) -> str:
    """Relative Markdown path from one docs file to another."""
    return posixpath.relpath(to_src_uri, posixpath.dirname(from_src_uri) or ".")


class QuestionLinks:
    """Links to questions from one built page, as ``{"title", "href"}`` for HTML templates.

    For the lists the build writes as HTML (Related, the glossary, the cheat sheet, the tag
    index): their targets come from the registry, so they exist by construction and skip
    Markdown. Each target page's relative URL is computed once; on the same page it is ``#id``.
    """

    def __init__(self, files, from_file, questions: Mapping):
        self.files, self.from_file, self.questions = files, from_file, questions
        self.page_urls: dict[str, str] = {}

    def __call__(self, qid: str) -> dict[str, str]:
        q = self.questions[qid]
        if q.src_uri not in self.page_urls:
            target = self.files.get_file_from_path(q.src_uri)
            self.page_urls[q.src_uri] = "" if target is self.from_file else target.url_relative_to(self.from_file)
        return {"title": q.title, "href": f"{self.page_urls[q.src_uri]}#{qid}"}


def escape_link_text(text: str) -> str:
    """Escape what would end or nest a Markdown link label, or turn into HTML markup."""
    return (text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
            .replace("<", "&lt;").replace(">", "&gt;"))


def rewrite(markdown: str, src_uri: str, targets: Mapping[str, Target], line_offset: int = 0) -> tuple[str, list[Problem]]:
    """Rewrite every cross-reference outside code; report unknown ids with their line."""
    problems: list[Problem] = []
    out: list[str] = []
    for number, line, in_code in iter_lines(markdown):
        if in_code or "[[" not in line:
            out.append(line)
            continue

        def replace(prose: str, number: int = number) -> str:
            def one(m) -> str:
                qid = m.group("id").strip()
                target = targets.get(qid)
                if target is None:
                    problems.append(Problem(src_uri, number + line_offset, f"unknown question id '{qid}' in {m.group(0)}"))
                    return m.group(0)
                text = m.group("text") or target.title
                return f"[{escape_link_text(text.strip())}]({link_path(src_uri, target.src_uri, qid)})"

            return XREF.sub(one, prose)

        out.append(map_prose(line, replace))
    return "\n".join(out), problems
