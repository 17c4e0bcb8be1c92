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
