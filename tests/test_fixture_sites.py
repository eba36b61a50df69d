"""Fixture sites built in tmp_path with the real config and hooks: HTML and exact messages."""
from __future__ import annotations

import json
import re

from markupsafe import escape

from searchindex import search_documents

GLOSSARY = """\
- term: attention
  zh: 注意力
  definition: Weighted mixing of value vectors by query-key similarity.
  see: [gqa]
- term: grouped-query attention
  aliases: [GQA]
  zh: 分组查询注意力
  definition: Query heads share a smaller number of key/value heads.
  see: [gqa]
- term: LoRA
  zh: 低秩适配
  definition: Trains a low-rank update B·A next to a frozen weight matrix.
  see: [lora]
"""


def question(qid: str, title: str, body: str = "Body text.", zh: str = "问题", extra: str = 'data-difficulty="medium" data-tags="attention"') -> str:
    return f'## {title} {{ #{qid} data-zh="{zh}" {extra} }}\n\n!!! tldr "Short answer"\n    Short answer of {qid}.\n\n{body}\n\n'


TOPIC = ("---\ndescription: Attention questions.\n---\n\n# Attention\n\nIntro mentions attention.\n\n"
         + question("gqa", "What is GQA?", "Grouped-query attention (GQA) shares keys. Plain attention too. "
                    "Again grouped-query attention. 我们用分组查询注意力。 `attention in code` "
                    "[a link about attention](https://example.org/lora) and lora in lower case. $a_i$\n\n"
                    "??? question \"Follow-up questions\"\n    - [[lora]]", zh="什么是分组查询注意力？")
         + question("lora", "What is LoRA?", "LoRA adds B·A. See [[gqa|the GQA answer]].\n\n```python\nfenced_code_token = 1\n```",
                    zh="什么是 LoRA？",
                    extra='data-difficulty="easy" data-tags="attention"'))
HOME = "---\ntopic: false\n---\n# Home\n\n<!-- qa:toolbar -->\n\n<!-- qa:topic-map -->\n"


def ends_with(build, text: str) -> bool:
    return any(m.endswith(text) for m in build.warnings)


def test_clean_fixture_builds_without_warnings(build_site):
    """The baseline fixture is valid, so every failure test below isolates one mistake."""
    b = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary=GLOSSARY)
    assert b.warnings == [] and not b.aborted


def test_question_markup_share_link_and_zh_subtitle(build_site):
    """Headings get difficulty, tag links, copy-link button, reveal button and Chinese subtitle."""
    page = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary=GLOSSARY).html("attention/index.html")
    assert '<span class="qa-difficulty qa-difficulty--medium" title="Difficulty">medium</span>' in page
    assert '<a class="qa-tag" href="../tags/#tag-attention">Attention</a>' in page
    assert 'data-qa-share="../q/gqa/" aria-label="Copy share link to this question: What is GQA?"' in page
    assert 'aria-controls="answer-gqa" hidden' in page and '<div class="qa-answer" id="answer-gqa" data-qa-answer' in page
    assert '<p class="qa-zh" lang="zh-Hans">什么是分组查询注意力？</p>' in page
    assert 'data-qa-topic="attention.md"' in page  # random question within this topic


def test_cross_references_render_titles_and_related_backlinks(build_site):
    """[[id]] renders the target's title; Related and Referenced by are computed."""
    b = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary=GLOSSARY)
    page = b.html("attention/index.html")
    assert '<a href="#lora">What is LoRA?</a>' in page
    assert '<a href="#gqa">the GQA answer</a>' in page
    related = re.findall(r'<div class="qa-related">(.*?)</div>', page, re.S)
    assert len(related) == 2
    assert "<strong>Related</strong>" in related[0] and 'href="#lora"' in related[0]
    assert "<strong>Referenced by</strong>" in related[1] and 'href="#gqa"' in related[1]
    index = json.dumps(search_documents(b.site), ensure_ascii=False)
    assert "Referenced by" not in index and "Related" not in index
    assert "fenced_code_token" not in index and "<math" not in index and "msub" not in index


