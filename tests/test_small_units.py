"""Unit tests of the permalink lock, MathML rendering, external-asset checks and text helpers."""
from __future__ import annotations

import pytest

from llmqa.assets import external_references
from llmqa.mathml import MathError, render_page, to_mathml
from llmqa.permalinks import Redirects, check, read_lock, read_redirects, render_lock, RedirectsError, unlocked
from llmqa.text import trim


def test_lock_round_trip_and_staleness():
    text = render_lock(["b", "a", "a"])
    assert read_lock(text) == ["a", "b"] and text.startswith("# Every question id")
    assert unlocked(["a"], {"a", "c"}) == ["c"]


def test_lock_check_messages():
    """A vanished id needs a redirect; redirects must point at real questions."""
    redirects = Redirects(moved={"old": "new", "gone": "missing"}, retired={"dead": ""})
    problems = [str(p) for p in check(["old", "lost", "dead", "gone"], {"new"}, redirects, "permalinks.lock", "redirects.yml")]
    assert problems == [
        "redirects.yml: moved: 'gone' -> 'missing', but 'missing' is not a question id",
        "redirects.yml: retired: 'dead' needs a note saying where to look instead",
        "permalinks.lock: published question id 'lost' no longer exists; restore it, or add it to redirects.yml under moved: ('lost: new-id') or retired:",
    ]


def test_redirects_file_errors():
    assert read_redirects("moved: {a: b}\nretired: {c: see d}\n", "r.yml") == Redirects({"a": "b"}, {"c": "see d"})
    with pytest.raises(RedirectsError, match="expected a mapping"):
        read_redirects("- a\n", "r.yml")


def test_mathml_inline_and_block():
    """arithmatex output becomes MathML; display math is wrapped for horizontal scrolling."""
    html = '<p><span class="arithmatex">\\(a &lt; b\\)</span></p><div class="arithmatex">\\[\\frac{1}{\\sqrt{d}}\\]</div>'
    out, errors = render_page(html)
    assert errors == []
    assert '<math aria-label="a &lt; b"' in out and "<mi>a</mi>" in out
    assert '<div class="qa-math"><math' in out and "<mfrac>" in out and "<msqrt>" in out


def test_mathml_reports_bad_formula():
    with pytest.raises(MathError, match="cannot render formula"):
        to_mathml("\\frac{1}{", display=False)


def test_external_assets_found_with_lines_but_not_in_code_or_links():
    text = ("---\ndescription: x\n---\n[paper](https://arxiv.org/abs/1)\n"
            '<script src="https://cdn.example/x.js"></script>\n'
            "![img](https://img.example/a.png)\n`<script src=\"https://x/y.js\">`\n```\n<img src=\"https://a/b.png\">\n```\n"
            '<link rel="stylesheet" href="//fonts.example/css">\n')
    assert [str(p) for p in external_references("p.md", text)] == [
        "p.md:5: external script 'https://cdn.example/x.js': the site must not load anything from another host; copy the file into docs/assets/",
        "p.md:6: external image 'https://img.example/a.png': the site must not load anything from another host; copy the file into docs/assets/",
        "p.md:11: external stylesheet '//fonts.example/css': the site must not load anything from another host; copy the file into docs/assets/",
    ]


def test_trim_at_word_boundary():
    assert trim("short") == "short"
    assert trim("alpha beta gamma delta", 12) == "alpha beta…"


def test_aligned_becomes_a_table_and_stray_ampersands_fail():
    """`aligned` renders as an aligned table (latex2mathml's own output is broken); bare & is an error."""
    out = to_mathml(r"\begin{aligned} a &= b \\ c &= d \end{aligned}", display=True)
    assert out.count("<mtr>") == 2 and "<mi>&</mi>" not in out
    with pytest.raises(MathError, match="'&' outside an alignment environment"):
        to_mathml(r"\begin{gathered} a &= b \end{gathered}", display=True)


def test_function_names_get_a_thin_space_before_their_argument():
    r"""`\cos m\theta` must not read "cosmθ"; `\log(x)` keeps the parenthesis tight."""
    out = to_mathml(r"\cos m\theta + \log(x)", display=False)
    assert '<mi>cos</mi><mspace width="0.1667em"></mspace><mi>m</mi>' in out
    assert "<mi>log</mi><mo" in out


def test_thousands_separators_stay_inside_the_number():
    """`1{,}048{,}576` is one number, not a list with spaces after the commas."""
    assert "<mn>1,048,576</mn>" in to_mathml("1{,}048{,}576", display=False)
