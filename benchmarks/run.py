#!/usr/bin/env python3
"""`make bench`: build overhead, scaling, page weight, search latency and Lighthouse.

Writes benchmarks/results.md and prints a summary. Build timings alternate the two configs
(A B A B ...) after a warm-up and quote medians and per-pair ratios, because absolute times on
shared machines drift. Usage: python benchmarks/run.py [--runs N] [--skip-lighthouse] [--quick]
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
sys.path.insert(0, str(HERE))

import browser_metrics  # noqa: E402
import builds  # noqa: E402
import lighthouse  # noqa: E402
import reload  # noqa: E402
import search_quality  # noqa: E402
from generate_site import generate, portable_config, write_nohooks_variant  # noqa: E402
from gzip_server import serve  # noqa: E402

BUDGETS = {
    "hook_overhead": 1.15, "scaling_ratio": 1.3, "full_build_s": 12, "hook_share": 0.30, "topic_page_kb": 250, "search_index_gz_mb": 1.5,
    "search_ready_ms": 1500, "search_median_ms": 300, "first_search_kb": 300, "recall_at_5": 0.95,
    "lighthouse": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
}


def _own(spent: dict[str, float]) -> float:
    """Seconds inside the project's hook events (not MkDocs' work on the pages they generate)."""
    return sum(v for k, v in spent.items() if not k.startswith("generated pages"))


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    return f"{fmt.format(min(values))} / **{fmt.format(statistics.median(values))}** / {fmt.format(max(values))}"


def real_configs() -> tuple[Path, Path]:
    """The real site with hooks, and the same content with the project's hooks switched off."""
    config = portable_config(docs_dir=str(ROOT / "docs"))
    WORK.mkdir(exist_ok=True)
    hooks = WORK / "real-hooks.yml"
    hooks.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return hooks, write_nohooks_variant(hooks, WORK / "real-nohooks.yml")


def question_count() -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    from update_lock import site_ids
    return len(site_ids(ROOT / "docs"))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB"


def versions() -> str:
    from importlib.metadata import version
    chromium = subprocess.run([os.environ.get("CHROMIUM", "/usr/bin/chromium"), "--version"], capture_output=True, text=True).stdout.strip()
    return (f"Python {platform.python_version()}, mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, "
            f"pymdown-extensions {version('pymdown-extensions')}, {chromium}, Lighthouse {lighthouse.LIGHTHOUSE_VERSION}")


def search_only(hooks: Path, args) -> list[str]:
    """Sections 4 and 5 alone, on a fresh strict build (what `--search-only` prints)."""
    site_dir = WORK / "site"
    if site_dir.exists():
        shutil.rmtree(site_dir)
    builds.build_into(hooks, site_dir)
    base, server = serve(site_dir)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = browser_metrics.launch(p)
        latency = browser_metrics.search_latency(browser, base)
        first = browser_metrics.first_search_bytes(browser, base, site_dir)
        browser.close()
    server.shutdown()
    bundle = [f for f in (site_dir / "pagefind").rglob("*") if f.is_file()]
    summary: list[str] = []
    lines = [f"First search: {first['bytes'] / 1000:.0f} KB gzipped in {first['requests']} requests; "
             f"ready after load {statistics.median(latency['ready_ms']):.0f} ms (median of {len(latency['ready_ms'])}); "
             f"keystroke to results median {latency['median_ms']:.0f} ms, p95 {latency['p95_ms']:.0f} ms; "
             f"bundle {sum(f.stat().st_size for f in bundle) / 1e6:.2f} MB in {len(bundle)} files.", ""]
    lines += search_section(site_dir, hooks, args, summary)
    return lines + summary


