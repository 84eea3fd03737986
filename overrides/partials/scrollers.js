/* Scrolling code blocks and tables are tab stops, and only those (why: overrides/main.html). */
(function () {
  "use strict";
  var SCROLLERS = ".md-content pre > code, .md-content .md-typeset__scrollwrap";
  function sync(el, wanted) {
    if (wanted === undefined) wanted = el.scrollWidth > el.clientWidth + 1 || el === document.activeElement;
    if (wanted !== (el.getAttribute("tabindex") === "0")) {
      if (wanted) el.setAttribute("tabindex", "0"); else el.removeAttribute("tabindex");
    }
  }
  function syncAll(root) {
    // Only what the browser has laid out (the print page leaves far chapters unrendered until
    // they come near: content-visibility); every size read first, then written.
    var all = [].slice.call(root.querySelectorAll(SCROLLERS)).filter(function (el) {
      return !el.checkVisibility || el.checkVisibility({ contentVisibilityAuto: true });
    });
    all.map(function (el) { return el.scrollWidth > el.clientWidth + 1 || el === document.activeElement; })
      .forEach(function (wanted, i) { sync(all[i], wanted); });
  }
  document.addEventListener("contentvisibilityautostatechange", function (event) {
    if (!event.skipped) syncAll(event.target);
  }, true);
  // Material removes or sets the tabindex as it mounts a block: put it right before focus moves.
  new MutationObserver(function (records) {
    records.forEach(function (record) { if (record.target.matches(SCROLLERS)) sync(record.target); });
  }).observe(document.body, { attributes: true, attributeFilter: ["tabindex"], subtree: true });
  document.addEventListener("focusout", function (event) {
    var el = event.target;
    if (el.matches && el.matches(SCROLLERS)) setTimeout(function () { sync(el); });
  });
  var pending = false;
  function later() {
    if (!pending) requestAnimationFrame(function () { pending = false; syncAll(document); });
    pending = true;
  }
  addEventListener("resize", later);
  if (document.readyState === "complete") later(); else addEventListener("load", later);
})();
