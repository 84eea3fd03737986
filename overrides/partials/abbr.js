/* An abbreviation's definition on a tap, and on keyboard focus of each term's first use. */
(function () {
  "use strict";
  var tip, shown, width = innerWidth, meaning = {};
  // A term's meaning, from its first use (the print page writes it out once a chapter).
  document.querySelectorAll("abbr[title]").forEach(function (abbr) {
    if (!meaning[abbr.textContent]) meaning[abbr.textContent] = abbr.title;
  });
  function hide() {
    if (!shown) return;
    if (shown.hasAttribute("data-title")) shown.title = shown.getAttribute("data-title");
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
    if (abbr.hasAttribute("title")) abbr.setAttribute("data-title", abbr.title);
    abbr.setAttribute("aria-describedby", tip.id);
    tip.textContent = abbr.textContent + ": " + meaning[abbr.textContent];
    abbr.removeAttribute("title");
    tip.hidden = false;
    var box = abbr.getBoundingClientRect();
    var left = Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(8, left) + scrollX + "px";
    tip.style.top = box.bottom + scrollY + 6 + "px";
    shown = abbr;
  }
  function abbrOf(node) {
    var abbr = node && node.closest ? node.closest("abbr") : null;
    return abbr && meaning[abbr.textContent] ? abbr : null;
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
  // A mouse over a use without its own title gets the browser's tooltip too.
  document.addEventListener("mouseover", function (event) {
    var abbr = abbrOf(event.target);
    if (abbr && abbr !== shown && !abbr.title) abbr.title = meaning[abbr.textContent];
  });
  // One tab stop a term, not one per use: its first use on the page (not a term being defined,
  // as in the glossary, where its meaning is already on the screen).
  var stops = {};
  document.querySelectorAll(".md-content abbr").forEach(function (abbr) {
    if (abbr.closest("dt")) return;
    if (meaning[abbr.textContent] && !stops[abbr.textContent]) abbr.tabIndex = 0;
    stops[abbr.textContent] = true;
  });
})();
