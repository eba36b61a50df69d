"""The search documents: one per question, one per glossary term, one per topic page.

Why one per question: a reader's query names a question, not a page. Material's search ranked
page sections and grouped them under their page, so one long page crowded out the question that
answered; a document per question competes on its own. Each document carries what a reader may
type for it, weighted by how surely it names the question: the title and its Chinese wording
above the names of the glossary terms it explains (``see:``), above the short answer, above the
terms it only mentions, its tags and the answer body. Chinese text is split into words
(llmqa.segment) because the index splits at spaces. Pure functions over the build registry.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .glossary import Entry
from .questions import PageParse, Question, plain_text
from .segment import spaced_words

# Pagefind multiplies a word's score by the weight of the element holding it (0-10).
WEIGHTS = {"title": 10.0, "zh": 10.0, "explains": 6.0, "short_answer": 4.0, "mentions": 2.0,
           "tags": 2.0, "body": 1.0, "definition": 4.0, "questions": 1.0, "translation": 1.0}
BODY_LIMIT = 3000  # characters of answer body indexed: the mechanism, not every worked number
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)
ADMONITION_LINE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s.*$", re.M)
BARE_XREF = re.compile(r"\[\[[^\]|]+\]\]")
# A table's rule row (| --- | :-: |). It starts at its dashes: an optional leading pipe or space
# would make the engine try every position of the text; the pipes left around become spaces.
TABLE_RULE = re.compile(r":?-{3,}:?(?:\s*\|\s*:?-{3,}:?)*")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class Field:
    """Text the index holds for a document, and how strongly a match in it counts."""

    text: str
    weight: float


@dataclass
class SearchDoc:
    """One search result as the index stores it: what is shown, and what is searched."""

    kind: str          # "question", "term" or "topic"
    key: str           # question id, glossary anchor or page source path
    href: str          # URL relative to the site root, with the #anchor
    title: str
    zh: str = ""
    topic: str = ""
    difficulty: str = ""
    snippet: str = ""  # shown under the title: the short answer, a definition
    fields: list[Field] = field(default_factory=list)


def answer_body(q: Question) -> str:
    """The answer's prose as one line of plain text: no math, code, admonition headers or ids."""
    text = HTML_COMMENT.sub(" ", q.prose)
    text = ADMONITION_LINE.sub(" ", text)
    text = MATH.sub(" ", text)
    text = BARE_XREF.sub(" ", text)
    text = TABLE_RULE.sub(" ", plain_text(text))
    return " ".join(text.replace("|", " ").split())[:BODY_LIMIT]


def _names(entries: Iterable[Entry]) -> str:
    return " ".join(dict.fromkeys(name for e in entries for name in e.names))


def question_docs(questions: Mapping[str, Question], pages: Mapping[str, PageParse],
                  glossary: list[Entry], mentions: Mapping[str, set[str]],
                  page_urls: Mapping[str, str], tag_labels: Mapping[str, str],
                  *, with_body: bool = True, translations: Mapping[str, str] | None = None) -> list[SearchDoc]:
    """One document per question, with the names of the glossary terms it explains or mentions.

    ``translations`` (id -> the question's title and short answer in the other edition's language)
    lets a reader find a question in the language they think in, whichever edition they are on:
    a Chinese paraphrase on the English site meets the Chinese short answer, not only the title.
    """
    explains: dict[str, list[Entry]] = {}
    by_slug = {e.slug: e for e in glossary}
    for entry in glossary:
        for qid in entry.see:
            explains.setdefault(qid, []).append(entry)
    docs = []
    for qid, q in questions.items():
        explained = explains.get(qid, [])
        mentioned = [by_slug[s] for s in sorted(mentions.get(qid, ())) if s in by_slug and by_slug[s] not in explained]
        fields = [Field(q.title, WEIGHTS["title"]), Field(spaced_words(q.zh), WEIGHTS["zh"]),
                  Field(spaced_words(_names(explained)), WEIGHTS["explains"]),
                  Field(q.short_answer, WEIGHTS["short_answer"]),
                  Field(spaced_words(_names(mentioned)), WEIGHTS["mentions"]),
                  Field(" ".join(tag_labels.get(t, t) for t in q.tags), WEIGHTS["tags"])]
        if translations and translations.get(qid):
            fields.append(Field(spaced_words(translations[qid]), WEIGHTS["translation"]))
        if with_body:
            fields.append(Field(answer_body(q), WEIGHTS["body"]))
        page = pages.get(q.src_uri)
        docs.append(SearchDoc("question", qid, f"{page_urls.get(q.src_uri, '')}#{qid}", q.title, zh=q.zh,
                              topic=page.title if page else "", difficulty=q.difficulty, snippet=q.short_answer,
                              fields=[f for f in fields if f.text]))
    return docs


def term_docs(glossary: list[Entry], glossary_url: str) -> list[SearchDoc]:
    """One document per glossary term: its names to find it, its definition as the snippet."""
    return [SearchDoc("term", e.slug, f"{glossary_url}#{e.slug}", e.term, zh=" / ".join(e.zh), topic="Glossary",
                      snippet=plain_text(e.definition),
                      fields=[Field(spaced_words(_names([e])), WEIGHTS["title"]),
                              Field(plain_text(e.definition), WEIGHTS["definition"])])
            for e in glossary]


def topic_docs(pages: Mapping[str, PageParse], page_urls: Mapping[str, str]) -> list[SearchDoc]:
    """One document per topic page: found by its title, weakly by the questions it holds."""
    docs = []
    for src_uri, page in pages.items():
        titles = " ".join(q.title for q in page.questions if q.id)
        count = len([q for q in page.questions if q.id])
        docs.append(SearchDoc("topic", src_uri, page_urls.get(src_uri, ""), page.title or src_uri, topic="Topic",
                              snippet=f"{count} questions: {titles}",
                              fields=[Field(page.title, WEIGHTS["title"]), Field(titles, WEIGHTS["questions"])]))
    return docs
