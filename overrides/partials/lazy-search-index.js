/*
 * Material fetches the search index, the biggest download of any page, as soon as a page
 * loads. Most visits never search: fetch it only once the reader starts to (focus on the search
 * box, the search shortcut keys, a click on the search icon, a page opened with a query or from
 * a search result).
 * Inlined before Material's bundle by overrides/main.html, so it wraps fetch in time.
 */
(function () {
  "use strict";
  var wanted = false;
  var release;
  var ready = new Promise(function (resolve) { release = resolve; });

  function want() {
    if (!wanted) {
      wanted = true;
      release();
    }
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) want();
  }, true);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("label[for=__search], .md-search")) want();
  }, true);
  document.addEventListener("keydown", function (event) {
    // Material's shortcuts that open search: "/", "s" and "f".
    if (["/", "s", "f", "S", "F"].indexOf(event.key) !== -1) want();
  }, true);
  // A page opened with a query (?q=) searches at once; one opened from a search result (?h=)
  // highlights the matched words, for which Material needs the index's word separator.
  if (/[?&][qh]=|#__search/.test(location.search + location.hash)) want();

  // Material requests the index with XMLHttpRequest: hold that request's send() until wanted.
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.searchIndex && !wanted) {
      ready.then(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };
})();
