"""Unit tests of the one-pass HTML text walker: skip zones and sections."""
from __future__ import annotations

from llmqa.htmltext import rewrite_text


def upper(text, section):
    return text.upper() if section else text


def test_rewrites_prose_only_inside_sections():
    """Text before the first H2 is not an answer; headings, code, links, math are skip zones."""
    html = ('<p>intro</p><h2 id="q">title<a class="headerlink">¶</a></h2><p>body <code>code</code> '
            '<a href="x">link</a> <math><mi>x</mi></math> <span class="arithmatex">tex</span> tail</p>'
            '<pre><code>block</code></pre><div class="qa-meta">meta <b>bold</b></div><p>end<br>line</p>')
    out = rewrite_text(html, upper)
    assert out == ('<p>intro</p><h2 id="q">title<a class="headerlink">¶</a></h2><p>BODY <code>code</code> '
                   '<a href="x">link</a> <math><mi>x</mi></math> <span class="arithmatex">tex</span> TAIL</p>'
                   '<pre><code>block</code></pre><div class="qa-meta">meta <b>bold</b></div><p>END<br>LINE</p>')


def test_section_ids_are_passed():
    """The rewriter learns which question it is in, even when id is not the first attribute."""
    seen = []
    rewrite_text('<h2 data-x="1" id="a">A</h2><p>one</p><h2 id="b">B</h2><p>two</p>',
                 lambda t, s: seen.append((t, s)) or t)
    assert seen == [("one", "a"), ("two", "b")]


def test_comments_and_attributes_are_not_text():
    """Tag attributes and comments are never rewritten."""
    html = '<h2 id="q">Q</h2><!-- lora --><p title="lora">lora</p>'
    assert rewrite_text(html, upper) == '<h2 id="q">Q</h2><!-- lora --><p title="lora">LORA</p>'
