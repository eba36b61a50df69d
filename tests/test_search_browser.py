"""The search dialog in Chromium: lazy loading, typing, keys, Chinese, landing on the question,
phone layout, bad input, accessibility (axe) and the first-search download budget."""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitecrawl import ROOT
from test_browser import ARTIFACTS, CONTRAST_JS, landing, search

pytestmark = pytest.mark.browser
SEARCH_FILES = ("/pagefind/", "/assets/javascripts/search/")
FIRST_SEARCH_BUDGET = 300 * 1024  # bytes, gzip
AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"


def keys_of(results) -> list[str]:
    return [landing(results.nth(i).get_attribute("href")).split("#")[-1] for i in range(results.count())]


def test_nothing_for_search_loads_before_the_reader_opens_it(page, base_url, context):
    page.goto(base_url + "attention/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in context.requests if any(part in u for part in SEARCH_FILES)]
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "qa-search-input"
    assert page.evaluate("document.getElementById('__search').checked")
    page.wait_for_load_state("networkidle")
    assert any("/assets/javascripts/search/dialog.js" in u for u in context.requests)
    page.locator("#qa-search-input").fill("KV cache")
    page.locator("#qa-search-results a[role=option]").first.wait_for()
    assert not [u for u in context.requests if "workers/search" in u or "search_index.json" in u]  # no lunr


def test_first_search_downloads_at_most_300_kb_gzipped(page, base_url, context, real_site):
    _, site = real_site
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    before = len(context.requests)
    search(page, "KV cache")
    page.wait_for_load_state("networkidle")
    paths = {urlsplit(u).path for u in context.requests[before:] if u.startswith(base_url)}
    sizes = {p: len(gzip.compress((site / p.lstrip("/")).read_bytes())) for p in paths if (site / p.lstrip("/")).is_file()}
    assert any(p.endswith("pagefind.js") for p in sizes) and any(".pf_index" in p for p in sizes), sizes
    assert sum(sizes.values()) <= FIRST_SEARCH_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])[:5]


@pytest.mark.parametrize("query, answers", [
    ("model keeps repeating the same sentence", {"repetition-problem", "repetition-mitigation"}),
    ("router picks top-k experts", {"mixture-of-experts", "moe-routing-granularity", "moe-load-balancing",
                                    "fine-grained-shared-experts"}),
    ("rmsnorm vs layernorm", {"rmsnorm"}),
    ("分组查询注意力", {"mqa-vs-gqa"}),
    ("适配器", {"adapter-tuning", "adapter-fusion", "adapter-drop", "mam-adapter"}),
    ("KV 缓存占多少显存", {"kv-cache"}),
])
def test_readers_queries_find_their_question_in_the_first_five(page, base_url, query, answers):
    page.goto(base_url)
    top = keys_of(search(page, query))[:5]
    assert answers & set(top), top


def test_result_shows_title_chinese_topic_difficulty_and_highlighted_snippet(page, base_url):
    page.goto(base_url)
    search(page, "GQA")
    first = page.locator('#qa-search-results a[href$="#mqa-vs-gqa"]').first
    assert "GQA" in first.locator("h1").inner_text()
    assert first.locator(".qa-search-result__zh").inner_text().startswith("MQA")
    assert first.locator(".qa-search-result__facts").inner_text() == "Attention variants · medium"
    assert first.locator(".qa-search-result__snippet mark").count() >= 1
    assert first.locator("mark").first.inner_text().lower() == "gqa"


def test_arrows_enter_and_escape(page, default_port_url):
    """Combobox pattern: focus stays in the input, arrows move the highlighted option, Enter
    follows it through Material's instant navigation (no page reload), Escape closes."""
    page.goto(default_port_url)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__notReloaded = true")
    results = search(page, "flash attention")
    box = page.locator("#qa-search-input")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-activedescendant") == "qa-search-option-0"
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "qa-search-option-1"
    assert results.nth(1).get_attribute("aria-selected") == "true" and results.nth(0).get_attribute("aria-selected") == "false"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # wraps to the last
    assert box.get_attribute("aria-activedescendant") == f"qa-search-option-{results.count() - 1}"
    page.keyboard.press("ArrowDown")
    target = landing(results.nth(0).get_attribute("href"))
    assert page.evaluate("document.activeElement.id") == "qa-search-input"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target.split("://", 1)[1].split("/", 1)[1]) + "$"))
    anchor = target.split("#")[1]
    page.locator(f"#{anchor}").wait_for(state="visible")
    assert page.evaluate("window.__notReloaded === true")  # instant navigation, not a reload
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("s")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.id") != "qa-search-input"


def test_clicking_a_chinese_result_lands_on_the_question(page, default_port_url):
    page.goto(default_port_url + "glossary/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__notReloaded = true")
    results = search(page, "旋转位置编码")
    link = next(results.nth(i) for i in range(results.count()) if landing(results.nth(i).get_attribute("href")).endswith("/#rope"))
    link.click()
    page.wait_for_url(re.compile(r"/positional-encoding/#rope$"))
    page.locator("#rope").wait_for(state="visible")
    assert page.evaluate("window.__notReloaded === true")


