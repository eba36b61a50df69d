"""Unit tests of the permalink lock, MathML rendering, external-asset checks and text helpers."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from llmqa.codetokens import unwrap_unstyled_tokens

from llmqa.assets import external_references
from llmqa.mathcache import FormulaCache
from llmqa.mathml import MathError, render_page, to_mathml
from llmqa.moved import forwards, vanished
from llmqa.permalinks import Redirects, check, read_lock, read_redirects, record, render_lock, RedirectsError, unlocked
from llmqa.text import trim

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"^```.*?^```", re.S | re.M)
FORMULA = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$([^$\n]+?)\$", re.S)


def test_lock_round_trip_and_staleness():
    text = render_lock({"b": ["x.md"], "a": ["old.md", "new.md"]})
    assert text.startswith("# Every question id") and text.endswith("a old.md new.md\nb x.md\n")
    assert read_lock(text) == {"a": ["old.md", "new.md"], "b": ["x.md"]}
    assert read_lock("a\nb p.md\n") == {"a": [], "b": ["p.md"]}  # bare ids from the old format
    assert unlocked({"a": ["p.md"], "b": ["p.md", "q.md"]}, {"a": "p.md", "b": "p.md", "c": "q.md"}) == ["b", "c"]


def test_lock_records_new_ids_and_moves_keeping_the_history():
    locked = {"a": ["p.md"], "b": ["p.md", "q.md"], "gone": ["p.md"]}
    assert record(locked, {"a": "q.md", "b": "p.md", "c": "r.md"}) == {
        "a": ["p.md", "q.md"], "b": ["q.md", "p.md"], "gone": ["p.md"], "c": ["r.md"]}
    assert locked["a"] == ["p.md"]  # not mutated


def test_moved_anchor_table_and_vanished_pages():
    """Every page an id has left forwards it to where it lives now; pages gone need a stub."""
    locked = {"a": ["fine-tuning.md", "pitfalls.md"], "b": ["fine-tuning.md"], "c": ["old.md", "x.md", "y.md"], "d": ["z.md"]}
    table = forwards(locked, {"a": "pitfalls.md", "b": "fine-tuning.md", "c": "y.md"})
    assert table == {"fine-tuning.md": {"a": "pitfalls.md"}, "old.md": {"c": "y.md"}, "x.md": {"c": "y.md"}}
    assert vanished(table, {"fine-tuning.md", "pitfalls.md", "x.md", "y.md"}) == ["old.md"]


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


def test_formula_cache_keeps_used_formulas_and_never_a_failure(tmp_path):
    """A cached page is the same page; a formula that fails is reported again on the next build;
    only formulas the last build used are written back; another renderer digest starts afresh."""
    path = str(tmp_path / "mathml" / "en.json")
    page = '<span class="arithmatex">\\(a_i\\)</span><span class="arithmatex">\\(\\frac{1}{\\)</span>'
    cold = FormulaCache(path, "v1")
    out_cold, errors = render_page(page, cold)
    assert len(errors) == 1 and cold.used == {"Ia_i": to_mathml("a_i", False)}
    cold.save()
    warm = FormulaCache(path, "v1")
    assert warm.stored == cold.used
    out_warm, errors = render_page(page, warm)
    assert out_warm == out_cold and [e.tex for e in errors] == ["\\frac{1}{"]
    other = FormulaCache(path, "v2")
    assert other.stored == {}
    render_page('<span class="arithmatex">\\(b\\)</span>', other)
    other.save()
    assert FormulaCache(path, "v2").stored == {"Ib": to_mathml("b", False)}  # a_i was not used: dropped
    (tmp_path / "mathml" / "en.json").write_text("{not json", encoding="utf-8")
    assert FormulaCache(path, "v2").stored == {}  # a broken file renders everything


def test_formula_cache_serves_stored_mathml_without_rendering(tmp_path, monkeypatch):
    """A warm cache does not call the converter (that is its whole point)."""
    path = str(tmp_path / "en.json")
    cache = FormulaCache(path, "v1")
    render_page('<span class="arithmatex">\\(x^2\\)</span>', cache)
    cache.save()
    import llmqa.mathml as mathml
    monkeypatch.setattr(mathml, "to_mathml", lambda *a: pytest.fail("rendered a cached formula"))
    out, errors = render_page('<span class="arithmatex">\\(x^2\\)</span>', FormulaCache(path, "v1"))
    assert errors == [] and "<msup>" in out


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


def test_mathml_drops_redundant_rows_and_merges_upright_words():
    r"""`\mathrm{softmax}` is one <mi>, the top-level row and one-child rows around tokens are gone."""
    out = to_mathml(r"\mathrm{softmax}(x_{i}) + \sqrt{d}", display=False)
    assert '<mi mathvariant="normal">softmax</mi>' in out
    assert not re.search(r"<math[^>]*><mrow>", out)
    assert "<msqrt><mi>d</mi></msqrt>" in out and "<msub><mi>x</mi><mi>i</mi></msub>" in out
    # a row around an operator decides its spacing (form), so it stays
    assert "<mrow><mo>&#x0002C;</mo></mrow>" in to_mathml("a{,}b", display=False)


def test_slimming_keeps_every_formula_in_the_docs_equivalent():
    """For every formula on the site: same text in the same order, same elements except rows and
    merged upright letters (the slimmed tree renders like latex2mathml's own)."""
    from collections import Counter
    from xml.etree.ElementTree import tostring

    from latex2mathml.converter import convert_to_element
    from llmqa.mathml import slim

    formulas = set()
    for path in (ROOT / "docs").glob("*.md"):
        text = CODE.sub("", path.read_text(encoding="utf-8"))
        formulas.update(m.group(1) or m.group(2) for m in FORMULA.finditer(text))
    assert len(formulas) > 300
    for tex in formulas:
        try:
            before = convert_to_element(tex)
        except Exception:  # the build reports those; not this test's concern
            continue
        after = slim(convert_to_element(tex))
        assert "".join(before.itertext()) == "".join(after.itertext()), tex
        count = lambda tree: Counter(e.tag for e in tree.iter() if e.tag not in ("mrow", "mi"))
        assert count(before) == count(after), (tex, tostring(after, encoding="unicode"))


def test_code_tokens_the_theme_does_not_paint_are_unwrapped():
    html = ('<div class="language-python highlight"><pre><span></span><code><span class="n">x</span>'
            '<span class="w"> </span><span class="o">=</span> <span class="nf">f</span><span class="p">(</span></code></pre></div>')
    assert unwrap_unstyled_tokens(html) == (
        '<div class="language-python highlight"><pre><span></span><code>x <span class="o">=</span> '
        '<span class="nf">f</span><span class="p">(</span></code></pre></div>')
    assert unwrap_unstyled_tokens('<p><span class="n">kept outside code</span></p>') == '<p><span class="n">kept outside code</span></p>'


def test_theme_paints_name_tokens_in_the_plain_code_colour():
    """The unwrapping above is invisible only while Material keeps these definitions; fails on an upgrade that changes them."""
    import material

    css_dir = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    for css in (*css_dir.glob("main.*.min.css"), *css_dir.glob("palette.*.min.css")):
        text = css.read_text(encoding="utf-8")
        names = re.findall(r"--md-code-hl-name-color:([^;}]+)", text)
        assert names and set(names) == {"var(--md-code-fg-color)"}, (css.name, names)
        assert ".highlight .w" not in text, css.name
    assert "--md-code-hl-name-color" not in (ROOT / "docs/assets/stylesheets/site.css").read_text(encoding="utf-8")


def test_generated_page_parts_fill_their_markers():
    from llmqa.parts import fill, marker

    html = f"<h2>A</h2>\n{marker('tag a')}\n<h2>B</h2>\n{marker('tag b')}"
    assert fill(html, {"tag a": "<ul><li>x</li></ul>"}) == "<h2>A</h2>\n<ul><li>x</li></ul>\n<h2>B</h2>\n<!--qa-part tag b-->"


def test_offload_writes_files_runs_the_command_and_reports_failures(tmp_path):
    """The child process writes every file, then runs its command; a file it cannot write or a
    failing command comes back as one line, and its scratch folder is removed either way."""
    from llmqa.offload import Offload, OffloadError
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    job = Offload([(str(tmp_path / "out" / "a" / "index.html"), "<p>é</p>"), (str(tmp_path / "out" / "b.json"), "{}")],
                  then=["sh", "-c", "test -f out/a/index.html"], cwd=str(tmp_path), cleanup=[str(scratch)])
    job.wait(timeout=30)
    assert (tmp_path / "out" / "a" / "index.html").read_text(encoding="utf-8") == "<p>é</p>" and not scratch.exists()
    (tmp_path / "blocker").write_text("a file, not a folder")
    with pytest.raises(OffloadError, match=r"^cannot write /.*/blocker/x: Not a directory$"):
        Offload([(str(tmp_path / "blocker" / "x" / "index.html"), "x")]).wait(timeout=30)
    with pytest.raises(OffloadError, match="^boom$"):
        Offload([], then=["sh", "-c", "echo boom >&2; exit 4"]).wait(timeout=30)
