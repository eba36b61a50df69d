"""Where the text of a share card goes: wrap, shrink to fit, and never leave the card.

Pure geometry: the caller passes ``measure(text, size) -> (x0, y0, x1, y1)``, the ink box of
``text`` drawn at ``(0, 0)`` (top-left anchored) in the card font at ``size`` pixels, so the same
layout is checked by tests and drawn by :mod:`llmqa.cardrender`. Wrapping adds up the width of
each word (one measurement per word and size, which the caller caches); the final check uses
the ink box of every whole line, so a rounding difference can only make the type smaller. A title of any length ends
up inside its region: it wraps at words (and between CJK characters, which have no spaces),
shrinks step by step, and as a last resort is cut with an ellipsis.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

Measure = Callable[[str, int], tuple[float, float, float, float]]

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
LINE_HEIGHT = 1.28
CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
TOKEN = re.compile(rf"[{CJK}]|[^\s{CJK}]+|\s+")
ELLIPSIS = "…"


@dataclass(frozen=True)
class Region:
    """A rectangle text may occupy."""

    left: int
    top: int
    right: int
    bottom: int

    def holds(self, box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        return self.left <= x0 and x1 <= self.right and self.top <= y0 and y1 <= self.bottom


@dataclass(frozen=True)
class Line:
    """One line of text, where it is drawn (top-left) and the ink box it covers on the card."""

    text: str
    x: int
    y: int
    size: int
    box: tuple[float, float, float, float]
    role: str


def wrap(text: str, width: float, fits: Callable[[str], bool]) -> list[str]:
    """Greedy wrap at spaces and between CJK characters; a word wider than ``width`` is split."""
    lines: list[str] = []
    current = ""
    for token in TOKEN.findall(" ".join(text.split())):
        candidate = current + token
        if fits(candidate.rstrip()):
            current = candidate
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = "" if token.isspace() else token
        while current and not fits(current):
            cut = _longest_prefix(current, fits)
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip():
        lines.append(current.rstrip())
    return lines


def wrap_words(text: str, width: float, token_width: Callable[[str], float]) -> list[str]:
    """:func:`wrap` with line widths summed from word widths (cheap: each word measured once)."""
    widths: dict[str, float] = {}

    def fits(candidate: str) -> bool:
        total = 0.0
        for token in TOKEN.findall(candidate):
            if token not in widths:
                widths[token] = token_width(token)
            total += widths[token]
        return total <= width

    return wrap(text, width, fits)


def _longest_prefix(text: str, fits: Callable[[str], bool]) -> int:
    cut = len(text) - 1
    while cut > 1 and not fits(text[:cut]):
        cut -= 1
    return max(cut, 1)


def fit(text: str, region: Region, sizes: tuple[int, ...], measure: Measure, role: str,
        max_lines: int | None = None) -> list[Line]:
    """Lines of ``text`` at the largest size in ``sizes`` whose wrapped block fits ``region``.

    When even the smallest size overflows, keep as many lines as fit and end the last with an
    ellipsis: the card says less, but nothing is drawn off the card or over another block.
    """
    width = region.right - region.left

    def attempt(size: int) -> list[Line] | None:
        lines = wrap_words(text, width, lambda token: _width(measure, token, size))
        placed = _place(lines, region, size, measure, role)
        return placed if (max_lines is None or len(lines) <= max_lines) and _inside(placed, region) else None

    # Smaller type never needs more room, so binary-search the largest size that fits.
    low, high, best = 0, len(sizes) - 1, None
    while low <= high:
        middle = (low + high) // 2
        placed = attempt(sizes[middle])
        if placed is not None:
            best, high = placed, middle - 1
        else:
            low = middle + 1
    if best is not None:
        return best
    size = sizes[-1]
    fits = lambda s: _width(measure, s, size) <= width  # noqa: E731
    lines = wrap(text, width, fits)[:max_lines or None]
    while lines:
        shown = lines[:-1] + [_ellipsize(lines[-1], fits)]
        placed = _place(shown, region, size, measure, role)
        if _inside(placed, region):
            return placed
        lines = lines[:-1]
    return []


def _inside(placed: list[Line], region: Region) -> bool:
    """Every line's ink, and the block's full line height, stay within ``region``."""
    return all(region.holds(line.box) for line in placed) and block_bottom(placed) <= region.bottom


def _ellipsize(line: str, fits: Callable[[str], bool]) -> str:
    line = line.rstrip()
    while line and not fits(line + ELLIPSIS):
        line = line[:-1].rstrip()
    return line + ELLIPSIS


def _width(measure: Measure, text: str, size: int) -> float:
    x0, _, x1, _ = measure(text, size)
    return max(x1, 0) - min(x0, 0)


def _place(lines: list[str], region: Region, size: int, measure: Measure, role: str) -> list[Line]:
    placed = []
    for i, text in enumerate(lines):
        x, y = region.left, int(round(region.top + i * size * LINE_HEIGHT))
        x0, y0, x1, y1 = measure(text, size)
        placed.append(Line(text, x, y, size, (x + x0, y + y0, x + x1, y + y1), role))
    return placed


def block_bottom(lines: list[Line]) -> int:
    """The y just below a placed block (its last line's full line height)."""
    if not lines:
        return 0
    last = lines[-1]
    return int(round(last.y + last.size * LINE_HEIGHT))


@dataclass(frozen=True)
class CardText:
    """Everything a card says, already in the card's language (see :func:`llmqa.cards.card_text`)."""

    title: str
    subtitle: str
    topic: str
    difficulty: str
    difficulty_label: str
    site: str
    host: str
    lang: str


HEADER = Region(MARGIN, 44, WIDTH - MARGIN, 104)
BODY = Region(MARGIN, 136, WIDTH - MARGIN, 528)
FOOTER = Region(MARGIN, 552, WIDTH - MARGIN, 604)
PILL_PADDING = (18, 8)
GAP = 28
TITLE_SIZES = (68, 62, 56, 52, 48, 44, 40, 36, 32, 28)
SUBTITLE_SIZES = (36, 32, 28, 24)
SMALL_SIZES = (30, 26, 22)


def layout_card(text: CardText, measure: Measure) -> list[Line]:
    """Every line of a card: site name, title, subtitle, difficulty pill, topic and host.

    The subtitle (the question in the other language) is sized first, at most two lines, so the
    title gets all the height that is left: titles are the longest text and matter most.
    """
    header = fit(text.site, HEADER, SMALL_SIZES, measure, "site", max_lines=1)
    subtitle = fit(text.subtitle, BODY, SUBTITLE_SIZES, measure, "subtitle", max_lines=2) if text.subtitle else []
    reserved = block_bottom(subtitle) - BODY.top + GAP if subtitle else 0
    title_region = Region(BODY.left, BODY.top, BODY.right, BODY.bottom - reserved)
    title = fit(text.title, title_region, TITLE_SIZES, measure, "title")
    if subtitle:
        below = Region(BODY.left, block_bottom(title) + GAP, BODY.right, BODY.bottom)
        subtitle = _place([line.text for line in subtitle], below, subtitle[0].size, measure, "subtitle")
    inner = Region(FOOTER.left + PILL_PADDING[0], FOOTER.top + PILL_PADDING[1],
                   FOOTER.right, FOOTER.bottom - PILL_PADDING[1])
    pill = fit(text.difficulty_label, inner, SMALL_SIZES[1:], measure, "difficulty", max_lines=1)
    host = _right_aligned(text.host, FOOTER, SMALL_SIZES[1], measure, "host")
    topic_left = int(pill[-1].box[2]) + PILL_PADDING[0] + GAP if pill else FOOTER.left
    topic_right = int(host.box[0]) - GAP if host else FOOTER.right
    topic = fit(text.topic, Region(topic_left, FOOTER.top + PILL_PADDING[1], topic_right, FOOTER.bottom),
                SMALL_SIZES[1:], measure, "topic", max_lines=1) if topic_right > topic_left else []
    return header + title + subtitle + pill + topic + ([host] if host else [])


def _right_aligned(text: str, region: Region, size: int, measure: Measure, role: str) -> Line | None:
    if not text:
        return None
    x0, y0, x1, y1 = measure(text, size)
    x = int(region.right - x1)
    y = region.top + PILL_PADDING[1]
    return Line(text, x, y, size, (x + x0, y + y0, x + x1, y + y1), role)


def pill_box(line: Line) -> tuple[int, int, int, int]:
    """The rounded rectangle drawn behind the difficulty label."""
    x0, y0, x1, y1 = line.box
    return (int(x0) - PILL_PADDING[0], line.y - PILL_PADDING[1] + 2,
            int(x1) + PILL_PADDING[0], int(line.y + line.size * LINE_HEIGHT) + PILL_PADDING[1] - 6)
