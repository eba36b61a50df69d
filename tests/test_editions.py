"""The Chinese edition: configs, strings, parity and drift, follow-ups, fixture sites, share pages."""
from __future__ import annotations

import json
import re
import sys

import pytest
import yaml

from conftest import ROOT
from llmqa import edition, glossary
from llmqa.i18n import question_sections, section_hash, stamp
from llmqa.questions import parse_page
from llmqa.translation import add_follow_ups, parse_translation
from test_fixture_sites import GLOSSARY, HOME, TOPIC, question

ZH_TOPIC = """---
description: 注意力相关问题。
---

# 注意力

简介提到注意力。

## 什么是 GQA？ { #gqa }

!!! tldr "简答"
    GQA 的简答：多个查询头共享一组键值头。

分组查询注意力让多个查询头共享键值头，grouped-query attention 也这么叫。$a_i$

**参考文献**

- Ainslie et al. (2023).

## 什么是 LoRA？ { #lora }

!!! tldr "简答"
    LoRA 的简答。

LoRA 加上 B·A。见 [[gqa|GQA 那一题]]。

```python
fenced_code_token = 1
```
"""
OTHER = "# Other\n\n" + question("other-q", "What else?", "Text about LoRA.", zh="还有什么？")
ZH_HOME = "---\ntopic: false\n---\n# 首页\n\n<!-- qa:toolbar -->\n\n<!-- qa:topic-map -->\n"


def stamped(zh: str, en: str = TOPIC, only: set[str] | None = None) -> str:
    """``zh`` with data-en-hash written from the English page, as `scripts/i18n.py stamp` does."""
    return stamp(zh, {qid: section_hash(s) for qid, s in question_sections(en).items()}, only)


def zh_messages(build) -> list[str]:
    """Every warning of a build, as the author reads it after the logger's prefix, and only those
    about the translation (nothing else may fail in these fixtures)."""
    out = [m[m.index("docs-zh/"):] for m in build.warnings if "docs-zh/" in m]
    assert len(out) == len(build.warnings), build.warnings
    return out


def build_both(build_site, zh_pages: dict[str, str], en_topic: str = TOPIC, gloss: str = GLOSSARY):
    pages = {"index.md": HOME, "attention.md": en_topic, "other.md": OTHER}
    return build_site(pages, glossary=gloss, zh_pages={"index.md": ZH_HOME, **zh_pages})


# --- Configs and the strings table ----------------------------------------------------------------

def _nav_files(nav) -> list[str]:
    out = []
    for item in nav:
        value = item if isinstance(item, str) else next(iter(item.values()))
        out.extend(_nav_files(value) if isinstance(value, list) else [value])
    return out


def _yaml(name: str) -> dict:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_chinese_nav_has_the_english_files_in_the_english_order():
    """Same pages, same order, so previous/next and the topic map agree across editions."""
    en, zh = _yaml("mkdocs.yml"), _yaml("mkdocs.zh.yml")
    assert _nav_files(zh["nav"]) == _nav_files(en["nav"])
    assert [next(iter(s)) for s in zh["nav"]] != [next(iter(s)) for s in en["nav"]]  # sections are named in Chinese


def test_chinese_config_matches_its_entry_in_the_editions_list():
    en, zh = _yaml("mkdocs.yml"), _yaml("mkdocs.zh.yml")
    entry = next(e for e in en["extra"]["editions"] if e["code"] == "zh")
    assert zh["INHERIT"] == "mkdocs.yml" and zh["extra"]["edition"] == "zh"
    assert entry["config"] == "mkdocs.zh.yml" and zh["docs_dir"] == entry["docs_dir"]
    assert zh["site_url"] == en["site_url"] + entry["path"]
    assert zh["theme"]["language"] == entry["hreflang"] == "zh-CN"
    assert (ROOT / "overrides" / "partials" / "languages" / f"{entry['hreflang']}.html").exists()


def test_every_string_has_a_chinese_version():
    """No English leaks into the Chinese edition through a missing key."""
    with open(edition.STRINGS_FILE, encoding="utf-8") as fh:
        table = yaml.safe_load(fh)
    en, zh = table["en"], table["zh"]
    assert sorted(set(en) - set(zh)) == []
    assert sorted(set(en["palette"]) - set(zh["palette"])) == []
    assert sorted(set(_yaml("docs/tags.yml")) - set(zh["tags"])) == []
    assert [key for key, value in zh.items() if value in ("", None)] == []
    assert set(edition.SCRIPT_STRINGS) <= set(en)


