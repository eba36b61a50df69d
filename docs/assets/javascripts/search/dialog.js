/* The search dialog's behaviour, loaded by site.js the first time a reader opens search.
 *
 * Pagefind (pagefind/pagefind.js, written by hooks/search.py) is imported here, so neither it nor
 * its index is fetched before then. Each query word is searched separately and the lists merged
 * (query.js): Pagefind alone requires every word, and readers' queries carry words no answer uses.
 * Results are built with DOM calls from the index's metadata (never innerHTML), link to the
 * question's anchor on its topic page, and are followed by a plain click so Material's instant
 * navigation handles them. Keys: arrows move, Enter follows, Escape closes (combobox pattern). */
import { queryTerms, mergeByTerms, highlight, snippetAround, normalize } from "./query.js";

const SHOWN = 10;
const DEBOUNCE_MS = 120;
const SNIPPET = 160;
const KIND_LABEL = { question: "", term: "Glossary", topic: "Topic" };

/** The search itself, without the dialog (the benchmark and the tests call it directly). */
export function createSearcher(siteRoot) {
  let pagefind = null;

  // pageLength 0: no bonus for short documents, which let one-line glossary entries crowd out
  // the questions that explain them (recall@5 en 0.97 -> 1.00, zh 0.93 -> 0.98 on
  // benchmarks/search_queries.yml when it was chosen).
  function engine() {
    if (!pagefind) {
      const bundle = new URL("pagefind/", siteRoot);
      pagefind = Promise.all([
        import(new URL("pagefind.js", bundle).href),
        fetch(new URL("pagefind-entry.json", bundle)).then((r) => r.json()),
      ]).then(async ([module, entry]) => {
        await module.options({ baseUrl: new URL(".", siteRoot).pathname, ranking: { pageLength: 0 } });
        await module.init();
        const languages = Object.values((entry && entry.languages) || {});
        return { module, documents: languages.reduce((sum, l) => sum + (l.page_count || 0), 0) };
      });
      pagefind.catch(() => { pagefind = null; });
    }
    return pagefind;
  }

  /** Ranked results for ``raw``: {terms, items: [{meta, snippet}]}, best first. Rejects only
   * when Pagefind itself cannot load. */
  async function search(raw) {
    const terms = queryTerms(raw);
    if (!terms.length) return { terms, items: [] };
    const { module, documents } = await engine();
    const perTerm = await Promise.all(terms.map((term) =>
      module.search(term).then((r) => (r && r.results) || [], () => [])));
    const ranked = mergeByTerms(perTerm, documents).slice(0, SHOWN);
    const data = await Promise.all(ranked.map((entry) => entry.result.data().catch(() => null)));
    const items = data.filter(Boolean).map((d) => ({ meta: d.meta || {}, snippet: snippetText(d) }));
    return { terms, items };
  }

  function snippetText(data) {
    // The short answer (a term's definition) as the hook stored it; Pagefind's own excerpt would
    // show the index's word-split Chinese.
    return String((data.meta && data.meta.snippet) || "");
  }

  return { search, engine };
}

export function mountSearch(root, siteRoot) {
  const { search, engine } = createSearcher(siteRoot);
  const input = root.querySelector("#qa-search-input");
  const list = root.querySelector("#qa-search-results");
  const status = root.querySelector("[data-qa-search-status]");
  const tips = root.querySelector("[data-qa-search-tips]");
  const form = root.querySelector("[data-qa-search-form]");
  let sequence = 0;
  let timer = 0;
  let active = -1;

  function options() { return Array.from(list.querySelectorAll("[role=option]")); }

  function setActive(index) {
    const items = options();
    active = items.length ? (index + items.length) % items.length : -1;
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(state, message) {
    status.textContent = message;
    tips.hidden = state !== "empty" && state !== "none";
    input.setAttribute("aria-expanded", String(state === "results"));
    root.setAttribute("data-qa-search-state", state);
  }

  function clear() {
    list.replaceChildren();
    setActive(-1);
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function marked(tag, className, text, terms) {
    const el = element(tag, className);
    highlight(text, terms).forEach((piece, i) => {
      if (!piece) return;
      el.appendChild(i % 2 ? element("mark", "", piece) : document.createTextNode(piece));
    });
    return el;
  }

  function render(items, terms) {
    clear();
    items.forEach((item, i) => {
      const meta = item.meta || {};
      const li = element("li", "md-search-result__item");
      li.setAttribute("role", "none");
      const link = element("a", "md-search-result__link qa-search-result");
      link.id = "qa-search-option-" + i;
      link.setAttribute("role", "option");
      link.setAttribute("aria-selected", "false");
      link.setAttribute("tabindex", "-1");
      link.setAttribute("data-qa-kind", meta.kind || "question");
      if (meta.key) link.setAttribute("data-qa-key", meta.key);
      link.href = new URL(meta.href || "", siteRoot).href;
      const article = element("article", "md-search-result__article md-typeset");
      article.appendChild(marked("h1", "qa-search-result__title", meta.title || "", terms));
      if (meta.zh) article.appendChild(marked("p", "qa-search-result__zh", meta.zh, terms));
      const facts = [KIND_LABEL[meta.kind] || "", meta.kind === "question" ? meta.topic : "", meta.difficulty].filter(Boolean);
      if (facts.length) article.appendChild(element("p", "qa-search-result__facts", facts.join(" · ")));
      if (item.snippet) article.appendChild(marked("p", "qa-search-result__snippet", snippetAround(item.snippet, terms, SNIPPET), terms));
      link.appendChild(article);
      li.appendChild(link);
      list.appendChild(li);
    });
    setActive(items.length ? 0 : -1);
  }

  async function run() {
    const raw = input.value;
    const mine = ++sequence;
    if (!normalize(raw).trim()) { clear(); show("empty", "Type a question, a symptom or a term, in English or 中文"); return; }
    let outcome;
    try {
      outcome = await search(raw);
    } catch (e) {
      if (mine === sequence) { clear(); show("none", "Search could not load. Check your connection and try again."); }
      return;
    }
    if (mine !== sequence) return;  // a newer query is on its way
    if (!outcome.terms.length) {
      clear();
      show("none", /[\p{L}\p{N}]/u.test(normalize(raw))
        ? "Only common words: add a term, such as “KV cache”, “LoRA” or “注意力”."
        : "Type words to search: a question, a symptom or a term, in English or 中文.");
    } else if (!outcome.items.length) {
      clear();
      show("none", "No results for “" + outcome.terms.join(" ") + "”. Try fewer or other words, an abbreviation (RAG, PPO) or the term in Chinese or English.");
    } else {
      render(outcome.items, outcome.terms);
      show("results", outcome.items.length + (outcome.items.length === 1 ? " result" : " results"));
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  function follow(index) {
    const items = options();
    const link = items[index >= 0 ? index : 0];
    if (link) link.click();
  }

  input.addEventListener("input", schedule);
  input.addEventListener("keydown", (event) => {
    if (event.isComposing) return;  // an IME is choosing characters: its keys are not ours
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setActive(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(timer);
      if (options().length) follow(active);
      else run();
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => { setTimeout(() => { run(); input.focus(); }); });
  root.addEventListener("click", (event) => {
    const example = event.target.closest("[data-qa-search-example]");
    if (example) {
      input.value = example.textContent.trim();
      input.focus();
      run();
    }
  });
  list.addEventListener("mousemove", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) {
      const index = options().indexOf(option);
      if (index !== active) setActive(index);
    }
  });
  if (input.value) run();
  return { search, run, engine };
}
