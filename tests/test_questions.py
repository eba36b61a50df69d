"""Unit tests of the question parser and its validators (llmqa.questions)."""
from __future__ import annotations

import textwrap

from llmqa.questions import duplicate_problems, is_topic_page, parse_attrs, parse_page, plain_text

TAGS = frozenset({"attention", "kv-cache"})


def page(body: str) -> str:
    return textwrap.dedent(body).lstrip()


GOOD = page('''
    ---
    description: A page.
    ---

    # Attention

    Intro.

    ## What is GQA? { #mqa-vs-gqa data-zh="什么是 GQA？" data-difficulty="medium" data-tags="attention kv-cache" }

    !!! tldr "Short answer"
        Heads share **keys** and values. See [[kv-cache]].

    Body with [[kv-cache|the cache]] and `[[not-a-ref]]`.

    ```python
    ## not a heading
    x = "[[also-not-a-ref]]"
    ```

    ??? question "Follow-up questions"
        - [[kv-cache]]
        - [[rope]]

    ## Second { #second data-zh="第二" data-difficulty="easy" }

    !!! tldr "Short answer"
        Short.
''')


def test_parses_question_fields_and_line_numbers():
    """Id, title, line (counting front matter), metadata and plain-text short answer are read."""
    parsed = parse_page("attention.md", GOOD, TAGS)
    assert parsed.problems == []
    assert parsed.title == "Attention"
    q, second = parsed.questions
    assert (q.id, q.title, q.line) == ("mqa-vs-gqa", "What is GQA?", 9)
    assert q.zh == "什么是 GQA？" and q.difficulty == "medium" and q.tags == ("attention", "kv-cache")
    assert q.short_answer == "Heads share keys and values. See kv-cache."
    assert second.line == 25 and second.tags == ()


def test_refs_skip_code_and_followups_are_collected():
    """Cross-references inside code spans and fences are examples, not links."""
    q = parse_page("attention.md", GOOD, TAGS).questions[0]
    assert [ref for ref, _ in q.refs] == ["kv-cache", "kv-cache", "kv-cache", "rope"]
    assert q.followups == ["kv-cache", "rope"]
    assert (("kv-cache", 14) in q.refs)


def messages(text: str) -> list[str]:
    return [str(p) for p in parse_page("t.md", page(text), TAGS).problems]


def test_missing_id():
    """An H2 without { #id } is reported with its file, line and text."""
    assert messages('''
        # T

        ## What is attention?

        !!! tldr "Short answer"
            x
    ''') == ["t.md:3: question '## What is attention?' has no explicit { #id }",
             "t.md:3: question 'What is attention?' has no data-difficulty; use easy, medium or hard",
             "t.md:3: question 'What is attention?' has no data-zh (its Chinese wording)"]


def test_bad_id_difficulty_and_tag():
    """Non-kebab ids, unknown difficulties and unknown tags are each named."""
    assert messages('''
        ## Q { #KV_Cache data-zh="问" data-difficulty="extreme" data-tags="attention nope" }

        !!! tldr "Short answer"
            x
    ''') == ["t.md:1: question id 'KV_Cache' is not lowercase kebab-case ASCII (like 'kv-cache')",
             "t.md:1: question 'KV_Cache' has data-difficulty=\"extreme\"; use easy, medium or hard",
             "t.md:1: question 'KV_Cache' has unknown tag 'nope' (allowed tags are listed in docs/tags.yml)"]


def test_short_answer_missing_twice_or_late():
    """Exactly one Short answer block, directly under the heading."""
    head = '## Q { #q data-zh="问" data-difficulty="easy" }\n\n'
    block = '!!! tldr "Short answer"\n    x\n\n'
    assert messages(head + "Text.\n") == ['t.md:1: question \'q\' has no !!! tldr "Short answer" block under its heading']
    assert messages(head + block + block) == ["t.md:1: question 'q' has 2 Short answer blocks (lines 3, 6); keep one"]
    assert messages(head + "Text first.\n\n" + block) == ["t.md:5: question 'q': the Short answer block must come directly under the heading"]


def test_h3_inside_answer_is_rejected():
    """H3+ headings would flood the TOC and search."""
    assert messages('''
        ## Q { #q data-zh="问" data-difficulty="easy" }

        !!! tldr "Short answer"
            x

        ### Common mistakes
    ''') == ["t.md:6: heading '### Common mistakes' inside question 'q': answers use admonitions or **bold labels**, not H3+ headings"]


def test_duplicates_name_both_places():
    """A duplicate id names the first place it was used."""
    a = parse_page("a.md", '## A { #same data-zh="问" data-difficulty="easy" }\n\n!!! tldr "Short answer"\n    x\n', TAGS)
    b = parse_page("b.md", '# B\n\n## B { #same data-zh="问" data-difficulty="easy" }\n\n!!! tldr "Short answer"\n    x\n', TAGS)
    assert [str(p) for p in duplicate_problems(a.questions + b.questions)] == [
        "b.md:3: duplicate question id 'same' (first used at a.md:1)"]


def test_attrs_and_plain_text():
    """attr_list bodies and Markdown-to-text conversion."""
    assert parse_attrs('#x .a .b data-zh="中 文" k=v') == {"id": "x", "class": "a b", "data-zh": "中 文", "k": "v"}
    assert plain_text("**Bold** [link](u) `code` <b>x</b> [[id|text]]") == "Bold link code x text"


def test_topic_pages_opt_out_with_front_matter():
    """Pages are topic pages unless front matter says topic: false."""
    assert is_topic_page("# T\n")
    assert not is_topic_page("---\ntopic: false\n---\n# Home\n")
    assert is_topic_page("---\ndescription: x\n---\n# T\n")


def test_merge_conflict_markers_are_reported_with_their_line():
    """A half-resolved merge renders as text and builds fine otherwise: the parser says so."""
    from llmqa.questions import parse_page
    text = ("# T\n\n## Q? { #q data-zh=\"问\" data-difficulty=\"easy\" data-tags=\"attention\" }\n\n"
            "!!! tldr \"Short answer\"\n    A.\n\n<<<<<<< HEAD\n- a\n=======\n- b\n>>>>>>> branch\n\n```text\n=======\n```\n")
    problems = [str(p) for p in parse_page("t.md", text, frozenset({"attention"})).problems]
    assert problems == ["t.md:8: merge conflict marker '<<<<<<< HEAD': resolve the conflict",
                        "t.md:10: merge conflict marker '=======': resolve the conflict",
                        "t.md:12: merge conflict marker '>>>>>>> branch': resolve the conflict"]