def test_alternates_link_each_edition_root_from_the_other():
    class Config:
        extra = _yaml("mkdocs.yml")["extra"]
        site_url = "https://example.org/docs/"

    english = {a["code"]: a for a in edition.alternates(Config)}
    assert english["en"]["rel"] == "" and english["zh"]["rel"] == "zh/" and english["zh"]["root"] == "https://example.org/docs/zh/"

    class Chinese(Config):
        extra = {**_yaml("mkdocs.yml")["extra"], "edition": "zh"}
        site_url = "https://example.org/docs/zh/"

    chinese = {a["code"]: a for a in edition.alternates(Chinese)}
    assert chinese["en"]["rel"] == "../" and chinese["en"]["root"] == "https://example.org/docs/"
    assert chinese["zh"]["current"] and not chinese["en"]["current"]


def test_glossary_shows_chinese_name_first_and_falls_back_to_the_english_definition():
    entries, problems = glossary.load(GLOSSARY + "  definition_zh: 训练一个与冻结权重并联的低秩更新 B·A。\n", "g.yml")
    assert problems == []
    lora = next(e for e in entries if e.term == "LoRA")
    gqa = next(e for e in entries if e.term == "grouped-query attention")
    assert glossary.display(lora, "zh") == ("低秩适配（LoRA）", "训练一个与冻结权重并联的低秩更新 B·A。")
    assert glossary.display(gqa, "zh") == ("分组查询注意力（grouped-query attention）", gqa.definition)
    assert glossary.display(lora, "en") == ("LoRA", lora.definition)


# --- Parsing a translation against its English page -----------------------------------------------

def _translate(zh: str, en: str = TOPIC):
    english = parse_page("attention.md", en, frozenset({"attention"}))
    return parse_translation("attention.md", zh, english, en, frozenset({"attention"}))


def test_translation_takes_metadata_and_follow_ups_from_english():
    parsed = _translate(stamped(ZH_TOPIC))
    assert [str(p) for p in parsed.problems] == []
    gqa, lora = parsed.questions
    assert (gqa.title, gqa.difficulty, gqa.tags, gqa.followups) == ("什么是 GQA？", "medium", ("attention",), ["lora"])
    assert (gqa.subtitle, gqa.subtitle_lang) == ("What is GQA?", "en")
    assert gqa.short_answer == "GQA 的简答：多个查询头共享一组键值头。" and lora.difficulty == "easy"
    assert ("lora", gqa.line) in gqa.refs and not gqa.behind


def test_follow_ups_go_before_the_references_or_at_the_end_and_never_into_code():
    text = "# T\n\n## A { #a }\n\nx\n\n**参考文献**\n\n- r\n\n## B { #b }\n\n```\n## not { #c }\n```\n"
    out = add_follow_ups(text, lambda qid: f"[{qid}]" if qid in "ab" else "")
    assert out == ("# T\n\n## A { #a }\n\nx\n\n[a]\n\n**参考文献**\n\n- r\n\n## B { #b }\n\n```\n## not { #c }\n```\n\n[b]\n")


# --- Fixture sites: both editions ----------------------------------------------------------------

