// casebook: sorting for the features matrix. Without it the matrix is a
// plain table (and, on narrow screens, a list of cards) in the site's
// order; with it, each feature's column heading becomes a button that sorts
// the approaches by that feature, highest first, then lowest first, with
// aria-sort on the heading, and a select above does the same on any width.
// Ties keep the site's order.
(function () {
  "use strict";
  var table = document.getElementById("matrix_table");
  var cards = document.getElementById("matrix_cards");
  var box = document.getElementById("matrix_sort");
  if (!table || !box) return;
  var headings = Array.prototype.slice.call(table.querySelectorAll("thead th[data-sort]"));
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var items = cards ? Array.prototype.slice.call(cards.children) : [];

  // The select and a status line that says how the approaches are sorted.
  var t = window.casebookWords ? window.casebookWords() : function (k) { return k; };
  var label = document.createElement("label");
  label.htmlFor = "matrix_sort_by";
  label.textContent = t("sort_label") + " ";
  var select = document.createElement("select");
  select.id = "matrix_sort_by";
  headings.forEach(function (th) {
    var o = document.createElement("option");
    o.value = th.dataset.sort;
    o.textContent = th.dataset.sort === "order" ? t("order") : t("highest_first", {feature: th.textContent});
    select.appendChild(o);
  });
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  box.appendChild(label);
  box.appendChild(select);
  box.appendChild(status);

  function value(el, feature) {
    if (feature === "order") return -Number(el.dataset.order);
    var cell = el.querySelector('[data-feature="' + feature + '"]');
    return cell ? Number(cell.dataset.value) : -1;
  }

  function sortBy(feature, descending) {
    function compare(a, b) {
      var d = value(b, feature) - value(a, feature);
      if (!descending) d = -d;
      return d || Number(a.dataset.order) - Number(b.dataset.order);
    }
    if (feature === "order") descending = true;
    rows.slice().sort(compare).forEach(function (r) { r.parentNode.appendChild(r); });
    items.slice().sort(compare).forEach(function (li) { li.parentNode.appendChild(li); });
    var name = "";
    headings.forEach(function (th) {
      var on = th.dataset.sort === feature && feature !== "order";
      if (on) {
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        name = th.textContent;
      } else {
        th.removeAttribute("aria-sort");
      }
    });
    select.value = feature;
    status.textContent = name ? t(descending ? "sorted_highest" : "sorted_lowest", {feature: name}) : t("in_order");
  }

  headings.forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var feature = th.dataset.sort;
      sortBy(feature, th.getAttribute("aria-sort") !== "descending");
    });
  });
  select.addEventListener("change", function () { sortBy(select.value, true); });
})();
