/*
 * The site's search worker, behind Material's search box and result list.
 *
 * Material talks to its search worker with four messages (its documented way to plug in another
 * search): SETUP hands over the search index, READY answers it, QUERY carries what the reader
 * typed, RESULT the results, grouped by page. tests/pages/test_search_internals.py checks that the
 * installed Material still uses these numbers and fields.
 *
 * Material sends a QUERY on every keystroke. A newer query supersedes an older one that has not
 * been answered yet: the worker answers only the newest query it holds, so a reader who types
 * faster than a search takes never waits for the results of letters already typed over. RESULT
 * carries, besides Material's `items`, the `query` it answers (Material ignores it; the typing
 * benchmark in scripts/benchmark.py reads it).
 *
 * The engine (search-engine.js, on MiniSearch) is loaded with the index, when the reader starts
 * to search, not with the page. Works as a real worker (http) and in the iframe-worker shim of
 * the offline copy (file://), where importScripts returns a promise.
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's SearchMessageType
  var engine = null;
  var pending = null;     // the newest query not answered yet, as { query: "…" }
  var scheduled = false;

  // This script's address: self.location in a worker; in the iframe shim, its <script> tag.
  var here = self.document && self.document.currentScript ? self.document.currentScript.src : self.location.href;

  function load() {
    return Promise.resolve(importScripts(
      new URL("vendor/minisearch.js", here).href,
      new URL("search-engine.js", here).href
    ));
  }

  function results(query) {
    try {
      return engine.results(query);
    } catch (error) {
      console.warn("search-worker.js: the query " + JSON.stringify(query) + " failed", error);
      return { items: [] };
    }
  }

  // Answer the newest query, once the messages that arrived meanwhile have been read: they may
  // hold a newer one.
  function answer() {
    scheduled = false;
    if (!engine || !pending) return;
    var query = pending.query;
    pending = null;
    var data = results(query);
    data.query = query;
    self.postMessage({ type: RESULT, data: data });
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      setTimeout(answer, 0);
    }
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message) return;
    if (message.type === SETUP) {
      load().then(function () {
        engine = new self.SiteSearch.Engine(self.MiniSearch, message.data);
        self.postMessage({ type: READY });
        schedule();
      });
    } else if (message.type === QUERY) {
      pending = { query: String(message.data) };
      schedule();
    }
  });
})();
