/* An abbreviation's definition on a tap, and on keyboard focus of each term's first use. */
(function () {
  "use strict";
  var tip, shown, width = innerWidth, seen = {};
  function hide() {
    if (!shown) return;
    shown.title = shown.getAttribute("data-title");
    shown.removeAttribute("data-title");
    shown.removeAttribute("aria-describedby");
    tip.hidden = true;
    shown = null;
  }
  function show(abbr) {
    if (shown === abbr) return;
    hide();
    if (!tip) {
      tip = document.createElement("div");
      tip.id = tip.className = "site-abbr-tip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    // The box stands in for the browser's title tooltip while it shows, and describes the term.
    abbr.setAttribute("data-title", abbr.title);
    abbr.setAttribute("aria-describedby", tip.id);
    tip.textContent = abbr.textContent + ": " + abbr.title;
    abbr.removeAttribute("title");
    tip.hidden = false;
    var box = abbr.getBoundingClientRect();
    var left = Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(8, left) + scrollX + "px";
    tip.style.top = box.bottom + scrollY + 6 + "px";
    shown = abbr;
  }
  function abbrOf(node) {
    return node && node.closest ? node.closest("abbr[title], abbr[data-title]") : null;
  }
  document.addEventListener("click", function (event) {
    var abbr = abbrOf(event.target);
    if (abbr) show(abbr); else if (!(tip && tip.contains(event.target))) hide();
  });
  document.addEventListener("focusin", function (event) {
    var abbr = abbrOf(event.target);
    if (abbr) show(abbr);
  });
  document.addEventListener("focusout", function (event) {
    if (abbrOf(event.target) === shown) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  // A phone's address bar changes the height as the page scrolls: only a new width moves text.
  addEventListener("resize", function () {
    if (innerWidth !== width) hide();
    width = innerWidth;
  });
  // One tab stop a term, not one per use: its first use on the page.
  document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
    if (!seen[abbr.textContent]) abbr.tabIndex = 0;
    seen[abbr.textContent] = true;
  });
})();
