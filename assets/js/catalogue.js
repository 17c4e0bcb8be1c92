// casebook catalogue: faceted filtering and full-text search in the
// browser, over the data that `casebook build` writes (package search; its
// comment specifies the files). Without this script the catalogue lists
// every case in numbered pages. Written by hand, without a library: the
// job is small (bitsets, one sorted walk, a prefix lookup), and so the page
// loads one file of a few kilobytes and nothing from another host.
//
// State lives in the URL: ?approach=twinning,city-to-city&sdg=13&q=water&
// sort=newest&page=2. Facet clicks, sorting and paging push a history
// entry; typing replaces the current one. After each update the root
// element fires "catalogue:updated" (used by the tests and benchmarks).
(function () {
  "use strict";
  var root = document.getElementById("catalogue_root");
  // The cards are clones of this template (see partials/catalogue-card.html);
  // a site's own catalogue.html without it keeps the list as it is.
  var cardTemplate = document.getElementById("catalogue_card");
  if (!root || !cardTemplate || !("content" in cardTemplate) || !window.fetch || !("normalize" in String.prototype)) return;

  var base = root.dataset.base;
  var pageSize = +root.dataset.pageSize || 24;
  var dataURL = new URL(root.dataset.src, location.href);
  var filtersEl = document.getElementById("catalogue_filters");
  var statusEl = document.getElementById("catalogue_status");
  var listEl = document.getElementById("catalogue_list");
  var pagesEl = document.getElementById("catalogue_pages");
  var headingEl = document.getElementById("results_heading");

  var SORTS = [
    ["relevance", "Best match"],
    ["title", "Title"],
    ["newest", "Newest first"],
    ["budget", "Budget, smallest first"],
    ["budget-desc", "Budget, largest first"]
  ];
  var MAX_TERM = 40;

  var N, W, ALL, facets, facetByID, newest, byBudget, hasBudget, cardSize, cardFiles, termFiles, maxKey;
  var cardChunks = {}, shardCache = {}, lastSearch = {key: null};
  var state = {sel: {}, q: "", sort: "", page: 1};
  var seq = 0, typing = false, searchBox, sortBox;

  // ---- text: the same folding and terms as site.Fold and search.Terms.

  var MARKS = /\p{Mn}/gu;
  var UPPER = /[^\p{Ll}\p{Lm}\p{Lo}\p{Nd}\s\p{P}]/gu;
  var TERM = /[\p{L}\p{Nd}]+/gu;
  function lower(c) { return c.toLowerCase(); }
  function fold(s) {
    s = s.normalize("NFD").replace(MARKS, "");
    // One code point at a time, as Go's unicode.ToLower: a whole-string
    // toLowerCase would give final sigmas.
    return /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : s.replace(UPPER, lower);
  }
  function runes(s) { return Array.from(s).length; }
  function terms(s) {
    return (fold(s).match(TERM) || []).filter(function (t) {
      var n = runes(t);
      return n >= 2 && n <= MAX_TERM;
    });
  }

  // ---- bitsets of case numbers.

  function bitset() { return new Uint32Array(W); }
  function fromDeltas(deltas) {
    var b = bitset(), i = 0;
    for (var k = 0; k < deltas.length; k++) {
      i += deltas[k];
      b[i >>> 5] |= 1 << (i & 31);
    }
    return b;
  }
  function and(dst, src) { for (var k = 0; k < W; k++) dst[k] &= src[k]; return dst; }
  function has(b, i) { return (b[i >>> 5] >>> (i & 31)) & 1; }
  function popcount(x) {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  function countAnd(a, b) {
    var n = 0;
    for (var k = 0; k < W; k++) n += popcount(a[k] & b[k]);
    return n;
  }

  // ---- loading.

  function getJSON(name) {
    return fetch(new URL(name, dataURL)).then(function (r) {
      if (!r.ok) throw new Error(name + ": " + r.status);
      return r.json();
    });
  }
  // getPart resolves to the JSON at [file, from, to]: those bytes of a
  // pack of the catalogue's data files. It asks for them alone; a server
  // that ignores the Range header sends the whole pack, and the part is
  // taken out of it.
  function getPart(at) {
    var from = at[1], to = at[2];
    return fetch(new URL(at[0], dataURL), {headers: {Range: "bytes=" + from + "-" + (to - 1)}}).then(function (r) {
      if (!r.ok) throw new Error(at[0] + ": " + r.status);
      return r.arrayBuffer().then(function (buf) {
        var bytes = new Uint8Array(buf);
        if (r.status !== 206) bytes = bytes.subarray(from, to);
        return JSON.parse(new TextDecoder().decode(bytes));
      });
    });
  }
  function chunk(n) {
    if (!cardChunks[n]) cardChunks[n] = getPart(cardFiles[n]);
    return cardChunks[n];
  }
  // shardKey returns the key of the shard that holds a term: the longest
  // key the term begins with.
  function shardKey(t) {
    var cps = Array.from(t);
    for (var k = Math.min(cps.length, maxKey); k >= 2; k--) {
      var key = cps.slice(0, k).join("");
      if (termFiles[key]) return key;
    }
    return null;
  }
  function shard(key) {
    if (!key) return Promise.resolve({});
    if (!shardCache[key]) shardCache[key] = getPart(termFiles[key]);
    return shardCache[key];
  }

  // search resolves to null without query terms, else to the matching
  // cases and their scores: the sum over the terms of the best field bits
  // of the indexed terms they begin.
  function search(qs) {
    var key = qs.join(" ");
    if (!qs.length) return Promise.resolve(null);
    if (lastSearch.key === key) return lastSearch.result;
    var result = Promise.all(qs.map(function (t) { return shard(shardKey(t)); })).then(function (shards) {
      var score = null;
      qs.forEach(function (q, n) {
        var best = new Uint8Array(N), sh = shards[n];
        for (var t in sh) {
          if (t.lastIndexOf(q, 0) !== 0) continue;
          var ps = sh[t], doc = 0;
          for (var k = 0; k < ps.length; k++) {
            doc += ps[k] >>> 5;
            var f = ps[k] & 31;
            if (f > best[doc]) best[doc] = f;
          }
        }
        if (!score) {
          score = new Int32Array(best);
        } else {
          for (var i = 0; i < N; i++) score[i] = score[i] && best[i] ? score[i] + best[i] : 0;
        }
      });
      var bits = bitset();
      for (var i = 0; i < N; i++) if (score[i]) bits[i >>> 5] |= 1 << (i & 31);
      return {bits: bits, score: score};
    });
    lastSearch = {key: key, result: result};
    return result;
  }

  // ---- state and URL.

  function readURL() {
    var p = new URLSearchParams(location.search);
    var s = {sel: {}, q: p.get("q") || "", sort: p.get("sort") || "", page: +p.get("page") || 0};
    facets.forEach(function (f) {
      var ids = [];
      p.getAll(f.id).forEach(function (v) { ids = ids.concat(v.split(",")); });
      s.sel[f.id] = ids.filter(function (id) { return f.byID[id]; });
    });
    if (!s.page) s.page = location.search ? 1 : +root.dataset.page || 1;
    return s;
  }
  function writeURL(push) {
    var p = new URLSearchParams();
    facets.forEach(function (f) {
      if (state.sel[f.id].length) p.set(f.id, state.sel[f.id].join(","));
    });
    if (state.q) p.set("q", state.q);
    if (state.sort) p.set("sort", state.sort);
    if (state.page > 1) p.set("page", state.page);
    var url = base + "cases/" + (p.toString() ? "?" + p.toString().replace(/%2C/g, ",") : "");
    if (url === location.pathname + location.search) return;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }
  function effectiveSort(hasQuery) {
    var s = state.sort || (hasQuery ? "relevance" : "title");
    return s === "relevance" && !hasQuery ? "title" : s;
  }

  // ---- the controls.

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var a in attrs) {
      if (a === "class") e.className = attrs[a];
      else e.setAttribute(a, attrs[a]);
    }
    if (text != null) e.textContent = text;
    return e;
  }
  function buildControls() {
    var box = el("div", {class: "catalogue-search", role: "search"});
    box.append(el("label", {for: "catalogue_q"}, "Search the cases"));
    searchBox = el("input", {type: "search", id: "catalogue_q", autocomplete: "off", spellcheck: "false"});
    box.append(searchBox);
    var sortP = el("p", {class: "catalogue-sort"});
    sortP.append(el("label", {for: "catalogue_sort"}, "Sort by"), " ");
    sortBox = el("select", {id: "catalogue_sort"});
    SORTS.forEach(function (s) { sortBox.append(el("option", {value: s[0]}, s[1])); });
    sortP.append(sortBox);
    var clear = el("button", {type: "button", class: "catalogue-clear"}, "Clear all filters");
    filtersEl.append(box, sortP, clear);
    facets.forEach(function (f) {
      var fs = el("fieldset", {class: "facet"});
      fs.append(el("legend", null, f.label));
      // A long list scrolls; it takes the focus itself, for the keys,
      // since all its values may be disabled.
      var ul = f.values.length > 12 ? el("ul", {class: "facet-scroll", tabindex: "0", "aria-label": f.label}) : el("ul");
      f.values.forEach(function (v) {
        var li = el("li"), label = el("label");
        v.input = el("input", {type: "checkbox", name: f.id, value: v.id});
        v.count = el("span", {class: "facet-count"});
        label.append(v.input, " ", el("span", {class: "facet-label"}, v.label), " ", v.count);
        li.append(label);
        ul.append(li);
        v.label_ = label;
        v.input.addEventListener("blur", function () { setDisabled(v); });
      });
      fs.append(ul);
      filtersEl.append(fs);
      fs.addEventListener("change", function (e) {
        var v = f.byID[e.target.value];
        var ids = state.sel[f.id].filter(function (id) { return id !== v.id; });
        if (e.target.checked) ids.push(v.id);
        state.sel[f.id] = f.values.map(function (x) { return x.id; }).filter(function (id) { return ids.indexOf(id) >= 0; });
        state.page = 1;
        update("push");
      });
    });
    // The first keystroke of a search adds a history entry, the next ones
    // replace it.
    searchBox.addEventListener("input", function () {
      state.q = searchBox.value;
      state.page = 1;
      update(typing ? "replace" : "push");
      typing = true;
    });
    sortBox.addEventListener("change", function () {
      var q = terms(state.q).length > 0;
      state.sort = sortBox.value === (q ? "relevance" : "title") ? "" : sortBox.value;
      state.page = 1;
      update("push");
    });
    clear.addEventListener("click", function () {
      facets.forEach(function (f) { state.sel[f.id] = []; });
      state.q = "";
      state.page = 1;
      showState();
      update("push");
      searchBox.focus();
    });
    pagesEl.addEventListener("click", function (e) {
      var a = e.target.closest("a[data-page]");
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
      e.preventDefault();
      state.page = +a.dataset.page;
      update("push", true);
    });
    filtersEl.hidden = false;
    root.classList.add("catalogue-ready");
  }
  // showState sets the controls to the state, after a URL was read.
  function showState() {
    searchBox.value = state.q;
    facets.forEach(function (f) {
      f.values.forEach(function (v) { v.input.checked = state.sel[f.id].indexOf(v.id) >= 0; });
    });
  }
  // setDisabled disables a value that would leave no case, but never the
  // control that has the focus (its blur handler comes back to it).
  function setDisabled(v) {
    var off = v.n === 0 && !v.input.checked;
    if (off && v.input === document.activeElement) off = false;
    v.input.disabled = off;
    v.label_.classList.toggle("facet-empty", off);
  }

  // ---- filtering.

  // update filters and renders the results. mode is "push" or
  // "replace" for how the URL follows the state, or "none" when the state
  // came from the URL.
  function update(mode, focusResults) {
    var mine = ++seq;
    if (mode !== "replace") typing = false;
    if (mode !== "none") writeURL(mode === "push");
    var qs = terms(state.q);
    root.setAttribute("aria-busy", "true");
    search(qs).then(function (match) {
      if (mine !== seq) return;
      var order = filter(match, qs.length > 0);
      var pages = Math.max(1, Math.ceil(order.length / pageSize));
      if (state.page > pages) state.page = pages;
      var shown = order.slice((state.page - 1) * pageSize, state.page * pageSize);
      var need = {};
      shown.forEach(function (i) { need[Math.floor(i / cardSize)] = true; });
      return Promise.all(Object.keys(need).map(function (n) {
        return chunk(+n).then(function (cards) { need[n] = cards; });
      })).then(function () {
        if (mine !== seq) return;
        render(order, shown, need, qs, pages);
        root.removeAttribute("aria-busy");
        if (focusResults) headingEl.focus();
        root.dispatchEvent(new CustomEvent("catalogue:updated", {detail: {total: order.length, q: state.q}}));
      });
    }).catch(function (err) {
      if (mine !== seq) return;
      root.removeAttribute("aria-busy");
      statusEl.textContent = "The results could not be loaded (" + err.message + ").";
    });
  }

  // filter returns the matching cases in the order of the sort, and sets
  // the count of every facet value: the cases that have it among those
  // that the search and the other facets leave.
  function filter(match, hasQuery) {
    var base_ = match ? match.bits : ALL;
    var unions = facets.map(function (f) {
      var ids = state.sel[f.id];
      if (!ids.length) return null;
      var u = bitset();
      ids.forEach(function (id) {
        var b = f.byID[id].bits;
        for (var k = 0; k < W; k++) u[k] |= b[k];
      });
      return u;
    });
    facets.forEach(function (f, fi) {
      var m = base_;
      unions.forEach(function (u, gi) {
        if (u && gi !== fi) m = and(m === base_ ? base_.slice() : m, u);
      });
      f.values.forEach(function (v) {
        v.n = m === ALL ? v.total : countAnd(v.bits, m);
        v.count.textContent = "(" + v.n + ")";
        setDisabled(v);
      });
    });
    var result = base_.slice();
    unions.forEach(function (u) { if (u) and(result, u); });
    var sort = effectiveSort(hasQuery);
    sortBox.value = sort;
    var order = [], i;
    if (sort === "relevance") {
      for (i = 0; i < N; i++) if (has(result, i)) order.push(i);
      order.sort(function (a, b) { return match.score[b] - match.score[a] || a - b; });
    } else if (sort === "newest") {
      for (i = 0; i < N; i++) if (has(result, newest[i])) order.push(newest[i]);
    } else if (sort === "budget" || sort === "budget-desc") {
      var desc = sort === "budget-desc";
      for (var k = 0; k < byBudget.length; k++) {
        var c = byBudget[desc ? byBudget.length - 1 - k : k];
        if (has(result, c)) order.push(c);
      }
      for (i = 0; i < N; i++) if (!hasBudget[i] && has(result, i)) order.push(i);
    } else {
      for (i = 0; i < N; i++) if (has(result, i)) order.push(i);
    }
    return order;
  }

  // ---- rendering: cards cloned from the template of
  // partials/catalogue-card.html, and the markup of partials/pagination.html.

  function render(order, shown, chunks, qs, pages) {
    var frag = document.createDocumentFragment();
    shown.forEach(function (i) {
      frag.append(card(chunks[Math.floor(i / cardSize)][i % cardSize], qs, i));
    });
    listEl.replaceChildren(frag);
    var total = order.length, first = (state.page - 1) * pageSize + 1;
    var filtered = qs.length > 0 || facets.some(function (f) { return state.sel[f.id].length; });
    var sortName = SORTS.filter(function (s) { return s[0] === sortBox.value; })[0][1].toLowerCase();
    statusEl.textContent = total === 0 ?
      "No cases match. Remove a filter or change the search." :
      plural(total, "case", "cases") + (filtered ? " match" : "") + "; showing " + first + " to " +
      (first + shown.length - 1) + ", by " + sortName + ".";
    renderPages(pages);
  }
  function plural(n, one, many) { return n === 1 ? "1 " + one : n + " " + many; }
  function pageURL(n) {
    var p = new URLSearchParams(location.search);
    if (n > 1) p.set("page", n); else p.delete("page");
    var q = p.toString().replace(/%2C/g, ",");
    return base + "cases/" + (q ? "?" + q : "");
  }
  function renderPages(pages) {
    pagesEl.replaceChildren();
    pagesEl.hidden = pages < 2;
    if (pages < 2) return;
    var ul = el("ul");
    function link(n, text, rel) {
      var li = el("li"), a = el("a", {href: pageURL(n), "data-page": n});
      if (rel) {
        a.rel = rel;
        a.append(text, el("span", {class: "visually-hidden"}, " page"));
      } else {
        a.append(el("span", {class: "visually-hidden"}, "Page "), String(n));
        if (n === state.page) a.setAttribute("aria-current", "page");
      }
      li.append(a);
      ul.append(li);
    }
    if (state.page > 1) link(state.page - 1, "Previous", "prev");
    for (var n = 1; n <= pages; n++) {
      // Many pages: the first, the last and those near the current one.
      if (pages > 9 && n > 1 && n < pages && Math.abs(n - state.page) > 2) {
        if (n === 2 || n === pages - 1) ul.append(el("li", {class: "pagination-gap", "aria-hidden": "true"}, "…"));
        continue;
      }
      link(n, null, null);
    }
    if (state.page < pages) link(state.page + 1, "Next", "next");
    pagesEl.append(ul);
  }

  // card renders case i, c = [slug, title, summary, approaches, partners,
  // SDGs, budget, start, end], with the query's terms marked, into a clone of
  // the card template (partials/catalogue-card.html): each part is the
  // element of its data-slot, and is removed when the case has none. The
  // labels are those of the facets, by id.
  function card(c, qs, i) {
    var li = document.importNode(cardTemplate.content.firstElementChild, true);
    function slot(name) { return li.querySelector('[data-slot="' + name + '"]'); }
    function fill(name, content) {
      var e = slot(name);
      if (!e) return;
      if (content == null) e.remove();
      else (e.querySelector("dd") || e).replaceChildren(content);
    }
    var a = slot("title");
    a.href = base + "cases/" + c[0] + "/";
    a.replaceChildren(marked(c[1], qs));
    fill("summary", c[2] ? marked(c[2], qs) : null);
    var approach = facetByID.approach, country = facetByID.country, sdg = facetByID.sdg;
    var div = slot("approaches");
    if (div && c[3].length) {
      var dt = div.querySelector("dt");
      dt.textContent = c[3].length === 1 ? dt.dataset.singular : dt.dataset.plural;
    }
    fill("approaches", c[3].length ? c[3].map(function (k) { return approach.values[k].label; }).join(", ") : null);
    var partners = null;
    if (c[4].length) {
      partners = document.createDocumentFragment();
      c[4].forEach(function (p, k) {
        if (k) partners.append(", ");
        partners.append(marked(p[0], qs));
        if (p[1] >= 0) partners.append(" (" + country.values[p[1]].label + ")");
      });
    }
    fill("partners", partners);
    var ul = null;
    if (c[5].length && (div = slot("sdgs"))) {
      ul = div.querySelector("ul");
      var proto = ul.firstElementChild;
      ul.replaceChildren();
      c[5].forEach(function (g) {
        var v = sdg.byID[g], item = proto.cloneNode(true);
        var sw = item.querySelector(".sdg-swatch"), name = item.querySelector(".visually-hidden");
        if (v && v.colour) sw.style.borderColor = v.colour;
        name.textContent = " " + (v ? v.short || v.label : "");
        item.replaceChildren(sw, String(g), name);
        ul.append(item);
      });
    }
    fill("sdgs", ul);
    fill("budget", c[6] || null);
    fill("years", years(c[7], c[8]) || null);
    // A part marked data-facet="<id>" shows the case's values of that
    // facet, by their labels on cards, in the facet's order: a facet added
    // to the site needs no code here.
    for (var e of li.querySelectorAll("[data-facet]")) {
      var f = facetByID[e.dataset.facet], labels = [];
      if (f) f.values.forEach(function (v) { if (has(v.bits, i)) labels.push(v.short || v.label); });
      if (labels.length) (e.querySelector("dd") || e).replaceChildren(labels.join(", "));
      else e.remove();
      e.removeAttribute("data-facet");
    }
    for (var e of li.querySelectorAll("[data-slot], [data-singular]")) {
      e.removeAttribute("data-slot");
      e.removeAttribute("data-singular");
      e.removeAttribute("data-plural");
    }
    return li;
  }
  // years is render's years: "2010–2023", "since 2010", "until 2023".
  function years(s, e) {
    if (!s && !e) return "";
    if (!e) return "since " + s;
    if (!s) return "until " + e;
    return s === e ? String(s) : s + "–" + e;
  }

  // marked returns text with the words that begin with a query term in
  // <mark>, matching as the search does: folded, from the start of a word.
  function marked(text, qs) {
    var frag = document.createDocumentFragment();
    if (!qs.length) {
      frag.append(text);
      return frag;
    }
    var folded = "", at = [], i = 0;
    for (var ch of text) {
      var f = fold(ch);
      for (var k = 0; k < f.length; k++) at.push(i);
      folded += f;
      i += ch.length;
    }
    at.push(text.length);
    var ranges = [], m;
    TERM.lastIndex = 0;
    while ((m = TERM.exec(folded))) {
      var word = m[0], best = 0;
      qs.forEach(function (q) {
        if (q.length > best && word.lastIndexOf(q, 0) === 0) best = q.length;
      });
      if (best) ranges.push([at[m.index], at[m.index + best]]);
    }
    var last = 0;
    ranges.forEach(function (r) {
      // a mark ends after the whole of its last character's marks
      var end = r[1];
      while (end < text.length && /\p{M}/u.test(text[end])) end++;
      frag.append(text.slice(last, r[0]), el("mark", null, text.slice(r[0], end)));
      last = end;
    });
    frag.append(text.slice(last));
    return frag;
  }

  // ---- start.

  function init(data) {
    N = data.cases;
    W = (N + 31) >>> 5;
    ALL = bitset();
    for (var i = 0; i < N; i++) ALL[i >>> 5] |= 1 << (i & 31);
    facetByID = {};
    facets = data.facets.map(function (f) {
      var byID = {};
      var values = f.values.map(function (v) {
        var x = {id: v[0], label: v[1], bits: fromDeltas(v[2]), total: 0, n: 0, colour: v[3], short: v[4]};
        for (var k = 0; k < v[2].length; k++) x.total++;
        byID[x.id] = x;
        return x;
      });
      return (facetByID[f.id] = {id: f.id, label: f.label, values: values, byID: byID});
    });
    newest = data.sort.newest;
    byBudget = data.sort.budget;
    hasBudget = new Uint8Array(N);
    byBudget.forEach(function (c) { hasBudget[c] = 1; });
    cardSize = data.cards.size;
    cardFiles = data.cards.files;
    termFiles = data.terms;
    maxKey = 2;
    for (var key in termFiles) maxKey = Math.max(maxKey, runes(key));
    buildControls();
    state = readURL();
    showState();
    update("none");
    window.addEventListener("popstate", function () {
      state = readURL();
      showState();
      update("none");
    });
  }

  getJSON(dataURL.href).then(init).catch(function (err) {
    statusEl.textContent += " (Filters unavailable: " + err.message + ".)";
  });
})();
