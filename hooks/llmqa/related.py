"""Rank related questions and collect backlinks: computed from the registry, never typed.

Scoring: the author's follow-ups first (in their order), then shared tags, then shared glossary
terms (terms that appear almost everywhere carry no signal and are ignored). Candidates come
from inverted indexes and each posting list is scanned only near the question, so the cost per
question stays constant as the site grows (the build must scale linearly).
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping

from .questions import Question

FOLLOW_UP_WEIGHT = 100.0
TAG_WEIGHT = 2.0
TERM_WEIGHT = 1.0
MAX_TERM_SCORE = 4.0
WINDOW = 12           # neighbours scanned on each side of a posting list
COMMON_TERM_SHARE = 0.08


class RelatedIndex:
    """Inverted indexes over tags and glossary terms for the whole site, built once per build."""

    def __init__(self, questions: Iterable[Question], terms: Mapping[str, set[str]]):
        self.questions = [q for q in questions if q.id]
        self.position = {q.id: i for i, q in enumerate(self.questions)}
        self.terms = terms
        self.by_tag: dict[str, list[int]] = {}
        self.by_term: dict[str, list[int]] = {}
        for i, q in enumerate(self.questions):
            for tag in set(q.tags):
                self.by_tag.setdefault(tag, []).append(i)
            for term in terms.get(q.id, ()):
                self.by_term.setdefault(term, []).append(i)
        limit = max(5, COMMON_TERM_SHARE * len(self.questions))
        self.useful_terms = {t for t, posts in self.by_term.items() if len(posts) <= limit}

    def _near(self, posts: list[int], i: int) -> list[int]:
        at = bisect.bisect_left(posts, i)
        return posts[max(0, at - WINDOW): at + WINDOW + 1]

    def related(self, q: Question, limit: int = 5) -> list[str]:
        """Ids of up to ``limit`` questions related to ``q``, best first; ties keep site order."""
        i = self.position.get(q.id)
        if i is None:
            return []
        follow = {qid: n for n, qid in enumerate(dict.fromkeys(q.followups))}
        tags = set(q.tags)
        terms = self.terms.get(q.id, set()) & self.useful_terms
        candidates = {self.position[qid] for qid in follow if qid in self.position}
        for tag in tags:
            candidates.update(self._near(self.by_tag.get(tag, []), i))
        for term in terms:
            candidates.update(self._near(self.by_term[term], i))
        candidates.discard(i)
        scored = []
        for j in candidates:
            other = self.questions[j]
            score = FOLLOW_UP_WEIGHT - follow[other.id] if other.id in follow else 0.0
            score += TAG_WEIGHT * len(tags.intersection(other.tags))
            shared = terms & self.terms.get(other.id, set())
            score += min(MAX_TERM_SCORE, TERM_WEIGHT * len(shared))
            if score > 0:
                scored.append((-score, j, other.id))
        scored.sort()
        return [qid for _, _, qid in scored[:limit]]


def backlinks(questions: Iterable[Question]) -> dict[str, list[str]]:
    """For every referenced id, the questions that link to it (site order, no self-links)."""
    incoming: dict[str, list[str]] = {}
    for q in questions:
        for target in dict.fromkeys(ref for ref, _ in q.refs):
            if target != q.id:
                incoming.setdefault(target, []).append(q.id)
    return incoming