def test_chinese_edition_mirrors_the_english_one(build_site):
    """Translated and untranslated pages, lang, hreflang, og:locale, follow-ups, lists and the switch."""
    b = build_both(build_site, {"attention.md": stamped(ZH_TOPIC)})
    assert b.warnings == [] and not b.aborted
    zh = b.html("zh/attention/index.html")
    assert '<html lang="zh-CN"' in zh and '<html lang="en"' in b.html("attention/index.html")
    assert '<meta property="og:locale" content="zh_CN">' in zh
    assert '<meta property="og:locale:alternate" content="en_US">' in zh
    for lang, url in (("en", "attention/"), ("x-default", "attention/"), ("zh-CN", "zh/attention/")):
        assert f'<link rel="alternate " hreflang="{lang}" href="https://llm-interview-qa.github.io/{url}">' in zh
    assert '<span class="qa-difficulty qa-difficulty--medium" title="难度">中等</span>' in zh
    assert '<a class="qa-tag" href="../tags/#tag-attention">注意力</a>' in zh
    assert '<p class="qa-zh" lang="en">What is GQA?</p>' in zh
    assert 'data-qa-share="../q/gqa/" aria-label="复制本题的分享链接：什么是 GQA？"' in zh
    follow = re.search(r'<details class="question">\s*<summary>(.*?)</summary>(.*?)</details>', zh, re.S)
    assert follow.group(1) == "追问" and '<a href="#lora">什么是 LoRA？</a>' in follow.group(2)
    assert zh.index('<summary>追问</summary>') < zh.index("<strong>参考文献</strong>")
    assert "<strong>相关问题</strong>" in zh and "<strong>被引用于</strong>" in zh
    assert '<a href="#gqa">GQA 那一题</a>' in zh
    assert 'class="md-select__link qa-lang" data-qa-here="../" data-qa-there="../../">English</a>' in zh
    other = b.html("zh/other/index.html")  # not translated: English text, Chinese note and list titles
    assert '<p class="qa-edition-note" role="note">本页还没有中文翻译' in other and "Text about" in other
    assert '<p class="qa-zh" lang="zh-Hans">还有什么？</p>' in other
    cheat = b.html("zh/cheatsheet/index.html")
    assert "<h1 id=\"_1\">速查表" in cheat or ">速查表<" in cheat
    assert "什么是 GQA？" in cheat and "GQA 的简答" in cheat and "还有什么？" in cheat
    assert "GQA 的简答" not in b.html("cheatsheet/index.html")
    index = json.loads((b.site / "zh" / "qa-index.json").read_text(encoding="utf-8"))
    assert {"id": "gqa", "title": "什么是 GQA？", "url": "attention/#gqa", "topic": "attention.md"} in index
    assert (b.site / "zh" / "404.html").exists() and "页面不存在" in b.html("zh/404.html")


def test_chinese_share_page_unfurls_in_chinese(build_site):
    """/zh/q/<id>/: Chinese title and short answer in og/twitter tags, canonical to the zh anchor."""
    b = build_both(build_site, {"attention.md": stamped(ZH_TOPIC)})
    share = b.html("zh/q/gqa/index.html")
    assert '<html lang="zh-CN">' in share
    assert '<meta property="og:title" content="什么是 GQA？">' in share
    assert '<meta name="twitter:title" content="什么是 GQA？">' in share
    assert '<meta property="og:description" content="GQA 的简答：多个查询头共享一组键值头。">' in share
    assert '<meta name="twitter:description" content="GQA 的简答：多个查询头共享一组键值头。">' in share
    assert '<meta property="og:locale" content="zh_CN">' in share
    assert '<meta property="og:url" content="https://llm-interview-qa.github.io/zh/q/gqa/">' in share
    assert '<link rel="canonical" href="https://llm-interview-qa.github.io/zh/attention/#gqa">' in share
    assert 'location.replace("../../attention/#gqa")' in share
    assert '<a href="../../attention/#gqa">阅读完整回答</a>' in share
    assert '<meta property="og:locale" content="en_US">' in b.html("q/gqa/index.html")


def test_chinese_glossary_tooltips_and_page(build_site):
    gloss = GLOSSARY.replace("  see: [gqa]\n- term: LoRA", "  see: [gqa]\n  definition_zh: 多个查询头共享较少的键值头。\n- term: LoRA")
    b = build_both(build_site, {"attention.md": stamped(ZH_TOPIC)}, gloss=gloss)
    assert b.warnings == []
    zh = b.html("zh/attention/index.html")
    assert ('<span id="qa-def-term-grouped-query-attention"><strong>分组查询注意力（grouped-query attention）</strong> '
            "多个查询头共享较少的键值头。</span>") in zh
    assert ('<a class="qa-term" href="../glossary/#term-grouped-query-attention" '
            'aria-describedby="qa-def-term-grouped-query-attention">分组查询注意力</a>') in zh
    page = b.html("zh/glossary/index.html")
    assert 'id="term-grouped-query-attention">分组查询注意力（grouped-query attention）' in page
    assert "<p>多个查询头共享较少的键值头。</p>" in page
    assert "<p>Trains a low-rank update B·A next to a frozen weight matrix.</p>" in page  # no definition_zh yet
    assert '<strong>详见：</strong> <a href="../attention/#lora">什么是 LoRA？</a>' in page


