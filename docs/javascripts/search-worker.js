/*
 * Search worker: Material's own worker, with queries read the way readers of a Docker site
 * type them.
 *
 * Lunr's query syntax reads a leading "-" as "must not contain", a leading "+" as "must
 * contain" and "name:" as a field, so `--rm`, `--volumes-from` and `-p 5000:5000` found
 * nothing. Here they are plain words: dashes, pluses and colons become separators, exactly
 * as the index was built (see the separator in mkdocs.yml). The search box keeps what the
 * reader typed; only the worker's copy of the query changes.
 *
 * Loaded as the worker (overrides/main.html); the page tells it where Material's worker is.
 */
(function () {
  "use strict";

  var QUERY = 2; // Material's SearchMessageType.QUERY

  function readable(query) {
    return String(query)
      .replace(/(^|\s)[-+]+(?=\S)/g, "$1") // --rm, -p, +word: no operators
      .replace(/:/g, " ");                   // 5000:5000, redis:6379: no fields
  }

  var listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === QUERY && typeof message.data === "string") {
        message = { type: QUERY, data: readable(message.data) };
      }
      return listener.call(this, { data: message });
    }, options);
  };

  var material = new URL(self.location.href).searchParams.get("material");
  if (!material || !/^[\w./-]+\.js$/.test(material)) {
    throw new Error("search-worker.js: missing or invalid ?material= worker path");
  }
  importScripts(material);
})();
