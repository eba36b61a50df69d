/* Site behaviour: copy share links, quiz mode, random question, glossary filter, opening search,
 * language switch.
 * Clicks are handled by one delegated listener (survives instant navigation); per-page state
 * is re-applied on every document$ emission, which Material fires after each page swap.
 * Words shown to readers come from the edition's string table (#qa-strings, overrides/main.html). */
(function () {
  "use strict";
  var QUIZ_KEY = "qa.quiz";
  var T = {};
  try { T = JSON.parse(document.getElementById("qa-strings").textContent); } catch (e) { /* no table */ }

  function t(key, values) {
    var text = T[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.replace("{" + name + "}", values[name]); });
    return text;
  }

  function quizOn() {
    try { return localStorage.getItem(QUIZ_KEY) === "1"; } catch (e) { return false; }
  }

  function setQuiz(on) {
    try { localStorage.setItem(QUIZ_KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
    applyQuiz();
  }

  function applyQuiz() {
    var on = quizOn();
    document.documentElement.classList.toggle("qa-quiz", on);
    document.querySelectorAll(".qa-quiz-toggle").forEach(function (b) {
      b.setAttribute("aria-pressed", String(on));
      b.textContent = on ? t("quiz_on") : t("quiz_off");
    });
    document.querySelectorAll("[data-qa-answer]").forEach(function (a) { a.hidden = on; });
    document.querySelectorAll(".qa-reveal").forEach(function (b) {
      b.hidden = !on;
      b.setAttribute("aria-expanded", "false");
      b.textContent = t("show_answer");
    });
  }

  function notify(message) {
    if (window.alert$ && typeof window.alert$.next === "function") window.alert$.next(message);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  function onCopy(button) {
    var url = new URL(button.getAttribute("data-qa-share"), location.href).href;
    var label = button.querySelector(".qa-copy__label") || button;
    copyText(url).then(function () {
      label.textContent = t("copied");
      button.classList.add("qa-copy--done");
      notify(t("link_copied", { url: url }));
    }, function () {
      label.textContent = t("copy_failed");
    }).then(function () {
      setTimeout(function () { label.textContent = t("copy_link"); button.classList.remove("qa-copy--done"); }, 2500);
    });
  }

  function onReveal(button) {
    var answer = document.getElementById(button.getAttribute("aria-controls"));
    if (!answer) return;
    var show = answer.hidden;
    answer.hidden = !show;
    button.setAttribute("aria-expanded", String(show));
    button.textContent = show ? t("hide_answer") : t("show_answer");
  }

  function onRandom(button) {
    var bar = button.closest("[data-qa-root]");
    var root = new URL(bar ? bar.getAttribute("data-qa-root") : "./", location.href);
    var topic = button.getAttribute("data-qa-topic");
    fetch(new URL("qa-index.json", root)).then(function (r) { return r.json(); }).then(function (items) {
      var pool = topic ? items.filter(function (q) { return q.topic === topic; }) : items;
      var here = location.hash.slice(1);
      if (pool.length > 1) pool = pool.filter(function (q) { return q.id !== here; });
      if (!pool.length) return;
      var pick = pool[Math.floor(Math.random() * pool.length)];
      location.assign(new URL(pick.url, root).href);
    });
  }

  /* Language switch: the same page and #anchor in the other edition. The header link was written
   * for the page first loaded, and instant navigation swaps the content, not the header: so both
   * edition roots are resolved once, against that first page, and each link is re-aimed at the
   * address being read on every page swap and again when it is used (the #anchor follows scrolling). */
  document.querySelectorAll("a.qa-lang[data-qa-there]").forEach(function (link) {
    link.setAttribute("data-qa-here", new URL(link.getAttribute("data-qa-here"), location.href).pathname);
    link.setAttribute("data-qa-there", new URL(link.getAttribute("data-qa-there"), location.href).href);
  });

  function aimLanguageLinks() {
    document.querySelectorAll("a.qa-lang[data-qa-there]").forEach(function (link) {
      var here = link.getAttribute("data-qa-here");
      if (location.pathname.indexOf(here) !== 0) return;
      link.href = new URL(location.pathname.slice(here.length) + location.hash, link.getAttribute("data-qa-there")).href;
    });
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a.qa-lang")) aimLanguageLinks();
  }, true);

  document.addEventListener("click", function (event) {
    var el = event.target.closest(".qa-copy, .qa-reveal, .qa-quiz-toggle, .qa-random");
    if (!el) return;
    if (el.classList.contains("qa-copy")) onCopy(el);
    else if (el.classList.contains("qa-reveal")) onReveal(el);
    else if (el.classList.contains("qa-quiz-toggle")) setQuiz(!quizOn());
    else onRandom(el);
  });

  /* Glossary tooltips: one shared element, filled from the definition the link points at
   * (aria-describedby), shown on hover and on keyboard focus, hidden on leave, blur or Escape. */
  var tip = null;
  var tipOwner = null;

  function showTip(link) {
    var def = document.getElementById(link.getAttribute("aria-describedby"));
    if (!def) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "qa-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.id = "qa-tooltip";
      document.body.appendChild(tip);
    }
    tip.innerHTML = def.innerHTML;
    tip.hidden = false;
    tipOwner = link;
    var r = link.getBoundingClientRect();
    var width = Math.min(320, window.innerWidth - 16);
    tip.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
    var below = r.bottom + 8 + tip.offsetHeight < window.innerHeight;
    tip.style.left = left + "px";
    tip.style.top = (below ? r.bottom + 6 : r.top - tip.offsetHeight - 6) + "px";
  }

  function hideTip() {
    if (tip) tip.hidden = true;
    tipOwner = null;
  }

  document.addEventListener("pointerover", function (e) {
    var link = e.target.closest && e.target.closest("a.qa-term");
    if (link) showTip(link);
  });
  document.addEventListener("pointerout", function (e) {
    var link = e.target.closest && e.target.closest("a.qa-term");
    if (link && link === tipOwner && !link.contains(e.relatedTarget)) hideTip();
  });
  document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches("a.qa-term")) showTip(e.target); else hideTip();
  });
  document.addEventListener("focusout", function (e) {
    if (e.target === tipOwner) hideTip();
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideTip(); });
  window.addEventListener("scroll", function () {
    if (tipOwner) showTip(tipOwner);  // keep it attached to its term (focus may scroll the page)
  }, { passive: true });

  function filterGlossary(input) {
    var query = input.value.trim().toLowerCase();
    var shown = 0;
    document.querySelectorAll(".qa-gloss-entry").forEach(function (entry) {
      var match = !query || entry.getAttribute("data-qa-names").indexOf(query) !== -1;
      entry.hidden = !match;
      if (match) shown += 1;
    });
    document.querySelectorAll(".qa-gloss-letter").forEach(function (letter) {
      letter.hidden = !letter.querySelector(".qa-gloss-entry:not([hidden])");
    });
    var count = document.querySelector(".qa-glossary-count");
    if (count) count.textContent = query ? t(shown === 1 ? "term_matches_one" : "term_matches_other", { n: shown }) : "";
  }

  /* Glossary "Mentioned in": the page carries only the count; the first time a reader opens one,
   * which questions mention the term comes from qa-mentions.json, and their titles and links from
   * qa-index.json (shared with the random-question button): two requests, once per page view.
   * toggle does not bubble: listen while capturing. */
  var mentionData = null;
  function getJSON(name, root) {
    return fetch(new URL(name, root)).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }
  function listMentions(details) {
    if (!details.open || details.hasAttribute("data-qa-listed")) return;
    details.setAttribute("data-qa-listed", "");
    var note = details.querySelector(".qa-mentions-nojs");
    if (note) note.hidden = true;  // "turn on JavaScript" is for readers without it
    var root = new URL(siteRoot || "./", location.href);
    mentionData = mentionData || Promise.all([getJSON("qa-mentions.json", root), getJSON("qa-index.json", root)]);
    mentionData.then(function (data) {
      var byId = {};
      data[1].forEach(function (q) { byId[q.id] = q; });
      var list = document.createElement("ul");
      (data[0][details.getAttribute("data-qa-term")] || []).forEach(function (id) {
        var q = byId[id];
        if (!q) return;
        var link = document.createElement("a");
        link.href = new URL(q.url, root).href;
        link.textContent = q.title;
        list.appendChild(document.createElement("li")).appendChild(link);
      });
      details.replaceChildren(details.querySelector("summary"), list);
    }, function () {
      mentionData = null;
      details.removeAttribute("data-qa-listed");  // opening it again retries
      if (note) { note.textContent = t("mentions_failed"); note.hidden = false; }
    });
  }

  document.addEventListener("toggle", function (e) {
    if (e.target.matches && e.target.matches("details[data-qa-term]")) listMentions(e.target);
  }, true);

  // A question that moved to another page: old links "page/#id" are sent on to its new page.
  function forwardMovedAnchor() {
    var table = document.getElementById("qa-moved-anchors");
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!table || !id || document.getElementById(id)) return;
    var target;
    try { target = JSON.parse(table.textContent)[id]; } catch (e) { return; }
    if (typeof target === "string") location.replace(new URL(target, location.href).href);
  }

  window.addEventListener("hashchange", forwardMovedAnchor);

  /* Search: the dialog's markup is in every page's header (overrides/partials/search.html). Its
   * behaviour, Pagefind and the index load only when a reader opens it (search/dialog.js), so a
   * page view that never searches downloads nothing for search. The header survives instant
   * navigation, so the site root is resolved once, against the page the header came with. */
  var searchRoot = document.querySelector("[data-qa-search]");
  var searchToggle = document.getElementById("__search");
  var searchInput = searchRoot && searchRoot.querySelector("#qa-search-input");
  var siteRoot = searchRoot ? new URL(searchRoot.getAttribute("data-qa-root") || "./", location.href).href : "";
  var searchDialog = null;

  function loadSearch() {
    if (!searchDialog) {
      searchDialog = import(new URL("assets/javascripts/search/dialog.js", siteRoot).href)
        .then(function (module) { return module.mountSearch(searchRoot, siteRoot); });
      searchDialog.catch(function () { searchDialog = null; });
    }
    return searchDialog;
  }

  function openSearch() {
    if (!searchInput) return;
    searchToggle.checked = true;
    searchInput.focus();
    searchInput.select();
    loadSearch();
  }

  function closeSearch() {
    if (!searchToggle || !searchToggle.checked) return;
    searchToggle.checked = false;
    if (searchInput) searchInput.blur();
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  if (searchInput && searchToggle) {
    searchInput.addEventListener("focus", function () { searchToggle.checked = true; loadSearch(); });
    searchToggle.addEventListener("change", function () { if (searchToggle.checked) openSearch(); });
    document.addEventListener("keydown", function (e) {
      if (e.metaKey || e.ctrlKey || e.altKey || e.isComposing) return;
      if ((e.key === "/" || e.key === "s") && !searchToggle.checked && !typing(e.target)) {
        e.preventDefault();
        openSearch();
      } else if ((e.key === "Escape" || e.key === "Tab") && searchToggle.checked && searchRoot.contains(e.target)) {
        closeSearch();
      }
    });
    searchRoot.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a[role=option]")) closeSearch();
    });
  }

  function initPage() {
    aimLanguageLinks();
    forwardMovedAnchor();
    hideTip();
    applyQuiz();
    var input = document.getElementById("qa-glossary-filter-input");
    if (input && !input.hasAttribute("data-qa-bound")) {
      input.setAttribute("data-qa-bound", "");
      input.addEventListener("input", function () { filterGlossary(input); });
      if (input.value) filterGlossary(input);
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(initPage);
  } else {
    document.addEventListener("DOMContentLoaded", initPage);
  }
})();
