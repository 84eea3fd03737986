#!/usr/bin/env node
/*
 * The search quality set through the site's own search engine, in Node: what
 * tests/pages/test_search_quality.py judges, without a browser.
 *
 *   node scripts/search_quality/judge.js SITE_DIR < queries.json > results.json
 *
 * SITE_DIR is a built site (its search/search_index.json, which the engine reads in the browser
 * too). Reads a JSON list of query strings, writes for each what Material would show: the result
 * groups (each group's page location, or the notice it is) and the best-scoring link of the
 * first page group, with the CPU time the query took. scripts/search_quality/engine.py reads it.
 * RANK='{"title": 3}' tries other values of the engine's ranking settings (SiteSearch.rank).
 */
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const SiteSearch = require(path.join(ROOT, "docs/javascripts/search-engine.js"));
const MiniSearch = require(path.join(ROOT, "docs/javascripts/vendor/minisearch.js"));

if (process.env.RANK) Object.assign(SiteSearch.rank, JSON.parse(process.env.RANK));

function groupOf(items) {
  const head = items.find((item) => item.location.indexOf("#") === -1) || items[0];
  return { location: head.location, notice: head.notice || null, reference: head.reference || null };
}

function main() {
  const site = process.argv[2];
  const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
  const queries = JSON.parse(fs.readFileSync(0, "utf8"));
  const started = process.hrtime.bigint();
  const engine = new SiteSearch.Engine(MiniSearch, index);
  const built = Number(process.hrtime.bigint() - started) / 1e6;
  const results = queries.map((query) => {
    const cpu = process.cpuUsage();
    const items = engine.results(query).items;
    const used = process.cpuUsage(cpu);
    const groups = items.map(groupOf);
    const first = items.find((group) => !groupOf(group).notice) || [];
    // The best-scoring link of the group, as the browser judge reads it from data-md-score.
    let best = null;
    first.forEach((item) => {
      if (!best || Number(item.score.toFixed(2)) > Number(best.score.toFixed(2))) best = item;
    });
    return { groups, best: best ? best.location : "", ms: (used.user + used.system) / 1e3 };
  });
  process.stdout.write(JSON.stringify({ build_ms: built, results }));
}

main();
