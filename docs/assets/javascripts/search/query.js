/* Query handling for the search dialog: pure functions, no DOM (tested in tests/test_search_browser.py).
 *
 * Readers type the way they talk, in English, Chinese or both ("LoRA 的秩"). The index holds
 * English words and, for Chinese, pairs of adjacent characters (llmqa/segment.py). A query is cut
 * into words (the browser's Intl.Segmenter, which also knows common Chinese words, so stop words
 * such as 的 or 什么 can be dropped), the Chinese left over becomes the same character pairs,
 * and each term is searched on its own: dialog.js ORs them and ranks a question higher the more
 * rare terms it matched. Nothing here may throw on any input. */

export const MAX_QUERY = 200;   // characters kept of a paste: a question, not an essay
export const MAX_TERMS = 8;     // words searched per query

const STOP_EN = new Set(("a about above after again all also am an and any are as at be because been before being " +
  "between both but by can could did do does doing done during each either else ever every few for from get gets " +
  "getting give go goes going got had has have having he her here hers him his how i if in into is it its itself " +
  "just keep keeps kept let like made make makes many may me might more most much must my need needs no nor not " +
  "now of off on once one only or other our out over own same say see seem seems she should so some still such than " +
  "that the their them then there these they thing things this those though through to too under until up us use " +
  "used uses using very vs want was way we well were what when where whether which while who whom whose why will " +
  "with without would yet you your explain difference different differ between work works working mean means").split(" "));

const STOP_ZH = new Set(("的 了 是 在 和 与 及 或 吗 呢 吧 啊 呀 么 什么 怎么 怎样 如何 为什么 为何 哪些 哪个 有 有什么 " +
  "一个 一种 这个 那个 这 那 就 都 也 还 又 会 能 可以 要 把 被 给 对 从 让 用 中 里 上 下 之 其 而 并 等 " +
  "我 你 他 它 我们 你们 他们 区别 不同 作用 原理 介绍 一下 请问 一直 总是 老是").split(" "));

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const WORD = /[\p{L}\p{N}]/u;

/** NFKC (full-width letters and punctuation to ASCII), lower case, at most MAX_QUERY characters. */
export function normalize(raw) {
  let text = String(raw == null ? "" : raw).slice(0, MAX_QUERY * 2);
  try { text = text.normalize("NFKC"); } catch (e) { /* lone surrogates: keep as is */ }
  return text.slice(0, MAX_QUERY).toLowerCase();
}

let segmenter = null;
function segments(text) {
  try {
    if (segmenter === null) segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : false;
  } catch (e) { segmenter = false; }
  if (segmenter) return Array.from(segmenter.segment(text), (s) => s.segment);
  // No Intl.Segmenter: words between spaces and punctuation (queryTerms pairs a Chinese run).
  return text.split(/[^\p{L}\p{N}]+/u);
}

/** The terms to search for: segmented, stop words and punctuation dropped, de-duplicated.
 * Chinese: every pair of adjacent characters of each run between stop words (the index holds
 * the same pairs); a lone character is searched as itself (it prefix-matches the pairs it starts). */
export function queryTerms(raw) {
  const terms = [];
  const add = (word) => { if (word && !terms.includes(word) && terms.length < MAX_TERMS) terms.push(word); };
  let run = [];
  const pairs = (text) => { for (let i = 0; i + 2 <= text.length; i++) add(text.slice(i, i + 2)); };
  const flush = () => {
    // Pairs run across the segmenter's words (函数|调用 -> 数调: the phrase), except through a
    // character it left alone between two words (微调|后|模型: no 调后 or 后模): such pairs are
    // rare junk that outscored the real words. Single characters side by side are kept (显|存).
    if (run.length === 1 && run[0].length === 1) add(run[0]);
    let text = "";
    run.forEach((word, i) => {
      const lone = word.length === 1 && i > 0 && i < run.length - 1 && run[i - 1].length > 1 && run[i + 1].length > 1;
      if (lone) { pairs(text); text = ""; } else text += word;
    });
    pairs(text);
    run = [];
  };
  for (const piece of segments(normalize(raw))) {
    const word = piece.trim();
    const isHan = HAN.test(word);
    if (!isHan || STOP_ZH.has(word)) flush();
    if (!word || !WORD.test(word) || STOP_EN.has(word) || STOP_ZH.has(word)) continue;
    if (isHan) { run.push(word); continue; }
    if (word.length === 1 && !/\d/.test(word)) continue;  // stray letters: "s", "a"
    add(word);
  }
  flush();
  return terms;
}

/** Merge one result list per term (Pagefind: [{id, score}]) into one ranking, each document
 * once. A matched term adds its rarity (a word most documents contain, such as "model", barely
 * counts), half for matching at all and half scaled by how well this document matches it
 * relative to the best one (title over body). So a document matching more of the rare words
 * ranks first, and among those the one that names them in its title. Measured against ranking
 * by matched-term count first: recall@5 0.92 -> 0.97 in English (benchmarks/results.md).
 * ``total``: documents in the index. */
export function mergeByTerms(perTerm, total) {
  const byId = new Map();
  const all = Math.max(Number(total) || 0, 1);
  perTerm.forEach((results, termIndex) => {
    const list = results || [];
    if (!list.length) return;
    // "best": the second-best score, so one outlier (a topic page naming the word in every title)
    // does not flatten everyone else's match quality to nothing (zh site zh recall@5 0.94 -> 0.96).
    const scores = list.map((r) => Number(r.score) || 0).sort((a, b) => b - a);
    const best = scores[Math.min(1, scores.length - 1)] || scores[0] || 1;
    const rarity = Math.log(1 + all / list.length);
    list.forEach((result) => {
      let entry = byId.get(result.id);
      if (!entry) byId.set(result.id, entry = { id: result.id, result: result, terms: new Set(), score: 0 });
      entry.terms.add(termIndex);
      entry.score += rarity * (0.5 + 0.5 * Math.min(1, (Number(result.score) || 0) / best));
    });
  });
  return Array.from(byId.values()).sort((a, b) => (b.score - a.score) || (b.terms.size - a.terms.size));
}

/** ``text`` cut into [plain, marked, plain, ...] pieces, marking every occurrence of a term
 * (case-insensitive, no regular expressions built from user input). */
export function highlight(text, terms) {
  const source = String(text || "");
  const lower = source.toLowerCase();
  const marks = [];
  for (const term of terms || []) {
    if (!term) continue;
    let at = lower.indexOf(term);
    while (at !== -1 && marks.length < 50) {
      marks.push([at, at + term.length]);
      at = lower.indexOf(term, at + term.length);
    }
  }
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const pieces = [];
  let pos = 0;
  for (const [start, end] of marks) {
    if (start < pos) continue;
    pieces.push(source.slice(pos, start), source.slice(start, end));
    pos = end;
  }
  pieces.push(source.slice(pos));
  return pieces;
}

/** A window of about ``length`` characters of ``text`` around its first matched term. */
export function snippetAround(text, terms, length) {
  const source = String(text || "");
  if (source.length <= length) return source;
  const lower = source.toLowerCase();
  let first = -1;
  for (const term of terms || []) {
    const at = term ? lower.indexOf(term) : -1;
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  let start = first > length / 3 ? first - Math.floor(length / 3) : 0;
  const space = source.lastIndexOf(" ", start);
  if (start > 0 && space > start - 20) start = space + 1;
  const cut = source.slice(start, start + length);
  return (start > 0 ? "…" : "") + cut + (start + length < source.length ? "…" : "");
}
