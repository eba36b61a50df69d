"""Render arithmatex's generic output to MathML at build time: no JavaScript, no CDN.

``pymdownx.arithmatex`` (generic mode) leaves ``\\(...\\)`` in ``<span class="arithmatex">`` and
``\\[...\\]`` in ``<div class="arithmatex">``; latex2mathml turns each into a ``<math>`` element,
which Chromium, Firefox and Safari render natively (MathML Core).
"""
from __future__ import annotations

import functools
import html
import re

from xml.etree.ElementTree import Element, tostring
from xml.sax.saxutils import unescape

from latex2mathml.converter import convert_to_element

# latex2mathml renders `aligned`/`gathered` as a flat row with literal "&" (invalid MathML);
# its `align*`/`gather*` produce the aligned table authors mean.
ENVIRONMENTS = re.compile(r"\\(begin|end)\{(aligned|gathered)\}")
STARRED = {"aligned": "align*", "gathered": "gather*"}
# TeX puts a thin space between a function name and its argument (\cos m\theta); latex2mathml
# emits <mi>cos</mi><mi>m</mi> with none, which reads "cosmθ". Multi-letter <mi> are function names.
FUNCTION_THEN_ARGUMENT = re.compile(r"(<mi>[A-Za-z]{2,}</mi>)(?=<(?:mi|mn|msub|msup|msubsup|mrow|mfrac|msqrt|mover)[\s>])")
THIN_SPACE = '<mspace width="0.1667em"></mspace>'
# `524{,}288` is TeX for a thousands separator (no space); latex2mathml emits a spaced comma operator.
GROUPED_DIGITS = re.compile(r"<mn>([\d,]+)</mn><mrow><mo>&#x0002C;</mo></mrow><mn>(\d{3}(?:\.\d+)?)</mn>")
INLINE = re.compile(r'<span class="arithmatex">\\\((?P<tex>.*?)\\\)</span>', re.S)
BLOCK = re.compile(r'<div class="arithmatex">\\\[(?P<tex>.*?)\\\]</div>', re.S)


class MathError(Exception):
    """A formula latex2mathml cannot render; carries the TeX source for the message."""

    def __init__(self, tex: str, reason: str):
        super().__init__(f"cannot render formula ${tex}$: {reason}")
        self.tex = tex


@functools.lru_cache(maxsize=4096)
def to_mathml(tex: str, display: bool) -> str:
    """One TeX formula (HTML-escaped, as arithmatex emits it) to a MathML element."""
    source = html.unescape(tex).strip()
    try:
        tree = convert_to_element(ENVIRONMENTS.sub(lambda m: f"\\{m.group(1)}{{{STARRED[m.group(2)]}}}", source),
                                  display="block" if display else "inline")
        out = unescape(tostring(slim(tree), encoding="unicode"))  # as latex2mathml.convert serialises
    except Exception as exc:  # latex2mathml raises many exception types for bad input
        raise MathError(source, f"{type(exc).__name__}: {exc}") from None
    if "<merror" in out:
        raise MathError(source, "unsupported command")
    if "<mi>&</mi>" in out:
        raise MathError(source, "'&' outside an alignment environment (use align*, cases, pmatrix or array)")
    out = FUNCTION_THEN_ARGUMENT.sub(r"\1" + THIN_SPACE, out)
    while GROUPED_DIGITS.search(out):
        out = GROUPED_DIGITS.sub(r"<mn>\1,\2</mn>", out)
    label = html.escape(source, quote=True)
    return out.replace("<math ", f'<math aria-label="{label}" ', 1)


# Children an <mrow> can be dropped around without changing layout: they have no operator form
# (MathML Core gives an <mo> prefix/infix/postfix spacing from its position in its row).
UNWRAPPABLE = frozenset("mi mn mtext mspace mfrac msqrt mroot mtable".split())


def slim(math: Element) -> Element:
    """Drop redundant elements from latex2mathml's tree; the rendering stays the same.

    Formulas were a third of a topic page's elements, and every element costs style and layout
    time on each of the full-page recalculations Material's scripts trigger at load (Lighthouse
    mobile, benchmarks/). Removed: the <mrow> directly under <math> (itself an implied row),
    single-child rows around token and layout elements, and one <mi> per letter of an upright
    word (``\\mathrm{softmax}``), which also reads as one word to a screen reader.
    """
    _slim_children(math)
    return math


def _slim_children(parent: Element) -> None:
    """Post-order, so a row whose letters were merged into one <mi> can then be unwrapped."""
    slimmed: list[Element] = []
    for child in parent:
        _slim_children(child)
        while (child.tag == "mrow" and not child.attrib and len(child) == 1 and child[0].tag in UNWRAPPABLE
               and not (child.text or "").strip() and not (child[0].tail or "").strip()):
            child = child[0]
        if (slimmed and _upright_letter(child) and _upright_letter(slimmed[-1], any_length=True)
                and not (slimmed[-1].tail or "").strip()):
            slimmed[-1].text += child.text
            continue
        slimmed.append(child)
    if len(slimmed) == 1 and parent.tag == "math" and slimmed[0].tag == "mrow" and not slimmed[0].attrib:
        slimmed = list(slimmed[0])
    parent[:] = slimmed


def _upright_letter(el: Element, any_length: bool = False) -> bool:
    return (el.tag == "mi" and el.attrib == {"mathvariant": "normal"} and len(el) == 0
            and el.text is not None and el.text.isalpha() and (any_length or len(el.text) == 1))


def render_page(content: str, cache=None) -> tuple[str, list[MathError]]:
    """Replace every arithmatex span/div in a page; collect formulas that failed (left as TeX).
    ``cache`` (llmqa.mathcache.FormulaCache) keeps rendered formulas between builds."""
    errors: list[MathError] = []

    def sub(display: bool):
        def one(m: re.Match) -> str:
            tex = m.group("tex")
            rendered = cache.get(tex, display) if cache is not None else None
            if rendered is None:
                try:
                    rendered = to_mathml(tex, display)
                except MathError as err:
                    errors.append(err)
                    return m.group(0)
                if cache is not None:
                    cache.put(tex, display, rendered)
            return f'<div class="qa-math">{rendered}</div>' if display else rendered
        return one

    content = BLOCK.sub(sub(True), content)
    content = INLINE.sub(sub(False), content)
    return content, errors


def unrendered_display_math(html_text: str) -> list[str]:
    """``$$`` left in the prose of a rendered page: arithmatex did not see a block there.

    It happens when display math sits in a list item or admonition without the indentation and
    blank lines a block needs; the reader then sees raw TeX, and nothing else would notice.
    Returns the first line of each such formula.
    """
    from .htmltext import rewrite_text  # late: htmltext is only needed for this check

    found: list[str] = []

    def collect(text: str, _section) -> str:
        for chunk in text.split("$$")[1::2]:
            first = html.unescape(chunk).strip().splitlines()
            found.append(first[0].strip() if first else "")
        return text

    if "$$" in html_text:
        rewrite_text(html_text, collect)
    return found