def search_section(site_dir: Path, hooks: Path, args, summary: list[str]) -> list[str]:
    """recall@5 / MRR of the new search and of Material's lunr search (built from ``--lunr-ref``),
    the answer body's effect, and the build time the search hook adds."""
    queries = search_quality.load_queries()
    engines = {"Pagefind, one document per question (this site)": search_quality.run(site_dir, "new", queries)}
    bodiless = WORK / "site-no-body"
    config = yaml.safe_load(hooks.read_text(encoding="utf-8"))
    config["extra"] = {**(config.get("extra") or {}), "qa_search": {"answer_body": False}}
    (WORK / "real-no-body.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    builds.build_into(WORK / "real-no-body.yml", bodiless)
    engines["same, without answer bodies in the index"] = search_quality.run(bodiless, "new", queries)
    if args.lunr_ref:
        engines[f"Material lunr search ({args.lunr_ref})"] = search_quality.run(builds.build_ref(args.lunr_ref, WORK / "lunr"), "old", queries)
    rows = []
    for name, outcome in engines.items():
        sc = outcome["scores"]
        rows.append(f"| {name} | {sc['en']['recall@5']:.2f} | {sc['en']['mrr']:.2f} | {sc['zh']['recall@5']:.2f} | "
                    f"{sc['zh']['mrr']:.2f} | {outcome['median_ms']:.0f} |")
        summary.append(f"search {name}: recall@5 en {sc['en']['recall@5']:.2f} zh {sc['zh']['recall@5']:.2f}, "
                       f"MRR en {sc['en']['mrr']:.2f} zh {sc['zh']['mrr']:.2f}")
    new = next(iter(engines.values()))
    met = all(s["recall@5"] >= BUDGETS["recall_at_5"] for s in new["scores"].values())
    misses = [f"- [{lang}] “{r['q']}” → {', '.join(r['ids'])}; top five: {', '.join(r['results']) or 'nothing'}"
              for lang, items in new["rows"].items() for r in items
              if not r["pending"] and (r["rank"] is None or r["rank"] > search_quality.CUTOFF)]
    nosearch = write_nohooks_variant(hooks, WORK / "real-no-search.yml", drop=("search.py",))
    ta, tb, ratios = builds.alternate(hooks, nosearch, args.runs)
    added = [a - b for a, b in zip(ta.wall, tb.wall)]
    summary.append(f"search index build time added {statistics.median(added):.2f}s")
    return ["## 5. Search quality", "",
            f"{sum(len(v) for v in queries.values())} queries in `benchmarks/search_queries.yml`, typed the way readers "
            "type (symptoms, paraphrases, abbreviations, Chinese terms), each mapped to the question ids that answer "
            "it; queries whose questions are not on the site yet are pending and not scored "
            f"({len(new['pending']['en'])} English, {len(new['pending']['zh'])} Chinese). Old search ranked by its "
            "question anchors in display order (page-level links not counted against it).", "",
            "| search | recall@5 en | MRR en | recall@5 zh | MRR zh | median ms |", "|---|---|---|---|---|---|", *rows, "",
            f"Goal recall@5 ≥ {BUDGETS['recall_at_5']} in both languages: **{'met' if met else 'missed'}**.", "",
            *(["Misses of the new search:", "", *misses, ""] if misses else []),
            f"Build time the search hook adds (all hooks vs all but `search.py`, alternating, per pair): "
            f"{spread(added)} s, of a {spread(ta.wall)} s build.", ""]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1,4,10")
    ap.add_argument("--skip-lighthouse", action="store_true")
    ap.add_argument("--search-only", action="store_true",
                    help="only the search sections (4 and 5), printed instead of written to results.md")
    ap.add_argument("--lunr-ref", default="acaf8a3",
                    help="git revision with Material's lunr search, measured as the old search ('' to skip)")
    ap.add_argument("--lighthouse-runs", type=int, default=5,
                    help="runs per page and form factor (scores on shared machines move by 10+ points)")
    args = ap.parse_args()
    out: list[str] = []
    summary: list[str] = []
    n = question_count()
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out += ["# Benchmarks", "", f"Measured {today} on {machine()}.", "", versions() + ".", "",
            f"Real site: {n} questions. Builds alternate A/B after one warm-up each, {args.runs} counted runs per "
            "config; figures are min / **median** / max. Reproduce with `make bench`.", ""]

    # 1. Hook overhead on the real site
    hooks, nohooks = real_configs()
    if args.search_only:
        print("\n".join(search_only(hooks, args)))
        return 0
    ta, tb, ratios = builds.alternate(hooks, nohooks, args.runs)
    ok = statistics.median(ratios) <= BUDGETS["hook_overhead"]
    out += ["## 1. Hook overhead (real site)", "",
            "| config | wall s | CPU s |", "|---|---|---|",
            f"| all project hooks | {spread(ta.wall)} | {spread(ta.cpu)} |",
            f"| hooks switched off | {spread(tb.wall)} | {spread(tb.cpu)} |",
            f"| ratio hooks/off (per pair) | {spread(ratios)} | |", "",
            f"Budget ≤ {BUDGETS['hook_overhead']}×: **{'met' if ok else 'missed'}**.", ""]
    summary.append(f"hook overhead {statistics.median(ratios):.2f}x (budget {BUDGETS['hook_overhead']}x)")
    warm = builds.hook_self_time_runs(hooks, WORK / "self-time-site", max(3, args.runs))
    shares = [_own(spent) / total for total, spent in warm]
    total = statistics.median(t for t, _ in warm)
    spent = {k: statistics.median(s.get(k, 0.0) for _, s in warm) for k in {k for _, s in warm for k in s}}
    generated = {k: v for k, v in spent.items() if k.startswith("generated pages")}
    own_events = {k: v for k, v in spent.items() if k not in generated}
    own = statistics.median(_own(s) for _, s in warm)
    cold = builds.hook_self_time_runs(hooks, WORK / "self-time-site", 1, cold_cache=WORK / ".cache" / "mathml")
    cold_total, cold_spent = cold[0]
    out += [f"Where the time goes: {len(warm)} in-process builds, each in a fresh process, median {total:.2f} s. "
            f"The hooks' own code takes **{own:.2f} s**, {spread([100 * x for x in shares], '{:.0f}')}% of the build "
            f"(per build; min / median / max). MkDocs/Material working on the three pages the hooks generate "
            f"(glossary, cheat sheet, tags) takes {sum(generated.values()):.2f} s more. Per event (median):", "",
            "| where | s |", "|---|---|",
            *[f"| `{k}` | {v:.3f} |" for k, v in sorted(own_events.items(), key=lambda kv: -kv[1]) if v >= 0.005],
            *[f"| {k} | {v:.3f} |" for k, v in sorted(generated.items())], "",
            f"With an empty formula cache (`.cache/mathml/`, as on the first build of a fresh clone): {cold_total:.2f} s, "
            f"hooks' own code {_own(cold_spent):.2f} s ({100 * _own(cold_spent) / cold_total:.0f}%), of which "
            f"`mathml.page_content` {cold_spent.get('mathml.page_content', 0.0):.2f} s.", ""]
    summary.append(f"hooks' own time {own:.2f}s of {total:.2f}s ({100 * statistics.median(shares):.0f}%)")
    partial = write_nohooks_variant(hooks, WORK / "real-no-glossary-xrefs.yml", drop=("glossary.py", "crossrefs.py"))
    ga, gb, gr = builds.alternate(hooks, partial, args.runs)
    out += ["Glossary and cross-reference hooks alone (all hooks vs all but `glossary.py` and `crossrefs.py`):", "",
            "| config | wall s |", "|---|---|", f"| all project hooks | {spread(ga.wall)} |",
            f"| without glossary + cross-references | {spread(gb.wall)} |", f"| ratio (per pair) | {spread(gr)} |", ""]
    summary.append(f"glossary+xref hooks ratio {statistics.median(gr):.2f}x")

    # 1b. The whole build against its budget, both editions, and what an author waits for after saving
    full_ok = ta.median <= BUDGETS["full_build_s"]
    share_ok = statistics.median(shares) <= BUDGETS["hook_share"]
    both = WORK / "real-editions.yml"
    both.write_text(yaml.safe_dump(portable_config(editions=True, docs_dir=str(ROOT / "docs")), allow_unicode=True),
                    encoding="utf-8")
    tboth, tenglish, edition_ratios = builds.alternate(both, hooks, args.runs)
    reloads = reload.measure(ROOT, WORK, runs=args.runs)
    out += ["## 1b. Full build, both editions, live reload", "",
            f"Full English build (`mkdocs build` of the English edition, all hooks): {spread(ta.wall)} s; "
            f"budget ≤ {BUDGETS['full_build_s']} s on 2 cores: **{'met' if full_ok else 'missed'}**. "
            f"Hooks' own code {100 * statistics.median(shares):.0f}% of an in-process build (median); budget ≤ "
            f"{100 * BUDGETS['hook_share']:.0f}%: **{'met' if share_ok else 'missed'}**.", "",
            f"Both editions (what `make build` runs: the English build builds /zh/ at its end): {spread(tboth.wall)} s, "
            f"{spread(edition_ratios)}× the English-only build (alternating pairs); budget ≤ 2.2×: "
            f"**{'met' if statistics.median(edition_ratios) <= 2.2 else 'missed'}**.", "",
            f"Live reload (`mkdocs serve`, save one answer in docs/attention.md → the served page shows it), "
            f"{len(reloads)} edits: {spread(reloads)} s. MkDocs 1.6 rebuilds the whole site on every change; an "
            "English edit rebuilds the English edition and keeps /zh/ from the previous rebuild (llmqa.serving).", ""]
    summary.append(f"full English build {ta.median:.1f}s (budget {BUDGETS['full_build_s']}s), both editions "
                   f"{statistics.median(edition_ratios):.2f}x, live reload {statistics.median(reloads):.1f}s")

    # 2. Scaling
    rows = []
    per_q: dict[int, float] = {}
    overhead: dict[int, float] = {}
    for factor in [int(x) for x in args.sizes.split(",")]:
        site = generate(WORK / f"synthetic-{factor}x", n * factor)
        sa, sb, sr = builds.alternate(site / "mkdocs.yml", site / "mkdocs-nohooks.yml", args.runs)
        per_q[factor] = sa.median / (n * factor)
        overhead[factor] = statistics.median(sr)
        rows.append(f"| {factor}× | {n * factor} | {spread(sa.wall)} | {spread(sb.wall)} | {1000 * per_q[factor]:.1f} | "
                    f"{1000 * sb.median / (n * factor):.1f} | {spread(sr)} |")
    first, last = min(per_q), max(per_q)
    scaling = per_q[last] / per_q[first]
    out += ["## 2. Scaling (synthetic sites)", "",
            "Generated by `benchmarks/generate_site.py`: ten questions per page, ~450 words each with glossary "
            "mentions (English and Chinese), three `[[id]]` references, inline and display math, a table and code.", "",
            "| size | questions | hooks on, s | hooks off, s | ms/question on | ms/question off | ratio on/off |",
            "|---|---|---|---|---|---|---|", *rows, "",
            f"Per-question cost at {last}× / {first}×: **{scaling:.2f}** (budget ≤ {BUDGETS['scaling_ratio']}). "
            f"Hook overhead at {last}×: **{overhead[last]:.2f}×** (budget ≤ {BUDGETS['hook_overhead']}×).", ""]
    summary.append(f"per-question cost {last}x/{first}x {scaling:.2f} (budget {BUDGETS['scaling_ratio']}); overhead at {last}x {overhead[last]:.2f}x")

    # 3 + 4. Page weight and search latency on a strict build of the real site
    site_dir = WORK / "site"
    if site_dir.exists():
        shutil.rmtree(site_dir)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)], cwd=ROOT, check=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stderr=subprocess.DEVNULL)
    base, server = serve(site_dir)
    def gzipped(path: Path) -> int:
        return len(gzip.compress(path.read_bytes(), 6))

    # the heaviest page of each edition, by what a reader downloads (gzipped), not by raw size
    english = [p for p in site_dir.rglob("*.html") if not p.relative_to(site_dir).as_posix().startswith("zh/")]
    largest = max(english, key=gzipped)
    largest_zh = max((site_dir / "zh").rglob("*.html"), key=gzipped) if (site_dir / "zh").is_dir() else None
    bundle = [f for f in (site_dir / "pagefind").rglob("*") if f.is_file()]
    index_raw = sum(f.stat().st_size for f in bundle)
    index_gz = sum(len(gzip.compress(f.read_bytes(), 6)) for f in bundle) / 1e6  # .pf_* files are gzip already
    def url_of(path: Path) -> str:
        return path.parent.relative_to(site_dir).as_posix() + "/" if path.name == "index.html" else path.relative_to(site_dir).as_posix()

    topic_url = url_of(largest)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = browser_metrics.launch(p)
        weights = {
            "home page": browser_metrics.page_weight(browser, base),
            f"topic page ({topic_url})": browser_metrics.page_weight(browser, base + topic_url),
            "topic page, median-size (attention/)": browser_metrics.page_weight(browser, base + "attention/"),
            **({f"Chinese edition, heaviest page ({url_of(largest_zh)})": browser_metrics.page_weight(browser, base + url_of(largest_zh))}
               if largest_zh else {}),
            "share page /q/kv-cache/ (no JS, as an unfurler sees it)": browser_metrics.page_weight(browser, base + "q/kv-cache/", javascript=False),
        }
        latency = browser_metrics.search_latency(browser, base)
        first_search = browser_metrics.first_search_bytes(browser, base, site_dir)
        browser.close()
    topic_kb = max(w["bytes_without_search_index"] for name, w in weights.items() if "share page" not in name) / 1000
    third = sorted({h for w in weights.values() for h in w["hosts"]} - {"127.0.0.1"})
    out += ["## 3. Page weight (cold cache, gzip as a static host serves it)", "",
            "| page | transferred KB | without search index KB | requests |", "|---|---|---|---|",
            *[f"| {name} | {w['bytes'] / 1000:.1f} | {w['bytes_without_search_index'] / 1000:.1f} | {w['requests']} |" for name, w in weights.items()], "",
            f"Heaviest HTML page: `{largest.relative_to(site_dir)}`, {largest.stat().st_size / 1000:.0f} KB raw, "
            f"{gzipped(largest) / 1000:.0f} KB gzipped"
            + (f"; in the Chinese edition `{largest_zh.relative_to(site_dir)}`, {largest_zh.stat().st_size / 1000:.0f} KB raw, "
               f"{gzipped(largest_zh) / 1000:.0f} KB gzipped" if largest_zh else "") + ". Search bundle (pagefind/, all of it; "
            f"a search fetches a few chunks): {index_raw / 1e6:.2f} MB on disk, {index_gz:.2f} MB gzipped. Hosts contacted other than 127.0.0.1: {third or 'none'}.", "",
            f"Budgets: topic page ≤ {BUDGETS['topic_page_kb']} KB without the index: **{'met' if topic_kb <= BUDGETS['topic_page_kb'] else 'missed'}** "
            f"({topic_kb:.0f} KB, heaviest page of either edition); search index ≤ {BUDGETS['search_index_gz_mb']} MB gzipped: "
            f"**{'met' if index_gz <= BUDGETS['search_index_gz_mb'] else 'missed'}**.", ""]
    summary.append(f"largest topic page {topic_kb:.0f} KB w/o index (budget {BUDGETS['topic_page_kb']}); index {index_gz:.2f} MB gz")
    ready = latency["ready_ms"]
    out += ["## 4. Search latency and first-search download (Chromium)", "",
            f"First search on a topic page: **{first_search['bytes'] / 1000:.0f} KB** gzipped in {first_search['requests']} "
            f"requests (dialog code, Pagefind, its WebAssembly, index chunks and result fragments; budget ≤ "
            f"{BUDGETS['first_search_kb']} KB: **{'met' if first_search['bytes'] / 1000 <= BUDGETS['first_search_kb'] else 'missed'}**). "
            "Nothing of it loads before the reader opens search.", "",
            f"Page load (load event) → first results for a query typed at once, on a topic page (attention/): "
            f"{spread(ready, '{:.0f}')} ms over {len(ready)} cold loads; from navigation start: "
            f"{spread(latency['ready_since_navigation_ms'], '{:.0f}')} ms (the page itself takes most of that).", "",
            f"Last keystroke → rendered results over {len(latency['query_ms'])} queries (20 English, 10 Chinese), "
            "including the dialog's 120 ms debounce: "
            f"median **{latency['median_ms']:.0f} ms**, p95 **{latency['p95_ms']:.0f} ms**, max {max(latency['query_ms']):.0f} ms."
            + (f" Queries with no result: {latency['failed_queries']}." if latency["failed_queries"] else ""), "",
            f"Budgets: ready ≤ {BUDGETS['search_ready_ms']} ms: **{'met' if statistics.median(ready) <= BUDGETS['search_ready_ms'] else 'missed'}**; "
            f"median ≤ {BUDGETS['search_median_ms']} ms: **{'met' if latency['median_ms'] <= BUDGETS['search_median_ms'] else 'missed'}**.", ""]
    summary.append(f"search ready {statistics.median(ready):.0f} ms after load, query median {latency['median_ms']:.0f} ms p95 {latency['p95_ms']:.0f} ms")

    # 5. Search quality and the build time the search index adds
    out += search_section(site_dir, hooks, args, summary)

    # 6. Lighthouse
    if not args.skip_lighthouse:
        cli = lighthouse.install(WORK / "node")
        out += ["## 6. Lighthouse", "",
                f"{args.lighthouse_runs} runs per page and form factor; performance as min / **median** / max, the other "
                "categories and metrics from the median-performance run.", "",
                "| page | form factor | performance | accessibility | best practices | SEO | LCP | TBT | CLS |",
                "|---|---|---|---|---|---|---|---|---|"]
        failing: set[str] = set()
        for name, path in (("home", ""), ("topic (attention/)", "attention/")):
            for form in ("mobile", "desktop"):
                runs = [lighthouse.run(cli, base + path, form, WORK / f"lh-{form}-{path.strip('/') or 'home'}-{i}.json")
                        for i in range(args.lighthouse_runs)]
                perf = [r["scores"]["performance"] for r in runs]
                r = sorted(runs, key=lambda r: r["scores"]["performance"])[len(runs) // 2]
                s, m = r["scores"], r["metrics"]
                out.append(f"| {name} | {form} | {spread(perf, '{:.0f}')} | {s['accessibility']} | {s['best-practices']} | {s['seo']} | "
                           f"{m['largest-contentful-paint']} | {m['total-blocking-time']} | {m['cumulative-layout-shift']} |")
                failing.update(r["failing"])
                summary.append(f"lighthouse {name} {form}: performance {perf} " + " ".join(f"{k}={v}" for k, v in s.items() if k != "performance"))
        out += ["", "Budgets: performance ≥ 95 (mobile), accessibility, best practices and SEO 100.", ""]
        if failing:
            out += ["Audits below 0.9: " + "; ".join(sorted(failing)) + ".", ""]
    server.shutdown()
    server.server_close()
    out += ["", (HERE / "analysis.md").read_text(encoding="utf-8")]
    (HERE / "results.md").write_text("\n".join(out), encoding="utf-8")
    print("\n".join(summary))
    print(f"wrote {HERE / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
