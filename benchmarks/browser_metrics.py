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
        if request.url.endswith("search_index.json"):
            index += size
    ctx.close()
    return {"bytes": total, "bytes_without_search_index": total - index, "requests": len(responses), "hosts": sorted(hosts)}


READY_JS = """async (query) => {
  const start = performance.timeOrigin + performance.now();
  const input = document.querySelector("input.md-search__input");
  const meta = () => (document.querySelector(".md-search-result__meta") || {}).textContent || "";
  document.querySelector("label.md-header__button[for=__search]")?.click();
  input.focus();
  while (true) {
    input.value = query;
    input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
    await new Promise(r => setTimeout(r, 10));
    if (document.querySelectorAll(".md-search-result__item").length) break;
  }
  return performance.timeOrigin + performance.now() - start;
}"""

QUERY_JS = """async (query) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  input.value = "";
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "Backspace", bubbles: true}));
  await new Promise(r => setTimeout(r, 50));
  const before = list.innerHTML;
  const t0 = performance.now();
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
  while (list.innerHTML === before || !list.children.length) {
    await new Promise(r => requestAnimationFrame(r));
    if (performance.now() - t0 > 5000) return -1;
  }
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
