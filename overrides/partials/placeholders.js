/*
 * The reader's own values in commands. The build wraps each placeholder such as
 * <your-docker-id> in code blocks and command tables in <span data-placeholder="your-docker-id">
 * (sitekit/markdown_extension.py). Here a small form before the first one on the page takes the
 * reader's Docker ID, keeps it in this browser (localStorage), and every placeholder on every page
 * shows it; Material's copy button copies what the block shows. Without this script, or until the
 * reader enters a value, the placeholder stays as written.
 */
(function () {
  "use strict";
  var KEY = "docker-explained.values";
  var FIELDS = {
    "your-docker-id": {
      label: "Your Docker ID",
      // A Docker Hub namespace: lowercase letters and digits, single separators between them.
      pattern: /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/,
      invalid: "A Docker ID has only lowercase letters and digits (for example octocat).",
    },
  };

  function load() {
    try {
      var stored = JSON.parse(localStorage.getItem(KEY) || "{}");
      return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
    } catch (error) {
      return {}; // storage blocked or garbled: the value lasts as long as the page
    }
  }
  var values = load();
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(values)); } catch (error) { /* see load() */ }
  }

  function valueOf(name) {
    var value = values[name];
    var field = FIELDS[name];
    return typeof value === "string" && field && field.pattern.test(value) && value.length <= 255 ? value : "";
  }

  function fill() {
    [].forEach.call(document.querySelectorAll("[data-placeholder]:not(form)"), function (span) {
      var name = span.getAttribute("data-placeholder");
      var value = valueOf(name);
      // textContent, never HTML: what the block shows is what Material's copy button copies.
      span.textContent = value || "<" + name + ">";
      span.classList.toggle("placeholder--filled", Boolean(value));
    });
  }

  function form(name, before) {
    var field = FIELDS[name];
    var id = "placeholder-" + name;
    var box = document.createElement("form");
    box.className = "placeholder-form";
    box.setAttribute("data-placeholder", name);
    box.setAttribute("aria-label", field.label + " in commands");
    box.innerHTML =
      '<label for="' + id + '"></label> ' +
      '<input id="' + id + '" name="' + name + '" type="text" autocomplete="username" autocapitalize="none" ' +
      'spellcheck="false" maxlength="255" aria-describedby="' + id + '-help ' + id + '-status"> ' +
      '<button type="submit" class="md-button">Use in commands</button> ' +
      '<button type="button" class="md-button" data-forget>Forget</button>' +
      '<p id="' + id + '-help" class="placeholder-form__help"></p>' +
      '<p id="' + id + '-status" class="placeholder-form__status" role="status" aria-live="polite"></p>';
    box.querySelector("label").textContent = field.label;
    box.querySelector("#" + id + "-help").textContent = "Commands on every page of this site then show it in place of <" +
      name + ">. It stays in this browser only.";
    var input = box.querySelector("input");
    var status = box.querySelector("[role=status]");
    input.value = valueOf(name);
    box.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = input.value.trim();
      if (!value) {
        status.textContent = "Type your Docker ID first.";
        return;
      }
      if (!field.pattern.test(value) || value.length > 255) {
        status.textContent = field.invalid;
        input.setAttribute("aria-invalid", "true");
        return;
      }
      input.removeAttribute("aria-invalid");
      values[name] = value;
      save();
      fill();
      status.textContent = "Commands now show " + value + ".";
    });
    box.querySelector("[data-forget]").addEventListener("click", function () {
      delete values[name];
      save();
      input.value = "";
      input.removeAttribute("aria-invalid");
      fill();
      status.textContent = "Forgotten: commands show <" + name + "> again.";
    });
    before.parentNode.insertBefore(box, before);
  }

  function start() {
    fill();
    Object.keys(FIELDS).forEach(function (name) {
      if (document.querySelector("form.placeholder-form[data-placeholder='" + name + "']")) return;
      var first = document.querySelector("article pre [data-placeholder='" + name + "']");
      if (!first) return;
      // Before the command's explanation block, or before the code block itself.
      var anchor = first.closest(".cmd-block") || first.closest(".highlight") || first.closest("pre");
      form(name, anchor);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  // Other tabs change the value too: keep this one in step.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      values = load();
      fill();
      [].forEach.call(document.querySelectorAll("form.placeholder-form input"), function (input) {
        input.value = valueOf(input.name);
      });
    }
  });
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
})();
