"""What a reader does in a real browser: search, navigate, share, quiz, glossary, phone layout."""
from __future__ import annotations

import re

import pytest

from sitecrawl import ROOT, third_party

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
ARTIFACTS.mkdir(exist_ok=True)


def landing(href: str) -> str:
    """A result link as path#fragment (no query string)."""
    return re.sub(r"\?[^#]*", "", href)


def search(page, query: str):
    """Open the search dialog with `s`, type the query, wait for results (partials/search.html)."""
    page.keyboard.press("s")
    page.locator("#qa-search-input").fill(query)
    page.locator("#qa-search-results a[role=option]").first.wait_for()
    return page.locator("#qa-search-results a[role=option]")


def test_english_search_finds_gqa_and_lands_on_it(page, base_url):
    page.goto(base_url)
    results = search(page, "GQA")
    hrefs = [results.nth(i).get_attribute("href") for i in range(min(results.count(), 8))]
    assert any(landing(h).endswith("attention/#mqa-vs-gqa") for h in hrefs), hrefs
    page.locator('#qa-search-results a[href$="#mqa-vs-gqa"]').first.click()
    page.wait_for_url(re.compile(r"/attention/(\?h=[^#]*)?#mqa-vs-gqa$"))
    assert page.locator("#mqa-vs-gqa").is_visible()


def test_chinese_search_finds_a_word_from_the_middle_of_a_question(page, base_url):
    """A word from the middle of a question's Chinese wording finds that question."""
    page.goto(base_url + "positional-encoding/")
    zh = page.locator("#rope + .qa-meta + .qa-zh").inner_text()
    assert "旋转位置编码" in zh
    results = search(page, "旋转位置编码")
    hrefs = [results.nth(i).get_attribute("href") for i in range(min(results.count(), 10))]
    assert any(landing(h).endswith("positional-encoding/#rope") for h in hrefs), hrefs


@pytest.mark.parametrize("query, anchor", [("灾难性遗忘", "term-catastrophic-forgetting"),
                                           ("PagedAttention", "term-pagedattention"),
                                           ("key-value cache", "term-kv-cache")])
def test_search_finds_glossary_terms_by_chinese_english_and_alias(page, base_url, query, anchor):
    page.goto(base_url)
    results = search(page, query)
    hrefs = [results.nth(i).get_attribute("href") for i in range(min(results.count(), 12))]
    assert any(landing(h).endswith(f"glossary/#{anchor}") for h in hrefs), hrefs


def test_dark_mode_persists_across_instant_navigation(page, base_url):
    page.goto(base_url)
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    start = scheme()
    for _ in range(3):  # auto -> light -> dark (order depends on the OS preference)
        if scheme() == "slate":
            break
        page.locator("form[data-qa-palette] label:visible").first.click()
    assert scheme() == "slate", start
    page.locator(".md-tabs__link", has_text="Attention").first.click()
    page.wait_for_url(re.compile(r"/attention/"))
    assert page.evaluate("document.querySelector('#__config') !== null")
    assert scheme() == "slate"


def test_palette_toggles_by_keyboard_and_survives_a_reload(page, base_url):
    """Our toggle (Material's palette component is not mounted, see overrides/partials/palette.html):
    Enter cycles auto -> light -> dark, one label is shown at a time, the choice is restored on reload."""
    page.goto(base_url + "attention/")
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert page.locator("[data-md-component=palette]").count() == 0
    assert page.locator("form[data-qa-palette] label:visible").count() == 1
    page.locator("#__palette_0").focus()
    seen = []
    for _ in range(3):
        page.keyboard.press("Enter")
        seen.append(scheme())
        assert page.locator("form[data-qa-palette] label:visible").count() == 1
    assert {"default", "slate"} <= set(seen), seen
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    chosen = scheme()
    page.reload()
    assert scheme() == chosen
    assert page.evaluate("JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.endsWith('__palette')))).color.scheme") == chosen


def test_phone_viewport_opens_navigation_drawer(browser, base_url):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(base_url + "attention/")
    drawer = page.locator("nav.md-nav--primary")
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_function("document.getElementById('__drawer').checked")
    # the drawer slides in: wait until it has arrived at the left edge
    page.wait_for_function("document.querySelector('nav.md-nav--primary').getBoundingClientRect().left >= -1")
    box = drawer.bounding_box()
    assert box and box["width"] > 200
    assert drawer.get_by_role("link", name="Decoding and generation").first.is_visible()
    ctx.close()