def test_glossary_links_first_mentions_only_outside_skip_zones(build_site):
    """Longest match, first mention per answer, CJK names, and nothing in code, links or math."""
    page = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary=GLOSSARY).html("attention/index.html")
    gqa = page[page.index('id="gqa"'): page.index('id="lora"')]
    links = re.findall(r'<a class="qa-term" href="([^"]+)" aria-describedby="([^"]+)">([^<]+)</a>', gqa)
    assert [(href, text) for href, _, text in links] == [
        ("../glossary/#term-grouped-query-attention", "Grouped-query attention"),
        ("../glossary/#term-attention", "attention"),
        ("../glossary/#term-grouped-query-attention", "分组查询注意力"),
    ]
    assert links[0][1] == "qa-def-term-grouped-query-attention"
    defs = page[page.index('<div class="qa-term-defs" hidden'):]
    assert ('<span id="qa-def-term-grouped-query-attention"><strong>grouped-query attention</strong> '
            "Query heads share a smaller number of key/value heads.</span>") in defs
    assert "<code>attention in code</code>" in gqa and "lora in lower case" in gqa
    assert "Intro mentions attention." in page  # not an answer


def test_glossary_page_anchors_names_and_mentions(build_site):
    """The generated glossary has A–Z sections, term anchors, Chinese names and both link lists."""
    page = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary=GLOSSARY).html("glossary/index.html")
    for anchor in ("letter-a", "letter-g", "letter-l", "term-attention", "term-grouped-query-attention", "term-lora"):
        assert f'id="{anchor}"' in page
    assert 'data-qa-names="grouped-query attention|gqa|分组查询注意力"' in page
    assert "分组查询注意力" in page and 'id="qa-glossary-filter-input"' in page
    entry = page[page.index('id="term-lora"'):]
    assert '<strong>Explained in:</strong> <a href="../attention/#lora">What is LoRA?</a>' in entry
    # "Mentioned in" carries the ids only (site.js lists them from qa-index.json when opened)
    other = "# Other\n\n" + question("other-q", "What else?", "Text about grouped-query attention and GQA.")
    page = build_site({"index.md": HOME, "attention.md": TOPIC, "other.md": other}, glossary=GLOSSARY).html("glossary/index.html")
    b = build_site({"index.md": HOME, "attention.md": TOPIC, "other.md": other}, glossary=GLOSSARY)
    gqa = page[page.index('id="term-grouped-query-attention"'):page.index('id="term-lora"')]
    assert ('<details class="note qa-mentions" data-qa-term="term-grouped-query-attention"><summary>Mentioned in 1 more '
            'question</summary><p class="qa-mentions-nojs">Turn on JavaScript to list them.</p></details>') in gqa
    assert "<li>" not in gqa and "What else?" not in gqa
    mentions = json.loads(b.html("qa-mentions.json"))
    assert mentions["term-grouped-query-attention"] == ["other-q"]  # gqa explains it (see:): not a mention
    assert all(qid in {q["id"] for q in json.loads(b.html("qa-index.json"))} for ids in mentions.values() for qid in ids)


def test_share_page_tags_redirect_and_escaping(build_site):
    """/q/<id>/ carries og/twitter tags, escapes everything and redirects with location.replace."""
    title = 'Why "<b>x</b>" & y?'
    topic = "# T\n\n" + question("escaped", title, "Text.")
    b = build_site({"index.md": HOME, "t.md": topic})
    assert b.warnings == []
    share = b.html("q/escaped/index.html")
    literal = str(escape(title))
    assert "<b>" not in share.split("<body>")[0]
    for tag in ("og:title", "twitter:title"):
        assert f'"{tag}" content="{literal}"' in share
    assert f"<title>{literal} - LLM Interview Q&amp;A</title>" in share
    assert '<meta property="og:description" content="Short answer of escaped.">' in share
    assert '<meta property="og:url" content="https://llm-interview-qa.github.io/q/escaped/">' in share
    assert '<link rel="canonical" href="https://llm-interview-qa.github.io/t/#escaped">' in share
    assert '<meta name="twitter:card" content="summary_large_image">' in share
    assert '<meta property="og:image" content="https://llm-interview-qa.github.io/q/escaped/card.png">' in share
    assert f'<meta property="og:image:alt" content="{literal} (T, Medium) - LLM Interview Q&amp;A">' in share
    assert 'location.replace("../../t/#escaped")' in share
    assert f"<h1>{literal}</h1>" in share and '<a href="../../t/#escaped">Read the full answer</a>' in share
    sitemap = (b.site / "sitemap.xml").read_text()
    assert "/q/" not in sitemap
    assert not any(key.startswith("q/") or "/q/" in doc["meta"]["href"] for key, doc in search_documents(b.site).items())
    assert json.loads((b.site / "qa-index.json").read_text()) == [
        {"id": "escaped", "title": title, "url": "t/#escaped", "topic": "t.md"}]


