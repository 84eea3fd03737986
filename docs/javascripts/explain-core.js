/*
 * The Explain page's reading of a pasted text: the same steps, in the same order, as the Python
 * checker it is tested against (tests/test_explain.py runs both on every docker line of the site
 * and on a corpus of real-world commands, and requires the same result):
 *   sitekit/shell_paste.py   what a shell makes of the text: commands and words
 *   sitekit/cli_reference.py the CLI checker: command, flags, values, arguments (same messages)
 *   sitekit/cli_values.py    the parts of a value, and whether Docker can read it
 *   sitekit/explain.py       problems, outdated parts and warnings, in a beginner's words
 * Rules and words come from the data the build writes (javascripts/explain-data.js, from
 * assets/cli-reference.json, assets/deprecations.yaml and assets/explain.yaml); nothing here
 * knows a Docker command or flag by name beyond what those Python modules know.
 * Runs in the page (explain.js) and in Node (tests).
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.DockerExplain = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // --- small helpers with Python's meaning ----------------------------------------------------

  function is(char, chars) { return char.length === 1 && chars.indexOf(char) !== -1; }
  function partition(text, sep) {
    var at = text.indexOf(sep);
    return at === -1 ? [text, "", ""] : [text.slice(0, at), sep, text.slice(at + sep.length)];
  }
  function rpartition(text, sep) {
    var at = text.lastIndexOf(sep);
    return at === -1 ? ["", "", text] : [text.slice(0, at), sep, text.slice(at + sep.length)];
  }
  function strip(text, chars) {
    var start = 0, end = text.length;
    while (start < end && chars.indexOf(text[start]) !== -1) start++;
    while (end > start && chars.indexOf(text[end - 1]) !== -1) end--;
    return text.slice(start, end);
  }
  function lstrip(text, chars) {
    var start = 0;
    while (start < text.length && chars.indexOf(text[start]) !== -1) start++;
    return text.slice(start);
  }
  function startsWithAny(text, prefixes) { return prefixes.some(function (p) { return text.startsWith(p); }); }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function count(text, sub) { return text.split(sub).length - 1; }

  // --- sitekit/shell_paste.py -------------------------------------------------------------------

  var LOOKALIKES = {
    "\u00a0": [" ", "nbsp"], "\u2007": [" ", "nbsp"], "\u202f": [" ", "nbsp"],
    "\u200b": ["", "zero-width"], "\ufeff": ["", "zero-width"], "\u2060": ["", "zero-width"],
    "\u201c": ["\"", "smart-quote"], "\u201d": ["\"", "smart-quote"], "\u201e": ["\"", "smart-quote"],
    "\u2018": ["'", "smart-quote"], "\u2019": ["'", "smart-quote"], "\u201a": ["'", "smart-quote"]
  };
  var DASHES = "\u2013\u2014\u2212";
  var SPACE = " \t";
  var OPERATOR_START = "|&;()";
  var TWO_CHAR_OPERATORS = ["||", "&&", ";;", "|&"];
  var DIGITS = "0123456789";
  var NAME = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_" + DIGITS;
  var SPECIAL_PARAMETERS = "?!@*#$-";
  var PLACEHOLDER = /^<[A-Za-z][A-Za-z0-9_.:-]*>/;
  var FENCE = /^[ \t]*(```|~~~)[A-Za-z0-9_+-]*[ \t]*$/;
  var INLINE_CODE = /^[ \t]*`([^`]+)`[ \t]*$/;
  var RUNNERS = {
    sudo: ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "-R", "--user", "--group", "--chdir", "--host",
      "--prompt", "--role", "--type", "--other-user", "--close-from", "--command-timeout", "--chroot"],
    doas: ["-u", "-C"],
    env: ["-u", "-C", "-S", "--unset", "--chdir"],
    time: [], nohup: [], exec: [], command: [], builtin: [], winpty: []
  };
  var REDIRECTS = ["&>>", "&>", "<<<", "<<-", "<<", ">>", ">&", "<&", "<>", ">|", ">", "<"];

  function Word(text, raw, dynamic) {
    this.text = text; this.raw = raw; this.dynamic = !!dynamic; this.dashFixed = false;
  }

  function Command(line, nested) {
    this.line = line; this.lastLine = line; this.words = []; this.prefixes = 0; this.redirects = [];
    this.continued = []; this.nested = nested; this.problems = [];
  }
  Command.prototype.program = function () {
    if (this.prefixes >= this.words.length) return "";
    var name = this.words[this.prefixes].text.replace(/\\/g, "/");
    name = name.slice(name.lastIndexOf("/") + 1);
    return name.toLowerCase().endsWith(".exe") ? name.slice(0, -4) : name;
  };
  Command.prototype.args = function () { return this.words.slice(this.prefixes + 1); };
  Command.prototype.raw = function () { return this.words.map(function (w) { return w.raw; }).join(" "); };

  function Unclosed(what, partial) { this.what = what; this.partial = partial || ""; }

  function readPaste(text, prompts, windowsMarkers) {
    text = text.replace(/\r\n/g, "\n").replace(/\r/g, "\n");
    var fixes = {};
    var lines = text.split("\n").map(function (line, index) {
      var out = "";
      for (var i = 0; i < line.length; i++) {
        var char = line[i];
        if (has(LOOKALIKES, char)) {
          (fixes[index + 1] = fixes[index + 1] || []).push([LOOKALIKES[char][1], char]);
          out += LOOKALIKES[char][0];
        } else out += char;
      }
      return out;
    });
    lines = lines.map(function (line) {
      if (FENCE.test(line)) return "";
      var inline = INLINE_CODE.exec(line);
      return inline ? inline[1] : line;
    });
    var joined = lines.join("\n");
    var windows = windowsMarkers.some(function (marker) { return new RegExp(marker, "m").test(joined); });
    var bodies = [], prompted = [];
    lines.forEach(function (line) {
      var body = line, had = false;
      for (var i = 0; i < prompts.length; i++) {
        var match = new RegExp(prompts[i]).exec(line);
        if (match && match.index === 0 && match[0].length < line.replace(/\s+$/, "").length) {
          body = line.slice(match[0].length); had = true; break;
        }
      }
      bodies.push(body); prompted.push(had);
    });
    var session = prompted.some(Boolean);
    var reader = new Reader(bodies, prompted, session, windows, false, 1);
    var commands = reader.readAll();
    commands.forEach(function (command) {
      var seen = {};
      for (var number = command.line; number <= command.lastLine; number++) {
        (fixes[number] || []).forEach(function (fix) {
          var key = fix[0] + "\u0000" + fix[1];
          if (!seen[key]) { seen[key] = true; command.problems.push({ kind: fix[0], char: fix[1] }); }
        });
      }
    });
    return { lines: lines, commands: commands, shell: windows ? "windows" : "posix", session: session };
  }

  function Reader(lines, prompted, session, windows, nested, firstLine) {
    this.lines = lines; this.prompted = prompted; this.session = session; this.windows = windows;
    this.nested = nested; this.firstLine = firstLine; this.row = 0; this.col = 0; this.commands = [];
    this.inner = []; this.heredocs = []; this.ended = false;
  }
  var R = Reader.prototype;
  R.lineNumber = function () { return this.firstLine + this.row; };
  R.peek = function (ahead) {
    ahead = ahead || 0;
    if (this.row >= this.lines.length) return "";
    var line = this.lines[this.row];
    if (this.col + ahead < line.length) return line[this.col + ahead];
    return this.col + ahead === line.length ? "\n" : "";
  };
  R.advance = function (n) { this.col += n === undefined ? 1 : n; };
  R.nextLine = function (continuation, joined) {
    this.row += 1; this.col = 0;
    if (this.row >= this.lines.length) return false;
    if (continuation && (this.session || joined) && !this.prompted[this.row]) {
      var line = this.lines[this.row];
      if (line.startsWith("> ")) this.col = 2; else if (line === ">") this.col = 1;
    }
    return true;
  };
  R.restOfLine = function () { return this.row < this.lines.length ? this.lines[this.row].slice(this.col) : ""; };
  R.readAll = function () {
    while (this.row < this.lines.length) {
      if (this.session && !this.nested && !this.prompted[this.row]) { this.row += 1; continue; }
      this.readLine();
      this.skipHeredocs();
      this.row += 1; this.col = 0;
    }
    return this.commands;
  };
  R.readLine = function () {
    for (;;) {
      var command = new Command(this.lineNumber(), this.nested);
      var ended = this.readCommand(command);
      command.lastLine = Math.min(this.lineNumber(), this.firstLine + this.lines.length - 1);
      if (command.words.length) this.finish(command);
      if (ended) return;
    }
  };
  R.finish = function (command) {
    this.findPrefixes(command);
    this.commands.push(command);
    var inner = this.inner; this.inner = [];
    for (var i = 0; i < inner.length; i++) {
      var texts = inner[i][0].split("\n");
      var reader = new Reader(texts, texts.map(function () { return false; }), false, this.windows, true, inner[i][1]);
      this.commands = this.commands.concat(reader.readAll());
    }
  };
  R.readCommand = function (command) {
    for (;;) {
      var char = this.peek();
      if (char === "") return true;
      if (is(char, SPACE)) { this.advance(); continue; }
      if (char === "\n") return true;
      if (char === "#") { this.col = this.lines[this.row].length; return true; }
      if (this.continuationHere(command)) { if (!this.nextLine(true, true)) return true; continue; }
      if (this.isRedirectStart()) { this.readRedirect(command); continue; }
      if (is(char, OPERATOR_START)) {
        this.advance(TWO_CHAR_OPERATORS.indexOf(char + this.peek(1)) !== -1 ? 2 : 1);
        if (command.words.length) return false;
        continue;
      }
      var word = this.readWord(command);
      if (word !== null) command.words.push(word);
      if (this.ended) return true;
    }
  };
  R.continuationHere = function (command) {
    var char = this.peek();
    var marks = this.windows ? "\\`^" : "\\";
    if (!is(char, marks)) return false;
    var rest = this.restOfLine().slice(1);
    if (strip(rest, SPACE)) return false;
    if (this.row + 1 >= this.lines.length) return false;
    var before = this.col > 0 ? this.lines[this.row][this.col - 1] : "";
    if ((char === "^" || char === "`") && this.col > 0 && !is(before, SPACE)) return false;
    if (rest) command.problems.push({ kind: "space-after-continuation", char: char, line: this.lineNumber() });
    if (command.continued.indexOf(char) === -1) command.continued.push(char);
    return true;
  };
  R.isRedirectStart = function () {
    var char = this.peek();
    if (char === "<" && PLACEHOLDER.test(this.restOfLine())) return false;
    if (char === "<" || char === ">") return true;
    return char === "&" && this.peek(1) === ">";
  };
  R.readRedirect = function (command) {
    var start = this.col, row = this.row, operator = "", rest = this.restOfLine();
    for (var i = 0; i < REDIRECTS.length; i++) if (rest.startsWith(REDIRECTS[i])) { operator = REDIRECTS[i]; break; }
    this.advance(operator.length);
    while (is(this.peek(), SPACE)) this.advance();
    var target = (this.peek() !== "" && this.peek() !== "\n") ? this.readWord(command) : null;
    var shown = target === null ? operator : this.row === row ? this.lines[row].slice(start, this.col) : operator + target.raw;
    command.redirects.push(shown.trim());
    if ((operator === "<<" || operator === "<<-") && target !== null) this.heredocs.push([target.text, operator === "<<-"]);
  };
  R.skipHeredocs = function () {
    while (this.heredocs.length) {
      var heredoc = this.heredocs.shift();
      while (this.row + 1 < this.lines.length) {
        this.row += 1;
        var line = this.lines[this.row];
        if (this.session && line.startsWith("> ")) line = line.slice(2);
        if ((heredoc[1] ? lstrip(line, "\t") : line) === heredoc[0]) break;
      }
    }
  };
  R.findPrefixes = function (command) {
    var words = command.words, index = 0;
    while (index < words.length) {
      var text = words[index].text;
      if (isAssignment(words[index])) { index++; continue; }
      if (has(RUNNERS, text) && index + 1 < words.length) {
        var takes = RUNNERS[text];
        index++;
        while (index < words.length && words[index].text.startsWith("-") && words[index].text !== "-") {
          var option = words[index].text;
          index++;
          if (option === "--") break;
          if (takes.indexOf(option) !== -1 && option.indexOf("=") === -1 && index < words.length) index++;
        }
        continue;
      }
      break;
    }
    command.prefixes = words.length ? Math.min(index, words.length - 1) : 0;
  };
  R.rawFrom = function (startRow, startCol) {
    if (this.row === startRow) return this.lines[startRow].slice(startCol, this.col);
    var parts = [this.lines[startRow].slice(startCol)].concat(this.lines.slice(startRow + 1, this.row));
    parts.push(this.row < this.lines.length ? this.lines[this.row].slice(0, this.col) : "");
    return parts.join("\n");
  };
  R.readWord = function (command) {
    var text = [], dynamic = false, startRow = this.row, startCol = this.col, self = this;
    try {
      for (;;) {
        var char = this.peek();
        if (char === "" || char === "\n" || is(char, SPACE)) break;
        if (is(char, OPERATOR_START) || this.isRedirectStart()) {
          var joined = text.join("");
          if ((char === "<" || char === ">") && joined && joined.split("").every(function (c) { return is(c, DIGITS); }) &&
              this.rawFrom(startRow, startCol) === joined) {
            this.readRedirect(command);
            command.redirects[command.redirects.length - 1] = joined + command.redirects[command.redirects.length - 1];
            return null;
          }
          break;
        }
        if (this.continuationHere(command)) { if (!this.nextLine(true, true)) break; continue; }
        if (char === "\\" && !this.windows) {
          var following = this.peek(1);
          if (following === "\n") { this.nextLine(true); continue; }
          if (following === "") { this.advance(); break; }
          text.push(following); this.advance(2);
        } else if (char === "'") {
          this.advance(); text.push(this.readUntilQuote("'", false));
        } else if (char === "\"") {
          this.advance();
          var quoted = this.readDoubleQuoted();
          text.push(quoted[0]); dynamic = dynamic || quoted[1];
        } else if (char === "$" && this.peek(1) === "'" && !this.windows) {
          this.advance(2); text.push(ansiC(this.readUntilQuote("'", true)));
        } else if (char === "$" && this.peek(1) === "(") {
          text.push(this.readSubstitution()); dynamic = true;
        } else if (char === "$" && this.peek(1) === "{") {
          text.push(this.readBraces()); dynamic = true;
        } else if (char === "$" && (is(this.peek(1), NAME) || is(this.peek(1), SPECIAL_PARAMETERS))) {
          dynamic = true; text.push(char); this.advance();
        } else if (char === "`" && !this.windows) {
          text.push(this.readBackticks()); dynamic = true;
        } else if (char === "<") {
          var placeholder = PLACEHOLDER.exec(this.restOfLine())[0];
          text.push(placeholder); this.advance(placeholder.length); dynamic = true;
          if (!command.problems.some(function (p) { return p.word === placeholder; })) {
            command.problems.push({ kind: "placeholder", word: placeholder });
          }
        } else {
          text.push(char); this.advance();
        }
      }
    } catch (error) {
      if (!(error instanceof Unclosed)) throw error;
      command.problems.push({ kind: "unclosed", char: error.what, line: this.firstLine + startRow });
      text.push(error.partial.replace(/\n+$/, ""));
      this.ended = true;
      var raw = [this.lines[startRow].slice(startCol)].concat(this.lines.slice(startRow + 1)).join("\n");
      this.row = this.lines.length - 1; this.col = this.lines[this.lines.length - 1].length;
      return raw ? new Word(text.join(""), raw, dynamic) : null;
    }
    var word = new Word(text.join(""), self.rawFrom(startRow, startCol), dynamic);
    if (word.text.length > 1 && is(word.text[0], DASHES) && is(word.raw[0], DASHES)) {
      var rest = lstrip(word.text, DASHES);
      word.text = (rest.length === 1 ? "-" : "--") + rest;
      word.dashFixed = true;
      command.problems.push({ kind: "typographic-dash", char: word.raw[0], word: word.raw });
    }
    return word;
  };
  R.readUntilQuote = function (quote, escapes) {
    var out = "";
    for (;;) {
      var char = this.peek();
      if (char === "") throw new Unclosed(quote, out);
      if (char === "\n") {
        out += "\n";
        if (!this.nextLine(true)) throw new Unclosed(quote, out);
        continue;
      }
      if (escapes && char === "\\" && this.peek(1) !== "" && this.peek(1) !== "\n") {
        out += char + this.peek(1); this.advance(2); continue;
      }
      this.advance();
      if (char === quote) return out;
      out += char;
    }
  };
  R.readDoubleQuoted = function () {
    var out = "", dynamic = false;
    for (;;) {
      var char = this.peek();
      if (char === "") throw new Unclosed("\"", out);
      if (char === "\n") {
        out += "\n";
        if (!this.nextLine(true)) throw new Unclosed("\"", out);
        continue;
      }
      if (char === "\"") { this.advance(); return [out, dynamic]; }
      if (char === "\\" && !this.windows) {
        var following = this.peek(1);
        if (following === "\n") { this.nextLine(true); continue; }
        if (["\"", "\\", "$", "`"].indexOf(following) !== -1) { out += following; this.advance(2); continue; }
        out += char; this.advance(); continue;
      }
      if (char === "`" && this.windows && this.peek(1) === "\"") { out += "\""; this.advance(2); continue; }
      if (char === "$" && this.peek(1) === "(") { out += this.readSubstitution(); dynamic = true; continue; }
      if (char === "$" && this.peek(1) === "{") { out += this.readBraces(); dynamic = true; continue; }
      if (char === "$" && (is(this.peek(1), NAME) || is(this.peek(1), SPECIAL_PARAMETERS))) dynamic = true;
      if (char === "`" && !this.windows) { out += this.readBackticks(); dynamic = true; continue; }
      out += char; this.advance();
    }
  };
  R.readSubstitution = function () {
    var line = this.lineNumber();
    this.advance(2);
    var depth = 1, out = "$(", body = "";
    for (;;) {
      var char = this.peek();
      if (char === "") throw new Unclosed("$(");
      if (char === "\n") {
        out += "\n"; body += "\n";
        if (!this.nextLine(true)) throw new Unclosed("$(");
        continue;
      }
      if (char === "'" || char === "\"") {
        this.advance();
        var quoted = char === "'" ? this.readUntilQuote("'", false) : this.readDoubleQuoted()[0];
        out += char + quoted + char; body += char + quoted + char;
        continue;
      }
      if (char === "\\" && this.peek(1) !== "" && this.peek(1) !== "\n") {
        out += char + this.peek(1); body += char + this.peek(1); this.advance(2); continue;
      }
      this.advance();
      if (char === "(") depth++;
      else if (char === ")") {
        depth--;
        if (depth === 0) {
          out += ")";
          if (!body.startsWith("(")) this.inner.push([body, line]);
          return out;
        }
      }
      out += char; body += char;
    }
  };
  R.readBackticks = function () {
    var line = this.lineNumber();
    this.advance();
    var body = "";
    for (;;) {
      var char = this.peek();
      if (char === "") throw new Unclosed("`");
      if (char === "\n") { body += "\n"; if (!this.nextLine(true)) throw new Unclosed("`"); continue; }
      if (char === "\\" && this.peek(1) === "`") { body += "`"; this.advance(2); continue; }
      this.advance();
      if (char === "`") { this.inner.push([body, line]); return "`" + body + "`"; }
      body += char;
    }
  };
  R.readBraces = function () {
    this.advance(2);
    var out = "${";
    for (;;) {
      var char = this.peek();
      if (char === "" || char === "\n") throw new Unclosed("${");
      this.advance(); out += char;
      if (char === "}") return out;
    }
  };

  function isAssignment(word) {
    var parts = partition(word.raw, "=");
    var name = parts[0];
    return !!parts[1] && !!name && !is(name[0], DIGITS) && name.split("").every(function (c) { return is(c, NAME); });
  }

  function ansiC(text) {
    var out = "", map = { n: "\n", t: "\t", "\\": "\\", "'": "'", "\"": "\"" };
    for (var i = 0; i < text.length; i++) {
      if (text[i] === "\\" && i + 1 < text.length) {
        out += has(map, text[i + 1]) ? map[text[i + 1]] : "\\" + text[i + 1]; i++;
      } else out += text[i];
    }
    return out;
  }

  // --- sitekit/cli_reference.py: the checker --------------------------------------------------

  function CommandError(message, kind, token, where, parsed, word) {
    this.message = message; this.kind = kind || "shell"; this.token = token || ""; this.where = where || "";
    this.parsed = parsed || null; this.word = word || token || "";
  }

  function option(array) { return { short: array[0], takesValue: !!array[1], type: array[2], description: array[3] }; }
  function options(map) {
    var out = {};
    Object.keys(map).forEach(function (name) { out[name] = option(map[name]); });
    return out;
  }

  function Reference(data) {
    this.global = options(data.global);
    this.groupOptions = {};
    var self = this;
    Object.keys(data.group_options).forEach(function (g) { self.groupOptions[g] = options(data.group_options[g]); });
    this.groups = data.groups;
    this.desktop = data.desktop;
    this.commands = {};
    Object.keys(data.commands).forEach(function (key) {
      var spec = data.commands[key];
      self.commands[key] = { usage: spec.usage, description: spec.description, aliases: spec.aliases, min: spec.min,
        max: spec.max, free: spec.free, options: options(spec.options) };
    });
    this.spellings = data.spellings;
    this.groupValues = {};
    Object.keys(this.groups).forEach(function (g) { self.groupValues[self.groups[g]] = true; });
  }
  Reference.prototype.keyOf = function (spelling) { return has(this.spellings, spelling) ? this.spellings[spelling] : null; };
  Reference.prototype.optionsOf = function (key) {
    var own, group;
    if (has(this.commands, key)) {
      own = Object.assign({}, this.commands[key].options);
      group = this.groupOptions[key.split(" ")[0]] || {};
    } else if (has(this.groupValues, key)) {
      own = {}; group = this.groupOptions[key.split(" ")[0]] || {};
    } else {
      own = Object.assign({}, this.global); group = {};
    }
    var taken = {};
    Object.keys(own).forEach(function (name) { if (own[name].short) taken[own[name].short] = true; });
    Object.keys(group).forEach(function (name) {
      if (!has(own, name)) {
        var o = group[name];
        own[name] = (o.short && has(taken, o.short)) ? Object.assign({}, o, { short: null }) : o;
        if (own[name].short) taken[own[name].short] = true;
      }
    });
    if (!has(own, "--help")) {
      own["--help"] = { short: has(taken, "-h") ? null : "-h", takesValue: false, type: null, description: "Print usage" };
    }
    return own;
  };

  function shortToLong(short, opts) {
    var names = Object.keys(opts);
    for (var i = 0; i < names.length; i++) if (opts[names[i]].short === short) return names[i];
    return null;
  }

  function takeOptions(tokens, opts, where) {
    var taken = [];
    while (tokens.length && tokens[0].startsWith("-") && tokens[0] !== "-") {
      var token = tokens.shift();
      var written = token.split("=")[0];
      var name = written.startsWith("--") ? written : (shortToLong(written.slice(0, 2), opts) || written);
      if (!has(opts, name)) {
        throw new CommandError("unknown flag '" + written + "' for '" + where + "'",
          written.startsWith("--") ? "unknown-flag" : "unknown-shorthand", written, where, null, token);
      }
      var value = token.indexOf("=") !== -1 ? partition(token, "=")[2] : null;
      if (opts[name].takesValue && token.indexOf("=") === -1 && (written.startsWith("--") || written.length === 2)) {
        if (!tokens.length) throw new CommandError("flag '" + name + "' of '" + where + "' needs a value", "needs-value", written, where);
        value = tokens.shift();
      } else if (opts[name].takesValue && value === null) {
        value = written.slice(2);
      }
      taken.push([name, written.startsWith("--") ? written : written.slice(0, 2), value]);
    }
    return taken;
  }

  var HELP = ["--help", "-h"];

  function resolve(tokens, reference) {
    var words = [], rest = tokens.slice(), groupFlags = [];
    while (rest.length && !rest[0].startsWith("-")) {
      words.push(rest.shift());
      var group = has(reference.groups, words.join(" ")) ? reference.groups[words.join(" ")] : null;
      if (group !== null && has(reference.groupOptions, group) && rest.length && rest[0].startsWith("-") &&
          HELP.indexOf(rest[0]) === -1) {
        groupFlags = groupFlags.concat(takeOptions(rest, reference.groupOptions[group], "docker " + words.join(" ")));
      }
      if (words.length === 4) break;
    }
    for (var size = words.length; size > 0; size--) {
      var spelled = words.slice(0, size).join(" ");
      var key = reference.keyOf(spelled);
      if (key !== null) return { key: key, spelled: spelled, rest: words.slice(size).concat(rest), groupFlags: groupFlags };
    }
    var all = words.join(" ");
    if (has(reference.groups, all) && rest.length) {
      if (HELP.indexOf(rest[0]) !== -1) return { key: reference.groups[all], spelled: all, rest: rest, groupFlags: groupFlags };
      var flag = rest[0].split("=")[0];
      throw new CommandError("unknown flag '" + flag + "' for 'docker " + all + "'",
        flag.startsWith("--") ? "unknown-flag" : "unknown-shorthand", flag, "docker " + all, null, rest[0]);
    }
    var prefix = null;
    for (var n = words.length; n > 0; n--) {
      if (has(reference.groups, words.slice(0, n).join(" "))) { prefix = words.slice(0, n).join(" "); break; }
    }
    if (prefix !== null) {
      var size2 = prefix.split(" ").length;
      var sub = words.length > size2 ? words[size2] : "";
      throw new CommandError("unknown subcommand '" + sub + "' of 'docker " + prefix + "'", "unknown-subcommand", sub,
        "docker " + prefix);
    }
    var first = words.length ? words[0] : "";
    throw new CommandError("unknown command '" + first + "'", "unknown-command", first, "docker");
  }

  function readFlags(rest, opts, freeAfter, spelled) {
    var flags = [], args = [], where = "docker " + spelled, index = 0;
    while (index < rest.length) {
      var token = rest[index];
      if (freeAfter !== null && args.length >= freeAfter) return [flags, args.concat(rest.slice(index))];
      if (token === "--") return [flags, args.concat(rest.slice(index + 1))];
      if (token.startsWith("--") && token.length > 2) {
        var name = token.split("=")[0];
        if (!has(opts, name)) throw new CommandError("unknown flag '" + name + "' for '" + where + "'", "unknown-flag", name, where, null, token);
        var value = token.indexOf("=") !== -1 ? partition(token, "=")[2] : null;
        if (opts[name].takesValue && token.indexOf("=") === -1) {
          index++;
          if (index >= rest.length) throw new CommandError("flag '" + name + "' of '" + where + "' needs a value", "needs-value", name, where);
          value = rest[index];
        }
        flags.push([name, name, value]);
      } else if (token.startsWith("-") && token !== "-") {
        index += readShortFlags(token, rest, index, opts, flags, spelled);
      } else {
        args.push(token);
      }
      index++;
    }
    return [flags, args];
  }

  function readShortFlags(token, rest, index, opts, flags, spelled) {
    var letters = token.slice(1).split("=")[0], where = "docker " + spelled;
    for (var position = 0; position < letters.length; position++) {
      var letter = letters[position];
      var name = shortToLong("-" + letter, opts);
      if (name === null) {
        throw new CommandError("unknown shorthand flag '-" + letter + "' in '" + token + "' for '" + where + "'",
          "unknown-shorthand", "-" + letter, where, null, token);
      }
      var last = position === letters.length - 1;
      if (opts[name].takesValue) {
        if (last && token.indexOf("=") === -1) {
          if (index + 1 >= rest.length) throw new CommandError("flag '-" + letter + "' of '" + where + "' needs a value", "needs-value", "-" + letter, where);
          flags.push([name, "-" + letter, rest[index + 1]]);
          return 1;
        }
        var attached = token.slice(position + 2);
        flags.push([name, "-" + letter, attached.startsWith("=") ? attached.slice(1) : attached]);
        return 0;
      }
      flags.push([name, "-" + letter, last && token.indexOf("=") !== -1 ? partition(token, "=")[2] : null]);
    }
    return 0;
  }

  function makeParsed(key, spelled, flags, args, desktopOnly) {
    return { key: key, spelled: spelled, flags: flags.map(function (f) { return f[0]; }), arguments: args || [],
      desktop_only: !!desktopOnly, written: flags.map(function (f) { return f[1]; }), values: flags.map(function (f) { return f[2]; }) };
  }

  function checkArity(spec, spelled, args, parsed) {
    var where = "docker " + spelled;
    if (args.length < spec.min) {
      throw new CommandError("'" + where + "' needs at least " + spec.min + " argument(s), got " + args.length +
        " (usage: " + spec.usage + ")", "too-few-arguments", "", where, parsed);
    }
    if (spec.max !== null && args.length > spec.max) {
      throw new CommandError("'" + where + "' takes at most " + spec.max + " argument(s), got " + args.length + ": '" +
        args[spec.max] + "' is one too many (usage: " + spec.usage + ")", "too-many-arguments", args[spec.max], where, parsed);
    }
  }

  function parseWords(words, reference) {
    var tokens = words.slice();
    var globalFlags = takeOptions(tokens, reference.optionsOf(""), "docker");
    if (!tokens.length) {
      if (globalFlags.some(function (f) { return f[0] === "--help" || f[0] === "--version"; })) return makeParsed("", "", globalFlags);
      throw new CommandError("no command after 'docker'", "no-command", "", "docker");
    }
    if (has(reference.desktop, tokens[0])) {
      if (tokens.length > 1) {
        throw new CommandError("'docker " + tokens[0] + "' is a Docker Desktop plugin without a public reference: " +
          "show it without flags or arguments", "desktop-arguments", tokens[1], "docker " + tokens[0]);
      }
      return makeParsed(tokens[0], tokens[0], globalFlags, [], true);
    }
    var found = resolve(tokens, reference);
    var opts = reference.optionsOf(found.key);
    if (!has(reference.commands, found.key)) {
      var read = readFlags(found.rest, opts, null, found.spelled);
      return makeParsed(found.key, found.spelled, globalFlags.concat(found.groupFlags, read[0]));
    }
    var spec = reference.commands[found.key];
    var result = readFlags(found.rest, opts, spec.free, found.spelled);
    var parsed = makeParsed(found.key, found.spelled, globalFlags.concat(found.groupFlags, result[0]), result[1]);
    if (parsed.flags.indexOf("--help") === -1) checkArity(spec, found.spelled, result[1], parsed);
    return parsed;
  }

  // --- sitekit/cli_values.py ----------------------------------------------------------------------

  function ValueProblem(reason, params) { this.reason = reason; this.params = params || {}; }

  var BOOLS = ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"];
  var TRUE = ["1", "t", "T", "TRUE", "true", "True"];
  var INT = /^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
  var UINT = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
  var FLOAT = /^[+-]?(([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])$/;
  var DECIMAL = /^[+-]?(([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?|[0-9]+\/[0-9]*[1-9][0-9]*)$/;
  var DURATION = /^[+-]?(0|(([0-9]+[.]?[0-9]*|[.][0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$/;
  var IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;
  var HEX4 = /^[0-9a-fA-F]{1,4}$/;
  var LIMITS = { uint16: 65535, uint32: 4294967295 };
  var NUMBER = /^[+-]?[0-9]+$/;

  function unsignedValue(text) {
    var lower = text.toLowerCase();
    if (lower.startsWith("0x")) return parseInt(lower.slice(2), 16);
    if (lower.startsWith("0b")) return parseInt(lower.slice(2), 2);
    if (lower.startsWith("0o")) return parseInt(lower.slice(2), 8);
    if (lower.length > 1 && lower.startsWith("0")) return parseInt(lower.slice(1), 8);
    return parseInt(lower, 10);
  }

  function isIp(text) {
    if (IPV4.test(text)) return true;
    if (text.indexOf(":") === -1) return false;
    var p = partition(text, "::"), head = p[0], double = p[1], tail = p[2];
    if (tail.indexOf("::") !== -1) return false;
    var parts = (head ? head.split(":") : []).concat(tail ? tail.split(":") : []);
    if (!double && parts.length !== 8 && !(parts.length === 7 && IPV4.test(parts[parts.length - 1]))) return false;
    var size = 0;
    for (var i = 0; i < parts.length; i++) {
      if (i === parts.length - 1 && IPV4.test(parts[i])) size += 2;
      else if (HEX4.test(parts[i])) size += 1;
      else return false;
    }
    return double ? size < 8 : size === 8;
  }

  function isSize(text) {
    var sep = -1;
    "0123456789. ".split("").forEach(function (c) { sep = Math.max(sep, text.lastIndexOf(c)); });
    if (sep === -1) return false;
    var number, suffix;
    if (text[sep] !== " ") { number = text.slice(0, sep + 1); suffix = text.slice(sep + 1); }
    else { number = text.slice(0, sep); suffix = text.slice(sep + 1); }
    if (!FLOAT.test(number) || number.startsWith("-") || lstrip(number.toLowerCase(), "+") === "nan") return false;
    if (!suffix) return true;
    if (suffix.length > 3) return false;
    suffix = suffix.toLowerCase();
    if (suffix[0] === "b") return suffix.length === 1;
    if ("kmgtp".indexOf(suffix[0]) === -1) return false;
    return suffix.length === 1 || (suffix.length === 2 && suffix[1] === "b") || (suffix.length === 3 && suffix.slice(1) === "ib");
  }

  function checkType(kind, value, flag) {
    var ok;
    if (kind === "bool") ok = BOOLS.indexOf(value) !== -1;
    else if (kind === "int") ok = INT.test(value);
    else if (kind === "uint" || kind === "uint16" || kind === "uint32") ok = UINT.test(value) && (kind === "uint" || unsignedValue(value) <= LIMITS[kind]);
    else if (kind === "float") ok = FLOAT.test(value);
    else if (kind === "decimal") ok = DECIMAL.test(value);
    else if (kind === "duration") ok = DURATION.test(value);
    else if (kind === "bytes") ok = (flag === "--memory-swap" && value === "-1") || isSize(value);
    else if (kind === "ip") ok = isIp(strip(value, " \t"));
    else return;
    if (!ok) throw new ValueProblem(kind);
  }

  var PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
  var DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  var DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:[.]" + DOMAIN_COMPONENT + ")*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?";
  var REFERENCE = new RegExp("^((?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*)" +
    "(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?" +
    "(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$");
  var IDENTIFIER = /^[a-f0-9]{64}$/;
  var DEFAULT_REGISTRY = "docker.io", OFFICIAL_NAMESPACE = "library";

  function imageReference(text) {
    if (IDENTIFIER.test(text)) throw new ValueProblem("image-hex");
    var p = partition(text, "/"), first = p[0], slash = p[1], rest = p[2];
    var registryWritten = true, domain, remainder;
    if (!slash) { domain = DEFAULT_REGISTRY; remainder = text; registryWritten = false; }
    else if (first === "localhost") { domain = first; remainder = rest; }
    else if (first === "index.docker.io") { domain = DEFAULT_REGISTRY; remainder = rest; }
    else if (first.indexOf(".") !== -1 || first.indexOf(":") !== -1 || first.toLowerCase() !== first) { domain = first; remainder = rest; }
    else { domain = DEFAULT_REGISTRY; remainder = text; registryWritten = false; }
    var filled = registryWritten ? [] : ["registry"];
    if (domain === DEFAULT_REGISTRY && remainder.indexOf("/") === -1) {
      remainder = OFFICIAL_NAMESPACE + "/" + remainder; filled.push("namespace");
    }
    var remote = remainder.split(":")[0];
    if (remote.toLowerCase() !== remote) throw new ValueProblem("image-uppercase");
    var match = REFERENCE.exec(domain + "/" + remainder);
    if (!match) throw new ValueProblem("image-format");
    var name = match[1], tag = match[2] || "", digest = match[3] || "";
    var path = name.slice(domain.length + 1);
    if (path.length > 255) throw new ValueProblem("image-long");
    if (digest) {
      var d = partition(digest, ":"), algorithm = d[0], hex = d[2];
      var okDigest = (algorithm === "sha256" && hex.length === 64) || (algorithm === "sha384" && hex.length === 96) ||
        (algorithm === "sha512" && hex.length === 128);
      if (!okDigest || hex.toLowerCase() !== hex) throw new ValueProblem("image-digest");
    }
    if (!tag && !digest) { tag = "latest"; filled.push("tag"); }
    var r = rpartition(path, "/");
    return { registry: domain, namespace: r[0], repository: r[2], tag: tag, digest: digest, filled: filled };
  }

  function portNumber(text) {
    if (!NUMBER.test(text) || parseInt(text, 10) < 0 || parseInt(text, 10) > 65535) throw new ValueProblem("port-range");
    return parseInt(text, 10);
  }
  function portRange(text) {
    var p = partition(text, "-"), start = p[0], dash = p[1], end = p[2];
    var first = portNumber(start);
    if (!dash || start === end) return [first, first];
    var last = portNumber(end);
    if (last < first) throw new ValueProblem("port-range");
    return [first, last];
  }

  function publish(value) {
    if (value.indexOf("=") !== -1) {
      var params = { protocol: "tcp" };
      value.split(",").forEach(function (param) {
        var p = partition(param, "=");
        if (!p[1] || !p[0]) throw new ValueProblem("port-missing");
        params[p[0]] = p[2];
      });
      value = (params.published || "") + ":" + (params.target || "") + "/" + params.protocol;
    }
    var parts = value.split(":"), hostIp, hostPort, container;
    if (parts.length === 1) { hostIp = ""; hostPort = ""; container = parts[0]; }
    else if (parts.length === 2) { hostIp = ""; hostPort = parts[0]; container = parts[1]; }
    else { hostIp = parts.slice(0, -2).join(":"); hostPort = parts[parts.length - 2]; container = parts[parts.length - 1]; }
    var c = partition(container, "/"), port = c[0], protocol = (c[2] || "tcp").toLowerCase();
    if (!port) throw new ValueProblem("port-missing");
    if (["tcp", "udp", "sctp"].indexOf(protocol) === -1) throw new ValueProblem("port-protocol");
    var shownIp = hostIp;
    if (hostIp.startsWith("[")) {
      if (!hostIp.endsWith("]")) throw new ValueProblem("port-ip");
      hostIp = hostIp.slice(1, -1);
    }
    if (hostIp && !isIp(hostIp)) throw new ValueProblem("port-ip");
    var range = portRange(port);
    if (hostPort) {
      var hostRange = portRange(hostPort);
      if (range[1] - range[0] !== hostRange[1] - hostRange[0] && range[1] !== range[0]) throw new ValueProblem("port-ranges");
    }
    return { host_ip: shownIp, host_port: hostPort, container_port: port, protocol: protocol,
      all_interfaces: ["", "0.0.0.0", "::"].indexOf(hostIp) !== -1 };
  }

  function expose(value) {
    var p = partition(value, "/"), protocol = (p[2] || "tcp").toLowerCase();
    if (["tcp", "udp", "sctp"].indexOf(protocol) === -1) throw new ValueProblem("port-protocol");
    portRange(p[0]);
    return { container_port: p[0], protocol: protocol };
  }

  function windowsDrive(buffer, char) { return char === ":" && buffer.length === 1 && /^[A-Za-z]$/.test(buffer); }
  var SHELL_PATH = /^([$][{(]?(PWD|pwd|HOME|home)[})]?|`pwd`|%(cd|CD|USERPROFILE)%|[$]env:USERPROFILE)/;
  function isFilePath(source) {
    if ("./~".indexOf(source[0]) !== -1 || SHELL_PATH.test(source)) return true;
    if (source.length === 1) return false;
    if (source.startsWith("\\\\")) return true;
    return windowsDrive(source[0], source[1]);
  }

  function volume(value, dynamic) {
    if (value === "") throw new ValueProblem("volume-empty");
    if (value.length <= 2) return { source: "", target: value, options: [], type: "anonymous" };
    var fields = [], buffer = "", chars = value + "\u0000";
    for (var i = 0; i < chars.length; i++) {
      var char = chars[i];
      if (windowsDrive(buffer, char)) buffer += char;
      else if (char === ":" || char === "\u0000") {
        if (buffer === "") throw new ValueProblem("volume-empty");
        if (fields.length === 3 || (fields.length === 2 && char === ":")) throw new ValueProblem("volume-colons");
        fields.push(buffer); buffer = "";
      } else buffer += char;
    }
    var source, target, opts;
    if (fields.length === 1) { source = ""; target = fields[0]; opts = ""; }
    else { source = fields[0]; target = fields[1]; opts = fields.length === 3 ? fields[2] : ""; }
    var absolute = target.startsWith("/") || (target.length > 2 && windowsDrive(target[0], target[1]) && "\\/".indexOf(target[2]) !== -1) ||
      target.startsWith("\\\\");
    if (!absolute && !dynamic) throw new ValueProblem("volume-target");
    var kind = !source ? "anonymous" : (isFilePath(source) ? "bind" : "volume");
    return { source: source, target: target, options: opts.split(",").filter(Boolean), type: kind };
  }

  var MOUNT_KEYS = { type: "type", source: "source", src: "source", target: "target", dst: "target", destination: "target",
    readonly: "readonly", ro: "readonly", consistency: "consistency", "bind-propagation": "bind-propagation",
    "bind-recursive": "bind-recursive", "bind-create-src": "bind-create-src", "volume-subpath": "volume-subpath",
    "volume-nocopy": "volume-nocopy", "volume-label": "volume-label", "volume-driver": "volume-driver",
    "volume-opt": "volume-opt", "image-subpath": "image-subpath", "tmpfs-size": "tmpfs-size", "tmpfs-mode": "tmpfs-mode" };
  var ALONE = ["readonly", "ro", "volume-nocopy", "bind-nonrecursive", "bind-create-src"];
  var MOUNT_BOOLS = ["readonly", "ro", "volume-nocopy", "bind-create-src"];
  var MOUNT_TYPES = ["bind", "volume", "tmpfs", "npipe", "cluster", "image"];

  function csvFields(value) {
    var fields = [], index = 0, end, field;
    for (;;) {
      if (index < value.length && value[index] === "\"") {
        field = ""; index++;
        while (index < value.length) {
          if (value[index] === "\"") {
            if (index + 1 < value.length && value[index + 1] === "\"") { field += "\""; index += 2; continue; }
            index++; break;
          }
          field += value[index]; index++;
        }
        end = value.indexOf(",", index);
        field += end === -1 ? value.slice(index) : value.slice(index, end);
      } else {
        end = value.indexOf(",", index);
        field = end === -1 ? value.slice(index) : value.slice(index, end);
      }
      fields.push(field);
      if (end === -1) return fields;
      index = end + 1;
    }
  }

  function mount(value) {
    value = strip(value, " \t");
    if (!value) throw new ValueProblem("mount-pair");
    var parts = [], mountType = "volume", source = "", target = "";
    csvFields(value).forEach(function (field) {
      var p = partition(field, "="), key = p[0], equals = p[1], val = p[2];
      if (strip(key, " \t") !== key || (equals && strip(val, " \t") !== val)) throw new ValueProblem("mount-pair");
      if (equals && val === "") throw new ValueProblem("mount-empty", { key: key });
      key = key.toLowerCase();
      if (!equals && ALONE.indexOf(key) === -1) throw new ValueProblem("mount-pair");
      if (key === "bind-nonrecursive") throw new ValueProblem("mount-nonrecursive");
      if (!has(MOUNT_KEYS, key)) throw new ValueProblem("mount-key", { key: key });
      if (MOUNT_BOOLS.indexOf(key) !== -1 && equals && ["1", "true", "0", "false"].indexOf(val) === -1) throw new ValueProblem("mount-bool", { key: key });
      if ((key === "tmpfs-size" && !isSize(val)) || (key === "tmpfs-mode" && !/^[0-7]+$/.test(val))) throw new ValueProblem("mount-pair");
      var name = MOUNT_KEYS[key];
      if (name === "type") mountType = val.toLowerCase();
      else if (name === "source") source = val;
      else if (name === "target") target = val;
      parts.push([name, equals ? val : "true"]);
    });
    if (MOUNT_TYPES.indexOf(mountType) === -1) throw new ValueProblem("mount-type");
    parts.forEach(function (part) {
      var kind = part[0].split("-")[0];
      if (part[0].indexOf("-") !== -1 && MOUNT_TYPES.indexOf(kind) !== -1 && kind !== mountType) {
        throw new ValueProblem("mount-mix", { key: part[0], kind: kind, type: mountType });
      }
    });
    if (!target) throw new ValueProblem("mount-target");
    return { type: mountType, source: source, target: target, options: parts };
  }

  function restart(value) {
    var p = partition(value, ":"), name = p[0], colon = p[1], n = p[2];
    if (colon && !name) throw new ValueProblem("restart-policy");
    if (n && !NUMBER.test(n)) throw new ValueProblem("restart-count");
    if (["no", "always", "unless-stopped", "on-failure"].indexOf(name) === -1) throw new ValueProblem("restart-policy");
    if (n && (name !== "on-failure" || parseInt(n, 10) < 0)) throw new ValueProblem("restart-count");
    return { policy: name, retries: n };
  }

  function env(value) { var p = partition(value, "="); return { name: p[0], value: p[2], from_host: !p[1] }; }
  function pair(value) { var p = partition(value, "="); return { name: p[0], value: p[1] ? p[2] : "" }; }
  function network(value) {
    var p = partition(value, ":"), mode = p[0];
    if (["host", "none", "bridge", "default"].indexOf(mode) !== -1) return { mode: mode, name: value };
    if (mode === "container" && p[2]) return { mode: "container", name: p[2] };
    return { mode: "user-defined", name: value };
  }
  function namespace(value) { var p = partition(value, ":"); return { mode: p[0], container: p[2] }; }
  function platform(value) {
    return { platforms: value.split(",").map(function (item) {
      var pieces = item.split("/");
      return { os: pieces[0], architecture: pieces.length > 1 ? pieces[1] : "", variant: pieces.slice(2).join("/") };
    }) };
  }
  function addHost(value) {
    var p = partition(value, "="), host = p[0], ip = p[2];
    if (!p[1]) {
      p = partition(value, ":"); host = p[0]; ip = p[2];
      if (!p[1]) throw new ValueProblem("add-host");
    }
    if (!host || host.indexOf(":") !== -1) throw new ValueProblem("add-host");
    var address = ip.length > 2 && ip[0] === "[" && ip[ip.length - 1] === "]" ? ip.slice(1, -1) : ip;
    if (address !== "host-gateway" && !isIp(strip(address, " \t"))) throw new ValueProblem("add-host");
    return { host: host, ip: ip };
  }
  function device(value) {
    var pieces = value.split(":");
    return { host: pieces[0], container: pieces.length > 1 ? pieces[1] : pieces[0], permissions: pieces.length > 2 ? pieces[2] : "rwm" };
  }
  var ULIMITS = ["core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio",
    "rttime", "sigpending", "stack"];
  function ulimit(value) {
    var p = partition(value, "="), name = p[0];
    if (!p[1] || ULIMITS.indexOf(name) === -1) throw new ValueProblem("ulimit");
    var pieces = p[2].split(":");
    if (pieces.length > 2 || !pieces.every(function (x) { return NUMBER.test(x); })) throw new ValueProblem("ulimit");
    var soft = parseInt(pieces[0], 10), hard = parseInt(pieces[pieces.length - 1], 10);
    if (hard !== -1 && (soft === -1 || soft > hard)) throw new ValueProblem("ulimit");
    return { name: name, soft: pieces[0], hard: pieces[pieces.length - 1] };
  }
  function gpus(value) {
    var seen = {}, found = [];
    csvFields(value).forEach(function (field) {
      var p = partition(field, "="), key = p[0], val = p[2];
      if (has(seen, key)) throw new ValueProblem("gpus");
      seen[key] = true;
      if (!p[1]) {
        if (key !== "all" && !NUMBER.test(key)) throw new ValueProblem("gpus");
        found.push(["count", key]); return;
      }
      if (["driver", "count", "device", "capabilities", "options"].indexOf(key) === -1) throw new ValueProblem("gpus");
      if (key === "count" && val !== "all" && !NUMBER.test(val)) throw new ValueProblem("gpus");
      found.push([key, val]);
    });
    return { options: found };
  }
  function csvPairs(value) {
    return { options: csvFields(value).map(function (field) {
      var p = partition(field, "=");
      return p[1] ? [p[0], p[2]] : ["", p[0]];
    }) };
  }

  var FORMATS = { publish: publish, expose: expose, mount: mount, restart: restart, env: env, pair: pair, network: network,
    namespace: namespace, platform: platform, "add-host": addHost, device: device, ulimit: ulimit, gpus: gpus, csv: csvPairs };

  function readValue(format, value, dynamic) {
    try {
      if (format === "volume") return volume(value, dynamic);
      if (format === "image") return imageReference(value);
      return FORMATS[format](value);
    } catch (error) {
      if (error instanceof ValueProblem && dynamic) return { unknown: true };
      throw error;
    }
  }

  // --- sitekit/explain.py --------------------------------------------------------------------------

  var MAX_REPAIRS = 6;

  function fill(template, params) {
    return template.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      return has(params, name) && params[name] !== undefined && params[name] !== null ? String(params[name]) : whole;
    });
  }

  function osaDistance(a, b) {
    var rows = [];
    for (var i = 0; i <= a.length; i++) { rows.push(new Array(b.length + 1).fill(0)); rows[i][0] = i; }
    for (var j = 0; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
      }
    }
    return rows[a.length][b.length];
  }

  function nearest(word, candidates) {
    var limit = word.length <= 4 ? 1 : 2, best = "", bestDistance = limit + 1;
    candidates.forEach(function (candidate) {
      var distance = osaDistance(word.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) { best = candidate; bestDistance = distance; }
    });
    return best;
  }

  // sitekit/explain.py message_words: a message pasted in an older wording still finds its entry.
  var MIN_SHARED_WORDS = 5, MIN_SHARE = 0.75;
  function messageWords(text) { return text.toLowerCase().match(/[a-z]{4,}/g) || []; }

  function isDynamic(text) {
    return text.indexOf("$") !== -1 || text.indexOf("`") !== -1 || /%[A-Za-z_]+%/.test(text) || /<[A-Za-z][A-Za-z0-9_.:-]*>/.test(text);
  }

  function find(words, word) { var at = words.indexOf(word); return at === -1 ? words.length : at; }

  function signature(key, flags, values, args) {
    var written = flags.map(function (flag, i) { return values[i] === null ? flag : flag + "=" + values[i]; }).sort();
    return [key].concat(written, ["--"], args).join("\n");
  }

  function Explainer(data) {
    this.data = data;
    this.reference = new Reference(data.reference);
    this.settings = data.settings;
    this.deprecations = data.deprecations;
    var firsts = {}, self = this;
    Object.keys(data.reference.spellings).forEach(function (s) { firsts[s.split(" ")[0]] = true; });
    Object.keys(data.reference.groups).forEach(function (g) { firsts[g.split(" ")[0]] = true; });
    Object.keys(data.reference.desktop).forEach(function (d) { firsts[d] = true; });
    this.topLevel = Object.keys(firsts).sort();
    function compile(patterns) { return patterns.map(function (pattern) { return new RegExp(pattern, "s"); }); }
    this.patterns = data.troubleshooting.map(function (entry) { return compile(entry.patterns); });
    this.before = data.troubleshooting.map(function (entry) { return compile(entry.before); });
    this.prompts = this.settings.prompts;
    self.imageRoles = this.settings.image_roles;
  }
  var E = Explainer.prototype;

  // Deprecations, as sitekit/deprecations.py looks them up.
  E.depProgram = function (name) { return this.deprecations.find(function (e) { return e.program === name; }) || null; };
  E.depCommand = function (words) {
    return this.deprecations.find(function (e) {
      if (!e.command) return false;
      var parts = e.command.split(" ");
      return parts.every(function (part, i) { return words[i] === part; }) && words.length >= parts.length;
    }) || null;
  };
  E.depFlag = function (key, flag) {
    var group = key ? key.split(" ")[0] : "";
    return this.deprecations.find(function (e) {
      return e.flag && !e.shorthand && e.commands && (e.commands.indexOf(key) !== -1 || e.commands.indexOf(group) !== -1) &&
        (flag === e.flag || flag === e.short);
    }) || null;
  };
  E.depShorthand = function (long, written) {
    return this.deprecations.find(function (e) { return e.shorthand === written && e.flag === long; }) || null;
  };
  E.depEnv = function (assignment) { return this.deprecations.find(function (e) { return e.env === assignment; }) || null; };

  E.problem = function (kind, severity, params) {
    return { kind: kind, severity: severity || "error", text: fill(this.settings.problems[kind], params || {}) };
  };

  E.explain = function (text) {
    var paste = readPaste(text, this.settings.prompts, this.settings.windows_markers);
    var commands = [], others = [], dockerLines = {}, self = this;
    paste.commands.forEach(function (command) {
      var explained = self.command(command, paste.shell);
      if (explained === null) {
        others.push({ line: command.line, program: command.program(), nested: command.nested });
        return;
      }
      commands.push(explained);
      for (var n = command.line; n <= command.lastLine; n++) dockerLines[n] = true;
    });
    var rest = paste.lines.filter(function (line, index) { return !dockerLines[index + 1]; }).join("\n");
    var errors = this.errors(rest);
    var verdicts = commands.map(function (c) { return c.verdict; });
    var verdict = verdicts.indexOf("invalid") !== -1 ? "invalid" : verdicts.indexOf("outdated") !== -1 ? "outdated" :
      verdicts.length ? "valid" : errors.length ? "error" : "none";
    return { shell: paste.shell, session: paste.session, commands: commands, others: others, errors: errors, verdict: verdict };
  };

  E.errors = function (text) {
    var scored = [], self = this;
    if (strip(text, " \t\n\r\f\v")) {
      this.data.troubleshooting.forEach(function (entry, order) {
        var score = 0;
        self.patterns[order].forEach(function (pattern) {
          var found = pattern.exec(text);
          if (found) score = Math.max(score, 1000 + found[0].length);
        });
        if (!score) {
          self.before[order].forEach(function (pattern) {
            var found = pattern.exec(text);
            if (found) score = Math.max(score, found[0].length);
          });
        }
        if (!score) entry.fingerprints.forEach(function (piece) { if (text.indexOf(piece) !== -1) score += piece.length; });
        if (score) scored.push([-score, order, entry.id]);
      });
    }
    if (scored.some(function (s) { return s[0] <= -1000; })) scored = scored.filter(function (s) { return s[0] <= -1000; });
    if (!scored.length && strip(text, " \t\n\r\f\v")) {
      var pasted = {};
      messageWords(text).forEach(function (word) { pasted[word] = true; });
      this.data.troubleshooting.forEach(function (entry, order) {
        var shared = entry.words.filter(function (word) { return has(pasted, word); }).length;
        if (shared >= MIN_SHARED_WORDS && shared >= MIN_SHARE * entry.words.length) scored.push([-shared / entry.words.length, order, entry.id]);
      });
    }
    scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return scored.map(function (s) { return s[2]; });
  };

  E.command = function (command, shell) {
    var self = this, program = command.program();
    var problems = command.problems.map(function (p) { return self.shellProblem(p); });
    var result = { line: command.line, text: command.raw(), nested: command.nested, program: program,
      prefixes: command.words.slice(0, command.prefixes).map(function (w) { return w.raw; }),
      redirects: command.redirects, continued: command.continued, rewritten: "", key: "", spelled: "", flags: [],
      arguments: [], problems: problems, warnings: [], verdict: "valid" };
    command.words.slice(0, command.prefixes).forEach(function (word) {
      var entry = self.depEnv(word.text);
      if (entry) problems.push(self.problem("env-deprecated", "outdated", { text: entry.text, instead: entry.instead }));
    });
    var words = command.args().map(function (w) { return w.text; });
    if (program !== "docker") {
      var entry = this.depProgram(program);
      if (entry === null) return null;
      if (entry.status === "removed" || !entry.rewrite) {
        problems.push(this.problem("program-removed", "error", { token: program, text: entry.text, instead: entry.instead }));
        return this.finish(result);
      }
      problems.push(this.problem("program-deprecated", "outdated", { token: program, text: entry.text, instead: entry.instead }));
      result.rewritten = entry.rewrite;
      words = entry.rewrite.split(" ").slice(1).concat(words);
    }
    var parsed = this.parse(words, problems);
    if (parsed !== null) this.describe(parsed, result, problems);
    return this.finish(result);
  };

  E.finish = function (result) {
    var severities = result.problems.map(function (p) { return p.severity; });
    result.verdict = severities.indexOf("error") !== -1 ? "invalid" : severities.indexOf("outdated") !== -1 ? "outdated" : "valid";
    return result;
  };

  E.shellProblem = function (found) {
    var kind = found.kind;
    if (kind === "unclosed") {
      var names = { "'": "single quote (')", "\"": "double quote (\")", "$(": "`$(`", "`": "backtick (`)", "${": "`${`" };
      return this.problem(kind, "error", { quote: has(names, found.char) ? names[found.char] : found.char });
    }
    if (kind === "placeholder") return this.problem(kind, "note", { word: found.word });
    if (kind === "typographic-dash") {
      var rest = lstrip(found.word, found.char);
      return this.problem(kind, "error", { word: found.word, char: found.char, fixed: (rest.length === 1 ? "-" : "--") + rest });
    }
    return this.problem(kind, "error", { char: found.char || "", line: found.line === undefined ? "" : found.line });
  };

  E.parse = function (words, problems) {
    words = words.slice();
    for (var attempt = 0; attempt < MAX_REPAIRS; attempt++) {
      try {
        return parseWords(words, this.reference);
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        if (error.kind === "desktop-arguments") {
          problems.push(this.problem(error.kind, "note", { where: error.where }));
          var name = error.where.replace(/^docker /, "");
          return { key: name, spelled: name, flags: [], arguments: words.slice(words.indexOf(name) + 1), desktop_only: true,
            written: [], values: [] };
        }
        if (error.kind === "unknown-command" && has(this.settings.plugins, error.token)) {
          var plugin = this.settings.plugins[error.token];
          problems.push(this.problem("plugin", "note", { token: error.token, name: plugin.name }));
          return { key: error.token, spelled: error.token, flags: [], arguments: words.slice(words.indexOf(error.token) + 1),
            desktop_only: true, written: [], values: [] };
        }
        var repaired = this.repair(error, words, problems);
        if (repaired === null) return error.parsed;
        words = repaired;
      }
    }
    return null;
  };

  E.whereKey = function (where) {
    var spelled = where.replace(/^docker/, "").trim();
    var key = this.reference.keyOf(spelled);
    if (key !== null) return key;
    return has(this.reference.groups, spelled) ? this.reference.groups[spelled] : spelled;
  };

  E.withSuggestion = function (problem, suggestion) {
    if (suggestion) problem.text += " " + fill(this.settings.problems.suggestion, { suggestion: suggestion });
    return problem;
  };

  E.repair = function (error, words, problems) {
    var kind = error.kind, token = error.token, where = error.where, entry, position, suggestion;
    if (kind === "unknown-command") {
      position = words.indexOf(token) === -1 ? 0 : words.indexOf(token);
      entry = this.depCommand(words.slice(position));
      if (entry) {
        problems.push(this.problem("command-removed", "error", { token: entry.command, text: entry.text, instead: entry.instead }));
        return null;
      }
      suggestion = nearest(token, this.topLevel);
      problems.push(this.withSuggestion(this.problem("unknown-command", "error", { token: token }), suggestion && "docker " + suggestion));
      return suggestion ? words.slice(0, position).concat([suggestion], words.slice(position + 1)) : null;
    }
    if (kind === "unknown-subcommand") {
      if (!token) { problems.push(this.problem("missing-subcommand", "error", { where: where })); return null; }
      var group = where.replace(/^docker /, "");
      entry = this.depCommand(group.split(" ").concat([token]));
      if (entry) {
        problems.push(this.problem("command-removed", "error", { token: entry.command, text: entry.text, instead: entry.instead }));
        return null;
      }
      var size = group.split(" ").length, subs = {};
      Object.keys(this.data.reference.spellings).forEach(function (s) {
        if (s.startsWith(group + " ") && s.split(" ").length > size) subs[s.split(" ")[size]] = true;
      });
      suggestion = nearest(token, Object.keys(subs).sort());
      problems.push(this.withSuggestion(this.problem("unknown-subcommand", "error", { token: token, where: where }),
        suggestion && where + " " + suggestion));
      if (!suggestion) return null;
      position = find(words, token);
      return words.slice(0, position).concat([suggestion], words.slice(position + 1));
    }
    if (kind === "unknown-flag" || kind === "unknown-shorthand") return this.repairFlag(error, words, problems);
    if (kind === "needs-value") { problems.push(this.problem(kind, "error", { token: token })); return null; }
    if (kind === "too-few-arguments" || kind === "too-many-arguments") {
      var spec = this.reference.commands[error.parsed.key], n = spec.min;
      problems.push(this.problem(kind, "error", { token: token, where: where, count: n, plural: n === 1 ? "" : "s", usage: spec.usage }));
      return null;
    }
    problems.push(this.problem("no-command", "error", {}));
    return null;
  };

  E.repairFlag = function (error, words, problems) {
    var token = error.token, where = error.where, word = error.word;
    var key = this.whereKey(where), position = find(words, word), reference = this.reference;
    var opts = has(reference.commands, key) || has(reference.groupValues, key) ? reference.optionsOf(key) : reference.optionsOf("");
    var entry = this.depFlag(key, token);
    if (entry && entry.status === "removed") {
      problems.push(this.problem("flag-removed", "error", { token: word.split("=")[0], where: where, text: entry.text, instead: entry.instead }));
      var valueWord = entry.takes_value && word.indexOf("=") === -1 && position + 1 < words.length ? 1 : 0;
      return words.slice(0, position).concat(words.slice(position + 1 + valueWord));
    }
    var p = partition(word, "="), name = p[0], equals = p[1], value = p[2];
    if (!name.startsWith("--") && name.length > 2 && has(opts, "-" + name)) {
      problems.push(this.problem("single-dash", "error", { word: name, letters: name.slice(1), fixed: "-" + name }));
      return words.slice(0, position).concat(["-" + name + equals + value], words.slice(position + 1));
    }
    var longs = Object.keys(opts).filter(function (f) { return f !== "--help"; });
    var suggestion = name.startsWith("--") ? nearest(lstrip(name, "-"), longs.map(function (f) { return f.slice(2); })) : "";
    var shown = name.startsWith("--") ? name : token;
    problems.push(this.withSuggestion(this.problem("unknown-flag", "error", { token: shown, where: where }), suggestion && "--" + suggestion));
    if (suggestion) return words.slice(0, position).concat(["--" + suggestion + equals + value], words.slice(position + 1));
    return words.slice(0, position).concat(words.slice(position + 1));
  };

  E.describe = function (parsed, result, problems) {
    var reference = this.reference, self = this;
    result.key = parsed.key; result.spelled = parsed.spelled;
    var entry = this.depCommand(parsed.key.split(" "));
    if (entry && entry.status !== "removed") {
      problems.push(this.problem("command-deprecated", "outdated", { token: entry.command, text: entry.text, instead: entry.instead }));
    }
    var opts = parsed.desktop_only ? {} : reference.optionsOf(parsed.key);
    var globalOpts = reference.optionsOf("");
    parsed.flags.forEach(function (name, i) {
      var written = parsed.written[i], value = parsed.values[i];
      var flag = { name: name, written: written, value: value, format: "", parts: null, deprecation: "" };
      var option = has(opts, name) ? opts[name] : (has(globalOpts, name) ? globalOpts[name] : null);
      var dep = self.depFlag(parsed.key, name);
      if (dep && dep.status !== "removed" && (!dep.short || written === dep.flag || written === dep.short)) {
        flag.deprecation = dep.id;
        problems.push(self.problem("flag-" + dep.status, "outdated", { token: written, where: parsed.spelled, text: dep.text, instead: dep.instead }));
      }
      var shorthand = self.depShorthand(name, written);
      if (shorthand) {
        flag.deprecation = shorthand.id;
        problems.push(self.problem("shorthand-deprecated", "outdated", { text: shorthand.text }));
      }
      if (value !== null && option !== null) self.readFlagValue(parsed.key, flag, option, problems);
      result.flags.push(flag);
    });
    var slots = has(this.data.slots, parsed.key) ? this.data.slots[parsed.key] : [];
    var roles = assignRoles(slots, parsed.arguments.length);
    parsed.arguments.forEach(function (text, i) {
      var argument = { text: text, role: roles[i], parts: null };
      if (self.imageRoles.indexOf(roles[i]) !== -1) {
        try {
          argument.parts = readValue("image", text, isDynamic(text));
        } catch (problem) {
          if (!(problem instanceof ValueProblem)) throw problem;
          problems.push(self.problem("bad-argument", "error", { value: text, role: "image reference", reason: self.reason(problem) }));
        }
      }
      result.arguments.push(argument);
    });
    this.conflicts(result, problems);
    result.warnings = this.warnings(result);
  };

  E.valueFormat = function (key, name) {
    var canonical = this.canonical(key, name);
    var formats = this.settings.value_formats;
    for (var i = 0; i < formats.length; i++) {
      var item = formats[i];
      if ((item.flag === name || item.flag === canonical) && (!item.commands.length || item.commands.indexOf(key) !== -1)) return item.format;
    }
    var imageFlags = this.settings.image_flags;
    if (has(imageFlags, key) && imageFlags[key].indexOf(name) !== -1) return "image";
    return "";
  };

  E.canonical = function (key, name) {
    var entry = this.depFlag(key, name);
    return entry && entry.same_as ? entry.same_as : name;
  };

  E.reason = function (problem) { return fill(this.settings.reasons[problem.reason], problem.params); };

  E.readFlagValue = function (key, flag, option, problems) {
    var value = flag.value, dynamic = isDynamic(value), kind = option.takesValue ? option.type : "bool";
    try {
      if (!dynamic) checkType(kind, value, flag.name);
      flag.format = this.valueFormat(key, flag.name);
      if (flag.format) flag.parts = readValue(flag.format, value, dynamic);
    } catch (problem) {
      if (!(problem instanceof ValueProblem)) throw problem;
      problems.push(this.problem("bad-value", "error", { value: value, flag: flag.written, reason: this.reason(problem) }));
    }
  };

  E.conflicts = function (result, problems) {
    if (result.key !== "container run" && result.key !== "container create") return;
    var names = {};
    result.flags.forEach(function (f) { names[f.name] = f; });
    var restartFlag = has(names, "--restart") ? names["--restart"] : null;
    if (has(names, "--rm") && restartFlag && ["", "no"].indexOf((restartFlag.value || "").split(":")[0]) === -1 &&
        TRUE.indexOf(names["--rm"].value || "true") !== -1) {
      problems.push(this.problem("conflict", "error", { text: this.settings.reasons["conflict-rm-restart"] }));
    }
  };

  E.warnings = function (result) {
    var self = this;
    return this.settings.warnings.filter(function (w) { return self.holds(w.when, result); }).map(function (w) { return w.id; });
  };

  E.holds = function (when, result) {
    var key = result.key, flags = result.flags, self = this;
    if (when.flag) {
      var matching = flags.filter(function (f) { return self.canonical(key, f.name) === when.flag; });
      if (!matching.length) return false;
      if (!when.values.length) return true;
      var wanted = when.values.map(function (v) { return v.toLowerCase(); });
      return matching.some(function (f) { return wanted.indexOf((f.value || "").toLowerCase().split(/[:=]/)[0]) !== -1; });
    }
    if (when.mount_source.length) {
      var sources = when.mount_source.map(function (s) { return s.replace(/\/+$/, "") || "/"; });
      return flags.some(function (f) {
        var parts = f.parts || {};
        if ((f.format === "volume" || f.format === "mount") && (parts.type === "bind" || f.format === "volume") && has(parts, "source")) {
          var source = parts.source;
          return sources.indexOf(source.replace(/\/+$/, "") || (source ? "/" : "")) !== -1;
        }
        return false;
      });
    }
    if (when.publish_all_interfaces) {
      return flags.some(function (f) { return f.format === "publish" && (f.parts || {}).all_interfaces; });
    }
    if (when.rm_with_anonymous_volume) {
      if (!flags.some(function (f) { return self.canonical(key, f.name) === "--rm" && TRUE.indexOf(f.value || "true") !== -1; })) return false;
      return flags.some(function (f) {
        var type = (f.parts || {}).type;
        return (f.format === "volume" && type === "anonymous") || (f.format === "mount" && type === "volume" && !(f.parts || {}).source);
      });
    }
    if (when.image_tag) {
      if (["container run", "container create", "image pull", "service create"].indexOf(key) === -1) return false;
      return result.arguments.some(function (a) {
        return self.imageRoles.indexOf(a.role) !== -1 && (a.parts || {}).tag === when.image_tag && !(a.parts || {}).digest;
      });
    }
    return false;
  };

  function assignRoles(slots, n) {
    var required = slots.filter(function (s) { return !s.optional; }).length, extra = n - required, roles = [];
    for (var i = 0; i < slots.length; i++) {
      var slot = slots[i];
      if (roles.length >= n) break;
      if (!slot.optional) roles.push(slot.name);
      else if (extra > 0) { roles.push(slot.name); extra--; }
      else continue;
      if (slot.repeat) while (extra > 0 && roles.length < n) { roles.push(slot.name); extra--; }
    }
    while (roles.length < n) roles.push("");
    return roles;
  }

  var cache = { data: null, explainer: null };
  function explain(text, data) {
    if (cache.data !== data) { cache.data = data; cache.explainer = new Explainer(data); }
    return cache.explainer.explain(text);
  }

  // The checker alone on one line, as sitekit.cli_reference.parse_command reads it: for the
  // site's own lines. The shell's reading is the page's (shell_paste), not shlex's.
  function parseLine(line, data) {
    if (cache.data !== data) { cache.data = data; cache.explainer = new Explainer(data); }
    var paste = readPaste(line, data.settings.prompts, data.settings.windows_markers);
    var command = paste.commands[0];
    if (!command || command.program() !== "docker") throw new CommandError("not a docker command", "not-docker");
    return parseWords(command.args().map(function (w) { return w.text; }), cache.explainer.reference);
  }

  return { explain: explain, parseWords: parseLine, readPaste: readPaste, signature: signature, readValue: readValue,
    CommandError: CommandError, ValueProblem: ValueProblem, fill: fill };
});
