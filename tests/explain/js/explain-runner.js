// Runs the Explain page's reading (docs/javascripts/explain-core.js) on texts given as JSON on
// standard input, with the data a build wrote (javascripts/explain-data.js), and prints the
// results as JSON: what tests/explain/test_explain.py compares with the Python checker.
//   node tests/explain/js/explain-runner.js SITE_DIR < [{"mode": "explain"|"parse", "text": "..."}]
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const site = process.argv[2];
const sandbox = { self: {} };
vm.runInNewContext(fs.readFileSync(path.join(site, "javascripts", "explain-data.js"), "utf8"), sandbox);
const data = sandbox.self.DockerExplainData;
const core = require(path.join(site, "javascripts", "explain-core.js"));

const inputs = JSON.parse(fs.readFileSync(0, "utf8"));
const results = inputs.map(({ mode, text }) => {
  if (mode === "explain") return core.explain(text, data);
  try {
    const parsed = core.parseWords(text, data);
    return { ok: true, key: parsed.key, flags: parsed.flags, written: parsed.written, values: parsed.values,
      arguments: parsed.arguments };
  } catch (error) {
    if (!(error instanceof core.CommandError)) throw error;
    return { ok: false, error: error.message, kind: error.kind };
  }
});
process.stdout.write(JSON.stringify(results));
