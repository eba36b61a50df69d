"""The offline copies: the Anki deck and the PDFs, as `make anki` / `make pdf` write them.

Unit tests of the note builder and the book assembler, then the real deck and PDFs (made once
per session by the ``published_site`` fixture) opened as a reader's tools would: the .apkg as a
zip with an SQLite collection, the PDFs with pypdf.
"""
from __future__ import annotations

import json
import sqlite3
import zipfile

import pytest
from pypdf import PdfReader

from llmqa.anki import FIELDS, note_for, note_guid, stable_int
from llmqa.downloads import site_paths
from llmqa.printbook import assemble, contents, link_target
from llmqa.questions import Question

SITE_URL = "https://llm-interview-qa.github.io/"


# --- Units --------------------------------------------------------------------------------------

def test_note_guid_is_derived_from_the_id_and_never_changes():
    """Re-importing a newer deck updates cards only if GUIDs stay put: pin one to its value."""
    assert note_guid("kv-cache", "en") == "hK%raBZ05-"
    assert note_guid("kv-cache", "en") != note_guid("kv-cache", "zh") != note_guid("rope", "en")
    assert stable_int("deck", "en") == 1517878013 and 1 << 30 <= stable_int("model", "zh") < 1 << 31


def test_note_fields_are_escaped_and_tagged_with_topic_tags_and_difficulty():
    q = Question(id="gqa", title='Why <b>"GQA"</b> & MQA?', src_uri="attention.md", line=1, short_answer="K & V <shared>.",
                 difficulty="hard", tags=("attention", "kv-cache"), zh="什么是 GQA？")
    note = note_for(q, "Attention variants", "attention", SITE_URL, "en")
    fields = dict(zip(FIELDS, note.fields))
    assert fields == {"Id": "gqa", "Question": "Why &lt;b&gt;&#34;GQA&#34;&lt;/b&gt; &amp; MQA?", "Chinese": "什么是 GQA？",
                      "ShortAnswer": "K &amp; V &lt;shared&gt;.", "Link": "https://llm-interview-qa.github.io/q/gqa/",
                      "Topic": "Attention variants"}
    assert note.tags == ("topic::attention", "attention", "kv-cache", "difficulty::hard")
    assert dict(zip(FIELDS, note_for(q, "注意力", "attention", SITE_URL, "zh").fields))["Question"] == "什么是 GQA？"


PAGE = """<html><head><link rel="stylesheet" href="../assets/main.css"></head><body>
<article class="md-content__inner md-typeset"><h1 id="{h1}">{title}</h1><script>x()</script>
<h2 id="{q}">Q<a class="headerlink" href="#{q}">¶</a></h2><p id="fn:1">note</p>
<p><a href="#fn:1">same page</a> <a href="../other/#b">other page</a> <a href="../tags/#tag-x">not in book</a>
<a href="https://arxiv.org/abs/1">paper</a><img src="../assets/diagrams/d.svg"></p>
<details class="question"><summary>More</summary><p>hidden</p></details></article></body></html>"""


def test_book_keeps_ids_unique_and_turns_links_into_internal_public_or_external_ones():
    book = assemble([("one/", PAGE.format(h1="one", title="One", q="a")),
                     ("other/", PAGE.format(h1="other", title="Other", q="b"))], SITE_URL)
    assert [c.title for c in book.chapters] == ["One", "Other"]
    assert book.stylesheets == ["/assets/main.css"]
    first, second = book.chapters[0].html, book.chapters[1].html
    assert 'id="fn:1"' in first and 'id="other--fn:1"' in second          # the repeat got its page prefix
    assert '<a href="#other--fn:1">same page</a>' in second                # and links follow it
    assert '<a href="#b">other page</a>' in first
    assert f'<a href="{SITE_URL}tags/#tag-x">not in book</a>' in first   # the rest of the site: public URL
    assert '<a href="https://arxiv.org/abs/1">paper</a>' in first
    assert 'src="/assets/diagrams/d.svg"' in first and "<script" not in first and "headerlink" not in first
    assert "<details class=\"question\" open=\"\">" in first
    assert link_target("one/", "../other/", book, SITE_URL) == "#" + book.chapters[1].anchor
    toc = contents(book, [("Part", "one/", [("a", "Q a")]), ("Part", "other/", [("b", "Q b"), ("gone", "Gone")])])
    assert toc == [{"title": "Part", "entries": [
        {"anchor": "page-one", "title": "One", "questions": [{"anchor": "a", "title": "Q a"}]},
        {"anchor": "page-other", "title": "Other", "questions": [{"anchor": "b", "title": "Q b"}]}]}]