PARITY_CASES = [
    ("missing", ZH_TOPIC.split("## 什么是 LoRA？")[0],
     ["docs-zh/attention.md: question 'lora' of docs/attention.md (line 19) is not translated; add it here with the same id: ## <中文标题> { #lora }"]),
    ("extra", ZH_TOPIC + '\n## 多出来的？ { #extra }\n\n!!! tldr "简答"\n    多余。\n',
     ["docs-zh/attention.md:31: question 'extra' is not on the English page docs/attention.md; a translation has exactly the questions of its English page, with the same ids"]),
    ("order", "# 注意力\n\n" + "## 什么是 LoRA？" + ZH_TOPIC.split("## 什么是 LoRA？")[1] + "\n## 什么是 GQA？"
     + ZH_TOPIC.split("## 什么是 GQA？")[1].split("## 什么是 LoRA？")[0],
     ["docs-zh/attention.md:3: question 'lora' is out of order; keep the order of docs/attention.md: gqa, lora"]),
    ("renamed id", ZH_TOPIC.replace("{ #lora }", "{ #low-rank }"),
     ["docs-zh/attention.md:20: question 'low-rank' is not on the English page docs/attention.md; a translation has exactly the questions of its English page, with the same ids",
      "docs-zh/attention.md: question 'lora' of docs/attention.md (line 19) is not translated; add it here with the same id: ## <中文标题> { #lora }"]),
]


@pytest.mark.parametrize("case, zh, messages", PARITY_CASES, ids=[c[0] for c in PARITY_CASES])
def test_parity_failures_name_the_file_and_the_id(build_site, case, zh, messages):
    b = build_both(build_site, {"attention.md": stamped(zh)})
    assert b.aborted and zh_messages(b) == messages


def test_translation_format_mistakes_are_reported_with_lines(build_site):
    zh = (stamped(ZH_TOPIC, only={"gqa"}).replace('!!! tldr "简答"\n    LoRA', '!!! tldr "Short answer"\n    LoRA')
          .replace("{ #gqa data-en-hash", '{ #gqa data-difficulty="hard" data-en-hash')
          .replace("- Ainslie", '??? question "Follow-up questions"\n    - [[lora]]\n\n- Ainslie'))
    b = build_both(build_site, {"attention.md": zh, "nowhere.md": "# 无\n\n" + stamped(ZH_TOPIC).split("# 注意力")[1]})
    assert b.aborted
    assert zh_messages(b) == [
        "docs-zh/attention.md:9: question 'gqa': leave data-difficulty out of a translated heading (it comes from the English question)",
        "docs-zh/attention.md:18: question 'gqa': leave the follow-up list out (the build adds the English question's list)",
        "docs-zh/attention.md:23: question 'lora' has no !!! tldr \"简答\" block under its heading",
        "docs-zh/attention.md:23: question 'lora' has no data-en-hash; after translating, run: python scripts/i18n.py stamp attention.md lora",
        "docs-zh/nowhere.md: there is no English page docs/nowhere.md; a translation keeps the file name of its English page",
    ]


def test_english_edited_after_translation_shows_a_note_but_builds(build_site):
    """Drift never blocks English authors: the zh question links to the newer English instead."""
    zh = stamped(ZH_TOPIC)
    b = build_both(build_site, {"attention.md": zh}, en_topic=TOPIC.replace("Plain attention too.", "Plain attention, rewritten."))
    assert b.warnings == [] and not b.aborted
    page = b.html("zh/attention/index.html")
    notes = re.findall(r'<p class="qa-behind">(.*?)</p>', page, re.S)
    assert notes == ['英文原文在这段译文之后有过修改，译文可能未同步。 <a href="../../attention/#gqa" hreflang="en" lang="en">查看英文版</a>']
    assert "qa-behind" not in b.html("attention/index.html")


