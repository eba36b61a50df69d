"""Page weight and search latency, measured in Debian's Chromium through Playwright."""
from __future__ import annotations

import os
import statistics
from urllib.parse import urlsplit

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# 30 queries a reader types: English terms and Chinese words (some from the middle of questions).
QUERIES = ["GQA", "KV cache", "RoPE", "LoRA", "QLoRA", "flash attention", "RMSNorm", "SwiGLU", "BPE tokenizer",
           "DPO", "PPO", "GRPO", "reward model", "RAG chunking", "reranker", "HNSW", "ZeRO", "tensor parallel",
           "speculative decoding", "quantization",
           "旋转位置编码", "灾难性遗忘", "注意力", "奖励模型", "幻觉", "流水线并行", "指令微调", "长度外推", "向量库", "显存"]


def launch(playwright):
    return playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS)


def page_weight(browser, url: str, javascript: bool = True) -> dict:
    """Bytes on the wire (compressed bodies + headers) and requests for one cold load."""
    ctx = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    total = index = 0
    hosts = set()
    for request in responses:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        hosts.add(urlsplit(request.url).hostname)
        if "/pagefind/" in request.url or "/assets/javascripts/search/" in request.url:
            index += size
    ctx.close()
    return {"bytes": total, "bytes_without_search_index": total - index, "requests": len(responses), "hosts": sorted(hosts)}


READY_JS = """async (query) => {
  // Open the dialog with its key, type the query at once, wait for the first result: the cold
  // path (dialog.js, pagefind.js, its WebAssembly and the index chunks load on first open).
  const start = performance.timeOrigin + performance.now();
  document.body.dispatchEvent(new KeyboardEvent("keydown", {key: "s", bubbles: true}));
  const input = document.getElementById("qa-search-input");
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  while (!document.querySelector("#qa-search-results [role=option]"))
    await new Promise(r => setTimeout(r, 10));
  return performance.timeOrigin + performance.now() - start;
}"""

QUERY_JS = """async (query) => {
  // Last keystroke to rendered results, including the dialog's 120 ms debounce.
  const input = document.getElementById("qa-search-input");
  const root = document.querySelector("[data-qa-search]");
  const list = document.getElementById("qa-search-results");
  input.value = "";
  input.dispatchEvent(new Event("input", {bubbles: true}));
  while (root.dataset.qaSearchState !== "empty") await new Promise(r => setTimeout(r, 5));
  const t0 = performance.now();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  while (!(root.dataset.qaSearchState === "results" && list.children.length) && root.dataset.qaSearchState !== "none") {
    await new Promise(r => requestAnimationFrame(r));
    if (performance.now() - t0 > 5000) return -1;
  }
  if (root.dataset.qaSearchState === "none") return -1;
  await new Promise(r => requestAnimationFrame(r));
  return performance.now() - t0;
}"""


def search_latency(browser, base_url: str, runs: int = 5) -> dict:
    """Time from navigation start until search answers, and keystroke-to-rendered-results per query."""
    ready = []
    for _ in range(runs):
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        page.goto(base_url + "attention/", wait_until="load")
        page.evaluate(READY_JS, "attention")
        nav_to_ready = page.evaluate("performance.now()")  # ms since navigation start
        load_end = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        ready.append({"after_load_ms": nav_to_ready - load_end, "since_navigation_ms": nav_to_ready})
        ctx.close()
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(base_url + "attention/", wait_until="load")
    page.evaluate(READY_JS, "attention")
    latencies = [page.evaluate(QUERY_JS, q) for q in QUERIES]
    ctx.close()
    ok = sorted(x for x in latencies if x >= 0)
    return {
        "ready_ms": [r["after_load_ms"] for r in ready],
        "ready_since_navigation_ms": [r["since_navigation_ms"] for r in ready],
        "query_ms": ok,
        "failed_queries": [q for q, x in zip(QUERIES, latencies) if x < 0],
        "median_ms": statistics.median(ok) if ok else None,
        "p95_ms": ok[min(len(ok) - 1, int(round(0.95 * (len(ok) - 1))))] if ok else None,
    }


def first_search_bytes(browser, base_url: str, site_dir) -> dict:
    """Gzipped bytes of everything a first search fetches, on a topic page after it has loaded."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(base_url + "attention/", wait_until="networkidle")
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.evaluate(READY_JS, "KV cache")
    page.wait_for_load_state("networkidle")
    total = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in finished)
    ctx.close()
    return {"bytes": total, "requests": len(finished)}
