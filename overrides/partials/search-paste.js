/* A change of the search box without a key (a paste, dictation) searches too (why: main.html). */
document.addEventListener("input", function (event) {
  if (event.target.matches && event.target.matches("input.md-search__input"))
    event.target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
}, true);
