/*
 * The Explain page (docs/explain.md) reads pasted commands with three scripts: the reading
 * (explain-core.js), the data the build wrote from Docker's reference (explain-data.js, the
 * largest) and the page's own (explain.js). They load only once the reader uses the form, or
 * opens the page with a command in its address (?cmd=…), so a visit that only reads costs nothing.
 */
(function () {
  "use strict";
  var sources = (document.currentScript && document.currentScript.getAttribute("data-explain-scripts") || "").split(" ");
  var form = document.getElementById("explain");
  if (!form || sources.length < 3) return;
  var state = "idle";
  function fail() {
    state = "failed";
    var output = document.getElementById("explain-result");
    if (output) output.textContent = "The data this page needs could not be loaded. Reload the page to try again.";
  }
  function load(index) {
    if (index >= sources.length) { state = "ready"; return; }
    var script = document.createElement("script");
    script.src = sources[index];
    script.onload = function () { load(index + 1); };
    script.onerror = fail;
    document.body.appendChild(script);
  }
  function start() {
    if (state !== "idle") return;
    state = "loading";
    load(0);
  }
  form.addEventListener("focusin", start);
  form.addEventListener("pointerdown", start);
  form.addEventListener("submit", function (event) {
    // Until explain.js takes over, a submit loads it (which reads the box) instead of reloading.
    if (state !== "ready") { event.preventDefault(); start(); }
  });
  [].forEach.call(document.querySelectorAll("[data-explain-example]"), function (a) {
    a.addEventListener("click", function (event) {
      if (state === "ready") return;
      event.preventDefault();
      var input = document.getElementById("explain-input");
      if (input) input.value = new URL(a.href).searchParams.get("cmd") || "";
      start();
    });
  });
  if (/[?&]cmd=/.test(location.search)) start();
})();
