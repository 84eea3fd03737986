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
 * Works as a real worker (http) and in the iframe-worker shim (the offline copy, file://).
 */
(function () {
  "use strict";

  var QUERY = 2; // Material's SearchMessageType.QUERY
  var RESULT = 3; // Material's SearchMessageType.RESULT
  var added = {}; // index words this wrapper added to the current query

  // A flag in the query also asks for its index word (flagrm for --rm, flagp for -p; see
  // flag_keyword in sitekit/hooks.py), so the flag's own explanation ranks first.
  function flagWords(query) {
    var words = [];
    String(query).replace(/(?:^|\s)(--?[A-Za-z0-9][\w-]*)/g, function (_, flag) {
      words.push("flag" + flag.toLowerCase().replace(/[^a-z0-9]/g, ""));
      return _;
    });
    return words;
  }

  function readable(query) {
    var plain = String(query)
      .replace(/(^|\s)[-+]+(?=\S)/g, "$1") // --rm, -p, +word: no operators
      .replace(/:/g, " ");                   // 5000:5000, redis:6379: no fields
    var words = flagWords(query);
    added = {};
    words.forEach(function (word) { added[word] = true; });
    return [plain].concat(words).join(" ");
  }

  // Results list query words a page lacks as "Missing"; the reader never typed ours.
  function withoutAddedWords(message) {
    if (!message || message.type !== RESULT || !message.data || !message.data.items) return message;
    message.data.items.forEach(function (group) {
      group.forEach(function (item) {
        Object.keys(item.terms || {}).forEach(function (term) {
          if (added[term]) delete item.terms[term];
        });
      });
    });
    return message;
  }

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    var rest = Array.prototype.slice.call(arguments, 1);
    return post.apply(self, [withoutAddedWords(message)].concat(rest));
  };

  // This script's own address. In a real worker it is self.location; in the offline copy
  // (file://) Material runs workers in an iframe (the iframe-worker shim), where this is a
  // <script src="...search-worker.js?material=...?<timestamp>"> in a page of the site.
  var script = self.document && self.document.currentScript
    ? self.document.currentScript.src
    : self.location.href;
  var material = (new URL(script).searchParams.get("material") || "").split("?")[0];
  if (!/^[\w./-]+\.js$/.test(material)) {
    throw new Error("search-worker.js: missing or invalid ?material= worker path");
  }

  // Material's worker registers its message listener when it loads; collect it here instead.
  var listen = self.addEventListener.bind(self);
  var materialListeners = [];
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    materialListeners.push(listener);
  };

  // Material's worker loads with the first message (the index, sent once the reader starts to
  // search), not with the page. importScripts returns a promise in the iframe shim, so messages
  // are handed on in order once it has loaded.
  var loaded = null;
  var queue = Promise.resolve();
  listen("message", function (event) {
    var message = event.data;
    if (message && message.type === QUERY && typeof message.data === "string") {
      message = { type: QUERY, data: readable(message.data) };
    }
    if (!loaded) loaded = Promise.resolve(importScripts(new URL(material, script).href));
    queue = queue.then(function () { return loaded; }).then(function () {
      materialListeners.forEach(function (listener) { listener.call(self, { data: message }); });
    });
  });
})();
