"""Parse topic pages into questions and check them against the authoring rules.

A question is an H2 with an explicit ``{ #id }`` (see docs/contributing.md). Parsing happens
once per build, on the Markdown source, before any page is rendered: every later step
(cross-references, related questions, glossary mentions, share pages) needs the whole set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .mdscan import FRONT_MATTER, front_matter_lines, iter_lines, prose_only
from .problems import Problem

DIFFICULTIES = ("easy", "medium", "hard")
ID_RULE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*(?P<attrs>[^{}]*)\}[ \t]*$")
ATTR_TOKEN = re.compile(r"""#(?P<id>[^\s}]+)|\.(?P<cls>[^\s}]+)|(?P<key>[\w-]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s}]+))""")
SHORT_ANSWER = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+tldr\b.*"Short answer"')
FOLLOW_UPS = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+question\b.*"Follow-up questions"')
ANY_FOLLOW_UPS = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+question\b')
METADATA = ("data-difficulty", "data-tags", "data-zh")
XREF = re.compile(r"\[\[(?P<id>[^\[\]|\n]+?)(?:\|(?P<text>[^\[\]\n]+?))?\]\]")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_MARKS = re.compile(r"(\*\*|__|\*|`|~~)")
HTML_TAG = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")
CONFLICT_MARKER = re.compile(r"^(?:<{7}|>{7})(?: |$)|^={7}$")


@dataclass(frozen=True)
class Dialect:
    """How one language writes a question: the label of its short answer, and whether its heading
    carries the metadata (English) or takes it from the English question with the same id and
    leaves the follow-up list to the build (translations, see llmqa.translation)."""

    short_answer: re.Pattern
    short_label: str
    original: bool = True


