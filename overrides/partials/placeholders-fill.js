/* The reader's values fill the placeholders at once; javascripts/placeholders.js adds the form. */
(function () {
  "use strict";
  var site = window.sitePlaceholders = {
    key: "docker-explained.values",
    // A Docker Hub namespace
    pattern: /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/,
    load: function () {
      try {
        var stored = JSON.parse(localStorage.getItem(site.key) || "{}");
        return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
      } catch (error) {
        return {}; // blocked or garbled
      }
    },
    valid: function (value) {
      return typeof value === "string" && value.length <= 255 && site.pattern.test(value);
    },
    fill: function (values) {
      [].forEach.call(document.querySelectorAll("span[data-placeholder]"), function (span) {
        var name = span.getAttribute("data-placeholder");
        var value = site.valid(values[name]) ? values[name] : "";
        // Text, never HTML; Material's copy button copies what the block shows.
        span.textContent = value || "<" + name + ">";
        span.classList.toggle("placeholder--filled", Boolean(value));
      });
    },
  };
  site.fill(site.load());
  // Another tab changed the value: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === site.key) site.fill(site.load());
  });
  var source = document.currentScript && document.currentScript.getAttribute("data-form-script");
  // The form goes with a chapter's commands; the cheat sheet's repeat them and only show the value.
  if (source && document.querySelector("article pre:not(.cheat__command) span[data-placeholder]")) {
    var script = document.createElement("script");
    script.src = source;
    document.body.appendChild(script);
  }
})();
