#!/usr/bin/env python3
"""Search quality: recall@5 and MRR of the site's search over benchmarks/search_queries.yml.

Runs in Debian's Chromium against a built site on a local gzip server. ``new`` calls the search
dialog's own code (assets/javascripts/search/dialog.js, createSearcher: the same segmentation,
stop words and OR-merge a reader gets); ``old`` types into Material's lunr search, as on the
site before issue #15, and reads its result links in order. A query's rank is the position of
the first result that is one of its question ids; queries whose ids are all missing from the
built site are "pending" (questions being written) and left out of the scores.
Usage: python benchmarks/search_quality.py SITE_DIR [--engine new|old] [--show-misses]
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from browser_metrics import launch  # noqa: E402
from gzip_server import serve  # noqa: E402

QUERIES = HERE / "search_queries.yml"
CUTOFF = 5

NEW_JS = """async ([query, root]) => {
  const dialog = await import(new URL("assets/javascripts/search/dialog.js", root).href);
  window.__qaSearcher = window.__qaSearcher || dialog.createSearcher(root);
  const t0 = performance.now();
  const { items } = await window.__qaSearcher.search(query);
  return { ms: performance.now() - t0,
           results: items.map((i) => (i.meta.kind === "question" ? i.meta.key : i.meta.kind + ":" + i.meta.key)) };
}"""

OLD_JS = """async (query) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  input.value = "";
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "Backspace", bubbles: true}));
  await new Promise(r => setTimeout(r, 30));
  const t0 = performance.now();
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
  // lunr answers synchronously in its worker; wait until the list (or "no results") settles
  let last = null, stable = 0;
  while (stable < 3 && performance.now() - t0 < 5000) {
    await new Promise(r => setTimeout(r, 30));
    const now = list.innerHTML + meta.textContent;
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  const hrefs = [];
  for (const a of list.querySelectorAll("a.md-search-result__link")) {
    const url = new URL(a.getAttribute("href"), location.href);
    // rank among question anchors only (page-level links are not counted against lunr)
    if (url.hash && !hrefs.includes(url.hash.slice(1))) hrefs.push(url.hash.slice(1));
  }
  return { ms: performance.now() - t0, results: hrefs };
}"""


def load_queries(path: Path = QUERIES) -> dict[str, list[dict]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {lang: [{"q": str(item["q"]), "ids": list(item["ids"])} for item in items] for lang, items in data.items()}


def site_question_ids(site: Path) -> set[str]:
    return {item["id"] for item in json.loads((site / "qa-index.json").read_text(encoding="utf-8"))}


def rank_of(results: list[str], wanted: list[str]) -> int | None:
    """1-based position of the first result that answers the query, or None."""
    for position, key in enumerate(results, 1):
        if key in wanted:
            return position
    return None


def score(rows: list[dict]) -> dict:
    """recall@5 and MRR (reciprocal rank, 0 beyond the tenth result) over scored rows."""
    ranked = [r["rank"] for r in rows]
    n = len(ranked)
    return {"queries": n,
            "recall@5": sum(1 for r in ranked if r is not None and r <= CUTOFF) / n if n else 0.0,
            "mrr": sum(1 / r for r in ranked if r is not None and r <= 10) / n if n else 0.0}


def run(site: Path, engine: str, queries: dict[str, list[dict]] | None = None) -> dict:
    """Every query through one engine; returns per-language scores, the rows and latencies."""
    from playwright.sync_api import sync_playwright

    queries = queries or load_queries()
    present = site_question_ids(site)
    base, server = serve(site)
    rows: dict[str, list[dict]] = {}
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base, wait_until="networkidle")
            if engine == "old":
                page.keyboard.press("s")
                page.locator("input.md-search__input").fill("warm up")
                page.wait_for_timeout(1500)
            for lang, items in queries.items():
                rows[lang] = []
                for item in items:
                    targets = [i for i in item["ids"] if i in present]
                    if not targets:
                        rows[lang].append({**item, "rank": None, "pending": True, "results": [], "ms": 0.0})
                        continue
                    out = page.evaluate(NEW_JS, [item["q"], base]) if engine == "new" else page.evaluate(OLD_JS, item["q"])
                    rows[lang].append({**item, "rank": rank_of(out["results"], targets), "pending": False,
                                       "results": out["results"][:CUTOFF], "ms": out["ms"]})
            browser.close()
    finally:
        server.shutdown()
    scores = {lang: score([r for r in items if not r["pending"]]) for lang, items in rows.items()}
    timings = [r["ms"] for items in rows.values() for r in items if not r["pending"]]
    pending = {lang: [r["q"] for r in items if r["pending"]] for lang, items in rows.items()}
    return {"engine": engine, "scores": scores, "rows": rows, "pending": pending,
            "median_ms": statistics.median(timings) if timings else 0.0,
            "p95_ms": sorted(timings)[int(0.95 * (len(timings) - 1))] if timings else 0.0}


def report(outcome: dict, show_misses: bool = False) -> str:
    lines = [f"engine: {outcome['engine']}"]
    for lang, s in outcome["scores"].items():
        lines.append(f"  {lang}: recall@5 {s['recall@5']:.3f}  MRR {s['mrr']:.3f}  ({s['queries']} queries, "
                     f"{len(outcome['pending'][lang])} pending)")
    lines.append(f"  latency median {outcome['median_ms']:.0f} ms, p95 {outcome['p95_ms']:.0f} ms")
    if show_misses:
        for lang, items in outcome["rows"].items():
            for r in items:
                if not r["pending"] and (r["rank"] is None or r["rank"] > CUTOFF):
                    lines.append(f"  MISS [{lang}] {r['q']!r} -> {r['ids']} got {r['results']}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--engine", choices=["new", "old"], default="new")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    start = time.monotonic()
    print(report(run(args.site, args.engine), args.show_misses))
    print(f"  ({time.monotonic() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