def test_no_third_party_requests(page, base_url, context):
    for path in ("", "attention/", "glossary/", "q/rope/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    search(page, "LoRA")
    page.wait_for_load_state("networkidle")
    assert len(context.requests) > 10
    assert third_party(context.requests) == []


def test_share_link_lands_on_the_question_and_back_works(page, base_url):
    page.goto(base_url + "cheatsheet/")
    page.goto(base_url + "q/kv-cache/")
    page.wait_for_url(re.compile(r"/attention/#kv-cache$"))
    assert page.locator("#kv-cache").is_visible()
    page.go_back()
    page.wait_for_url(re.compile(r"/cheatsheet/$"))


def test_an_old_anchor_of_a_moved_question_lands_on_its_new_page(page, base_url):
    """foundations/#scaling-laws was shared before the page split; it must still reach the answer."""
    page.goto(base_url + "foundations/#scaling-laws")
    page.wait_for_url(re.compile(r"/pretraining/#scaling-laws$"))
    assert page.locator("#scaling-laws").is_visible()
    page.goto(base_url + "fine-tuning/#catastrophic-forgetting")
    page.wait_for_url(re.compile(r"/fine-tuning-pitfalls/#catastrophic-forgetting$"))
    page.goto(base_url + "fine-tuning/#what-is-sft")  # still on its page: no forwarding
    assert page.url.endswith("/fine-tuning/#what-is-sft") and page.locator("#what-is-sft").is_visible()


def test_copy_link_puts_the_share_url_on_the_clipboard(page, base_url):
    page.goto(base_url + "attention/")
    button = page.locator("#mqa-vs-gqa + .qa-meta .qa-copy")
    assert "Copy share link" in button.get_attribute("aria-label")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#mqa-vs-gqa + .qa-meta .qa-copy').textContent.includes('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "q/mqa-vs-gqa/"


def test_quiz_mode_hides_reveals_and_persists(page, base_url):
    page.goto(base_url + "attention/")
    answer = page.locator("#answer-kv-cache")
    assert answer.is_visible()
    page.locator(".qa-quiz-toggle").click()
    assert answer.is_hidden()
    reveal = page.locator("#kv-cache + .qa-meta .qa-reveal")
    assert reveal.get_attribute("aria-expanded") == "false"
    reveal.click()
    assert answer.is_visible() and reveal.get_attribute("aria-expanded") == "true"
    page.locator(".md-tabs__link", has_text="RAG").first.click()   # instant navigation
    page.wait_for_url(re.compile(r"/rag/"))
    assert page.locator("[data-qa-answer]").first.is_hidden()
    assert page.locator(".qa-quiz-toggle").get_attribute("aria-pressed") == "true"
    page.reload()
    assert page.locator("[data-qa-answer]").first.is_hidden()
    page.locator(".qa-quiz-toggle").click()
    assert page.locator("[data-qa-answer]").first.is_visible()


def test_random_question_lands_on_a_question(page, base_url):
    page.goto(base_url + "rlhf/")
    page.locator(".qa-random", has_text="in this topic").click()
    page.wait_for_url(re.compile(r"/rlhf/#[a-z0-9-]+$"))
    qid = page.evaluate("location.hash.slice(1)")
    assert page.locator(f"h2#{qid}").count() == 1
    page.goto(base_url)
    page.locator(".qa-random").first.click()
    page.wait_for_url(re.compile(r"#[a-z0-9-]+$"))
    assert page.locator("h2[id='" + page.evaluate("location.hash.slice(1)") + "']").count() == 1


def test_glossary_term_shows_definition_on_hover_and_focus(page, base_url):
    """Hovering a dotted term, or tabbing to it, shows its definition; leaving or Escape hides it."""
    page.goto(base_url + "attention/")
    term = page.locator("#answer-mqa-vs-gqa a.qa-term").first
    definition = page.locator("#" + term.get_attribute("aria-describedby")).text_content()
    assert len(definition) > 20
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = page.locator("#qa-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.text_content() == definition and tooltip.get_attribute("role") == "tooltip"
    page.mouse.move(5, 5)
    tooltip.wait_for(state="hidden")
    other = page.locator("#answer-kv-cache a.qa-term").first
    other.focus()
    tooltip.wait_for(state="visible")
    assert tooltip.text_content() == page.locator("#" + other.get_attribute("aria-describedby")).text_content()
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden")


def test_glossary_filter_narrows_for_english_and_chinese(page, base_url):
    page.goto(base_url + "glossary/")
    entries = page.locator(".qa-gloss-entry:visible")
    total = entries.count()
    box = page.locator("#qa-glossary-filter-input")
    box.fill("lora")
    assert 0 < entries.count() < total
    assert page.locator("#term-lora").is_visible()
    box.fill("注意力")
    assert 0 < entries.count() < total
    assert all("注意力" in entries.nth(i).get_attribute("data-qa-names") for i in range(entries.count()))
    box.fill("")
    assert entries.count() == total


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_glossary_lists_the_questions_that_mention_a_term_when_opened(page, base_url, context, edition):
    """The page carries only the count; opening "Mentioned in" fetches qa-mentions.json and
    qa-index.json once and lists the questions (the edition's own titles), each a link that lands
    on its question."""
    page.goto(base_url + edition + "glossary/")
    mentions = page.locator("details[data-qa-term='term-kv-cache']")
    count = int(re.search(r"\d+", mentions.locator("summary").text_content()).group(0))
    assert count > 5 and mentions.locator("a").count() == 0
    assert not any(r.endswith(("/qa-index.json", "/qa-mentions.json")) for r in context.requests)  # nothing until asked
    mentions.locator("summary").click()
    links = mentions.locator("li a")
    links.first.wait_for()
    assert links.count() == count
    assert not mentions.locator(".qa-mentions-nojs").is_visible()
    assert (edition == "zh/") == bool(re.search(r"[\u4e00-\u9fff]", "".join(links.all_text_contents())))
    title, href = links.first.text_content(), links.first.get_attribute("href")
    links.first.click()
    qid = href.rsplit("#", 1)[1]
    page.wait_for_url(re.compile(re.escape(base_url + edition) + r".+#" + re.escape(qid) + "$"))
    assert title.strip() in page.locator(f"[id='{qid}']").inner_text()
    page.go_back()
    other = page.locator("details.qa-mentions").nth(3)
    other.locator("summary").click()
    other.locator("li a").first.wait_for()
    assert sum(r.endswith("/qa-mentions.json") for r in context.requests) <= 2  # once per page view


def test_math_renders_as_mathml_with_a_math_font(page, base_url):
    """A formula-heavy answer: MathML elements have real size; the screenshot is kept for review."""
    page.goto(base_url + "positional-encoding/#rope")
    formula = page.locator("#answer-rope .qa-math math").first
    formula.scroll_into_view_if_needed()
    box = formula.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 20
    page.locator("#answer-rope").screenshot(path=str(ARTIFACTS / "rope-math.png"))
    fonts = page.evaluate("getComputedStyle(document.querySelector('math')).fontFamily")
    assert "Math" in fonts


CONTRAST_JS = """(selectors) => {
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  };
  const out = [];
  for (const sel of selectors) {
    const el = document.querySelector(sel);
    if (!el) { out.push([sel, null]); continue; }
    const fg = parse(getComputedStyle(el).color), bg = background(el);
    const mix = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(mix), lum(bg)].sort((x, y) => y - x);
    out.push([sel, (a + 0.05) / (b + 0.05)]);
  }
  return out;
}"""

CONTRAST_SELECTORS = [".qa-zh", ".qa-difficulty--easy", ".qa-difficulty--medium", ".qa-difficulty--hard", ".qa-tag",
                      ".qa-copy", ".md-typeset p a", ".md-typeset a.qa-term", ".md-copyright__highlight", ".md-copyright",
                      ".md-footer__title", ".md-nav__link", ".highlight .c1", ".qa-related", ".md-typeset p"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_meets_wcag_aa_in_both_palettes(browser, base_url, scheme):
    """Our own text and Material's footer reach 4.5:1 against their real backgrounds."""
    ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(base_url + "attention/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
    ratios = dict(page.evaluate(CONTRAST_JS, CONTRAST_SELECTORS))
    ctx.close()
    missing = [s for s, r in ratios.items() if r is None]
    low = {s: round(r, 2) for s, r in ratios.items() if r is not None and r < 4.5}
    assert not missing and not low, (missing, low)


def test_cheat_sheet_prints_without_navigation(page, base_url):
    page.goto(base_url + "cheatsheet/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    assert page.evaluate("getComputedStyle(document.querySelector('.qa-cheat')).breakInside") == "avoid"
    assert page.locator(".qa-cheat").count() > 150


# --- The Chinese edition ----------------------------------------------------------------------------

def switch_language(page, name: str):
    """Open the header's language menu (it opens on hover) and pick an edition."""
    page.locator(".md-header .md-select").hover()
    page.locator(f"a.qa-lang:text-is('{name}')").click()


def test_language_switch_keeps_the_page_and_the_anchor(page, base_url):
    page.goto(base_url + "attention/#kv-cache")
    switch_language(page, "中文")
    page.wait_for_url(re.compile(r"/zh/attention/#kv-cache$"))
    assert page.evaluate("document.documentElement.lang") == "zh-CN" and page.locator("#kv-cache").is_visible()
    switch_language(page, "English")
    page.wait_for_url(re.compile(r"/attention/#kv-cache$"))
    assert "/zh/" not in page.url and page.evaluate("document.documentElement.lang") == "en"


def test_language_switch_follows_instant_navigation(page, base_url):
    """Material swaps the content, not the header: the switch must aim at the page now read."""
    page.goto(base_url + "zh/")
    page.locator(".md-tabs__link", has_text="PEFT").first.click()   # instant navigation
    page.wait_for_url(re.compile(r"/zh/peft-overview/"))
    page.locator("a.md-nav__link[href$='peft-adapters/']").first.click()
    page.wait_for_url(re.compile(r"/zh/peft-adapters/"))
    page.evaluate("location.hash = 'adapter-drop'")
    switch_language(page, "English")
    page.wait_for_url(re.compile(r"/peft-adapters/#adapter-drop$"))
    assert "/zh/" not in page.url and page.locator("#adapter-drop").is_visible()


def test_chinese_share_page_works_without_javascript(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(base_url + "zh/q/adapter-drop/")
    assert page.url.endswith("/zh/q/adapter-drop/")   # no script, no redirect
    assert page.locator("h1").inner_text() == "什么是 AdapterDrop？它带来了哪些收益？"
    assert "去掉 Transformer 最底下几层的适配器" in page.locator("main").inner_text()
    link = page.get_by_role("link", name="阅读完整回答")
    assert link.get_attribute("href") == "../../peft-adapters/#adapter-drop"
    link.click()
    page.wait_for_url(re.compile(r"/zh/peft-adapters/#adapter-drop$"))
    ctx.close()


def test_chinese_copy_link_and_glossary_tooltip(page, base_url, context):
    page.goto(base_url + "zh/peft-adapters/")
    button = page.locator("#adapter-fusion + .qa-meta .qa-copy")
    button.click()
    page.wait_for_function("document.querySelector('#adapter-fusion + .qa-meta .qa-copy').textContent.includes('已复制')")
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "zh/q/adapter-fusion/"
    term = page.locator("#answer-adapter-tuning a.qa-term").first
    definition = page.locator("#" + term.get_attribute("aria-describedby")).text_content()
    assert "（" in definition  # "中文名（English）": the Chinese name first
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = page.locator("#qa-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.text_content() == definition
    page.locator(".qa-quiz-toggle").click()
    assert page.locator(".qa-quiz-toggle").inner_text() == "测验模式：开"
    page.locator(".qa-quiz-toggle").click()
    page.locator(".qa-random", has_text="本主题随机一题").click()   # the Chinese question index
    page.wait_for_url(re.compile(r"/zh/peft-adapters/#adapter-[a-z]+$"))
    assert third_party(context.requests) == []


def test_chinese_pages_request_nothing_elsewhere_and_nothing_missing(page, base_url, context):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    for path in ("zh/", "zh/attention/", "zh/glossary/", "zh/q/rope/", "attention/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert third_party(context.requests) == [] and failed == []
