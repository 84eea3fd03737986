/* A change of the search box that comes with no key (a paste, a drop, a cut, an autocorrection)
   searches too (why: overrides/main.html). Typing keeps Material's own key release. */
document.addEventListener("input", function (event) {
  var keyless = /^(insertFromPaste|insertFromPasteAsQuotation|insertFromDrop|insertFromYank|insertReplacementText|deleteByCut|deleteByDrag)$/;
  if (event.target.matches && event.target.matches("input.md-search__input") && keyless.test(event.inputType))
    event.target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
}, true);
