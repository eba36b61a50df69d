"""Load and check the glossary, and find term mentions with one compiled matcher.

Why our own code: Python-Markdown's ``abbr`` wraps terms with ``\\b...\\b``, which never fires
inside Chinese text (Han characters are ``\\w``), links nothing, and matches every occurrence;
mkdocs-ezglossary needs explicit ``<section:term>`` markup. We need automatic first-mention
linking in English and Chinese, longest match first, with code/math/links skipped, in one pass.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from .problems import Problem

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SLUG_JUNK = re.compile(r"[^a-z0-9]+")
REQUIRED = ("term", "zh", "definition")
WORD_START = r"(?<![A-Za-z0-9_\-])"  # a Latin-start name begins a word
MARKUP = re.compile(r"`|\*\*?\S|\]\(|\$|<[a-zA-Z/]")


class GlossaryError(Exception):
    """The glossary file cannot be read at all (malformed YAML or wrong shape)."""


@dataclass
class Entry:
    """One glossary term with its names, definition and the questions that explain it."""

    term: str
    zh: list[str]
    definition: str
    aliases: list[str] = field(default_factory=list)
    see: list[str] = field(default_factory=list)
    line: int = 0
    definition_zh: str = ""   # the Chinese edition's definition (falls back to ``definition``)

    @functools.cached_property
    def slug(self) -> str:
        return "term-" + (SLUG_JUNK.sub("-", self.term.lower()).strip("-") or "x")

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases, *self.zh]


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def load(text: str, path: str) -> tuple[list[Entry], list[Problem]]:
    """Parse glossary YAML; raise GlossaryError for unreadable files, report entry problems."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml: ~10x faster on a big glossary
    try:  # one parse: the node tree gives each entry's line, and is then turned into Python data
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise GlossaryError(f"{path}: invalid YAML{where}: {getattr(exc, 'problem', None) or exc}") from exc
    finally:
        loader.dispose()
    if data is None:
        return [], []
    if not isinstance(data, list) or root is None or not isinstance(root, yaml.SequenceNode):
        raise GlossaryError(f"{path}: expected a list of entries (- term: ...), got {type(data).__name__}")
    entries: list[Entry] = []
    problems: list[Problem] = []
    for node, item in zip(root.value, data):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            problems.append(Problem(path, line, f"entry is not a mapping: {item!r}"))
            continue
        name = str(item.get("term") or "").strip()
        label = f"entry '{name}'" if name else "entry"
        missing = [key for key in REQUIRED if not str(item.get(key) or "").strip()]
        for key in missing:
            problems.append(Problem(path, line, f"{label} has no {key} (or it is empty)"))
        unknown = sorted(set(item) - {"term", "aliases", "zh", "definition", "definition_zh", "see"})
        if unknown:
            problems.append(Problem(path, line, f"{label} has unknown field(s): {', '.join(unknown)}"))
        if missing:
            continue
        entries.append(Entry(
            term=name,
            zh=[z.strip() for z in _as_list(item.get("zh")) if z.strip()],
            definition=" ".join(str(item["definition"]).split()),
            aliases=[a.strip() for a in _as_list(item.get("aliases")) if a.strip()],
            see=[s.strip() for s in _as_list(item.get("see")) if s.strip()],
            line=line,
            definition_zh=" ".join(str(item.get("definition_zh") or "").split()),
        ))
    return entries, problems


def check(entries: list[Entry], known_ids: set[str], path: str) -> list[Problem]:
    """Duplicate names (case-insensitive, naming both entries), ``see:`` ids that do not exist, and
    Markdown in definitions (they are shown as plain text)."""
    problems: list[Problem] = []
    owner: dict[str, Entry] = {}
    slugs: dict[str, Entry] = {}
    for entry in entries:
        for name in dict.fromkeys(entry.names):
            key = name.casefold()
            first = owner.get(key)
            if first is not None and first is not entry:
                problems.append(Problem(path, entry.line, (
                    f"entry '{entry.term}': '{name}' is already defined by entry '{first.term}' (line {first.line})")))
            else:
                owner[key] = entry
        if entry.slug in slugs and slugs[entry.slug] is not entry and entry.term.casefold() != slugs[entry.slug].term.casefold():
            problems.append(Problem(path, entry.line, f"entry '{entry.term}' has the same anchor #{entry.slug} as entry '{slugs[entry.slug].term}'"))
        slugs.setdefault(entry.slug, entry)
        for qid in entry.see:
            if qid not in known_ids:
                problems.append(Problem(path, entry.line, f"entry '{entry.term}': see: '{qid}' is not a question id"))
        markup = MARKUP.search(entry.definition) or MARKUP.search(entry.definition_zh)
        if markup:
            problems.append(Problem(path, entry.line, (
                f"entry '{entry.term}': the definition must be plain text (it is shown as-is in tooltips "
                f"and on the glossary page); found '{markup.group(0)}'")))
    return problems


def display(entry: Entry, code: str) -> tuple[str, str]:
    """An entry's name and definition as one edition shows them: the Chinese edition puts the
    Chinese name first with the English term in parentheses, and uses ``definition_zh`` while
    it exists (the English definition until a translator adds it)."""
    if code == "zh" and entry.zh:
        return f"{entry.zh[0]}（{entry.term}）", entry.definition_zh or entry.definition
    return entry.term, entry.definition


def case_sensitive(name: str) -> bool:
    """Acronyms and mixed-case names (LoRA, RLHF, vLLM, KV cache) match exactly; words match any case."""
    return any(ch.isupper() for ch in name[1:]) or (len(name) <= 4 and name[:1].isupper())


def _normal(text: str) -> str:
    return " ".join(text.split())