def test_empty_state_offers_suggestions_and_no_results_says_what_to_try(page, base_url):
    page.goto(base_url)
    page.keyboard.press("s")
    page.wait_for_load_state("networkidle")
    tips = page.locator("[data-qa-search-tips]")
    assert tips.is_visible() and tips.locator("button").count() >= 4
    tips.locator("button", has_text="KV cache").click()
    page.locator("#qa-search-results a[role=option]").first.wait_for()
    assert page.locator("#qa-search-input").input_value() == "KV cache"
    page.locator("#qa-search-input").fill("wwkqj wwxzq")
    status = page.locator("[data-qa-search-status]")
    page.wait_for_function("document.querySelector('[data-qa-search]').dataset.qaSearchState === 'none'")
    assert status.inner_text().startswith("No results for “wwkqj wwxzq”. Try")
    assert page.locator("#qa-search-results [role=option]").count() == 0 and tips.is_visible()
    assert page.locator("#qa-search-input").get_attribute("aria-expanded") == "false"


BAD_INPUT = ["(.*+?[\\", "a" * 10000, "the of and what is", "🤖🔥💥", "？！，。、；：", "<img src=x onerror=alert(1)>",
             "ＬｏＲＡ　的　秩", "\u0000\ud800", "'; DROP TABLE q; --", "     "]


def test_bad_input_never_breaks_the_dialog_nor_the_console(page, base_url):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: errors.append("dialog: " + d.message))
    page.goto(base_url)
    page.keyboard.press("s")
    box = page.locator("#qa-search-input")
    state = "document.querySelector('[data-qa-search]').dataset.qaSearchState"
    for text in BAD_INPUT:
        box.fill(text)
        page.wait_for_timeout(400)
        assert page.evaluate(state) in ("empty", "none", "results"), text
    assert len(box.input_value()) <= 200  # maxlength
    box.fill("the of and what is")
    page.wait_for_function(f"{state} === 'none'")
    assert "Only common words" in page.locator("[data-qa-search-status]").inner_text()
    box.fill("🤖🔥💥")
    page.wait_for_function("document.querySelector('[data-qa-search-status]').textContent.startsWith('Type words')")
    box.fill("ＬｏＲＡ　的　秩")
    page.locator("#qa-search-results a[role=option]").first.wait_for()
    assert any(k.startswith("lora") for k in keys_of(page.locator("#qa-search-results a[role=option]")))
    assert errors == []


def test_query_handling_segments_drops_stop_words_and_survives_anything(page, base_url):
    page.goto(base_url)
    terms = page.evaluate("""async () => {
      const q = await import(new URL("assets/javascripts/search/query.js", location.href).href);
      return ["LoRA 的秩", "what is the KV cache", "分组查询注意力", "(.*", "🤖", "适配器", "a".repeat(10000)]
        .map((text) => q.queryTerms(text));
    }""")
    assert terms[0] == ["lora", "秩"]
    assert terms[1] == ["kv", "cache"]
    assert terms[2] == ["分组", "组查", "查询", "询注", "注意", "意力"]
    assert terms[3] == [] and terms[4] == []
    assert terms[5] == ["适配", "配器"]
    assert terms[6] == ["a" * 200]


def test_phone_layout_opens_full_width_search(browser, base_url):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(base_url + "attention/")
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("#qa-search-input")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'qa-search-input'")
    box.fill("KV 缓存")
    page.locator("#qa-search-results a[role=option]").first.wait_for()
    inner = page.locator(".md-search__inner").bounding_box()
    first = page.locator("#qa-search-results a[role=option]").first.bounding_box()
    assert inner and inner["width"] >= 380 and first and first["x"] >= 0 and first["x"] + first["width"] <= 391
    assert page.locator("#qa-search-results a[role=option]").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "search-phone.png"))
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_and_text_is_readable_in_both_palettes(browser, base_url, scheme):
    ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(base_url)
    search(page, "LoRA 的秩")
    page.screenshot(path=str(ARTIFACTS / f"search-{scheme}.png"))
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run({include: [['[data-qa-search]']]}, {resultTypes: ['violations']})).violations"
                           ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))")
    selectors = [".qa-search .md-search-result__article h1", ".qa-search .qa-search-result__zh",
                 ".qa-search .qa-search-result__facts", ".qa-search .qa-search-result__snippet", ".qa-search mark"]
    ratios = dict(page.evaluate(CONTRAST_JS, selectors))
    ctx.close()
    assert result == []
    low = {s: round(r, 2) for s, r in ratios.items() if r is None or r < 4.5}
    assert not low, low


@pytest.mark.parametrize("query, answer", [
    ("分组查询注意力", "mqa-vs-gqa"),
    ("KV cache 显存", "kv-cache"),
    ("灾难性遗忘", "catastrophic-forgetting"),
])
def test_the_chinese_edition_searches_its_own_chinese_index(page, base_url, context, query, answer):
    """On /zh/ the dialog loads /zh/pagefind/ (Chinese answers, Chinese interface) and lands on /zh/ pages."""
    page.goto(base_url + "zh/")
    results = search(page, query)
    hrefs = [landing(results.nth(i).get_attribute("href")) for i in range(min(results.count(), 5))]
    assert any(h.endswith(f"#{answer}") and "/zh/" in h for h in hrefs), hrefs
    assert any("/zh/pagefind/" in u for u in context.requests)
    assert not [u for u in context.requests if urlsplit(u).path.startswith("/pagefind/")]
    assert re.search(r"[\u4e00-\u9fff]", results.first.inner_text())
    results.first.click()
    page.wait_for_url(re.compile(r"/zh/.+#"))