def test_share_description_is_trimmed_at_a_word(build_site):
    long = "word " * 80
    topic = "# T\n\n" + f'## Q {{ #q data-zh="问" data-difficulty="easy" }}\n\n!!! tldr "Short answer"\n    {long}\n\nBody.\n'
    share = build_site({"index.md": HOME, "t.md": topic}).html("q/q/index.html")
    desc = re.search(r'og:description" content="([^"]*)"', share).group(1)
    assert len(desc) <= 200 and desc.endswith("word…")


def test_authoring_mistakes_fail_with_file_line_and_text(build_site):
    """Each rule names file, line and the offending text; strict mode aborts."""
    bad = ("# T\n\n## No id here\n\n!!! tldr \"Short answer\"\n    x\n\n"
           + question("Bad_Id", "Bad id") + question("dup", "One")
           + '## Two { #dup data-zh="问" data-difficulty="extreme" data-tags="nope" }\n\nNo short answer.\n\n'
           + question("ok", "Refs", "See [[missing-id]].")).replace("\n\n\n", "\n\n")
    b = build_site({"index.md": HOME, "t.md": bad})
    assert b.aborted
    for expected in (
        "t.md:3: question '## No id here' has no explicit { #id }",
        "t.md:8: question id 'Bad_Id' is not lowercase kebab-case ASCII (like 'kv-cache')",
        "t.md:22: question 'dup' has data-difficulty=\"extreme\"; use easy, medium or hard",
        "t.md:22: question 'dup' has unknown tag 'nope' (allowed tags are listed in docs/tags.yml)",
        "t.md:22: question 'dup' has no !!! tldr \"Short answer\" block under its heading",
        "t.md:22: duplicate question id 'dup' (first used at t.md:15)",
        "t.md:31: unknown question id 'missing-id' in [[missing-id]]",
    ):
        assert ends_with(b, expected), (expected, b.warnings)


def test_broken_link_anchor_and_external_script_fail(build_site):
    """MkDocs validates rewritten links; our hook rejects third-party assets with the line."""
    page = ("# T\n\n" + question("q", "Q", "[gone](nowhere.md) and [bad anchor](#no-such-anchor).\n\n"
                                 '<script src="https://cdn.example.com/x.js"></script>\n\n![remote](https://img.example.com/a.png)'))
    b = build_site({"index.md": HOME, "t.md": page})
    assert b.aborted
    assert any("t.md" in m and "nowhere.md" in m for m in b.warnings)
    assert any("t.md" in m and "#no-such-anchor" in m for m in b.warnings)
    assert ends_with(b, "t.md:10: external script 'https://cdn.example.com/x.js': the site must not load anything from another host; copy the file into docs/assets/")
    assert ends_with(b, "t.md:12: external image 'https://img.example.com/a.png': the site must not load anything from another host; copy the file into docs/assets/")


def test_glossary_mistakes_name_the_entry(build_site):
    glossary = GLOSSARY + ("- term: Grouped-Query Attention\n  zh: 分组\n  definition: dup\n"
                           "- term: KV cache\n  zh: KV 缓存\n  definition: ''\n"
                           "- term: RoPE\n  zh: 旋转位置编码\n  definition: Rotates pairs.\n  see: [no-such-question]\n")
    b = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary=glossary)
    assert b.aborted
    assert ends_with(b, "docs/glossary.yml:17: entry 'KV cache' has no definition (or it is empty)")
    assert ends_with(b, "docs/glossary.yml:14: entry 'Grouped-Query Attention': 'Grouped-Query Attention' is already defined by entry 'grouped-query attention' (line 5)")
    assert ends_with(b, "docs/glossary.yml:20: entry 'RoPE': see: 'no-such-question' is not a question id")


def test_malformed_glossary_stops_the_build_with_the_yaml_line(build_site):
    b = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary="- term: A\n  zh: [x\n- term: B\n")
    assert b.aborted
    assert b.warnings == ["docs/glossary.yml: invalid YAML at line 3, column 7: did not find expected ',' or ']'"]


