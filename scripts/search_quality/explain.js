#!/usr/bin/env node
/*
 * What made the site engine's best sections for one query score as they did, for tuning:
 *
 *   node scripts/search_quality/explain.js SITE_DIR "docker stop" [LOCATION]
 *
 * (or python -m scripts.search_quality SITE_DIR --explain "docker stop"). Prints the ten best
 * sections (or those whose address holds LOCATION) with the factors of their scores (search-engine.js, Engine.prototype.search), then
 * the result groups as Material would show them.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const SiteSearch = require(path.join(ROOT, "docs/javascripts/search-engine.js"));
const MiniSearch = require(path.join(ROOT, "docs/javascripts/vendor/minisearch.js"));

if (process.env.RANK) Object.assign(SiteSearch.rank, JSON.parse(process.env.RANK));
const [site, query, only] = process.argv.slice(2);
const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
const engine = new SiteSearch.Engine(MiniSearch, index);
engine.explain = true;
const hits = engine.search(query).hits;
hits.forEach((hit, rank) => { hit.rank = rank + 1; });
for (const hit of only ? hits.filter((h) => h.doc.location.includes(only)) : hits.slice(0, 10)) {
  const factors = Object.entries(hit.explain).map(([k, v]) => `${k} ${+v.toFixed(2)}`).join(", ");
  console.log(`${String(hit.rank).padStart(4)} ${hit.score.toFixed(2).padStart(10)}  ${hit.doc.location}  (${factors})`);
}
console.log("results:");
for (const group of engine.results(query).items) {
  const head = group.find((item) => item.location.indexOf("#") === -1) || group[0];
  console.log(`  ${head.notice ? "[" + head.notice + "] " : ""}${head.location}`);
}
