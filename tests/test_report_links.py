""""Report an error" links: prefilled GitHub issues, absent (not broken) without a GitHub repo_url."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from llmqa.report import issue_url
from test_fixture_sites import HOME, question

REPO = "https://github.com/llm-interview-qa/llm-interview-qa.github.io"
TOPIC = "# Attention\n\n" + question("gqa", 'What is "GQA" & why?', zh="什么是分组查询注意力？")


def test_issue_url_carries_id_title_and_url():
    url = issue_url(REPO + "/", "gqa", "What is GQA?", "https://x.io/attention/#gqa")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/llm-interview-qa/llm-interview-qa.github.io/issues/new")
    query = parse_qs(parts.query)
    assert query["title"] == ['Error in "What is GQA?" (gqa)']
    body = query["body"][0]
    assert "Question: What is GQA?\nId: gqa\nURL: https://x.io/attention/#gqa\n" in body


def test_issue_url_only_for_github_repositories():
    assert issue_url(REPO + ".git", "a", "A", "u").startswith(REPO + "/issues/new?")
    for repo in (None, "", "https://gitlab.com/a/b", "https://github.com/just-an-owner", "git@github.com:a/b.git"):
        assert issue_url(repo, "a", "A", "u") is None, repo


def report_link(page: str) -> str | None:
    m = re.search(r'<a class="qa-report" href="([^"]*)"', page)
    return html.unescape(m.group(1)) if m else None


def test_each_question_links_to_a_prefilled_issue(build_site):
    b = build_site({"index.md": HOME, "attention.md": TOPIC})
    assert b.warnings == []
    page = b.html("attention/index.html")
    link = report_link(page)
    assert link and link.startswith(REPO + "/issues/new?")
    body = parse_qs(urlsplit(link).query)["body"][0]
    assert 'Question: What is "GQA" & why?\nId: gqa\nURL: https://llm-interview-qa.github.io/attention/#gqa' in body
    assert '>Report an error</a>' in page
    assert 'class="md-source"' in page and 'data-md-component="source"' not in page  # no api.github.com fetch


def test_without_repo_url_there_is_no_report_link_and_no_source_widget(build_site):
    b = build_site({"index.md": HOME, "attention.md": TOPIC}, extra={"repo_url": None, "edit_uri": None})
    assert b.warnings == []
    page = b.html("attention/index.html")
    assert report_link(page) is None and "Report an error" not in page and "md-source" not in page
    assert 'data-qa-share="../q/gqa/"' in page  # the rest of the row is still there
