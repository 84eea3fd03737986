#!/usr/bin/env node
/*
 * What made the site engine's best sections for one query score as they did, for tuning:
 *
 *   node scripts/search_quality/explain.js SITE_DIR "docker stop"
 *
 * (or python -m scripts.search_quality SITE_DIR --explain "docker stop"). Prints the ten best
 * sections with the factors of their scores (search-engine.js, Engine.prototype.search), then
 * the result groups as Material would show them.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const SiteSearch = require(path.join(ROOT, "docs/javascripts/search-engine.js"));
const MiniSearch = require(path.join(ROOT, "docs/javascripts/vendor/minisearch.js"));

if (process.env.RANK) Object.assign(SiteSearch.rank, JSON.parse(process.env.RANK));
const [site, query] = process.argv.slice(2);
const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
const engine = new SiteSearch.Engine(MiniSearch, index);
engine.explain = true;
for (const hit of engine.search(query).hits.slice(0, 10)) {
  const factors = Object.entries(hit.explain).map(([k, v]) => `${k} ${+v.toFixed(2)}`).join(", ");
  console.log(`${hit.score.toFixed(2).padStart(10)}  ${hit.doc.location}  (${factors})`);
}
console.log("results:");
for (const group of engine.results(query).items) {
  const head = group.find((item) => item.location.indexOf("#") === -1) || group[0];
  console.log(`  ${head.notice ? "[" + head.notice + "] " : ""}${head.location}`);
}