def test_while_serving_an_english_edit_keeps_the_chinese_build_and_a_chinese_edit_rebuilds_it(build_site, tmp_path):
    """`mkdocs serve` (on_startup "serve"): saving an English page rebuilds English only and puts
    the previous /zh/ back; saving a docs-zh/ page rebuilds /zh/ too. `mkdocs build` always builds both."""
    from llmqa import serving
    zh = stamped(ZH_TOPIC)
    serving.start("serve")
    try:
        first = build_both(build_site, {"attention.md": zh})
        zh_page = first.site / "zh" / "attention" / "index.html"
        inode = zh_page.stat().st_ino
        second = build_both(build_site, {"attention.md": zh}, en_topic=TOPIC.replace("Plain attention too.", "Plain attention too. Freshly edited words."))
        assert second.warnings == [] and "Freshly edited words." in second.html("attention/index.html")
        assert zh_page.stat().st_ino == inode  # the same file, moved aside and back: not rebuilt
        assert "简介提到注意力" in second.html("zh/attention/index.html") and (second.site / "zh" / "pagefind").is_dir()
        assert not list(tmp_path.glob("qa-kept-*"))  # nothing left beside the site
        third = build_both(build_site, {"attention.md": zh.replace("简介提到注意力。", "简介改过了。")},
                           en_topic=TOPIC.replace("Plain attention too.", "Plain attention too. Freshly edited words."))
        assert "简介改过了" in third.html("zh/attention/index.html") and zh_page.stat().st_ino != inode
        inode = zh_page.stat().st_ino
    finally:
        serving.start("build")
    build_both(build_site, {"attention.md": zh.replace("简介提到注意力。", "简介改过了。")},
               en_topic=TOPIC.replace("Plain attention too.", "Plain attention too. Freshly edited words."))
    assert zh_page.stat().st_ino != inode  # not serving: both editions are always built


