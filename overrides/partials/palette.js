/*
 * The colour palette toggle (system -> light -> dark), in place of Material's palette component.
 *
 * Material's component re-applies the palette when its bundle starts: it marks <body> as
 * "switching" and reads computed styles, which makes the browser restyle every element twice.
 * On a long page and a phone's CPU that was the largest blocking task after the tables (see
 * scripts/benchmark.py). This script applies the palette while the page is still being parsed
 * and restyles only when the reader switches. It keeps Material's markup, CSS and stored
 * setting (`__palette` in localStorage), so a reader's earlier choice carries over.
 *
 * It takes over Material's own form: once the toggle is wired, it removes the form's
 * data-md-component attribute, so Material's bundle (which runs later) does not mount its
 * component. Should this script fail before that, Material's component runs the toggle.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-md-component=palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input.md-option"));
  var AUTO = "(prefers-color-scheme)";
  var light = matchMedia("(prefers-color-scheme: light)");
  var colorScheme = document.querySelector("meta[name=color-scheme]");

  function attr(input, name) {
    return input.getAttribute("data-md-color-" + name);
  }

  function apply(index) {
    var chosen = inputs[index];
    // "System" takes the colours of the light or dark entry, whichever the system prefers now.
    var source = attr(chosen, "media") !== AUTO ? chosen : form.querySelector(light.matches
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']") || chosen;
    var color = {
      media: attr(chosen, "media"),
      scheme: attr(source, "scheme"),
      primary: attr(source, "primary"),
      accent: attr(source, "accent")
    };
    Object.keys(color).forEach(function (key) {
      if (document.body.getAttribute("data-md-color-" + key) !== color[key])
        document.body.setAttribute("data-md-color-" + key, color[key]);
    });
    if (colorScheme) colorScheme.content = color.scheme === "slate" ? "dark" : "light";
    chosen.checked = true;
    // Only the label after the chosen option shows: it names what the next click does.
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
    return color;
  }

  function current() {
    return Math.max(0, inputs.findIndex(function (input) { return input.checked; }));
  }

  var saved = null;
  try {
    saved = __md_get("__palette");
  } catch (error) {
    // Storage blocked or garbled: start from the system preference.
  }
  var start = saved && typeof saved.index === "number"
    ? Math.max(0, Math.min(saved.index, inputs.length - 1))
    : Math.max(0, inputs.findIndex(function (input) { return matchMedia(attr(input, "media")).matches; }));
  apply(start);

  form.addEventListener("change", function (event) {
    var index = inputs.indexOf(event.target);
    if (index < 0) return;
    document.body.setAttribute("data-md-color-switching", "");  // Material's CSS: no transitions
    __md_set("__palette", { index: index, color: apply(index) });
    requestAnimationFrame(function () { document.body.removeAttribute("data-md-color-switching"); });
  });

  // Keyboard: Enter on the focused option moves to the next one, as with Material's component.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var next = inputs[(current() + 1) % inputs.length];
    next.click();
    next.focus();
  });

  light.addEventListener("change", function () {
    var index = current();
    if (attr(inputs[index], "media") === AUTO) apply(index);
  });

  form.removeAttribute("data-md-component");
  form.setAttribute("data-site-palette", "");
})();
