/*
 * The forms for the reader's Docker ID and GitHub user name, each before the first command on the
 * page that needs it.
 * overrides/partials/placeholders-fill.js (inlined on pages with placeholders) already filled the
 * commands from the browser's storage and loads this file on pages whose code blocks need the
 * value. The value is kept in localStorage; every page shows it, other open tabs follow.
 * Without JavaScript, or until the reader enters a value, the placeholder stays as written.
 */
(function () {
  "use strict";
  var site = window.sitePlaceholders;
  if (!site) return;
  var FIELDS = {
    "your-docker-id": {
      label: "Your Docker ID",
      invalid: "A Docker ID has only lowercase letters and digits (for example octocat).",
    },
    "your-github-user": {
      label: "Your GitHub user name",
      invalid: "Write the GitHub user name in lowercase letters, digits and hyphens (for example octocat).",
    },
  };
  var values = site.load();

  function save() {
    try { localStorage.setItem(site.key, JSON.stringify(values)); } catch (error) { /* blocked */ }
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
    input.value = site.valid(values[name]) ? values[name] : "";
    box.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = input.value.trim();
      if (!value) {
        status.textContent = "Type your " + field.label.replace(/^Your /, "") + " first.";
        return;
      }
      if (!site.valid(value)) {
        status.textContent = field.invalid;
        input.setAttribute("aria-invalid", "true");
        return;
      }
      input.removeAttribute("aria-invalid");
      values[name] = value;
      save();
      site.fill(values);
      status.textContent = "Commands now show " + value + ".";
    });
    box.querySelector("[data-forget]").addEventListener("click", function () {
      delete values[name];
      save();
      input.value = "";
      input.removeAttribute("aria-invalid");
      site.fill(values);
      status.textContent = "Forgotten: commands show <" + name + "> again.";
    });
    before.parentNode.insertBefore(box, before);
  }

  function start() {
    site.fill(values);
    Object.keys(FIELDS).forEach(function (name) {
      if (document.querySelector("form.placeholder-form[data-placeholder='" + name + "']")) return;
      var first = document.querySelector("article pre span[data-placeholder='" + name + "']");
      if (!first) return;
      // Before the command's explanation block, or before the code block itself.
      form(name, first.closest(".cmd-block") || first.closest(".highlight") || first.closest("pre"));
    });
  }
  start();
  // Another tab changed the value (the inline script refills the commands): update the form.
  window.addEventListener("storage", function (event) {
    if (event.key !== site.key) return;
    values = site.load();
    [].forEach.call(document.querySelectorAll("form.placeholder-form input"), function (input) {
      input.value = site.valid(values[input.name]) ? values[input.name] : "";
    });
  });
  // With Material's instant loading, pages arrive without a reload.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
})();
