/*
 * The Explain page (docs/explain.md): shows what explain-core.js reads in a pasted text, with
 * where this site teaches each part. Loaded, with the core and the data, by
 * overrides/partials/explain-loader.js when the reader first uses the form (or opens the page
 * with ?cmd=). Every word about Docker comes from the data (assets/explain.yaml and the CLI
 * reference); this file only lays them out. Text is set with textContent, never as HTML: what
 * the reader pastes cannot become markup.
 */
(function () {
  "use strict";
  var data = self.DockerExplainData;
  var core = self.DockerExplain;
  var form = document.getElementById("explain");
  var input = document.getElementById("explain-input");
  var output = document.getElementById("explain-result");
  if (!form || !input || !output) return;
  var settings = data.settings, parts = settings.parts, teach = data.teach;
  var base = new URL((JSON.parse(document.getElementById("__config").textContent).base || ".") + "/", location.href);
  var version = data.versions.cli;
  var counter = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function has(object, key) { return object && Object.prototype.hasOwnProperty.call(object, key); }
  function site(url) { return new URL(url, base).href; }
  function link(href, text, external) {
    var a = el("a", "", text);
    a.href = external ? href : site(href);
    return a;
  }
  // Markdown's code spans (`x`) as <code>, the rest as text.
  function rich(node, text) {
    String(text).split(/(`+[^`]*`+)/).forEach(function (piece) {
      if (/^`+[^`]*`+$/.test(piece)) node.appendChild(el("code", "", piece.replace(/^`+ ?|`+$/g, "").replace(/ $/, "")));
      else if (piece) node.appendChild(document.createTextNode(piece));
    });
    return node;
  }
  function words(key, params) { return core.fill(parts[key] || key, params || {}); }
  function code(text) { return el("code", "", text); }

  function referenceUrl(key) {
    return "https://docs.docker.com/reference/cli/docker/" + key.split(" ").join("/") + "/";
  }
  function warning(id) {
    for (var i = 0; i < settings.warnings.length; i++) if (settings.warnings[i].id === id) return settings.warnings[i];
    return null;
  }
  function deprecation(id) {
    for (var i = 0; i < data.deprecations.length; i++) if (data.deprecations[i].id === id) return data.deprecations[i];
    return null;
  }
  function canonical(name, dep) { return dep && dep.same_as ? dep.same_as : name; }
  function option(key, name) {
    var command = data.reference.commands[key];
    var groups = [command && command.options, data.reference.group_options[key.split(" ")[0]], data.reference.global];
    for (var i = 0; i < groups.length; i++) if (groups[i] && has(groups[i], name)) return groups[i][name];
    return null;
  }

  // --- one part: a term and what it is -------------------------------------------------------

  function part(list, term, build) {
    var dt = el("dt");
    dt.appendChild(code(term));
    var dd = el("dd");
    build(dd);
    list.appendChild(dt);
    list.appendChild(dd);
  }
  function sublist(dd, rows) {
    var ul = el("ul", "explain-value");
    rows.forEach(function (row) {
      if (!row) return;
      var li = el("li");
      if (row[0] !== null) { li.appendChild(code(row[0])); li.appendChild(document.createTextNode(": ")); }
      rich(li, row[1]);
      ul.appendChild(li);
    });
    if (ul.childNodes.length) dd.appendChild(ul);
  }
  function meta(dd, links) {
    var p = el("p", "explain-links");
    links.filter(Boolean).forEach(function (a, i) {
      if (i) p.appendChild(document.createTextNode(" · "));
      p.appendChild(a);
    });
    if (p.childNodes.length) dd.appendChild(p);
  }

  function valueRows(flag) {
    var p = flag.parts, rows = [];
    if (!p) return rows;
    if (p.unknown) return [[null, words("dynamic")]];
    switch (flag.format) {
      case "publish":
        rows.push(p.host_ip ? [p.host_ip, words("publish-host-ip")] : [null, words("publish-all-interfaces")]);
        rows.push(p.host_port ? [p.host_port, words("publish-host-port")] : [null, words("publish-random-port")]);
        rows.push([p.container_port, words("publish-container-port")]);
        rows.push([p.protocol, words("publish-protocol")]);
        break;
      case "expose":
        rows.push([p.container_port + "/" + p.protocol, words("expose-port")]);
        break;
      case "volume":
        if (p.source) rows.push([p.source, words("volume-" + p.type) + (/^[$%`]/.test(p.source) ? ". " + words("dynamic") : "")]);
        else rows.push([null, words("volume-anonymous")]);
        rows.push([p.target, words("volume-target")]);
        p.options.forEach(function (o) { rows.push([o, has(parts, "volume-option-" + o) ? words("volume-option-" + o) : words("volume-option")]); });
        break;
      case "mount":
        p.options.forEach(function (o) {
          var key = "mount-" + o[0];
          rows.push([o[0] + (o[1] === "true" && o[0] === "readonly" ? "" : "=" + o[1]), has(parts, key) ? words(key) : words("mount-option")]);
        });
        break;
      case "image":
        return imageRows(p);
      case "env":
        rows.push([p.name, words("env-name")]);
        rows.push(p.from_host ? [null, words("env-from-host")] : [p.value, words("env-value")]);
        break;
      case "pair":
        rows.push([p.name, words("pair-name")]);
        rows.push([p.value, words("pair-value")]);
        break;
      case "restart":
        rows.push([p.policy, words("restart-" + p.policy)]);
        if (p.retries) rows.push([p.retries, words("restart-retries")]);
        break;
      case "network":
        rows.push([p.name, words("network-" + p.mode, { name: p.name })]);
        break;
      case "namespace":
        rows.push([p.mode + (p.container ? ":" + p.container : ""),
          p.mode === "host" ? words("namespace-host") : p.mode === "container" ? words("namespace-container", { name: p.container }) : words("namespace-other")]);
        break;
      case "platform":
        p.platforms.forEach(function (one) {
          rows.push([one.os, words("platform-os")]);
          if (one.architecture) rows.push([one.architecture, words("platform-architecture")]);
          if (one.variant) rows.push([one.variant, words("platform-variant")]);
        });
        break;
      case "add-host":
        rows.push([p.host, words("add-host-host")]);
        rows.push([p.ip, words("add-host-ip")]);
        break;
      case "device":
        rows.push([p.host, words("device-host")]);
        rows.push([p.container, words("device-container")]);
        rows.push([p.permissions, words("device-permissions")]);
        break;
      case "ulimit":
        rows.push([p.name, words("ulimit-name")]);
        rows.push([p.soft, words("ulimit-soft")]);
        rows.push([p.hard, words("ulimit-hard")]);
        break;
      default:
        (p.options || []).forEach(function (o) { rows.push([o[0] ? o[0] + "=" + o[1] : o[1], words("option-key")]); });
    }
    return rows;
  }

  function imageRows(p) {
    function filled(name) { return p.filled.indexOf(name) !== -1 ? " (" + words("image-default") + ")" : ""; }
    var rows = [[p.registry, words("image-registry") + (p.registry === "docker.io" ? ", " + words("image-docker-hub") : "") + filled("registry")]];
    if (p.namespace) rows.push([p.namespace, words("image-namespace") + (p.namespace === "library" && p.registry === "docker.io" ? ", " + words("image-official") : "") + filled("namespace")]);
    rows.push([p.repository, words("image-repository")]);
    if (p.tag) rows.push([p.tag, words("image-tag") + filled("tag")]);
    if (p.digest) rows.push([p.digest, words("image-digest")]);
    return rows;
  }

  // --- one command ---------------------------------------------------------------------------

  function list(title, items, className, render) {
    if (!items.length) return null;
    var box = el("div", "explain-box " + className);
    box.appendChild(el("h3", "", title));
    var ul = el("ul");
    items.forEach(function (item) { var li = el("li"); render(li, item); ul.appendChild(li); });
    box.appendChild(ul);
    return box;
  }

  function renderCommand(command, number, total) {
    var section = el("section", "explain-command explain-command--" + command.verdict);
    var id = "explain-command-" + (++counter);
    section.setAttribute("aria-labelledby", id);
    var heading = el("h2", "", total > 1 ? "Command " + number + " of " + total : "The command");
    heading.id = id;
    section.appendChild(heading);
    var shown = el("pre", "explain-line");
    shown.appendChild(code(command.text));
    section.appendChild(shown);
    var verdict = el("p", "explain-verdict explain-verdict--" + command.verdict);
    rich(verdict, words("verdict-" + command.verdict, { version: version }));
    section.appendChild(verdict);

    var byLevel = { error: [], outdated: [], note: [] };
    command.problems.forEach(function (p) { byLevel[p.severity].push(p); });
    [["problems", byLevel.error, "explain-box--error"], ["outdated", byLevel.outdated, "explain-box--outdated"],
      ["notes", byLevel.note, "explain-box--note"]].forEach(function (group) {
      var box = list(words(group[0]), group[1], group[2], function (li, p) { rich(li, p.text); });
      if (box) section.appendChild(box);
    });
    var warnings = list(words("warnings"), command.warnings.map(warning).filter(Boolean), "explain-box--warning",
      function (li, w) {
        rich(li, w.text);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(link(w.read[0], words("read-more") + ": " + w.read[1]));
      });
    if (warnings) section.appendChild(warnings);

    var exact = command.key && teach.blocks.filter(function (b) {
      return b[0] === core.signature(command.key, command.flags.map(function (f) { return f.name; }),
        command.flags.map(function (f) { return f.value; }), command.arguments.map(function (a) { return a.text; }));
    })[0];
    if (exact) {
      var p = el("p", "explain-exact");
      var text = words("exact", { title: "\u0000" }).split("\u0000");
      p.appendChild(document.createTextNode(text[0]));
      p.appendChild(link(exact[2], exact[3]));
      p.appendChild(document.createTextNode(text[1] || ""));
      section.appendChild(p);
    }

    section.appendChild(el("h3", "", words("each-part")));
    var dl = el("dl", "explain-parts");
    renderParts(dl, command);
    section.appendChild(dl);
    return section;
  }

  function renderParts(dl, command) {
    command.prefixes.forEach(function (prefix) {
      var name = prefix.split("=")[0];
      part(dl, prefix, function (dd) {
        if (prefix.indexOf("=") !== -1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(prefix)) rich(dd, words("assignment", { name: name }));
        else rich(dd, has(parts, prefix) ? words(prefix) : words("runner"));
      });
    });
    var program = command.rewritten ? command.program : "docker";
    part(dl, program, function (dd) { rich(dd, words(command.rewritten ? "docker-compose" : "docker")); });
    if (command.nested) { var n = el("p"); rich(n, words("nested")); dl.lastChild.appendChild(n); }
    var key = command.key;
    if (!key) return;
    var spec = data.reference.commands[key];
    var globalNames = Object.keys(data.reference.global);
    var group = key.split(" ")[0];
    var groupOptions = data.reference.group_options[group] || {};
    var combined = combinedSwitches(command);
    var before = [], after = [];
    command.flags.forEach(function (flag) {
      (globalNames.indexOf(flag.name) !== -1 && !(spec && has(spec.options, flag.name)) ? before : after).push(flag);
    });
    before.forEach(function (flag) { renderFlag(dl, command, flag, "global-flag", combined); });
    var spelled = command.spelled || key;
    part(dl, spelled, function (dd) {
      var strong = el("strong", "", "docker " + key);
      dd.appendChild(strong);
      if (spec) {
        dd.appendChild(document.createTextNode(": " + spec.description));
        var others = ["docker " + key].concat(spec.aliases).filter(function (a, i, all) { return all.indexOf(a) === i && a !== "docker " + key; });
        if (others.length) {
          var also = el("p", "explain-aliases", words("aliases") + ": ");
          others.forEach(function (a, i) { if (i) also.appendChild(document.createTextNode(", ")); also.appendChild(code(a)); });
          dd.appendChild(also);
        }
      } else if (has(data.reference.desktop, key)) {
        dd.appendChild(document.createTextNode(": " + words("desktop")));
      }
      var taught = has(teach.commands, key) ? teach.commands[key] : null;
      meta(dd, [taught && link(taught[0], words("taught", { title: taught[1] })),
        spec && link(referenceUrl(key), words("reference"), true)]);
    });
    after.forEach(function (flag) {
      var role = has(groupOptions, flag.name) && !(spec && has(spec.options, flag.name)) ? "group-flag" : "";
      renderFlag(dl, command, flag, role, combined);
    });
    var i = 0;
    while (i < command.arguments.length) {
      var argument = command.arguments[i];
      // The command passed to the container, with its arguments: one part, so its own flags
      // (ls -la) read as the program's, not Docker's.
      if (argument.role === "COMMAND" || argument.role === "ARG..." || argument.role === "ARGS...") {
        var rest = command.arguments.slice(i).map(function (a) { return a.text; });
        renderContainerCommand(dl, rest);
        break;
      }
      renderArgument(dl, argument);
      i++;
    }
  }

  function combinedSwitches(command) {
    var found = {};
    command.text.split(/\s+/).forEach(function (word) {
      if (!/^-[A-Za-z]{2,}$/.test(word)) return;
      var letters = word.slice(1).split("");
      var matching = letters.every(function (l) { return command.flags.some(function (f) { return f.written === "-" + l; }); });
      if (matching) letters.forEach(function (l) { if (!has(found, "-" + l)) found["-" + l] = word; });
    });
    return found;
  }

  function renderFlag(dl, command, flag, role, combined) {
    var term = flag.written + (flag.value !== null && flag.value !== undefined ? " " + flag.value : "");
    part(dl, term, function (dd) {
      var dep = flag.deprecation ? deprecation(flag.deprecation) : null;
      var name = canonical(flag.name, dep);
      var o = option(command.key, flag.name);
      var strong = el("strong", "", flag.name);
      dd.appendChild(strong);
      var short = o && o[0];
      if (short && short !== flag.name) dd.appendChild(document.createTextNode(" (" + short + ")"));
      dd.appendChild(document.createTextNode(": " + (o && o[3] ? o[3] : words("no-description"))));
      if (has(combined, flag.written)) {
        var word = combined[flag.written];
        var letters = word.slice(1).split("").map(function (l) { return "`-" + l + "`"; });
        var note = el("p", "explain-note");
        rich(note, words("combined", { word: word, count: letters.length, list: letters.join(", ") }));
        dd.appendChild(note);
        delete combined[flag.written];
      }
      if (role) { var r = el("p", "explain-note"); rich(r, words(role, { group: "docker " + command.key.split(" ")[0] })); dd.appendChild(r); }
      sublist(dd, valueRows(flag));
      var teachKey = has(teach.flags, command.key) && has(teach.flags[command.key], name) ? teach.flags[command.key][name] : null;
      meta(dd, [teachKey && link(teachKey[0], words("flag-taught", { title: teachKey[1] })),
        dep && dep.source && link(dep.source, words("source"), true)]);
    });
  }

  function renderArgument(dl, argument) {
    part(dl, argument.text, function (dd) {
      var role = argument.role;
      if (role) {
        dd.appendChild(el("strong", "", role));
        if (has(settings.roles, role)) { dd.appendChild(document.createTextNode(": ")); rich(dd, settings.roles[role]); }
      } else {
        rich(dd, words("role-unknown"));
      }
      if (argument.parts) sublist(dd, argument.parts.unknown ? [[null, words("dynamic")]] : imageRows(argument.parts));
    });
  }

  function renderContainerCommand(dl, texts) {
    part(dl, texts.join(" "), function (dd) {
      dd.appendChild(el("strong", "", "COMMAND"));
      dd.appendChild(document.createTextNode(": "));
      rich(dd, settings.roles.COMMAND + (texts.length > 1 ? "; " + settings.roles["ARG..."] : ""));
    });
  }

  // --- the whole paste ------------------------------------------------------------------------

  function render(text) {
    output.textContent = "";
    if (!text.trim()) return;
    var result = core.explain(text, data);
    var summary = el("p", "explain-summary");
    summary.setAttribute("role", "status");
    output.appendChild(summary);
    var commands = result.commands;
    commands.forEach(function (command, i) { output.appendChild(renderCommand(command, i + 1, commands.length)); });
    if (result.errors.length && (!commands.length || result.errors.length)) output.appendChild(renderErrors(result.errors));
    if (!commands.length && !result.errors.length) {
      var none = el("p", "explain-none");
      rich(none, words("none"));
      output.appendChild(none);
      var search = el("p");
      search.appendChild(link("?q=" + encodeURIComponent(text.trim().split("\n")[0].slice(0, 200)), words("errors-none").replace(/:$/, "")));
      if (!/^\s*docker/.test(text)) output.appendChild(search);
    }
    var others = result.others.filter(function (o) { return !o.nested && o.program && commands.length; })
      .map(function (o) { return "`" + o.program + "`"; }).filter(function (o, i, all) { return all.indexOf(o) === i; });
    if (others.length) { var p = el("p", "explain-others"); rich(p, words("others", { list: others.join(", ") })); output.appendChild(p); }
    summary.textContent = summarize(result);
  }

  function renderErrors(ids) {
    var section = el("section", "explain-command explain-errors");
    var id = "explain-errors-" + (++counter);
    section.setAttribute("aria-labelledby", id);
    var heading = el("h2", "", words("errors"));
    heading.id = id;
    section.appendChild(heading);
    var ul = el("ul");
    ids.slice(0, 3).forEach(function (entryId) {
      var entry = data.troubleshooting.filter(function (e) { return e.id === entryId; })[0];
      var li = el("li");
      var text = words("errors-fix", { title: "\u0000" }).split("\u0000");
      li.appendChild(document.createTextNode(text[0]));
      li.appendChild(link(data.troubleshooting_url + "#" + entry.id, entry.title));
      li.appendChild(document.createTextNode(text[1] || ""));
      ul.appendChild(li);
    });
    section.appendChild(ul);
    return section;
  }

  function summarize(result) {
    var n = result.commands.length;
    if (!n) return result.errors.length ? words("errors") + "." : "";
    var counts = { error: 0, outdated: 0, warning: 0 };
    result.commands.forEach(function (c) {
      c.problems.forEach(function (p) { if (has(counts, p.severity)) counts[p.severity]++; });
      counts.warning += c.warnings.length;
    });
    var bits = [];
    if (counts.error) bits.push(counts.error + (counts.error === 1 ? " problem" : " problems"));
    if (counts.outdated) bits.push(counts.outdated + " outdated");
    if (counts.warning) bits.push(counts.warning + (counts.warning === 1 ? " warning" : " warnings"));
    return (n === 1 ? "Explained 1 command" : "Explained " + n + " commands") + (bits.length ? ": " + bits.join(", ") + "." : ", nothing to fix.");
  }

  // --- the form -------------------------------------------------------------------------------

  var timer = null;
  function update(push) {
    clearTimeout(timer);
    render(input.value);
    if (push) {
      try {
        var url = new URL(location.href);
        if (input.value.trim()) url.searchParams.set("cmd", input.value); else url.searchParams.delete("cmd");
        history.replaceState(null, "", url.href);
      } catch (error) { /* file:// pages may refuse: the explanation is shown anyway */ }
    }
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { update(true); }, 250); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); update(true); }
  });
  [].forEach.call(document.querySelectorAll("[data-explain-example]"), function (a) {
    a.addEventListener("click", function (event) {
      var value = new URL(a.href).searchParams.get("cmd");
      if (value === null) return;
      event.preventDefault();
      input.value = value;
      update(true);
      input.focus();
      form.scrollIntoView({ block: "start" });
    });
  });
  var given = new URL(location.href).searchParams.get("cmd");
  if (given !== null && !input.value) input.value = given;
  if (input.value) update(false);
  document.documentElement.setAttribute("data-explain-ready", "");
})();
