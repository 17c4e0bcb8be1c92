// casebook serve's live reload: served from memory at
// <base path>_casebook/reload.js, only in serve mode. It listens to the
// server's events (see package serve): it reloads the page after a rebuild,
// swaps stylesheets when only they changed, and shows the problems of a
// failed rebuild in an overlay.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/reload\.js([?#].*)?$/, "") : "/_casebook/";
  var overlayId = "casebook_overlay";

  function hide() {
    var el = document.getElementById(overlayId);
    if (el) el.remove();
  }

  function show(problems) {
    hide();
    var el = document.createElement("div");
    el.id = overlayId;
    el.setAttribute("role", "alert");
    el.style.cssText = "position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:70vh;overflow:auto;" +
      "margin:0;padding:1rem 1.5rem;background:#fff;color:#1a1a1a;border-bottom:4px solid #b00020;" +
      "font:15px/1.5 system-ui,sans-serif;box-shadow:0 2px 12px rgba(0,0,0,.3)";
    var h = document.createElement("h2");
    h.style.cssText = "margin:0 0 .5rem;font-size:1.1rem;color:#b00020";
    h.textContent = "The site did not build: " + problems.length + (problems.length === 1 ? " problem" : " problems");
    el.appendChild(h);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.2rem";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      var code = document.createElement("code");
      code.style.cssText = "white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace";
      code.textContent = p;
      li.appendChild(code);
      list.appendChild(li);
    });
    el.appendChild(list);
    var note = document.createElement("p");
    note.style.cssText = "margin:.5rem 0 0";
    note.textContent = "This page is the last version that built. It reloads when the problems are fixed.";
    el.appendChild(note);
    document.body.appendChild(el);
  }

  function swapStyles(swaps) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var path = new URL(link.href, location.href).pathname;
      swaps.forEach(function (s) {
        if (path === s.from) link.href = s.to;
      });
    });
  }

  var source = new EventSource(base + "events");
  window.casebookEvents = source; // for tests: readyState 1 once connected
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function (e) { hide(); swapStyles(JSON.parse(e.data) || []); });
  source.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
  source.addEventListener("ok", hide);
})();
