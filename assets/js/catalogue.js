// casebook catalogue: faceted filtering and full-text search in the
// browser, over the data that `casebook build` writes (package search; its
// comment specifies the files). Without this script the catalogue lists
// every case in numbered pages. Written by hand, without a library: the
// job is small (bitsets, one sorted walk, a prefix lookup), and so the page
// loads one file of a few kilobytes and nothing from another host.
//
// State lives in the URL: ?approach=twinning,city-to-city&sdg=13&q=water&
// sort=newest&page=2. Facet clicks, sorting and paging push a history
// entry; typing replaces the current one. The history entries keep the
// page's own path (/cases/page/3/?page=1 is page 1): every link of the
// site is relative to that path, and would break if it changed. After each update the root
// element fires "catalogue:updated" (used by the tests and benchmarks).
(function () {
  "use strict";
  var root = document.getElementById("catalogue_root");
  // The cards are clones of this template (see partials/catalogue-card.html);
  // a site's own catalogue.html without it keeps the list as it is.
  var cardTemplate = document.getElementById("catalogue_card");
  if (!root || !cardTemplate || !("content" in cardTemplate) || !window.fetch || !("normalize" in String.prototype)) return;

  // The way back to the site's root from this page ("../"), and what links
  // to folders end in ("index.html" when the site is read from disk).
  var base = root.dataset.base || "";
  var indexFile = root.dataset.index || "";
  var pageSize = +root.dataset.pageSize || 24;
  var dataURL = new URL(root.dataset.src, location.href);
  var filtersEl = document.getElementById("catalogue_filters");
  var statusEl = document.getElementById("catalogue_status");
  var listEl = document.getElementById("catalogue_list");
  var pagesEl = document.getElementById("catalogue_pages");
  var headingEl = document.getElementById("results_heading");
  var chipsEl = document.getElementById("catalogue_chips");
  var toggleEl = document.getElementById("catalogue_toggle");
  var doneEl = document.getElementById("catalogue_done");
  var activeEl = document.getElementById("catalogue_active");

  var t = window.casebookWords ? window.casebookWords() : function (k) { return k; };
  var SORTS = ["relevance", "title", "newest", "budget", "budget-desc"];
  var MAX_TERM = 40;

  // EAGER is how many of a page's cards are fetched before it is shown;
  // the others are fetched as the reader scrolls near them, so that a
  // query on a large site does not download the cards of every result.
  var EAGER = 6;

  var N, W, ALL, facets, facetByID, sorts, newest, byBudget, hasBudget, cardSize, cardFiles, termFiles, maxKey;
  var cardChunks = {}, loadedChunks = {}, shardCache = {}, lastSearch = {key: null}, sortCache = {};
  var serverList = true; // the list is still the one the page came with
  var state = {sel: {}, q: "", sort: "", page: 1};
  var seq = 0, typing = false, searchBox, sortBox, pendingFocus = null;

  // ---- text: the same folding and terms as site.Fold and search.Terms.

  var MARKS = /\p{Mn}/gu;
  var UPPER = /[^\p{Ll}\p{Lm}\p{Lo}\p{Nd}\s\p{P}]/gu;
  // A word is a run of letters and digits, or a number in groups of
  // three digits ("60,000", "60 000", "60.000"), whose term is its digits
  // alone: search.groupedNumber's rule.
  var SEP = /[,. '\u2019\u00a0\u202f\u2009\u066c]/;
  var WORD = new RegExp("(?<![\\p{L}\\p{Nd}])\\p{Nd}{1,3}(?:" + SEP.source + "\\p{Nd}{3})+(?![\\p{L}\\p{Nd}])|[\\p{L}\\p{Nd}]+", "gu");
  var SEPS = new RegExp(SEP.source, "g");
  function term(word) { return word.replace(SEPS, ""); }
  function lower(c) { return c.toLowerCase(); }
  // The Latin letters that do not decompose, as site.latinBase types them.
  var BASES = {"ł": "l", "ŀ": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"};
  var UNBASED = /[łŀøđðħıŧßæœþ]/g;
  function fold(s) {
    s = s.normalize("NFD").replace(MARKS, "");
    if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
    // One code point at a time, as Go's unicode.ToLower: a whole-string
    // toLowerCase would give final sigmas.
    return s.replace(UPPER, lower).replace(UNBASED, function (c) { return BASES[c]; });
  }
  function runes(s) { return Array.from(s).length; }
  // As package search cuts them: two runes or more, a longer one cut to
  // its first MAX_TERM.
  function terms(s) {
    return (fold(s).match(WORD) || []).map(term).filter(function (t) {
      return runes(t) >= 2;
    }).map(function (t) {
      return runes(t) > MAX_TERM ? Array.from(t).slice(0, MAX_TERM).join("") : t;
    });
  }

  // ---- lists of case numbers, as package search writes them (code.go
  // specifies the code): Golomb-Rice codes in base64url.

  var DIGIT = new Int8Array(128);
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, k) {
    DIGIT[c.charCodeAt(0)] = k;
  });
  // decode calls each(case, fields) for every case of code s; fields are
  // read for postings only.
  function decode(s, postings, each) {
    var r = DIGIT[s.charCodeAt(0)], pos = 6, end = 6 * s.length, c = -1;
    function bit() {
      var b = (DIGIT[s.charCodeAt((pos / 6) | 0)] >>> (5 - pos % 6)) & 1;
      pos++;
      return b;
    }
    function bits(n) {
      var v = 0;
      while (n--) v = v * 2 + bit();
      return v;
    }
    for (;;) {
      var q = 0, b;
      while ((b = pos < end ? bit() : -1) === 1) q++;
      if (b < 0) return; // the 1 bits that fill the last character
      c += 1 + q * Math.pow(2, r) + bits(r);
      each(c, postings ? (bit() ? bits(5) : 1) : 0);
    }
  }

  // ---- bitsets of case numbers.

  function bitset() { return new Uint32Array(W); }
  // fromCode returns the bitset of the cases of code s, and their number.
  function fromCode(s) {
    var b = bitset(), n = 0;
    decode(s, false, function (i) {
      b[i >>> 5] |= 1 << (i & 31);
      n++;
    });
    return {bits: b, n: n};
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
  // pack of the catalogue's data files. It asks for them alone. A server
  // that ignores the Range header sends the whole pack: the part is taken
  // out of it, and the other parts of that pack later too. The first
  // request tells which kind of server it is; the others wait for it.
  var ranges = null, wholePacks = {};
  function getPart(at) {
    var file = at[0], from = at[1], to = at[2];
    function part(got) { return parse(got.ranged ? got.bytes : got.bytes.subarray(from, to)); }
    if (!ranges) {
      var first = fetchBytes(file, from, to);
      ranges = first.then(function (got) {
        if (!got.ranged) wholePacks[file] = Promise.resolve(got);
        return got.ranged;
      }, function () { return true; });
      return first.then(part);
    }
    return ranges.then(function (yes) {
      if (yes) return fetchBytes(file, from, to).then(part);
      if (!wholePacks[file]) wholePacks[file] = fetchBytes(file, 0, 0);
      return wholePacks[file].then(part);
    });
  }
  // fetchBytes resolves to the bytes [from, to) of file, or to the whole
  // file when to is 0 or the server sends it whole, and to which it is.
  function fetchBytes(file, from, to) {
    var init = to ? {headers: {Range: "bytes=" + from + "-" + (to - 1)}} : undefined;
    return fetch(new URL(file, dataURL), init).then(function (r) {
      if (!r.ok) throw new Error(file + ": " + r.status);
      return r.arrayBuffer().then(function (buf) { return {bytes: new Uint8Array(buf), ranged: r.status === 206}; });
    });
  }
  function parse(bytes) { return JSON.parse(new TextDecoder().decode(bytes)); }
  function chunk(n) {
    if (!cardChunks[n]) {
      cardChunks[n] = getPart(cardFiles[n]).then(function (cards) { return (loadedChunks[n] = cards); });
    }
    return cardChunks[n];
  }
  // parts returns where each member of packs is, [file, from, to], from
  // the catalogue's list of them: [file, length, ...] per pack, or with
  // keys, [file, key, length, key, length, ...], and then by key. A pack
  // is "[", its members joined by ",\n", and "]".
  function parts(packs, keyed) {
    var out = keyed ? Object.create(null) : [];
    packs.forEach(function (p) {
      var from = 1;
      for (var k = 1; k < p.length; k += keyed ? 2 : 1) {
        var len = p[keyed ? k + 1 : k], at = [p[0], from, from + len];
        if (keyed) out[p[k]] = at;
        else out.push(at);
        from += len + 2;
      }
    });
    return out;
  }
  // loadFacet resolves when the values of folded facet f, and which cases
  // have them, are loaded from its file.
  function loadFacet(f) {
    if (!f.loading) {
      f.loading = f.ready ? Promise.resolve() : getJSON(f.file).then(function (values) {
        values.forEach(function (v, k) {
          var x = f.values[k] || addValue(f, v), set = fromCode(v[2]);
          x.bits = set.bits;
          x.total = set.n;
        });
        f.ready = true;
        if (f.list) fillFacet(f);
      });
    }
    return f.loading;
  }
  // ready resolves when what showing the state needs is loaded: the
  // folded facets it filters by or the cards name, and its sort order.
  function ready(sort) {
    var need = [];
    facets.forEach(function (f) {
      if (!f.ready && (state.sel[f.id].length || f.onCards || (f.cardLabels && !f.values.length))) need.push(loadFacet(f));
    });
    var s = sort === "budget-desc" ? "budget" : sort;
    if (Object.prototype.hasOwnProperty.call(sorts, s) && !sortCache[s]) {
      sortCache[s] = getJSON(sorts[s]).then(function (order) {
        if (s === "newest") newest = order;
        else {
          byBudget = order;
          hasBudget = new Uint8Array(N);
          order.forEach(function (c) { hasBudget[c] = 1; });
        }
      });
    }
    if (sortCache[s]) need.push(sortCache[s]);
    return Promise.all(need);
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

  // ---- forgiving: the same stems, typos and fallback as package search
  // (forgive.go, which specifies them; find there is the reference).

  var MIN_FUZZY = 5, MIN_STEM = 5;
  // stemmers by language: each returns the beginning that a folded term's
  // forms share, matched as a prefix.
  var EN_SUFFIXES = ["ations", "ities", "ation", "ments", "ings", "ions", "ment", "ates", "ated",
    "ing", "ion", "ity", "ers", "ies", "ied", "ate", "er", "es", "ed", "ly", "al", "s", "e"];
  var STEMMERS = {
    en: stemEnglish,
    nl: suffixStemmer(["heden", "heid", "ingen", "ing", "ers", "en", "er", "es", "s", "e"]),
    fr: suffixStemmer(["ements", "ement", "ations", "ation", "atrices", "atrice", "ateurs", "ateur",
      "euses", "euse", "eurs", "eur", "ees", "ee", "es", "er", "ez", "s", "e", "x"]),
    de: suffixStemmer(["ungen", "innen", "heiten", "keiten", "ung", "ern", "en", "er", "es", "em", "e", "s"]),
    es: suffixStemmer(["aciones", "acion", "idades", "idad", "mente", "es", "os", "as", "s", "o", "a"])
  };
  var stemmer = STEMMERS[(document.documentElement.lang || "").toLowerCase().split("-")[0]];
  function stem(t) { return stemmer ? stemmer(t) : t; }
  function stemEnglish(t) {
    t = cutSuffixes(t, EN_SUFFIXES);
    var n = t.length;
    if (n >= 2 && t[n - 1] === "r" && "aeiouy".indexOf(t[n - 2]) < 0 && runes(t) - 1 >= MIN_STEM) t = t.slice(0, -1);
    return t;
  }
  function suffixStemmer(suffixes) {
    return function (t) { return cutSuffixes(t, suffixes); };
  }
  function cutSuffixes(t, suffixes) {
    for (var pass = 0; pass < 2; pass++) {
      var cut = false;
      for (var k = 0; k < suffixes.length; k++) {
        var suf = suffixes[k];
        if (t.length > suf.length && t.slice(-suf.length) === suf && runes(t) - suf.length >= MIN_STEM) {
          t = t.slice(0, -suf.length);
          cut = true;
          break;
        }
      }
      if (!cut) break;
    }
    return t;
  }
  // withinOne reports whether t begins with a word at most one edit (a
  // rune more, less or changed, two neighbours swapped) from q.
  function withinOne(q, t) {
    var a = Array.from(q), b = Array.from(t), j;
    var prev2 = new Array(b.length + 1), prev = new Array(b.length + 1), cur = new Array(b.length + 1);
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur[0] = i;
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < least) least = v;
      }
      if (least > 1) return false;
      var x = prev2; prev2 = prev; prev = cur; cur = x;
    }
    return Math.min.apply(null, prev) <= 1;
  }
  function head(t) { return Array.from(t).slice(0, 2).join(""); }
  // fuzzyHeads are the first two runes that a term within one edit of q
  // may begin with: q's own, without its first or second rune, or with
  // its first three runes' neighbours swapped.
  function fuzzyHeads(q) {
    return edits(q, 2).map(head).filter(function (h, i, all) { return all.indexOf(h) === i; });
  }
  // edits returns q and the forms of q with one of its first n runes left
  // out or swapped with the next.
  function edits(q, n) {
    var r = Array.from(q), out = [q];
    for (var i = 0; i < n && i < r.length; i++) out.push(r.slice(0, i).concat(r.slice(i + 1)).join(""));
    for (i = 0; i < n && i + 1 < r.length; i++) {
      var v = r.slice();
      v[i] = r[i + 1];
      v[i + 1] = r[i];
      out.push(v.join(""));
    }
    return out;
  }
  // fuzzyKeys are the shards that hold the terms within one edit of q that
  // fuzzyHeads allows.
  function fuzzyKeys(q) {
    var keys = [];
    edits(q, maxKey).forEach(function (v) {
      var k = shardKey(v);
      if (k && keys.indexOf(k) < 0) keys.push(k);
    });
    return keys;
  }

  // bestOf returns, for every case, the best field bits of the terms of
  // the shards that ok accepts, and whether any term was accepted; seen
  // keeps a term of two shards from counting twice.
  function bestOf(shards, ok) {
    var best = new Uint8Array(N), any = false, seen = {};
    shards.forEach(function (sh) {
      for (var t in sh) {
        if (seen[t] || !ok(t)) continue;
        seen[t] = any = true;
        var ps = postings(sh, t);
        for (var k = 0; k < ps.length; k++) {
          var doc = ps[k] >>> 5, f = ps[k] & 31;
          if (f > best[doc]) best[doc] = f;
        }
      }
    });
    return {best: best, any: any};
  }
  // postings returns the postings of term t of shard sh, case << 5 |
  // fields, decoding them the first time.
  function postings(sh, t) {
    if (typeof sh[t] === "string") {
      var ps = [];
      decode(sh[t], true, function (c, f) { ps.push(c * 32 + f); });
      sh[t] = ps;
    }
    return sh[t];
  }

  // search resolves to null without query terms, else to the matching
  // cases and their scores (the sum over the terms of the best field bits
  // of the terms they match), how many terms they have of how many, the
  // typos corrected (query term -> index term), and the terms to mark.
  // Shards of possible typos load only for a term that matched nothing.
  function search(qs) {
    var key = qs.join(" ");
    if (!qs.length) return Promise.resolve(null);
    if (lastSearch.key === key) return lastSearch.result;
    var stems = qs.map(stem);
    var result = Promise.all(stems.map(function (s) { return shard(shardKey(s)); })).then(function (shards) {
      var per = qs.map(function (q, n) {
        return bestOf([shards[n]], function (t) { return t.lastIndexOf(stems[n], 0) === 0; });
      });
      var fuzzy = [];
      qs.forEach(function (q, n) { if (!per[n].any && runes(q) >= MIN_FUZZY) fuzzy.push(n); });
      return Promise.all(fuzzy.map(function (n) {
        return Promise.all(fuzzyKeys(qs[n]).map(shard));
      })).then(function (loaded) {
        var corrected = {};
        fuzzy.forEach(function (n, k) {
          var q = qs[n], heads = fuzzyHeads(q), most = 0;
          per[n] = bestOf(loaded[k], function (t) {
            if (heads.indexOf(head(t)) < 0 || !withinOne(q, t)) return false;
            for (var j = 0; j < loaded[k].length; j++) {
              var ps = Object.prototype.hasOwnProperty.call(loaded[k][j], t) ? postings(loaded[k][j], t) : null;
              if (ps && ps.length > most) { most = ps.length; corrected[q] = t; }
            }
            return true;
          });
        });
        return combine(qs, per, corrected, stems);
      });
    });
    lastSearch = {key: key, result: result};
    return result;
  }
  // combine keeps the cases that have every term or, when none does, the
  // most of them.
  function combine(qs, per, corrected, stems) {
    var score = new Int32Array(N), have = new Uint8Array(N), most = 0, i;
    per.forEach(function (p) {
      for (var i = 0; i < N; i++) {
        if (p.best[i]) {
          score[i] += p.best[i];
          if (++have[i] > most) most = have[i];
        }
      }
    });
    var bits = bitset();
    for (i = 0; i < N; i++) {
      if (have[i] === most && most > 0) bits[i >>> 5] |= 1 << (i & 31);
      else score[i] = 0;
    }
    var marks = qs.slice();
    stems.forEach(function (s, n) { if (s !== qs[n]) marks.push("=" + s); });
    for (var q in corrected) marks.push("=" + corrected[q]);
    return {bits: bits, score: score, have: most, of: qs.length, corrected: corrected, marks: marks};
  }

  // ---- state and URL.

  function readURL() {
    var p = new URLSearchParams(location.search);
    // A page number that is not one (garbled, below 1) is the first page.
    var page = Math.floor(+p.get("page"));
    var s = {sel: {}, q: p.get("q") || "", sort: p.get("sort") || "", page: page >= 1 ? page : 0};
    if (SORTS.indexOf(s.sort) < 0) s.sort = "";
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
    if (state.page > 1 || state.page !== (+root.dataset.page || 1)) p.set("page", state.page);
    var q = p.toString().replace(/%2C/g, ",");
    var url = location.pathname + (q ? "?" + q : "");
    if (url === location.pathname + location.search) return;
    try {
      history[push ? "pushState" : "replaceState"](null, "", url);
    } catch (e) {
      // Some browsers refuse history entries for files opened from disk;
      // the results are shown all the same.
    }
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
    searchBox = document.getElementById("catalogue_q");
    sortBox = document.getElementById("catalogue_sort");
    if (!searchBox || !sortBox) { // a site's own catalogue.html of before the panel
      var box = el("div", {class: "catalogue-search", role: "search"});
      box.append(el("label", {for: "catalogue_q"}, t("search_label")));
      searchBox = el("input", {type: "search", id: "catalogue_q", autocomplete: "off", spellcheck: "false"});
      box.append(searchBox);
      var sortP = el("p", {class: "catalogue-sort"});
      sortP.append(el("label", {for: "catalogue_sort"}, t("sort_by")), " ");
      sortBox = el("select", {id: "catalogue_sort"});
      SORTS.forEach(function (s) { sortBox.append(el("option", {value: s}, t("sort_" + s))); });
      sortP.append(sortBox);
      filtersEl.append(box, sortP);
    }
    // A facet that no case has a value of (no case names a theme) is no
    // filter; one of many values (a file of its own) has some.
    facets.forEach(function (f) { if (f.file || f.values.length) filtersEl.append(facetControls(f)); });
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
    if (chipsEl) chipsEl.addEventListener("click", removeChip);
    panelControls();
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
  // facetControls returns the controls of facet f: its fieldset or, for a
  // folded facet (one of many values), a disclosure, closed, whose values
  // are loaded when it is first opened.
  function facetControls(f) {
    var fs = el("fieldset", {class: "facet", name: f.id}), legend = el("legend", null, f.label);
    f.list = el("ul");
    fs.append(legend, f.list);
    if (f.ready) fillFacet(f);
    fs.addEventListener("change", function (e) {
      select(f, f.byID[e.target.value].id, e.target.checked);
      update("push");
    });
    if (!f.file) return fs;
    legend.className = "visually-hidden";
    f.fold = el("details", {class: "facet-fold"});
    f.fold.append(el("summary", null, f.label), fs);
    f.fold.addEventListener("toggle", function () {
      if (f.fold.open && !f.ready) loadFacet(f).then(function () { update("none"); }, failed);
    });
    return f.fold;
  }
  // fillFacet lists the values of facet f, a checkbox each, with its count.
  function fillFacet(f) {
    var ul = f.list, n = f.values.length;
    if (n > 12) {
      // A long list scrolls; it takes the focus itself, for the keys,
      // since all its values may be disabled.
      // A very long one lays out only the values in view.
      ul.className = n > 200 ? "facet-scroll facet-long" : "facet-scroll";
      ul.tabIndex = 0;
      ul.setAttribute("aria-label", f.label);
    }
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
  }
  // select adds value id to facet f's selection, or takes it out, keeping
  // the facet's order.
  function select(f, id, on) {
    var ids = state.sel[f.id].filter(function (x) { return x !== id; });
    if (on) ids.push(id);
    state.sel[f.id] = f.values.map(function (x) { return x.id; }).filter(function (x) { return ids.indexOf(x) >= 0; });
    state.page = 1;
  }

  // ---- the panel on narrow screens (GOV.UK's "filter a list"): the
  // button opens it over the page, "Show results" and Escape close it and
  // give the focus back to the button. On wide screens CSS shows the panel
  // as a column and hides both buttons.

  function panelControls() {
    if (!toggleEl) return;
    toggleEl.addEventListener("click", function () { openPanel(toggleEl.getAttribute("aria-expanded") !== "true"); });
    if (doneEl) doneEl.addEventListener("click", function () { openPanel(false); });
    filtersEl.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && toggleEl.getAttribute("aria-expanded") === "true") openPanel(false);
    });
  }
  function openPanel(open) {
    toggleEl.setAttribute("aria-expanded", String(open));
    root.classList.toggle("catalogue-open", open);
    document.documentElement.classList.toggle("catalogue-locked", open);
    // What the open panel covers can take neither the focus nor clicks.
    for (var e = filtersEl; e && e.parentElement; e = e.parentElement) {
      for (var sib of e.parentElement.children) if (sib !== e && sib.tagName !== "SCRIPT") sib.inert = open;
    }
    if (open) filtersEl.focus();
    else toggleEl.focus();
  }

  // ---- the row of active filters: a button per chosen value and for the
  // search, each removing itself, and one that removes them all.

  function renderChips(total) {
    var n = 0, items = [];
    function chip(label, value, data) {
      var li = el("li"), b = el("button", {type: "button", class: "chip"});
      for (var k in data) b.dataset[k] = data[k];
      b.append(el("span", {class: "chip-facet"}, label + ": "), value, el("span", {"aria-hidden": "true", class: "chip-x"}, "×"),
        el("span", {class: "visually-hidden"}, t("remove_filter")));
      li.append(b);
      items.push(li);
    }
    facets.forEach(function (f) {
      state.sel[f.id].forEach(function (id) {
        var v = f.byID[id];
        chip(f.label, v.short || v.label, {facet: f.id, value: id});
        n++;
      });
    });
    if (state.q.trim()) chip(t("chip_search"), t("chip_query", {q: state.q.trim()}), {search: "1"});
    if (items.length > 1) {
      var li = el("li");
      li.append(el("button", {type: "button", class: "chip-clear", "data-clear": "1"}, t("clear_all")));
      items.push(li);
    }
    if (chipsEl) chipsEl.replaceChildren.apply(chipsEl, items);
    if (activeEl) {
      activeEl.replaceChildren();
      if (n) activeEl.append(" (" + n, el("span", {class: "visually-hidden"}, t("active")), ")");
    }
    if (doneEl) doneEl.textContent = t("show_results", {count: total});
  }
  function removeChip(e) {
    var b = e.target.closest("button");
    if (!b) return;
    if (b.dataset.clear) {
      facets.forEach(function (f) { state.sel[f.id] = []; });
      state.q = "";
    } else if (b.dataset.search) {
      state.q = "";
    } else {
      select(facetByID[b.dataset.facet], b.dataset.value, false);
    }
    state.page = 1;
    showState();
    update("push");
    // The chip is gone: the focus goes to the next one, or to the search.
    var li = b.parentElement, next = li.nextElementSibling || li.previousElementSibling;
    pendingFocus = next && !b.dataset.clear ? Array.prototype.indexOf.call(chipsEl.children, li) : -1;
  }
  // showState sets the controls to the state, after a URL was read.
  function showState() {
    searchBox.value = state.q;
    facets.forEach(function (f) {
      if (!f.ready) return;
      f.values.forEach(function (v) { v.input.checked = state.sel[f.id].indexOf(v.id) >= 0; });
      if (f.fold && state.sel[f.id].length) f.fold.open = true;
    });
  }
  // setDisabled disables a value that would leave no case, but never the
  // control that has the focus (its blur handler comes back to it).
  function setDisabled(v) {
    var off = v.n === 0 && !v.input.checked;
    if (off && v.input === document.activeElement) off = false;
    if (v.input.disabled === off) return;
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
    Promise.all([search(qs), ready(effectiveSort(qs.length > 0))]).then(function (got) {
      var match = got[0];
      if (mine !== seq) return;
      var order = filter(match, qs.length > 0);
      var pages = Math.max(1, Math.ceil(order.length / pageSize));
      if (state.page > pages) state.page = pages;
      var shown = order.slice((state.page - 1) * pageSize, state.page * pageSize);
      // The page as it came from the server needs no cards.
      var asServed = serverList && !match && sortBox.value === "title" && state.page === (+root.dataset.page || 1) &&
        !facets.some(function (f) { return state.sel[f.id].length; });
      var need = {};
      if (!asServed) shown.slice(0, EAGER).forEach(function (i) { need[Math.floor(i / cardSize)] = true; });
      return Promise.all(Object.keys(need).map(function (n) { return chunk(+n); })).then(function () {
        if (mine !== seq) return;
        render(order, shown, match, pages, asServed);
        root.removeAttribute("aria-busy");
        if (focusResults) headingEl.focus();
        root.dispatchEvent(new CustomEvent("catalogue:updated", {detail: {total: order.length, q: state.q}}));
      });
    }).catch(function (err) {
      if (mine !== seq) return;
      root.removeAttribute("aria-busy");
      failed(err);
    });
  }
  function failed(err) { statusEl.textContent = t("load_failed", {error: err.message}); }

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
      if (!f.ready) return; // folded, and not opened yet
      f.values.forEach(function (v) {
        v.n = m === ALL ? v.total : countAnd(v.bits, m);
        // Only what changed: a facet of thousands of partners would
        // otherwise be laid out again on every keystroke.
        if (v.shown !== v.n) {
          v.count.textContent = "(" + v.n + ")";
          v.shown = v.n;
        }
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

  // The list as served is kept as it is (asServed); else a card whose
  // file is not loaded yet is a stand-in that loads it when near.
  function render(order, shown, match, pages, asServed) {
    var marks = match ? match.marks : [];
    if (!asServed) {
      var frag = document.createDocumentFragment();
      if (nearby) nearby.disconnect(); // the cards it watched are going
      shown.forEach(function (i) {
        var cards = loadedChunks[Math.floor(i / cardSize)];
        frag.append(cards ? card(cards[i % cardSize], marks, i) : pending(i, marks));
      });
      listEl.replaceChildren(frag);
      serverList = false;
    }
    var total = order.length, first = (state.page - 1) * pageSize + 1;
    var filtered = !!match || facets.some(function (f) { return state.sel[f.id].length; });
    statusEl.textContent = searchNote(match, total) + (total === 0 ? t(filtered ? "no_match" : "no_cases_yet") :
      t(filtered ? "status_filtered" : "status", {count: total, first: first, last: first + shown.length - 1, sort: t("by_" + sortBox.value)}));
    renderPages(pages);
    renderChips(total);
    if (pendingFocus !== null) {
      var items = chipsEl.children, k = Math.min(pendingFocus, items.length - 1);
      (k >= 0 ? items[k].firstElementChild : searchBox).focus();
      pendingFocus = null;
    }
  }
  // searchNote says how the search forgave: the typos it corrected, and
  // that the results have only some of the words; or that the query had
  // no word to search.
  function searchNote(match, total) {
    // A query of no term (one letter, symbols) filters nothing: say so.
    if (!match) return /[^\s]/.test(state.q) ? t("too_short") + " " : "";
    var note = "";
    for (var q in match.corrected) note += t("corrected", {q: q, to: match.corrected[q]}) + " ";
    if (match.have && match.have < match.of && total > 0) {
      note += t("some_words", {count: match.of, have: match.have}) + " ";
    }
    return note;
  }
  function pageURL(n) {
    var p = new URLSearchParams(location.search);
    if (n > 1 || n !== (+root.dataset.page || 1)) p.set("page", n); else p.delete("page");
    var q = p.toString().replace(/%2C/g, ",");
    return location.pathname + (q ? "?" + q : "");
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
        a.append(text, el("span", {class: "visually-hidden"}, " " + t("page_word")));
      } else {
        a.append(el("span", {class: "visually-hidden"}, t("page") + " "), String(n));
        if (n === state.page) a.setAttribute("aria-current", "page");
      }
      li.append(a);
      ul.append(li);
    }
    if (state.page > 1) link(state.page - 1, t("previous"), "prev");
    for (var n = 1; n <= pages; n++) {
      // Many pages: the first, the last and those near the current one.
      if (pages > 9 && n > 1 && n < pages && Math.abs(n - state.page) > 2) {
        if (n === 2 || n === pages - 1) ul.append(el("li", {class: "pagination-gap", "aria-hidden": "true"}, "…"));
        continue;
      }
      link(n, null, null);
    }
    if (state.page < pages) link(state.page + 1, t("next"), "next");
    pagesEl.append(ul);
  }

  // card renders case i, c = [slug, title, summary, approaches, partners,
  // SDGs, budget, start, end, and the language of its text when it is not
  // the page's], with the query's terms marked, into a clone of
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
    a.href = base + "cases/" + c[0] + "/" + indexFile;
    a.replaceChildren(marked(c[1], qs));
    fill("summary", c[2] ? marked(c[2], qs) : null);
    var approach = facetByID.approach, country = facetByID.country, sdg = facetByID.sdg;
    var div = slot("approaches");
    if (div && c[3].length) {
      var dt = div.querySelector("dt");
      dt.textContent = c[3].length === 1 ? dt.dataset.singular : dt.dataset.plural;
    }
    fill("approaches", c[3].length ? c[3].map(function (k) { return approach.values[k].label; }).join(", ") : null);
    // The first few partners, as the layout's data-few says, and any
    // other that the query matches; then how many more there are.
    var partners = null;
    if (c[4].length && (div = slot("partners"))) {
      var few = +div.dataset.few || Infinity, shown = 0;
      partners = document.createDocumentFragment();
      c[4].forEach(function (p, k) {
        if (k >= few && !matchRanges(p[0], qs).length) return;
        if (shown++) partners.append(", ");
        partners.append(marked(p[0], qs));
        if (p[1] >= 0) partners.append(" (" + country.values[p[1]].label + ")");
      });
      if (shown < c[4].length) partners.append(" " + t("and_n_more", {count: c[4].length - shown}));
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
    if (c[9]) { // the text is in another language: the site's default
      a.parentNode.lang = c[9];
      if ((div = slot("summary"))) div.lang = c[9];
    }
    if (qs.length && !li.querySelector("mark")) addSnippet(li, c[0], qs);
    for (var e of li.querySelectorAll("[data-slot], [data-singular]")) {
      e.removeAttribute("data-slot");
      e.removeAttribute("data-singular");
      e.removeAttribute("data-plural");
      e.removeAttribute("data-few");
    }
    return li;
  }
  // pending returns the stand-in of case i's card, which its card
  // replaces once its file is loaded, as it comes near the screen.
  function pending(i, marks) {
    var li = el("li", {class: "card card-pending"});
    li.append(el("span", {class: "visually-hidden"}, t("loading")));
    whenNear(li, function () {
      chunk(Math.floor(i / cardSize)).then(function (cards) {
        if (li.isConnected) li.replaceWith(card(cards[i % cardSize], marks, i));
      }, failed);
    });
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
  // <mark>, matching as the search does: folded, from the start of a word;
  // qs are search's marks.
  function marked(text, qs) {
    var frag = document.createDocumentFragment(), last = 0;
    matchRanges(text, qs).forEach(function (r) {
      frag.append(text.slice(last, r[0]), el("mark", null, text.slice(r[0], r[1])));
      last = r[1];
    });
    frag.append(text.slice(last));
    return frag;
  }
  // matchRanges returns the [start, end) of each match in text.
  function matchRanges(text, qs) {
    if (!qs.length) return [];
    // at and after: where the character that gave each folded unit
    // starts and ends in text ("ß" gives two, "ss").
    var folded = "", at = [], after = [], i = 0;
    for (var ch of text) {
      var f = fold(ch);
      for (var k = 0; k < f.length; k++) {
        at.push(i);
        after.push(i + ch.length);
      }
      folded += f;
      i += ch.length;
    }
    var ranges = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(folded))) {
      var word = term(m[0]), best = 0;
      qs.forEach(function (q) {
        // a query term marks the beginning it matched, a stem or a typo's
        // correction (marked "=") the whole word
        var whole = q[0] === "=", t = whole ? q.slice(1) : q;
        if (word.lastIndexOf(t, 0) === 0) best = Math.max(best, whole ? word.length : t.length);
      });
      if (!best) continue;
      // in a grouped number, the separators among the digits marked
      for (var k = 0, seen = 0; seen < best; k++) if (!SEP.test(m[0][k])) seen++;
      best = k;
      // a mark ends after the whole of its last character's marks
      var end = after[m.index + best - 1];
      while (end < text.length && /\p{M}/u.test(text[end])) end++;
      ranges.push([at[m.index], end]);
    }
    return ranges;
  }

  // ---- snippets: a card whose title, summary and partners show no match
  // matched in its body (or themes), which the catalogue's data does not
  // hold; its snippet is the first sentence of the case's own page that
  // matches, fetched once per case. Its line is there from the start, at
  // a fixed height, so that filling it in moves nothing.

  var caseTexts = {};
  function caseText(slug) {
    if (!caseTexts[slug]) {
      caseTexts[slug] = fetch(base + "cases/" + slug + "/").then(function (r) {
        return r.ok ? r.text() : "";
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var body = doc.querySelector("main .prose") || doc.querySelector("main");
        if (!body) return [];
        return Array.prototype.map.call(body.querySelectorAll("p, li, td, th, h2, h3, h4"), function (e) {
          return e.textContent.replace(/\s+/g, " ").trim();
        });
      }).catch(function () { return []; });
    }
    return caseTexts[slug];
  }
  // nearby calls a card's __near when the card comes near the screen: a
  // query's results fetch the pages of their snippets as the reader
  // scrolls to them, not all at once.
  var nearby = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (!e.isIntersecting) return;
      nearby.unobserve(e.target);
      e.target.__near();
    });
  }, {rootMargin: "400px 0px"}) : null;
  function whenNear(li, f) {
    if (!nearby) return f();
    li.__near = f;
    nearby.observe(li);
  }
  function addSnippet(li, slug, marks) {
    var p = el("p", {class: "card-snippet"}, "…");
    li.insertBefore(p, li.querySelector("dl"));
    whenNear(li, function () { showSnippet(p, slug, marks); });
  }
  function showSnippet(p, slug, marks) {
    caseText(slug).then(function (blocks) {
      for (var b = 0; b < blocks.length; b++) {
        var sentences = blocks[b].match(/[^.!?]+[.!?]*/g) || [];
        for (var k = 0; k < sentences.length; k++) {
          var text = sentences[k].trim(), r = matchRanges(text, marks);
          if (!r.length) continue;
          // about 160 characters around the first match
          var from = Math.max(0, text.lastIndexOf(" ", Math.max(0, r[0][0] - 60)));
          var short = (from > 0 ? "…" : "") + text.slice(from).trim();
          p.replaceChildren(el("span", {class: "visually-hidden"}, t("found_text") + " "), marked(short, marks));
          return;
        }
      }
      p.textContent = t("found_themes");
    });
  }

  // ---- start.

  function init(data) {
    N = data.cases;
    W = (N + 31) >>> 5;
    ALL = bitset();
    for (var i = 0; i < N; i++) ALL[i >>> 5] |= 1 << (i & 31);
    facetByID = Object.create(null);
    // The facets the cards show by a part marked data-facet.
    var onCards = {};
    for (var e of cardTemplate.content.querySelectorAll("[data-facet]")) onCards[e.dataset.facet] = true;
    facets = data.facets.map(function (f) {
      var x = {id: f.id, label: f.label, file: f.file, ready: !f.file, values: [], byID: Object.create(null), onCards: f.file && onCards[f.id]};
      (f.values || []).forEach(function (v) {
        var y = addValue(x, v);
        if (!f.file) {
          var set = fromCode(v[2]);
          y.bits = set.bits;
          y.total = set.n;
        }
      });
      return (facetByID[f.id] = x);
    });
    // The cards name the approaches and countries by number.
    ["approach", "country"].forEach(function (id) { if (facetByID[id]) facetByID[id].cardLabels = true; });
    sorts = data.sort;
    cardSize = data.cards.size;
    cardFiles = parts(data.cards.packs, false);
    termFiles = parts(data.terms, true);
    maxKey = 2;
    for (var key in termFiles) maxKey = Math.max(maxKey, runes(key));
    // A folded facet that the address filters by is loaded before the
    // address is read: it says which of its values exist.
    var p = new URLSearchParams(location.search);
    Promise.all(facets.filter(function (f) { return !f.ready && p.has(f.id); }).map(loadFacet)).then(function () {
      buildControls();
      state = readURL();
      showState();
      update("none");
    }).catch(unavailable);
    window.addEventListener("popstate", function () {
      var p = new URLSearchParams(location.search);
      Promise.all(facets.filter(function (f) { return p.has(f.id); }).map(loadFacet)).then(function () {
        state = readURL();
        showState();
        update("none");
      });
    });
  }
  // addValue adds value v, as the catalogue's data gives it, to facet f.
  function addValue(f, v) {
    var x = {id: v[0], label: v[1], bits: null, total: 0, n: 0, colour: v[3], short: v[4]};
    f.values.push(x);
    f.byID[x.id] = x;
    return x;
  }
  function unavailable(err) {
    // Browsers do not let a page opened from disk read other files.
    var why = location.protocol === "file:" ? t("need_served") : err.message;
    statusEl.textContent += " " + t("unavailable", {why: why});
  }

  getJSON(dataURL.href).then(init).catch(unavailable);
})();