def test_serving_fingerprint_ignores_english_pages_bytecode_and_unchanged_saves(tmp_path):
    """What decides whether /zh/ is rebuilt while serving: everything but docs/*.md, by content."""
    from llmqa.serving import fingerprint
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs-zh").mkdir()
    (tmp_path / "hooks" / "__pycache__").mkdir(parents=True)
    files = {"mkdocs.yml": "site_name: x", "docs/a.md": "# A", "docs/sub/b.md": "# B", "docs/glossary.yml": "[]",
             "docs-zh/a.md": "# 甲", "hooks/h.py": "x = 1"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    paths = [str(tmp_path / p) for p in ("mkdocs.yml", "docs", "docs-zh", "hooks")]
    base = fingerprint(paths, str(tmp_path / "docs"))

    def after(name: str, text: str) -> str:
        old = (tmp_path / name).read_text(encoding="utf-8") if (tmp_path / name).exists() else None
        (tmp_path / name).write_text(text, encoding="utf-8")
        try:
            return fingerprint(paths, str(tmp_path / "docs"))
        finally:
            (tmp_path / name).unlink() if old is None else (tmp_path / name).write_text(old, encoding="utf-8")

    assert after("docs/a.md", "# A, edited") == base and after("docs/sub/b.md", "# B2") == base
    assert after("hooks/__pycache__/h.cpython-311.pyc", "bytes") == base and after("docs-zh/.a.md.swp", "x") == base
    assert after("docs-zh/a.md", "# 甲") == base  # saved unchanged
    for name in ("docs-zh/a.md", "docs/glossary.yml", "hooks/h.py", "mkdocs.yml"):
        assert after(name, "changed") != base, name


# --- make i18n-status ---------------------------------------------------------------------------

def test_status_lists_lagging_missing_and_untranslated(tmp_path, capsys):
    sys.path.insert(0, str(ROOT / "scripts"))
    import i18n as script

    (tmp_path / "docs").mkdir(), (tmp_path / "docs-zh").mkdir()
    (tmp_path / "docs" / "attention.md").write_text(TOPIC.replace("Plain attention too.", "Changed."), encoding="utf-8")
    (tmp_path / "docs" / "other.md").write_text(OTHER, encoding="utf-8")
    (tmp_path / "docs" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "docs-zh" / "attention.md").write_text(stamped(ZH_TOPIC, only={"gqa"}), encoding="utf-8")
    assert script.status(tmp_path / "docs", tmp_path / "docs-zh") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("Chinese edition: 0 of 3 questions follow the current English; 1 lag behind it, 1 are not "
                                   "stamped, 1 are not translated (1 pages shown in English); 3 glossary entries have no definition_zh.")
    for line in ("  attention.md#gqa", "  attention.md#lora", "  other.md (1 questions)", "  LoRA"):
        assert line in out.splitlines()


# --- The real site ------------------------------------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff]")


def _pages(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*.html")
            if not p.relative_to(root).as_posix().startswith(("zh/", "q/"))}


def test_every_page_exists_in_both_editions(site):
    """The language switch relies on it: same path, other edition root."""
    english, chinese = _pages(site), _pages(site / "zh")
    assert len(english) >= 40 and sorted(english ^ chinese) == []


def test_every_page_has_its_language_and_hreflang_alternates(site):
    from sitecrawl import read_page

    for rel in sorted(_pages(site) - {"404.html"}):
        for root, lang, locale in ((site, "en", "en_US"), (site / "zh", "zh-CN", "zh_CN")):
            html = (root / rel).read_text(encoding="utf-8")
            info = read_page(root / rel)
            assert info.lang == lang and info.meta["og:locale"] == locale, rel
            url = rel[:-len("index.html")] if rel.endswith("index.html") else rel
            for hreflang, prefix in (("en", ""), ("x-default", ""), ("zh-CN", "zh/")):
                assert f'<link rel="alternate " hreflang="{hreflang}" href="https://llm-interview-qa.github.io/{prefix}{url}">' in html, (rel, hreflang)


def test_every_chinese_share_page_unfurls_in_chinese(site):
    """/zh/q/<id>/: Chinese title everywhere; a Chinese short answer once its page is translated."""
    from sitecrawl import read_page

    index = json.loads((site / "zh" / "qa-index.json").read_text(encoding="utf-8"))
    english = {item["id"] for item in json.loads((site / "qa-index.json").read_text(encoding="utf-8"))}
    assert {item["id"] for item in index} == english
    pending = set(yaml.safe_load((ROOT / "tests" / "zh_pending.yml").read_text(encoding="utf-8")) or [])
    translated = 0
    for item in index:
        info = read_page(site / "zh" / "q" / item["id"] / "index.html")
        assert info.lang == "zh-CN" and info.meta["og:locale"] == "zh_CN", item["id"]
        for tag in ("og:title", "twitter:title"):
            assert CJK.search(info.meta[tag]) and info.meta[tag] == item["title"], (item["id"], tag)
        assert info.meta["canonical"] == f"https://llm-interview-qa.github.io/zh/{item['url']}"
        assert info.meta["og:url"] == f"https://llm-interview-qa.github.io/zh/q/{item['id']}/"
        if item["topic"] not in pending:
            translated += 1
            for tag in ("og:description", "twitter:description", "description"):
                assert CJK.search(info.meta[tag]), (item["id"], tag)
    assert translated >= 3


def test_pending_translations_are_listed_and_the_list_only_shrinks():
    """tests/zh_pending.yml names every English topic page not translated yet, and nothing else."""
    from llmqa.questions import is_topic_page

    pending = yaml.safe_load((ROOT / "tests" / "zh_pending.yml").read_text(encoding="utf-8")) or []
    topics = [f for f in _nav_files(_yaml("mkdocs.yml")["nav"])
              if (ROOT / "docs" / f).exists() and is_topic_page((ROOT / "docs" / f).read_text(encoding="utf-8"))]
    untranslated = [f for f in topics if not (ROOT / "docs-zh" / f).exists()]
    assert sorted(set(pending) - set(untranslated)) == [], "translated now: delete these from tests/zh_pending.yml"
    assert sorted(set(untranslated) - set(pending)) == [], "not translated: translate them, or list them in tests/zh_pending.yml"


def test_translated_headings_carry_their_chinese_wording_like_english_ones():
    from llmqa.translation import with_zh_wording
    text = '## 什么是 "KV" 缓存？ { #kv-cache data-en-hash="abc" }\n\n```md\n## 示例 { #x }\n```\n'
    out = with_zh_wording(text)
    assert out.startswith('## 什么是 "KV" 缓存？ { #kv-cache data-en-hash="abc" data-zh="什么是 ”KV” 缓存？" }\n')
    assert with_zh_wording(out) == out  # idempotent
