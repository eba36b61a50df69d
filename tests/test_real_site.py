"""The real site: strict build, share pages, lock, metadata and link integrity."""
from __future__ import annotations

import json
import sys

import pytest
import yaml

from conftest import ROOT
from sitecrawl import pages, read_page, resolve

SHARE_TAGS = ("og:image", "og:image:alt", "og:title", "og:description", "og:url", "og:type", "og:site_name", "twitter:card",
              "twitter:title", "twitter:description", "description", "canonical")


def test_strict_build_has_zero_warnings(real_site):
    """`mkdocs build --strict` of the real site succeeds and logs no warning at all."""
    result, _ = real_site
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "ERROR" not in output, output
    assert "Prefix dict" not in output and "Loading model" not in output, output  # jieba's chatter


def test_every_question_has_a_complete_share_page(site):
    """Every /q/<id>/ carries every unfurl tag with a non-empty value and redirects to its anchor."""
    index = json.loads((site / "qa-index.json").read_text(encoding="utf-8"))
    assert len(index) > 0
    for item in index:
        info = read_page(site / "q" / item["id"] / "index.html")
        missing = [tag for tag in SHARE_TAGS if not info.meta.get(tag, "").strip()]
        assert not missing, (item["id"], missing)
        assert info.title.strip() and info.meta["og:title"] == item["title"]
        assert info.meta["twitter:card"] == "summary_large_image"
        card = f"q/{item['id']}/card.png"
        assert info.meta["og:image"] == f"https://llm-interview-qa.github.io/{card}", item["id"]
        assert png_size(site / card) == (1200, 630), item["id"]
        assert (info.meta["og:image:width"], info.meta["og:image:height"]) == ("1200", "630")
        assert info.meta["og:image:alt"].startswith(item["title"] + " (")
        assert info.meta["canonical"].endswith(f"/{item['url']}")
        assert info.meta["og:url"].endswith(f"/q/{item['id']}/")


def test_permalink_lock_is_up_to_date():
    """Every id on the site is in permalinks.lock with its current page (run `make lock`)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from update_lock import site_ids
    from llmqa.permalinks import read_lock, unlocked

    locked = read_lock((ROOT / "permalinks.lock").read_text(encoding="utf-8"))
    assert unlocked(locked, site_ids(ROOT / "docs")) == [], "permalinks.lock is stale: run `make lock`"


def test_search_dialog_and_progress_bar_have_accessible_names(site):
    """Material leaves both unnamed; our partial overrides name them (WCAG 4.1.2)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<div class="md-search qa-search" role="dialog" aria-label="Search" data-qa-search="" data-qa-root="./">' in html
    assert 'role="progressbar" aria-label="Loading page"' in html or "md-progress" not in html


def test_every_page_has_lang_and_description(site):
    """Accessibility/SEO basics on every page a reader can land on."""
    for path, info in pages(site).items():
        if path.name == "404.html":
            continue
        assert info.lang, path
        assert info.meta.get("description", "").strip(), path


def test_internal_links_and_anchors_resolve(published_site):
    """Crawl every page: each internal href/src points at a file, each #fragment at an id
    (on the site as published, with the Anki deck and PDFs that `make anki` / `make pdf` add)."""
    site = published_site
    crawled = pages(site)
    broken = []
    for page, info in crawled.items():
        for attr, url in info.links:
            target = resolve(site, page, url)
            if target is None:
                continue
            path, fragment = target
            if not path.exists():
                broken.append(f"{page.relative_to(site)}: {attr}={url} (no file)")
            elif fragment and path.suffix == ".html":
                ids = crawled[path].ids if path in crawled else read_page(path).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {attr}={url} (no #{fragment})")
    assert not broken, "\n".join(broken[:50])


def test_every_written_bank_question_is_on_the_site(site):
    """The bank is the contract: every id in it is on the site, except those still pending.

    ``tests/bank_pending.yml`` lists the ids not written yet (reported at the end of the run); an
    id that is listed there but already on the site fails, so the list only ever shrinks.
    """
    wanted = bank_ids()
    if wanted is None:
        pytest.skip("question bank not present beside the repository")
    have = {item["id"] for item in json.loads((site / "qa-index.json").read_text(encoding="utf-8"))}
    pending = pending_ids()
    assert sorted(pending - wanted) == [], "tests/bank_pending.yml lists ids that are not in the bank"
    assert sorted(pending & have) == [], "written, so delete these from tests/bank_pending.yml"
    assert sorted(wanted - pending - have) == []


def png_size(path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (and proof that the file is a PNG)."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", path
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def bank_ids() -> set[str] | None:
    bank_path = ROOT.parent / "shared" / "question-bank.yml"
    if not bank_path.exists():
        return None
    bank = yaml.safe_load(bank_path.read_text(encoding="utf-8"))
    return {q["id"] for topic in bank["topics"] for q in topic["questions"]}


def pending_ids() -> set[str]:
    path = ROOT / "tests" / "bank_pending.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return {qid for ids in (data or {}).values() for qid in ids}
