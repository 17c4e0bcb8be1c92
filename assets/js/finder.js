// casebook: the approach finder (/finder/). Ranks the approaches by the
// weights the reader sets, with the same score and words as the ranking
// the page was built with (internal/render/finder.go): per feature, the
// importance (0, 1, 2) times the rating (0..3), or times 3 minus the
// rating where the reader wants the feature low; a feature the approach
// does not rate gives no points. The weights live in the
// URL (?reciprocity=2&budget-want=low), so a ranking can be shared.
// Without this script the page shows ready-made profiles instead.
(function () {
  "use strict";
  var app = document.getElementById("finder_app");
  var form = document.getElementById("finder_form");
  var list = document.getElementById("finder_ranking");
  var status = document.getElementById("finder_status");
  var share = document.getElementById("finder_share");
  if (!app || !form || !list) return;

  var t = window.casebookWords ? window.casebookWords() : function (k) { return k; };
  var symbols = ["-", "+", "++", "+++"];
  var importance = ["importance_not", "importance_somewhat", "importance_very"];
  var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-feature]"));
  var defaults = {};
  fieldsets.forEach(function (fs) {
    defaults[fs.dataset.feature] = weightOf(fs);
  });
  // The page lists the approaches in the matrix's order, which breaks ties.
  var items = Array.prototype.slice.call(list.children).map(function (li, i) {
    var ratings = {};
    li.dataset.ratings.trim().split(/\s+/).forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length === 2) ratings[kv[0]] = parseInt(kv[1], 10) || 0; // a feature not rated is not listed
    });
    return {li: li, order: i, title: li.dataset.title, ratings: ratings};
  });

  function checked(fs, name) {
    var input = fs.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : "";
  }

  function weightOf(fs) {
    var id = fs.dataset.feature;
    return {
      id: id,
      label: fs.dataset.label,
      words: (fs.dataset.words || "").split("|"),
      importance: parseInt(checked(fs, id), 10) || 0,
      low: checked(fs, id + "-want") === "low"
    };
  }

  // setChecked checks the input of fs named name whose value is value, if
  // there is one. value comes from the address, which anyone can write:
  // it is compared, never put into a selector.
  function setChecked(fs, name, value) {
    fs.querySelectorAll('input[name="' + name + '"]').forEach(function (input) {
      if (input.value === value) input.checked = true;
    });
  }

  // fromURL sets the form from the page's query; unknown values are left
  // at their defaults.
  function fromURL() {
    var q = new URLSearchParams(window.location.search);
    fieldsets.forEach(function (fs) {
      var id = fs.dataset.feature;
      if (q.has(id)) setChecked(fs, id, q.get(id));
      if (q.has(id + "-want")) setChecked(fs, id + "-want", q.get(id + "-want"));
    });
  }

  // query writes the weights that differ from the defaults, as
  // finderQuery does.
  function query(weights) {
    var q = new URLSearchParams();
    weights.forEach(function (w) {
      var d = defaults[w.id];
      if (w.importance !== 1) q.set(w.id, String(w.importance));
      if (d && w.low !== d.low) q.set(w.id + "-want", w.low ? "low" : "high");
    });
    var s = q.toString();
    return s ? "?" + s : "";
  }

  function score(item, weights) {
    var total = 0, max = 0, reasons = [];
    weights.forEach(function (w) {
      if (w.importance === 0) return;
      max += w.importance * 3;
      var r = item.ratings[w.id];
      if (r === undefined) { // not rated: no points, either way
        reasons.push({points: 0, text: t("finder_reason_unrated", {feature: w.label, importance: t(importance[w.importance])})});
        return;
      }
      var points = w.importance * (w.low ? 3 - r : r);
      total += points;
      reasons.push({points: points, text: t(w.low ? "finder_reason_low" : "finder_reason", {
        symbol: symbols[r], words: w.words[r], feature: w.label, importance: t(importance[w.importance]), count: points})});
    });
    reasons.sort(function (a, b) { return b.points - a.points; }); // stable, as in Go
    return {item: item, score: total, max: max, reasons: reasons};
  }

  function render(item, s) {
    var li = item.li;
    var p = li.querySelector(".finder-score");
    var strong = document.createElement("strong");
    strong.textContent = t("score", {count: s.score});
    p.textContent = "";
    p.append(strong, " " + t("of_points", {count: s.max}));
    var ul = li.querySelector(".finder-reasons");
    ul.textContent = "";
    s.reasons.forEach(function (r) {
      var reason = document.createElement("li");
      reason.textContent = r.text;
      ul.appendChild(reason);
    });
  }

  var first = true;
  function update() {
    var weights = fieldsets.map(weightOf);
    var scored = items.map(function (it) { return score(it, weights); });
    scored.sort(function (a, b) { return b.score - a.score || a.item.order - b.item.order; });
    scored.forEach(function (s) {
      render(s.item, s);
      list.appendChild(s.item.li);
    });
    var q = query(weights);
    share.href = form.action + q;
    if (!first) {
      history.replaceState(null, "", window.location.pathname + q);
      var best = scored[0];
      status.textContent = best ? t("updated", {title: best.item.title,
        points: t("finder_points", {score: best.score, count: best.max})}) : "";
    }
    first = false;
  }

  fromURL();
  update();
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  app.hidden = false;
  document.querySelectorAll(".finder-js").forEach(function (el) { el.hidden = false; });
})();
