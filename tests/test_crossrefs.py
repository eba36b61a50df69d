"""Unit tests of [[id]] rewriting, related-question ranking and backlinks."""
from __future__ import annotations

from llmqa.crossrefs import Target, link_path, rewrite
from llmqa.questions import Question
from llmqa.related import RelatedIndex, backlinks

TARGETS = {"kv-cache": Target("What is the [KV] cache?", "inference.md"),
           "rope": Target("What is RoPE?", "sub/positional.md")}


def test_rewrites_to_relative_links_with_titles():
    """Titles become link text (brackets escaped); custom text wins; same-page links are anchors."""
    md, problems = rewrite("See [[kv-cache]] and [[rope|rotary]].", "sub/page.md", TARGETS)
    assert md == r"See [What is the \[KV\] cache?](../inference.md#kv-cache) and [rotary](positional.md#rope)."
    assert problems == []
    assert rewrite("[[kv-cache]]", "inference.md", TARGETS)[0] == r"[What is the \[KV\] cache?](#kv-cache)"


def test_code_is_left_alone_and_unknown_ids_are_reported():
    """Inline code and fences keep [[...]]; unknown ids name file and line (plus front matter)."""
    md = "`[[rope]]` [[nope]]\n```\n[[rope]]\n```\n[[rope]]"
    out, problems = rewrite(md, "a.md", TARGETS, line_offset=3)
    assert out.splitlines() == ["`[[rope]]` [[nope]]", "```", "[[rope]]", "```", "[What is RoPE?](sub/positional.md#rope)"]
    assert [str(p) for p in problems] == ["a.md:4: unknown question id 'nope' in [[nope]]"]


def test_link_path():
    assert link_path("a.md", "a.md", "x") == "#x"
    assert link_path("a/b.md", "c.md", "x") == "../c.md#x"


def q(qid, tags=(), followups=(), refs=()):
    return Question(id=qid, title=qid, src_uri="p.md", line=1, tags=tuple(tags), followups=list(followups),
                    refs=[(r, 1) for r in refs])


def test_related_ranks_followups_then_tags_then_terms():
    """Follow-ups keep their order first; then shared tags; then shared (rare) terms."""
    questions = [q("a", tags=["x"], followups=["d", "c"]), q("b", tags=["x"]), q("c"), q("d"), q("e"), q("f")]
    terms = {"a": {"t1"}, "e": {"t1"}, "f": set()}
    index = RelatedIndex(questions, terms)
    assert index.related(questions[0]) == ["d", "c", "b", "e"]
    assert index.related(questions[5]) == []


def test_backlinks_skip_self_and_duplicates():
    qs = [q("a", refs=["b", "b", "a"]), q("c", refs=["b"])]
    assert backlinks(qs) == {"b": ["a", "c"]}
