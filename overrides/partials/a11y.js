/*
 * Material 9.8 wraps each code block's copy button in an unnamed <nav>: a page with several code
 * blocks then has many navigation landmarks with the same (empty) name (axe: landmark-unique),
 * which screen-reader users list as noise. A copy button is not navigation: take the role away.
 */
(function () {
  "use strict";
  var SELECTOR = "nav.md-code__nav:not([role])";
  function fix(node) {
    if (node.nodeType !== 1) return;
    if (node.matches(SELECTOR)) node.setAttribute("role", "none");
    node.querySelectorAll(SELECTOR).forEach(function (nav) { nav.setAttribute("role", "none"); });
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) { record.addedNodes.forEach(fix); });
  }).observe(document.documentElement, { childList: true, subtree: true });
  fix(document.documentElement);
})();
