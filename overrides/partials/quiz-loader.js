/*
 * The questions sit at the end of a chapter and work without a script (answers behind a
 * disclosure). Their script (javascripts/quiz.js) loads only when the reader comes near them, so
 * a chapter read without reaching its questions costs nothing for them.
 */
(function () {
  "use strict";
  var source = document.currentScript && document.currentScript.getAttribute("data-quiz-script");
  var quiz = document.querySelector(".quiz[data-quiz]");
  if (!quiz || !source) return;
  var loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = source;
    document.body.appendChild(script);
  }
  // The buttons show from the start: a click that comes before the script is kept for it.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".quiz button");
    if (button && !button.closest(".quiz[data-quiz-ready]")) {
      button.setAttribute("data-quiz-pending", "");
      load();
    }
  });
  if (!("IntersectionObserver" in window)) return load();
  var observer = new IntersectionObserver(function (entries) {
    if (entries.some(function (entry) { return entry.isIntersecting; })) {
      observer.disconnect();
      load();
    }
  }, { rootMargin: "1200px 0px" });
  observer.observe(quiz);
})();
