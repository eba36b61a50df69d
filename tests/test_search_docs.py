"""Search documents: Chinese word splitting, what each document holds, the Pagefind writer, and
fixture sites whose index is read back (tests/searchindex.py)."""
from __future__ import annotations

import json

import pytest
import yaml

from llmqa.glossary import Entry
from llmqa.pagefind_index import IndexJob, PagefindError, write_index
from llmqa.questions import PageParse, Question
from llmqa.searchdocs import WEIGHTS, answer_body, question_docs, term_docs, topic_docs
from llmqa.segment import spaced_words
from searchindex import search_documents
from sitecrawl import ROOT
from test_fixture_sites import GLOSSARY, HOME, TOPIC


def test_chinese_runs_become_character_pairs_english_untouched():
    assert spaced_words("分组查询注意力") == "分组 组查 查询 询注 注意 意力"
    assert spaced_words("LoRA 的秩") == "LoRA 的秩"
    assert spaced_words("秩") == "秩"
    assert spaced_words("KV cache, top-k") == "KV cache, top-k"
    assert spaced_words("什么是LoRA？注意注意") == "什么 么是 LoRA？ 注意 意注"


def test_answer_body_keeps_prose_only():
    q = Question("q", "T", "t.md", 1, prose=(
        '!!! tldr "Short answer"\n    Short.\nThe $W_q$ matrix and $$\\sum_i x_i$$ here.\n'
        "| a | b |\n|---|---|\n| one | two |\n<!-- note -->\nSee [[kv-cache]] and [[mqa|the MQA answer]].\n"
        '??? question "Follow-up questions"\n    - [[x]]'))
    body = answer_body(q)
    assert body == "Short. The matrix and here. a b one two See and the MQA answer. -"
    assert "Short answer" not in body and "W_q" not in body and "kv-cache" not in body and "---" not in body


def _registry():
    page = PageParse("attention.md", "Attention", [], [])
    gqa = Question("gqa", "What is GQA?", "attention.md", 3, short_answer="Shared key/value heads.", difficulty="medium",
                   tags=("attention",), zh="什么是分组查询注意力？", prose="Grouped keys.")
    page.questions.append(gqa)
    glossary = [Entry("grouped-query attention", ["分组查询注意力"], "Query heads share K/V.", aliases=["GQA"], see=["gqa"]),
                Entry("KV cache", ["KV 缓存"], "Stored keys.", aliases=[], see=[])]
    return {"gqa": gqa}, {"attention.md": page}, glossary


def test_question_document_holds_what_readers_type_weighted_by_certainty():
    questions, pages, glossary = _registry()
    [doc] = question_docs(questions, pages, glossary, {"gqa": {"term-kv-cache", "term-grouped-query-attention"}},
                          {"attention.md": "attention/"}, {"attention": "Attention"})
    assert (doc.kind, doc.key, doc.href, doc.title, doc.zh, doc.topic, doc.difficulty, doc.snippet) == (
        "question", "gqa", "attention/#gqa", "What is GQA?", "什么是分组查询注意力？", "Attention", "medium",
        "Shared key/value heads.")
    fields = [(f.text, f.weight) for f in doc.fields]
    assert fields == [("What is GQA?", WEIGHTS["title"]),
                      (spaced_words("什么是分组查询注意力？"), WEIGHTS["zh"]),
                      ("grouped-query attention GQA " + spaced_words("分组查询注意力"), WEIGHTS["explains"]),
                      ("Shared key/value heads.", WEIGHTS["short_answer"]),
                      ("KV cache KV 缓存", WEIGHTS["mentions"]),  # explained terms are not repeated as mentions
                      ("Attention", WEIGHTS["tags"]),
                      ("Grouped keys.", WEIGHTS["body"])]
    assert WEIGHTS["title"] > WEIGHTS["explains"] > WEIGHTS["short_answer"] > WEIGHTS["body"]
    [bodiless] = question_docs(questions, pages, glossary, {}, {"attention.md": "attention/"}, {}, with_body=False)
    assert "Grouped keys." not in [f.text for f in bodiless.fields]


def test_term_and_topic_documents():
    questions, pages, glossary = _registry()
    term = term_docs(glossary, "glossary/")[0]
    assert (term.kind, term.href, term.title, term.zh, term.snippet) == (
        "term", "glossary/#term-grouped-query-attention", "grouped-query attention", "分组查询注意力", "Query heads share K/V.")
    [topic] = topic_docs(pages, {"attention.md": "attention/"})
    assert (topic.kind, topic.href, topic.title, topic.snippet) == ("topic", "attention/", "Attention", "1 questions: What is GQA?")


def test_write_index_reports_what_it_wrote(tmp_path):
    docs = [("question/a", '<html lang="en"><body><p data-pagefind-meta="title">Alpha</p></body></html>'),
            ("question/b", '<html lang="en"><body><p>Beta</p></body></html>')]
    report = IndexJob(docs, str(tmp_path / "pagefind"), "en").result()
    assert report.documents == 2 and report.files > 2 and report.bytes > 0
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2
    assert set(search_documents(tmp_path)) == {"question/a", "question/b"}
    assert (tmp_path / "pagefind" / "pagefind.js").exists() and not (tmp_path / "pagefind" / "pagefind-ui.js").exists()


