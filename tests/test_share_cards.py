"""Share cards: layout stays inside the card for any title, PNG bytes are stable, the cache works."""
from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image, ImageChops, ImageDraw

from conftest import ROOT
from llmqa import cardrender
from llmqa.cardlayout import BODY, FOOTER, HEADER, HEIGHT, TITLE_SIZES, WIDTH, CardText, Region, fit, layout_card, wrap
from llmqa.questions import is_topic_page, parse_page
from test_fixture_sites import HOME, question

CARD = Region(0, 0, WIDTH, HEIGHT)
BASE = CardText(title="What is GQA?", subtitle="什么是分组查询注意力？", topic="Attention", difficulty="medium",
                difficulty_label="Medium", site="LLM Interview Q&A", host="llm-interview-qa.github.io", lang="en")
REGION_OF = {"site": HEADER, "title": BODY, "subtitle": BODY, "difficulty": FOOTER, "topic": FOOTER, "host": FOOTER}


def site_questions():
    for path in sorted((ROOT / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if is_topic_page(text):
            parsed = parse_page(path.name, text, frozenset())
            for q in parsed.questions:
                yield parsed, q


def assert_inside(lines, text: CardText):
    """Every line's ink is on the card, in its own region, and no two lines overlap."""
    assert lines, text
    for line in lines:
        assert CARD.holds(line.box), line
        assert REGION_OF[line.role].holds(line.box), line
    for a in lines:
        for b in lines:
            if a is not b:
                assert a.box[3] <= b.box[1] or b.box[3] <= a.box[1] or a.box[2] <= b.box[0] or b.box[2] <= a.box[0], (a, b)


def shown(lines, role: str) -> str:
    return " ".join(line.text for line in lines if line.role == role)


def test_region_check_sees_an_overflowing_line():
    """The check the layout tests rely on does catch text that runs off the card."""
    x0, y0, x1, y1 = cardrender.measure("x" * 300, 40)
    assert not CARD.holds((HEADER.left + x0, y0, HEADER.left + x1, y1))


def test_wrap_breaks_at_spaces_between_cjk_characters_and_inside_overlong_words():
    fits = lambda s: len(s) <= 10  # noqa: E731
    assert wrap("aaa bbb ccc ddd", 10, fits) == ["aaa bbb", "ccc ddd"]
    assert wrap("一二三四五六七八九十十一", 10, fits) == ["一二三四五六七八九十", "十一"]
    assert wrap("x" * 25, 10, fits) == ["x" * 10, "x" * 10, "x" * 5]


def test_longest_title_and_longest_chinese_wording_on_the_site_fit_whole():
    (_, longest), (_, longest_zh) = (max(site_questions(), key=lambda pq: len(pq[1].title)),
                                     max(site_questions(), key=lambda pq: len(pq[1].zh)))
    assert len(longest.title) > 120
    text = replace(BASE, title=longest.title, subtitle=longest_zh.zh, topic="Normalization and activations")
    lines = cardrender.layout(text)
    assert_inside(lines, text)
    assert shown(lines, "title") == longest.title          # wrapped, nothing cut
    assert "".join(line.text for line in lines if line.role == "subtitle") == longest_zh.zh
    assert len([line for line in lines if line.role == "title"]) >= 3
    assert max(line.size for line in lines if line.role == "title") < TITLE_SIZES[0]  # it had to shrink


def test_every_card_on_the_site_lays_out_inside_with_its_whole_title():
    for parsed, q in site_questions():
        text = replace(BASE, title=q.title, subtitle=q.zh, topic=parsed.title)
        lines = cardrender.layout(text)
        assert_inside(lines, text)
        assert shown(lines, "title") == q.title, q.id


def test_a_300_character_title_wraps_shrinks_and_stays_inside():
    title = ("Why does a very long question title, written by an author who never stops adding "
             "clauses, still need to fit on a share card without overflowing its edges or the "
             "Chinese line beneath it, even when every word is long and the topic name is long "
             "too, as this sentence demonstrates at three hundred characters?")[:300]
    assert len(title) == 300
    text = replace(BASE, title=title, subtitle="为什么" * 40, topic="A topic whose name is also far too long for a footer line, and it goes on and on and on and on")
    lines = cardrender.layout(text)
    assert_inside(lines, text)
    sizes = {line.size for line in lines if line.role == "title"}
    assert len(sizes) == 1 and sizes.pop() < 40
    assert shown(lines, "title") == title                 # small enough to keep every word
    assert len([line for line in lines if line.role == "subtitle"]) == 2
    assert shown(lines, "subtitle").endswith("…") and shown(lines, "topic").endswith("…")


def test_an_unbreakable_title_longer_than_the_card_is_cut_not_overflowing():
    text = replace(BASE, title="x" * 2000)
    lines = cardrender.layout(text)
    assert_inside(lines, text)
    assert shown(lines, "title").endswith("…")


def test_rendered_card_is_a_1200x630_png_with_ink_only_inside_the_margins():
    text = replace(BASE, title="Why " * 75)
    png = cardrender.render(text)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT)
    content = image.convert("RGB").crop((cardrender.BAND_WIDTH, 0, WIDTH, HEIGHT))
    ink = ImageChops.difference(content, Image.new("RGB", content.size, cardrender.BACKGROUND)).getbbox()
    assert ink is not None
    left, top, right, bottom = ink[0] + cardrender.BAND_WIDTH, ink[1], ink[2] + cardrender.BAND_WIDTH, ink[3]
    assert left >= HEADER.left - 20 and right <= WIDTH - HEADER.left + 20 and top >= HEADER.top and bottom <= FOOTER.bottom


def test_card_bytes_are_deterministic_and_change_with_the_words():
    assert cardrender.render(BASE) == cardrender.render(BASE)
    assert cardrender.render(BASE) != cardrender.render(replace(BASE, difficulty="hard", difficulty_label="Hard"))


def glyph(ch: str) -> bytes:
    image = Image.new("L", (64, 64))
    ImageDraw.Draw(image).text((8, 8), ch, font=cardrender.font(40), fill=255)
    return image.tobytes()


def test_every_character_on_the_site_cards_has_a_glyph_in_the_bundled_font():
    """No tofu: the bundled font covers every title, Chinese wording and topic on the site."""
    tofu = glyph("\ue000")
    assert glyph("\ue001") == tofu and glyph("注") != tofu  # the probe does tell a missing glyph
    chars = {ch for parsed, q in site_questions() for ch in q.title + q.zh + parsed.title if not ch.isspace()}
    assert len(chars) > 500
    assert sorted(ch for ch in chars if glyph(ch) == tofu) == []


def test_fit_returns_the_largest_size_that_fits():
    region = Region(0, 0, 600, 200)
    lines = fit("short", region, (80, 60, 40), cardrender.measure, "title")
    assert {line.size for line in lines} == {80}
    assert layout_card(BASE, cardrender.measure)[1].size == TITLE_SIZES[0]


# --- The hook, in a fixture site ------------------------------------------------------------------

TOPIC = "# Attention\n\n" + question("gqa", "What is GQA?", zh="什么是分组查询注意力？") + question("mla", "What is MLA?", zh="什么是MLA？")


def test_cards_are_written_cached_by_content_and_pruned(build_site, tmp_path):
    b = build_site({"index.md": HOME, "attention.md": TOPIC})
    assert b.warnings == []
    with Image.open(b.site / "q" / "gqa" / "card.png") as card:
        assert card.size == (1200, 630)
    cache = tmp_path / ".cache" / "share-cards" / "en"
    first = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")}
    assert len(first) == 2
    build_site({"index.md": HOME, "attention.md": TOPIC.replace("What is MLA?", "What is multi-head latent attention?")})
    second = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")}
    assert len(second) == 2                       # the stale MLA card was pruned
    kept = set(first) & set(second)
    assert len(kept) == 1                         # the GQA card was not drawn again
    assert all(first[name] == second[name] for name in kept)
    assert (b.site / "q" / "mla" / "card.png").read_bytes() == (cache / (set(second) - kept).pop()).read_bytes()


def test_without_site_url_the_share_page_has_no_image_and_a_small_card(build_site):
    b = build_site({"index.md": HOME, "attention.md": TOPIC}, extra={"site_url": None})
    share = b.html("q/gqa/index.html")
    assert "og:image" not in share and '<meta name="twitter:card" content="summary">' in share


def test_a_missing_font_stops_the_build_with_one_clear_line(build_site, monkeypatch, tmp_path):
    monkeypatch.setattr(cardrender, "FONTS", [tmp_path / "gone.ttc"])
    b = build_site({"index.md": HOME, "attention.md": TOPIC})
    assert b.aborted and b.warnings == [f"share cards: font file {tmp_path / 'gone.ttc'} is missing (see fonts/README.md)"]


def test_a_chinese_card_leads_with_the_chinese_title_and_follows_with_the_english():
    """On /zh/q/<id>/ the Chinese wording leads and the English title is the second line."""
    from types import SimpleNamespace
    from llmqa.cards import card_text
    zh = SimpleNamespace(title="什么是 KV cache？", zh="什么是 KV cache？", subtitle="What is the KV cache?",
                         difficulty="medium")
    text = card_text(zh, "注意力", "LLM 面试问答", "https://example.org/zh/", "zh")
    assert (text.title, text.subtitle, text.difficulty_label) == ("什么是 KV cache？", "What is the KV cache?", "中等")
    en = SimpleNamespace(title="What is the KV cache?", zh="什么是 KV cache？", difficulty="medium")
    assert card_text(en, "Attention", "LLM Interview Q&A", "https://example.org/", "en").subtitle == "什么是 KV cache？"


def test_a_cached_card_is_linked_into_the_site_and_never_written_through(tmp_path, monkeypatch):
    """The site gets the cache's file (a hard link where possible, a copy otherwise); a file
    already at the target, even one linked to another cached card, is replaced, not overwritten."""
    import share_cards
    old, new = tmp_path / "old.png", tmp_path / "new.png"
    old.write_bytes(b"old card")
    new.write_bytes(b"new card")
    target = tmp_path / "site" / "card.png"
    target.parent.mkdir()
    share_cards._place(str(old), str(target))
    assert target.read_bytes() == b"old card" and target.stat().st_ino == old.stat().st_ino
    share_cards._place(str(new), str(target))
    assert target.read_bytes() == b"new card" and old.read_bytes() == b"old card"

    def no_links(*args):
        raise OSError(18, "Invalid cross-device link")
    monkeypatch.setattr(share_cards.os, "link", no_links)
    share_cards._place(str(old), str(target))
    assert target.read_bytes() == b"old card" and target.stat().st_ino != old.stat().st_ino
