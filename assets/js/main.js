// casebook: progressive enhancement only; every page works without it.
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