# --- The real deck and PDFs -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def questions(published_site):
    return json.loads((published_site / "qa-index.json").read_text(encoding="utf-8"))


def test_anki_deck_has_one_note_per_question_with_stable_guids_and_fields(published_site, questions):
    deck = published_site / site_paths("en")["deck"]
    with zipfile.ZipFile(deck) as archive:
        assert "collection.anki2" in archive.namelist()
        collection = published_site.parent / "collection.anki2"
        collection.write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(collection)
    try:
        rows = db.execute("SELECT guid, flds, tags FROM notes").fetchall()
        cards = db.execute("SELECT count(*) FROM cards").fetchone()[0]
    finally:
        db.close()
    assert len(rows) == len(questions) == cards > 250
    assert {guid for guid, _, _ in rows} == {note_guid(q["id"], "en") for q in questions}
    by_id = {flds.split("\x1f")[0]: (flds.split("\x1f"), tags) for _, flds, tags in rows}
    fields, tags = by_id["kv-cache"]
    kv = next(q for q in questions if q["id"] == "kv-cache")
    assert fields[1] == kv["title"] and fields[2].startswith("什么是 KV Cache")
    assert len(fields[3]) > 100 and fields[4] == f"{SITE_URL}q/kv-cache/"
    assert "topic::attention" in tags.split() and "difficulty::" in tags


@pytest.fixture(scope="module")
def book(published_site):
    return PdfReader(published_site / site_paths("en")["book"])


def outline_pages(reader, items=None) -> list[tuple[str, int]]:
    """Every bookmark, depth first, with the page (0-based) it opens."""
    out = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out.extend(outline_pages(reader, item))
        else:
            out.append((item.title, reader.get_destination_page_number(item)))
    return out


def squeeze(text: str) -> str:
    """Text without whitespace: Chromium drops the space where a bookmarked heading wrapped."""
    return "".join(text.split())




def text_near(reader, page: int, count: int = 2) -> str:
    return " ".join(" ".join(reader.pages[i].extract_text().split()) for i in range(page, min(page + count, len(reader.pages))))


def test_site_pdf_has_a_cover_and_every_question_in_nav_order_in_its_outline(book, questions):
    assert len(questions) <= len(book.pages) <= 3 * len(questions)
    cover = text_near(book, 0, 1)
    assert "LLM Interview Q&A" in cover and f"{len(questions)} questions" in cover
    marks = outline_pages(book)
    titles = [title for title, _ in marks]
    assert titles[0] == "Contents" and "Attention variants" in titles and titles[-1] != "Glossary" and "Glossary" in titles
    pages = {squeeze(title): page for title, page in marks}
    in_order = [pages[squeeze(q["title"])] for q in questions]   # every question is a bookmark
    assert in_order == sorted(in_order) and in_order[0] > pages["Contents"]
    for q in (questions[0], questions[len(questions) // 2], questions[-1]):
        assert squeeze(q["title"]) in squeeze(text_near(book, pages[squeeze(q["title"])]))


def test_site_pdf_contents_links_jump_inside_the_document(book):
    internal = [a.get_object() for a in book.pages[1].get("/Annots") or []
                if a.get_object().get("/Subtype") == "/Link" and "/URI" not in (a.get_object().get("/A") or {})]
    assert len(internal) > 20
    assert all("/Dest" in a or (a.get("/A") or {}).get("/S") == "/GoTo" for a in internal)


def test_site_pdf_has_short_answers_and_diagrams(book, questions):
    pages = {squeeze(title): page for title, page in outline_pages(book)}
    gqa = next(q for q in questions if q["id"] == "mqa-vs-gqa")
    text = text_near(book, pages[squeeze(gqa["title"])], 3)
    assert "Short answer" in text
    assert "Multi-head (MHA)" in text          # text inside docs/assets/diagrams/attention-mha-gqa-mqa.svg


def test_cheat_sheet_pdf_has_the_short_answers(published_site, questions):
    reader = PdfReader(published_site / site_paths("en")["cheatsheet"])
    assert 20 <= len(reader.pages) <= 120
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Cheat sheet" in text and " ".join(questions[0]["title"].split()) in text
    assert "Random question" not in text and "Copy link" not in text    # no buttons on paper