def test_write_index_fails_with_a_message_not_a_hang(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PagefindError, match=r"cannot write the search index to .*/file/out: Not a directory"):
        write_index([], str(blocker / "out"), "en")
    with pytest.raises(PagefindError, match="cannot write the search index"):
        IndexJob([], str(blocker / "out"), "en").result()


def test_a_failing_pagefind_stops_the_build_with_its_own_words(tmp_path, monkeypatch):
    """The binary's message and exit status reach the build's error; no half-written bundle passes."""
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: could not read the site' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    docs = [("question/a", '<html lang="en"><body><p>Alpha</p></body></html>')]
    with pytest.raises(PagefindError, match=r"Pagefind failed to write the search index to .*/out: Error: could not read the site"):
        write_index(docs, str(tmp_path / "out"), "en")
    fake.write_text("#!/bin/sh\nexit 0\n")  # "succeeds" without writing anything
    with pytest.raises(PagefindError, match="Pagefind indexed 0 of 1 search documents"):
        write_index(docs, str(tmp_path / "out2"), "en")


def test_an_authors_pagefind_config_cannot_change_the_index(tmp_path, monkeypatch):
    """Pagefind reads pagefind.yml from its working folder and PAGEFIND_* variables: neither may
    reach the build's index (the binary runs in a scratch folder with those variables removed)."""
    (tmp_path / "pagefind.yml").write_text("exclude_selectors: ['p']\nforce_language: fr\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PAGEFIND_FORCE_LANGUAGE", "fr")
    out = tmp_path / "site" / "pagefind"
    report = write_index([("question/a", '<html lang="en"><body><p>Alpha beta</p></body></html>')], str(out), "en")
    assert report.documents == 1
    assert list(json.loads((out / "pagefind-entry.json").read_text())["languages"]) == ["en"]
    assert "alpha beta" in search_documents(tmp_path / "site")["question/a"]["content"].lower()  # <p> was not excluded


def test_fixture_index_has_one_document_per_question_term_and_topic(build_site):
    b = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary=GLOSSARY)
    assert b.warnings == [] and not b.aborted
    assert not (b.site / "search" / "search_index.json").exists()  # Material's lunr index is gone
    docs = search_documents(b.site)
    assert set(docs) == {"question/gqa", "question/lora", "term/term-attention", "term/term-grouped-query-attention",
                         "term/term-lora", "topic/attention.md"}
    gqa = docs["question/gqa"]
    assert gqa["meta"] == {"title": "What is GQA?", "kind": "question", "key": "gqa", "href": "attention/#gqa",
                           "zh": "什么是分组查询注意力？", "topic": "Attention", "difficulty": "medium",
                           "snippet": "Short answer of gqa."}
    content = gqa["content"]
    assert "分组 组查 查询" in content and "grouped-query attention GQA" in content  # Chinese words; explained terms
    assert "Follow-up" not in content and "a_i" not in content and "Referenced by" not in content
    assert "fenced_code_token" not in docs["question/lora"]["content"]
    assert docs["term/term-lora"]["meta"]["snippet"] == "Trains a low-rank update B·A next to a frozen weight matrix."
    assert docs["topic/attention.md"]["meta"]["href"] == "attention/"


def test_index_language_follows_the_theme_language(build_site):
    """The language is a parameter (issue #16 builds /zh/ with its own index)."""
    theme = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]
    theme.update(language="zh", custom_dir=str(ROOT / "overrides"))
    b = build_site({"index.md": HOME, "attention.md": TOPIC}, glossary=GLOSSARY, extra={"theme": theme})
    entry = json.loads((b.site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["zh"]


def test_real_site_indexes_every_question_once_and_ships_no_lunr_index(real_site):
    result, site = real_site
    assert result.returncode == 0, result.stdout + result.stderr
    docs = search_documents(site)
    questions = {item["id"] for item in json.loads((site / "qa-index.json").read_text(encoding="utf-8"))}
    assert sorted(k.split("/", 1)[1] for k in docs if k.startswith("question/")) == sorted(questions)
    assert all(doc["meta"]["href"].endswith("#" + doc["meta"]["key"]) for k, doc in docs.items() if k.startswith("question/"))
    assert any(k.startswith("term/") for k in docs) and any(k.startswith("topic/") for k in docs)
    assert not (site / "search").exists()  # Material's lunr index (its worker is never started: browser tests)


def test_empty_files_in_a_written_bundle_are_found(tmp_path):
    """A 0-byte wasm file breaks search in the browser: write_index retries, then fails the build."""
    from llmqa.pagefind_index import empty_files
    (tmp_path / "fragment").mkdir()
    (tmp_path / "pagefind.js").write_text("x")
    (tmp_path / "wasm.unknown.pagefind").write_bytes(b"")
    (tmp_path / "fragment" / "a.pf_fragment").write_bytes(b"")
    assert empty_files(str(tmp_path)) == ["fragment/a.pf_fragment", "wasm.unknown.pagefind"]
