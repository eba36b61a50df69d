"""Chinese text split into the words the search index stores: pairs of adjacent characters.

Pagefind (like any word index) cuts text at spaces. Chinese has none, so a whole clause would
become one "word" that only a query starting the same way could match. Each run of Han
characters therefore becomes every pair of adjacent characters (分组查询 -> 分组 组查 查询), and
the search dialog cuts a query the same way (search/query.js); a lone character stays itself and,
typed as a query, prefix-matches the pairs it starts. Pairs need no dictionary, so the browser and
the build always agree. Measured against adding jieba's search-mode words on both sides: the
same recall@5 on benchmarks/search_queries.yml (0.98 zh; MRR 0.68 against 0.72) for 0.8 s less
build time and one unmaintained dependency less. English text passes through untouched.
"""
from __future__ import annotations

import re

HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def character_pairs(run: str) -> list[str]:
    """``run`` as overlapping pairs of characters; a single character as itself."""
    return [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]


def spaced_words(text: str) -> str:
    """``text`` with every run of Han characters replaced by its character pairs, spaced."""
    return " ".join(HAN_RUN.sub(lambda m: " " + " ".join(dict.fromkeys(character_pairs(m.group(0)))) + " ", text).split())