ENGLISH = Dialect(SHORT_ANSWER, "Short answer")
CHINESE = Dialect(re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+tldr\b.*"简答"'), "简答", original=False)


@dataclass
class Question:
    """One question as the author wrote it, with what later build steps need to know."""

    id: str
    title: str
    src_uri: str
    line: int
    topic: str = ""
    short_answer: str = ""
    difficulty: str = ""
    tags: tuple[str, ...] = ()
    zh: str = ""
    refs: list[tuple[str, int]] = field(default_factory=list)
    followups: list[str] = field(default_factory=list)
    prose: str = ""
    subtitle: str = ""              # shown under the heading: the other language's wording
    subtitle_lang: str = "zh-Hans"
    en_hash: str | None = None      # translations: data-en-hash, the English version followed
    behind: bool = False            # translations: the English changed since (llmqa.i18n)


@dataclass
class PageParse:
    """What one topic page contributes: its title, its questions and the problems found."""

    src_uri: str
    title: str
    questions: list[Question]
    problems: list[Problem]


def parse_attrs(text: str) -> dict[str, str]:
    """Parse an attr_list body (``#id .cls key="v"``) into a dict; ``id`` and ``class`` included."""
    attrs: dict[str, str] = {}
    for m in ATTR_TOKEN.finditer(text):
        if m.group("id"):
            attrs["id"] = m.group("id")
        elif m.group("cls"):
            attrs["class"] = (attrs.get("class", "") + " " + m.group("cls")).strip()
        else:
            value = m.group("dq") if m.group("dq") is not None else m.group("sq")
            attrs[m.group("key")] = value if value is not None else m.group("bare")
    return attrs


def plain_text(markdown: str, keep_html: bool = False) -> str:
    """Markdown to one line of plain text, for previews and tooltips.

    Titles keep ``<...>`` literally (``keep_html``): a question about ``<b>`` must read as such
    everywhere, escaped, rather than vanish.
    """
    text = XREF.sub(lambda m: m.group("text") or m.group("id"), markdown)
    text = MD_LINK.sub(r"\1", text)
    if not keep_html:
        text = HTML_TAG.sub("", text)
    text = MD_MARKS.sub("", text)
    return SPACES.sub(" ", text).strip()


def _indented_block(lines: list[tuple[int, str, bool]], start: int) -> list[str]:
    """The body of an admonition opened at ``lines[start]``: following indented or blank lines."""
    body: list[str] = []
    for _, line, _ in lines[start + 1:]:
        if line.strip() and not line.startswith(("    ", "\t")):
            break
        body.append(line.strip())
    return body


def parse_page(src_uri: str, text: str, allowed_tags: set[str] | frozenset[str], dialect: Dialect = ENGLISH) -> PageParse:
    """Parse one topic page; report every rule it breaks with file, line and offending text."""
    offset = front_matter_lines(text)
    lines = [item for item in iter_lines(text) if item[0] > offset]
    problems: list[Problem] = []
    questions: list[Question] = []
    title = ""
    current: Question | None = None
    section: list[tuple[int, str, bool]] = []

    def close() -> None:
        if current is not None:
            _finish_question(current, section, problems, dialect)

    for number, line, in_code in lines:
        if not in_code and CONFLICT_MARKER.match(line):
            problems.append(Problem(src_uri, number, f"merge conflict marker '{line.strip()[:20]}': resolve the conflict"))
        heading = None if in_code else HEADING.match(line)
        if heading and len(heading.group("hashes")) == 1 and not title:
            title = plain_text(ATTR_LIST.sub("", heading.group("text")))
        if heading and len(heading.group("hashes")) == 2:
            close()
            current = _start_question(src_uri, number, heading.group("text"), allowed_tags, problems, dialect)
            current.topic = title
            questions.append(current)
            section = []
            continue
        if heading and len(heading.group("hashes")) >= 3 and current is not None:
            problems.append(Problem(src_uri, number, (
                f"heading '{line.strip()}' inside question '{current.id}': answers use admonitions "
                "or **bold labels**, not H3+ headings")))
        if current is not None:
            section.append((number, line, in_code))
    close()
    return PageParse(src_uri, title, questions, problems)


def _start_question(src_uri: str, number: int, text: str, allowed_tags, problems: list[Problem], dialect: Dialect) -> Question:
    m = ATTR_LIST.search(text)
    attrs = parse_attrs(m.group("attrs")) if m else {}
    title = plain_text(text[:m.start()] if m else text, keep_html=True)
    qid = attrs.get("id", "")
    if not qid:
        problems.append(Problem(src_uri, number, f"question '## {title}' has no explicit {{ #id }}"))
    elif not ID_RULE.match(qid):
        problems.append(Problem(src_uri, number, f"question id '{qid}' is not lowercase kebab-case ASCII (like 'kv-cache')"))
    if not dialect.original:
        for key in METADATA:
            if key in attrs:
                problems.append(Problem(src_uri, number, f"question '{qid or title}': leave {key} out of a translated heading (it comes from the English question)"))
        return Question(id=qid, title=title, src_uri=src_uri, line=number, en_hash=attrs.get("data-en-hash"))
    difficulty = attrs.get("data-difficulty", "")
    if difficulty not in DIFFICULTIES:
        shown = f'data-difficulty="{difficulty}"' if difficulty else "no data-difficulty"
        problems.append(Problem(src_uri, number, f"question '{qid or title}' has {shown}; use easy, medium or hard"))
    tags = tuple(attrs.get("data-tags", "").split())
    for tag in tags:
        if tag not in allowed_tags:
            problems.append(Problem(src_uri, number, f"question '{qid or title}' has unknown tag '{tag}' (allowed tags are listed in docs/tags.yml)"))
    zh = attrs.get("data-zh", "").strip()
    if not zh:
        problems.append(Problem(src_uri, number, f"question '{qid or title}' has no data-zh (its Chinese wording)"))
    return Question(id=qid, title=title, src_uri=src_uri, line=number, difficulty=difficulty, tags=tags, zh=zh, subtitle=zh)


def _finish_question(q: Question, section: list[tuple[int, str, bool]], problems: list[Problem], dialect: Dialect = ENGLISH) -> None:
    starts = [i for i, (_, line, code) in enumerate(section) if not code and dialect.short_answer.match(line)]
    first_content = next((i for i, (_, line, _) in enumerate(section) if line.strip()), None)
    name = q.id or q.title
    label = dialect.short_label
    if not starts:
        problems.append(Problem(q.src_uri, q.line, f'question \'{name}\' has no !!! tldr "{label}" block under its heading'))
    elif len(starts) > 1:
        lines = ", ".join(str(section[i][0]) for i in starts)
        problems.append(Problem(q.src_uri, q.line, f"question '{name}' has {len(starts)} {label} blocks (lines {lines}); keep one"))
    elif starts[0] != first_content:
        problems.append(Problem(q.src_uri, section[starts[0]][0], f"question '{name}': the {label} block must come directly under the heading"))
    if starts:
        q.short_answer = plain_text(" ".join(_indented_block(section, starts[0])))
    prose: list[str] = []
    followup_until = -1
    for i, (number, line, code) in enumerate(section):
        if code:
            continue
        if FOLLOW_UPS.match(line):
            followup_until = i + len(_indented_block(section, i))
        if not dialect.original and ANY_FOLLOW_UPS.match(line):
            problems.append(Problem(q.src_uri, number, f"question '{name}': leave the follow-up list out (the build adds the English question's list)"))
        text = prose_only(line)
        prose.append(text)
        for m in XREF.finditer(text):
            q.refs.append((m.group("id").strip(), number))
            if i <= followup_until:
                q.followups.append(m.group("id").strip())
    q.prose = "\n".join(prose)


def is_topic_page(text: str) -> bool:
    """Every Markdown page holds questions unless its front matter says ``topic: false``."""
    m = FRONT_MATTER.match(text)
    if not m:
        return True
    try:
        meta = yaml.safe_load(m.group(0).strip().strip("-").strip(".")) or {}
    except yaml.YAMLError:
        return True
    return not (isinstance(meta, dict) and meta.get("topic") is False)


def duplicate_problems(questions: list[Question]) -> list[Problem]:
    """One problem per id used more than once, naming both places."""
    seen: dict[str, Question] = {}
    problems: list[Problem] = []
    for q in questions:
        if not q.id:
            continue
        if q.id in seen:
            first = seen[q.id]
            problems.append(Problem(q.src_uri, q.line, f"duplicate question id '{q.id}' (first used at {first.src_uri}:{first.line})"))
        else:
            seen[q.id] = q
    return problems