def test_permalink_lock_moved_and_retired(build_site):
    """A locked id must exist, move (its share page leads to the successor) or retire."""
    lock = "# lock\ngqa\nlora\nold-gqa\ngone\nvanished\n"
    redirects = "moved:\n  old-gqa: gqa\nretired:\n  gone: Merged into the attention overview.\n"
    b = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary=GLOSSARY, lock=lock, redirects=redirects)
    assert b.warnings == ["permalinks.lock: published question id 'vanished' no longer exists; restore it, or add it to redirects.yml under moved: ('vanished: new-id') or retired:"] or \
        ends_with(b, "permalinks.lock: published question id 'vanished' no longer exists; restore it, or add it to redirects.yml under moved: ('vanished: new-id') or retired:")
    assert len(b.warnings) == 1
    moved = b.html("q/old-gqa/index.html")
    assert 'location.replace("../../attention/#gqa")' in moved and 'og:title" content="What is GQA?"' in moved
    retired = b.html("q/gone/index.html")
    assert "This question was retired" in retired and "Merged into the attention overview." in retired


def test_math_renders_to_mathml(build_site):
    page = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary=GLOSSARY).html("attention/index.html")
    assert '<math aria-label="a_i"' in page and "<msub>" in page and "arithmatex" not in page


def test_a_build_from_the_formula_cache_is_the_same_build(build_site, tmp_path):
    """The second build reads .cache/mathml/ (beside mkdocs.yml): same pages, same warnings."""
    bad = TOPIC + question("bad-math", "Bad math?", "Broken: $\\frac{1}{$ here.")
    first = build_site({"index.md": HOME, "attention.md": bad}, glossary=GLOSSARY)
    page = first.html("attention/index.html")
    cache = json.loads((tmp_path / ".cache" / "mathml" / "en.json").read_text(encoding="utf-8"))
    assert cache["formulas"] and not any("frac{1}{" in key for key in cache["formulas"])
    second = build_site({"index.md": HOME, "attention.md": bad}, glossary=GLOSSARY)
    assert second.html("attention/index.html") == page
    assert second.warnings == first.warnings and any("cannot render formula $\\frac{1}{$" in w for w in second.warnings)


def test_cheatsheet_tags_and_topic_map(build_site):
    b = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary=GLOSSARY)
    cheat = b.html("cheatsheet/index.html")
    assert '<a href="../attention/#gqa">What is GQA?</a>' in cheat and "Short answer of gqa." in cheat
    tags = b.html("tags/index.html")
    assert 'id="tag-attention"' in tags and tags.count('href="../attention/#') == 2
    home = b.html("index.html")
    assert '<a href="attention/">Attention</a>' in home and "<strong>2</strong>" in home
    assert 'class="qa-toolbar"' in home and 'data-qa-root="./"' in home


def test_moved_question_old_anchor_is_forwarded_and_a_vanished_page_gets_a_stub(build_site):
    """The lock's page history: old-page/#id still reaches a question that moved to another page."""
    lock = "# lock\ngqa attention.md\nlora old-lora.md attention.md\n"
    other = "---\ndescription: Other.\n---\n\n# Other\n\nIntro.\n\n" + question("other", "Other?")
    lock += "other attention.md other.md\n"
    b = build_site({"index.md": HOME, "attention.md": TOPIC, "other.md": other}, glossary=GLOSSARY, lock=lock)
    assert b.warnings == [] and not b.aborted
    attention = b.html("attention/index.html")
    assert '<script type="application/json" id="qa-moved-anchors">{"other": "../other/#other"}</script>' in attention
    stub = b.html("old-lora/index.html")
    assert "This page has moved" in stub and '<a href="../attention/#lora">What is LoRA?</a>' in stub
    assert '<script type="application/json" id="qa-moved-anchors">{"lora": "../attention/#lora"}</script>' in stub
    assert "old-lora" not in b.html("index.html")  # stubs stay out of the navigation


def test_display_math_that_markdown_did_not_see_fails_with_file_and_line(build_site):
    """$$ glued to a list item is not a block: the reader would see raw TeX, so the build says so."""
    body = "1. Update the state:\n$$\nm' = \\max(m, s)\n$$\n2. Done."
    page = TOPIC + question("glued", "Glued math?", body)
    b = build_site({"index.md": HOME, "attention.md": page}, glossary=GLOSSARY)
    line = page.splitlines().index("m' = \\max(m, s)") + 1
    assert len(b.warnings) == 1 and ends_with(b, f"attention.md:{line}: display math was not recognised (give $$ its own "
                                              "lines, indented like the surrounding list item or admonition, with "
                                              "blank lines around it): $$m' = \\max(m, s)")
