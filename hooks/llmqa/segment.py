"""Chinese text split into words, so the search index holds words a reader can type.

Pagefind (like any word index) cuts text at spaces. Chinese has none, so a whole clause would
become one "word" that only a query starting the same way could match. Each run of Han
characters becomes jieba's search-mode words (``cut_for_search``: the words and the shorter
words inside long ones) plus every pair of adjacent characters. The pairs are what the browser
can always reproduce: its segmenter (Intl.Segmenter) does not know 适配器 or 显存 and returns
single characters, which the search dialog turns into the same pairs (search/query.js).
English text passes through untouched.
"""
from __future__ import annotations

import logging
import re

import jieba

HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not for the build log


def spaced_words(text: str) -> str:
    """``text`` with every run of Han characters replaced by its words, separated by spaces."""
    def split(m: re.Match) -> str:
        run = m.group(0)
        words = [w for w in jieba.cut_for_search(run) if w.strip()]
        pairs = [run[i:i + 2] for i in range(len(run) - 1)]
        return " " + " ".join(dict.fromkeys(words + pairs)) + " "
    return " ".join(HAN_RUN.sub(split, text).split())