def trie_pattern(names: list[str]) -> str:
    """One regex for many names, shaped as a character trie.

    A flat ``a|b|c...`` alternation makes the regex engine try every name at every position;
    a trie tries only the branch of the next character, so a page costs one pass whatever the
    glossary size. Optional continuations are greedy, so the longest name wins, and the engine
    backtracks to a shorter one when a longer one fails its boundary check.
    """
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + build(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class Matcher:
    """Every glossary name in one compiled trie regex, so one pass finds all mentions.

    Matching ignores case; the case rule (acronyms exact) is applied to each hit, which keeps one
    regex for all names. Names that start with a Latin letter or digit (also "KV 缓存") need a
    word boundary before them, and pure Latin names one after them too; names that start with a
    Han character match anywhere (CJK has no spaces, so ``\\b`` cannot work).

    Speed: ``regex`` is the whole pattern, but scanning with it costs ~5× more than needed.
    ``spans`` gives the same matches from two cheaper scans: the Latin-start pattern, written in
    lower case and run case-sensitively over the lower-cased text (sre compares case-insensitive
    characters one call at a time: 2.4× slower on the real site), and, only in text that contains
    Han characters, the Han-start pattern, which is case-sensitive so the engine can skip to Han
    characters. Their matches cannot start at the same position, so taking the leftmost and
    re-searching past it reproduces the single scan exactly. Text whose lower-casing changes its
    length (``İ``) is scanned with the case-insensitive patterns, so offsets stay true.
    """

    def __init__(self, entries: list[Entry]):
        self.by_fold: dict[str, tuple[Entry, set[str], bool]] = {}
        han_start: set[str] = set()    # start with a Han character
        mixed: set[str] = set()        # Latin or digit first, Han later ("KV 缓存")
        latin: set[str] = set()
        for entry in entries:
            for name in entry.names:
                name = _normal(name)
                if not name:
                    continue
                key = name.casefold()
                owner, exact, loose = self.by_fold.get(key, (entry, set(), False))
                if owner is not entry:
                    continue  # duplicate across entries: reported by check()
                if case_sensitive(name) and not CJK.search(name):
                    exact.add(name)
                else:
                    loose = True
                self.by_fold[key] = (entry, exact, loose)
                if CJK.match(name):
                    han_start.update((name, key))  # case-sensitive pattern: both spellings
                elif CJK.search(name):
                    mixed.add(key)
                else:
                    latin.add(key)
        self._word_parts = [trie_pattern(sorted(mixed))] if mixed else []
        if latin:
            self._word_parts.append(rf"(?:{trie_pattern(sorted(latin))})(?![A-Za-z0-9_])")
        self._has_latin = bool(latin)
        self.han_regex = re.compile(trie_pattern(sorted(han_start))) if han_start else None
        self.word_regex = self._word_pattern("", self._word_parts)
        self.latin_regex = self._word_pattern("", self._word_parts[-1:]) if latin else None
        self.empty = self.han_regex is None and self.word_regex is None

    @staticmethod
    def _word_pattern(flags: str, parts: list[str]) -> re.Pattern | None:
        """Latin-start names after a word boundary; ``flags`` "i" for the case-insensitive form."""
        if not parts:
            return None
        body = "|".join(parts)
        return re.compile(rf"{WORD_START}(?{flags}:{body})" if flags else rf"{WORD_START}(?:{body})")

    @functools.cached_property
    def _folding(self) -> tuple[re.Pattern | None, re.Pattern | None]:
        """The word patterns ignoring case, for text that lower-casing would change in length."""
        return (self._word_pattern("i", self._word_parts),
                self._word_pattern("i", self._word_parts[-1:]) if self._has_latin else None)

    @functools.cached_property
    def regex(self) -> re.Pattern | None:
        """The whole matcher as one pattern: the reference ``spans`` reproduces (tests), not for scanning."""
        word = self._folding[0]
        parts = [p.pattern for p in (self.han_regex, word) if p is not None]
        return re.compile("|".join(parts)) if parts else None

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of every mention in ``text``, left to right: the matches of ``regex``."""
        lowered = text.lower()
        if len(lowered) == len(text):
            word, latin, word_text = self.word_regex, self.latin_regex, lowered
        else:
            (word, latin), word_text = self._folding, text
        if not CJK.search(text):
            if latin is not None:
                for m in latin.finditer(word_text):
                    yield m.span()
            return
        if self.han_regex is None:
            if word is not None:
                for m in word.finditer(word_text):
                    yield m.span()
            return
        han = self.han_regex
        pos = 0
        w = word.search(word_text) if word is not None else None
        h = han.search(text)
        while w is not None or h is not None:
            if w is not None and w.start() < pos:
                w = word.search(word_text, pos)
            elif h is not None and h.start() < pos:
                h = han.search(text, pos)
            elif h is None or (w is not None and w.start() < h.start()):
                yield w.span()
                pos = w.end()
                w = word.search(word_text, pos)
            else:
                yield h.span()
                pos = h.end()
                h = han.search(text, pos)

    def entry_for(self, text: str) -> Entry | None:
        """The entry a matched surface form belongs to, if its case rule accepts this spelling."""
        norm = _normal(text)
        hit = self.by_fold.get(norm.casefold())
        if hit is None:
            return None
        entry, exact, loose = hit
        return entry if loose or norm in exact else None

    def find(self, text: str) -> set[str]:
        """Slugs of every entry mentioned in a piece of plain text."""
        if self.empty:
            return set()
        found: set[str] = set()
        for start, end in self.spans(text):
            entry = self.entry_for(text[start:end])
            if entry is not None:
                found.add(entry.slug)
        return found


def is_cjk(text: str) -> bool:
    return bool(CJK.search(text))
