"""In Chromium: the repository link without GitHub's API, report links, the downloads page, print."""
from __future__ import annotations

import pytest

from sitecrawl import third_party

pytestmark = pytest.mark.browser
REPO = "https://github.com/llm-interview-qa/llm-interview-qa.github.io"


def test_header_links_the_repository_without_fetching_from_github(page, base_url, context):
    page.goto(base_url + "attention/")
    page.wait_for_load_state("networkidle")
    source = page.locator(".md-header a.md-source")
    assert source.is_visible() and source.get_attribute("href") == REPO
    assert page.locator("[data-md-component=source]").count() == 0
    assert page.locator(".md-source__facts").count() == 0
    assert third_party(context.requests) == []


def test_report_an_error_opens_a_prefilled_issue(page, base_url):
    page.goto(base_url + "attention/")
    link = page.locator("#kv-cache ~ .qa-meta .qa-report").first
    assert link.is_visible() and link.inner_text() == "Report an error"
    href = link.get_attribute("href")
    assert href.startswith(REPO + "/issues/new?title=") and "kv-cache" in href
    page.emulate_media(media="print")
    assert link.is_hidden()


def test_offline_page_is_in_practice_and_lists_the_downloads(page, base_url):
    page.goto(base_url + "offline/")
    assert page.locator(".md-nav__link--active", has_text="PDF and Anki deck").count() >= 1
    hrefs = [a.get_attribute("href") for a in page.locator(".qa-downloads a").all()]
    names = ["llm-interview-qa-en.apkg", "llm-interview-qa-en.pdf", "llm-interview-qa-cheatsheet-en.pdf"]
    assert [h.replace(base_url, "../") for h in hrefs] == [f"../downloads/{name}" for name in names]
