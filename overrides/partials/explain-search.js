/*
 * A command typed or pasted into the search box (docker …, docker-compose …, after sudo or a $
 * prompt) gets a first result of its own: the Explain page with that command filled in. It is a
 * list of its own above Material's, in Material's classes, so the site's search engine and
 * Material's results are untouched and the arrow keys reach it like any result.
 */
(function () {
  "use strict";
  var page = document.currentScript && document.currentScript.getAttribute("data-explain-page");
  var input = document.querySelector("input.md-search__input");
  var results = document.querySelector(".md-search-result");
  if (!page || !input || !results) return;
  var COMMAND = /^\s*(\$\s+)?(sudo\s+)?docker(-compose)?\s+\S/;
  var list = document.createElement("ol");
  list.className = "md-search-result__list explain-search";
  list.hidden = true;
  results.insertBefore(list, results.firstChild);
  function update() {
    var query = input.value;
    list.hidden = !COMMAND.test(query);
    if (list.hidden) return;
    var url = new URL(page, location.href);
    url.searchParams.set("cmd", query.trim());
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = url.href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = "Explain this command";
    var shown = document.createElement("p");
    shown.appendChild(document.createElement("code")).textContent = query.trim();
    article.appendChild(title);
    article.appendChild(shown);
    link.appendChild(article);
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    item.appendChild(link);
    list.replaceChildren(item);
  }
  ["input", "keyup", "focus"].forEach(function (type) { input.addEventListener(type, update); });
})();
