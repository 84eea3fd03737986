/*
 * The site's search worker, behind Material's search box and result list.
 *
 * Material talks to its search worker with four messages (its documented way to plug in another
 * search): SETUP hands over the search index, READY answers it, QUERY carries what the reader
 * typed, RESULT the results, grouped by page. tests/test_search_internals.py checks that the
 * installed Material still uses these numbers and fields.
 *
 * The engine (search-engine.js, on MiniSearch) is loaded with the index, when the reader starts
 * to search, not with the page. Works as a real worker (http) and in the iframe-worker shim of
 * the offline copy (file://), where importScripts returns a promise.
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's SearchMessageType
  var engine = null;
  var queue = Promise.resolve();

  // This script's address: self.location in a worker; in the iframe shim, its <script> tag.
  var here = self.document && self.document.currentScript ? self.document.currentScript.src : self.location.href;

  function load() {
    return Promise.resolve(importScripts(
      new URL("vendor/minisearch.js", here).href,
      new URL("search-engine.js", here).href
    ));
  }

  function handle(message) {
    if (!message) return null;
    if (message.type === SETUP) {
      return load().then(function () {
        engine = new self.SiteSearch.Engine(self.MiniSearch, message.data);
        return { type: READY };
      });
    }
    if (message.type === QUERY) {
      try {
        return { type: RESULT, data: engine.results(String(message.data)) };
      } catch (error) {
        console.warn("search-worker.js: the query " + JSON.stringify(message.data) + " failed", error);
        return { type: RESULT, data: { items: [] } };
      }
    }
    return null;
  }

  // Messages are answered in order, also while the engine is still loading.
  self.addEventListener("message", function (event) {
    queue = queue.then(function () { return handle(event.data); }).then(function (answer) {
      if (answer) self.postMessage(answer);
    });
  });
})();
