"""Unit tests of glossary loading, validation and the single compiled matcher."""
from __future__ import annotations

import pytest

from llmqa.glossary import Entry, GlossaryError, Matcher, check, load


def entry(term, zh="中", aliases=(), see=(), line=1):
    return Entry(term=term, zh=[zh], definition="d", aliases=list(aliases), see=list(see), line=line)


def test_longest_match_wins():
    """'grouped-query attention' is one mention, not 'attention'."""
    m = Matcher([entry("attention", zh="注意力"), entry("grouped-query attention", zh="分组查询注意力", aliases=["GQA"])])
    hits = [x.group(0) for x in m.regex.finditer("Use grouped-query attention (GQA), not plain attention.")]
    assert hits == ["grouped-query attention", "GQA", "attention"]


def test_case_rules_keep_acronyms_exact():
    """LoRA matches only as written; ordinary words match any case."""
    m = Matcher([entry("LoRA"), entry("attention")])
    hits = [x.group(0) for x in m.regex.finditer("lora LoRA LORA Attention ATTENTION")]
    assert [h for h in hits if m.entry_for(h)] == ["LoRA", "Attention", "ATTENTION"]


def test_word_boundaries_for_latin_names():
    """No matches inside longer words, identifiers or hyphenated compounds."""
    m = Matcher([entry("RoPE"), entry("attention")])
    text = "RoPEs xRoPE RoPE_2 self-attention attentional RoPE."
    assert [x.group(0) for x in m.regex.finditer(text)] == ["RoPE"]


def test_chinese_names_match_inside_chinese_text():
    """CJK has no spaces, so Chinese names match without \\b; the longest still wins."""
    m = Matcher([entry("attention", zh="注意力"), entry("self-attention", zh="自注意力")])
    hits = [m.entry_for(x.group(0)).term for x in m.regex.finditer("我们用自注意力和注意力机制")]
    assert hits == ["self-attention", "attention"]


def test_trie_prefers_the_longest_name_that_passes_its_boundary():
    """A longer name that fails the word boundary falls back to the shorter one."""
    m = Matcher([entry("KV cache", zh="缓存一"), entry("KV cache quantization", zh="缓存二"), entry("KV", zh="键值")])
    hits = [x.group(0) for x in m.regex.finditer("KV cache quantization, KV cache quantizations, KV caches")]
    assert hits == ["KV cache quantization", "KV cache", "KV"]


def test_find_returns_slugs_and_whitespace_is_flexible():
    """Multi-word names match across line breaks; find() reports entry slugs."""
    m = Matcher([entry("KV cache", aliases=["key-value cache"])])
    assert m.find("the key-value\ncache grows") == {"term-kv-cache"}
    assert m.find("nothing here") == set()


def test_load_reports_missing_fields_with_lines():
    """Missing or empty fields name the entry and its line."""
    entries, problems = load("- term: A\n  zh: 甲\n  definition: d\n- term: B\n  zh: ''\n  definition: d\n- zh: 丙\n  definition: d\n", "g.yml")
    assert [e.term for e in entries] == ["A"]
    assert [str(p) for p in problems] == ["g.yml:4: entry 'B' has no zh (or it is empty)",
                                          "g.yml:7: entry has no term (or it is empty)"]


def test_malformed_yaml_raises_with_line():
    """Broken YAML is fatal and names the line."""
    with pytest.raises(GlossaryError, match=r"^g\.yml: invalid YAML at line 3, column 7: did not find expected ',' or ']'$"):
        load("- term: A\n  zh: [x\n- term: B\n", "g.yml")


def test_check_duplicates_case_insensitively_and_unknown_see():
    """A name defined twice names both entries; see: must point at real question ids."""
    entries = [entry("KV cache", zh="缓存", line=1, see=["kv-cache"]), entry("LoRA", zh="低秩", line=5, aliases=["kv Cache"], see=["nope"])]
    assert [str(p) for p in check(entries, {"kv-cache"}, "g.yml")] == [
        "g.yml:5: entry 'LoRA': 'kv Cache' is already defined by entry 'KV cache' (line 1)",
        "g.yml:5: entry 'LoRA': see: 'nope' is not a question id"]


