// casebook: progressive enhancement only; every page works without it.

// casebookWords returns t(key, vars): the words of the interface in the
// page's language, which the page gives as JSON in <script
// id="casebook_words"> (layouts: jsWords), with the plural form of
// vars.count and {name} filled in from vars, numbers in the page's way.
window.casebookWords = function () {
  "use strict";
  var el = document.getElementById("casebook_words"), words = {};
  try { words = JSON.parse(el ? el.textContent : "{}") || {}; } catch (e) { /* no words: keys show */ }
  var lang = document.documentElement.lang || "en";
  var num = new Intl.NumberFormat(lang), plural = new Intl.PluralRules(lang);
  return function (key, vars) {
    vars = vars || {};
    var w = words[key];
    if (w == null) return key;
    if (typeof w === "object") w = w[plural.select(vars.count)] || w.other;
    return w.replace(/\{(\w+)\}/g, function (_, k) {
      var v = vars[k];
      return typeof v === "number" ? num.format(v) : v == null ? "" : String(v);
    });
  };
};

// Shows the hint under a wide table (the features matrix) while the table
// is wider than the screen and so scrolls sideways.
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".table-scroll");
  if (!boxes.length) return;
  function update() {
    boxes.forEach(function (box) {
      var hint = box.nextElementSibling;
      if (hint && hint.classList.contains("scroll-hint")) {
        hint.hidden = box.scrollWidth <= box.clientWidth;
      }
    });
  }
  update();
  window.addEventListener("resize", update);
})();

// The language switcher keeps the reader's place: the catalogue's filters
// and search (the query) and the anchor go along to the other language.
(function () {
  "use strict";
  var nav = document.querySelector("nav.languages");
  if (!nav) return;
  nav.addEventListener("click", function (e) {
    var a = e.target.closest("a[hreflang]");
    if (!a || (!location.search && !location.hash)) return;
    var url = new URL(a.href, location.href);
    url.search = location.search;
    url.hash = location.hash;
    a.href = url.href;
  });
})();
