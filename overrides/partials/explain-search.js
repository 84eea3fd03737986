(function () {
  "use strict";
  var page = document.currentScript && document.currentScript.getAttribute("data-explain-page");
  var input = document.querySelector("input.md-search__input");
  var results = document.querySelector(".md-search-result");
  if (!page || !input || !results) return;
  var COMMAND = /^\s*(\$\s+)?(sudo\s+)?docker(-compose)?\s+\S/;
  var box = document.createElement("div");
  box.className = "explain-search";
  box.hidden = true;
  results.insertBefore(box, results.firstChild);
  var style = document.createElement("style");
  style.textContent = ".explain-search{padding:.6rem .8rem;border-bottom:.05rem solid var(--md-default-fg-color--lightest)}" +
    ".explain-search a{display:block;color:var(--md-default-fg-color)}" +
    ".explain-search strong{display:block;font-size:.8rem;color:var(--md-typeset-a-color);text-decoration:underline}" +
    ".explain-search code{font-size:.7rem;overflow-wrap:anywhere}";
  document.head.appendChild(style);
  function update() {
    var query = input.value;
    box.hidden = !COMMAND.test(query);
    if (box.hidden) return box.replaceChildren();
    var url = new URL(page, location.href);
    url.searchParams.set("cmd", query.trim());
    var link = document.createElement("a");
    link.href = url.href;
    link.appendChild(document.createElement("strong")).textContent = "Explain this command part by part";
    link.appendChild(document.createElement("code")).textContent = query.trim();
    box.replaceChildren(link);
  }
  ["input", "keyup", "focus"].forEach(function (type) { input.addEventListener(type, update); });
})();