def test_link_terms_first_mention_per_answer_and_script():
    """First mention per answer; Chinese and English names of one term each link once; intro untouched."""
    from llmqa.termlinks import link_terms

    m = Matcher([entry("attention", zh="注意力")])
    html = ("<p>attention intro</p><h2 id=\"a\">A</h2><p>attention and attention, 注意力 and 注意力</p>"
            "<h2 id=\"b\">B</h2><p><code>attention</code> then Attention</p>")
    out, linked = link_terms(html, m, lambda e: ("[", "]"))
    assert out == ("<p>attention intro</p><h2 id=\"a\">A</h2><p>[attention] and attention, [注意力] and 注意力</p>"
                   "<h2 id=\"b\">B</h2><p><code>attention</code> then [Attention]</p>")
    assert [e.term for e in linked] == ["attention"]


def test_fast_scan_finds_exactly_what_the_single_pattern_finds():
    """Two cheaper scans (Latin-start names; Han-start names only where Han text exists) merged
    left to right give the single pattern's matches, including where names overlap."""
    m = Matcher([entry("KV cache", zh="KV 缓存"), entry("attention", zh="注意力"), entry("softmax attention", zh="在线 Softmax"),
                 entry("attention sink", zh="注意力汇聚"), entry("cache", zh="缓存")])
    texts = ["KV cache and attention", "we use KV 缓存 with 注意力 and attention", "注意力汇聚力", "在线 Softmax attention sink",
             "在线 softmax attention", "xKV 缓存 缓存", "KV缓存注意力attention", "", "无术语", "softmax attention 注意力汇聚 KV cache"]
    for text in texts:
        assert [(s, text[s:e]) for s, e in m.spans(text)] == [(x.start(), x.group(0)) for x in m.regex.finditer(text)], text
    assert [text[s:e] for text in ["we use KV 缓存 with 注意力汇聚"] for s, e in m.spans(text)] == ["KV 缓存", "注意力汇聚"]
    assert [s for s, _ in m.spans("xKV 缓存")] == [4]  # a Latin-start name needs a word boundary: only 缓存
    only_mixed = Matcher([entry("KV cache", zh="KV 缓存")])  # no name starts with a Han character
    assert list(only_mixed.spans("用 KV 缓存")) == [(2, 7)]


def test_fast_scan_ignores_case_like_the_single_pattern():
    """Latin names are matched in the lower-cased text; the spans and surface forms are the
    text's own, also where lower-casing changes the text's length (İ -> i̇), which falls back to
    the case-insensitive patterns."""
    m = Matcher([entry("KV cache", zh="KV 缓存"), entry("attention", zh="注意力"), entry("LoRA", zh="低秩适配")])
    for text in ["ATTENTION, Attention and LORA then LoRA", "İ attention KV CACHE", "İstanbul 注意力 Attention",
                 "KV Cache 缓存 attentions attention-sink"]:
        assert [(s, text[s:e]) for s, e in m.spans(text)] == [(x.start(), x.group(0)) for x in m.regex.finditer(text)], text
    assert m.find("İ LORA lora LoRA") == {"term-lora"}  # the case rule still needs LoRA's exact spelling


def test_definitions_must_be_plain_text():
    """Definitions are shown escaped in tooltips and on the glossary page: Markdown would show as-is."""
    entries = [Entry(term="LoRA", zh=["低秩适配"], definition="Adds `B A` to a frozen weight.", line=7),
               Entry(term="RAG", zh=["检索增强生成"], definition="Retrieve, then generate; cost < 2x.", line=12)]
    assert [str(p) for p in check(entries, set(), "docs/glossary.yml")] == [
        "docs/glossary.yml:7: entry 'LoRA': the definition must be plain text (it is shown as-is in tooltips "
        "and on the glossary page); found '`'"]
