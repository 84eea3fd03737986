#!/usr/bin/env node
/*
 * Compares search engines on the quality set without a browser, for tuning:
 *
 *   node scripts/search_engines.js SITE_DIR QUALITY_JSON [engine ...]
 *
 * SITE_DIR is a built site (its search/search_index.json); QUALITY_JSON the quality set as JSON
 * (scripts/benchmark.py --engines writes it and runs this). Engines: minisearch (the site's,
 * docs/javascripts/search-engine.js), flexsearch (the same words and synonyms, FlexSearch's
 * ranking). Prints precision at 1 and 3 of the right page. The browser test is the judge; this
 * is the quick loop.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SiteSearch = require(path.join(ROOT, "docs/javascripts/search-engine.js"));

function pageOf(location) {
  const page = location.split("#")[0].replace(/\/$/, "").replace(/\.html$/, "");
  return (page || "index") + ".md";
}

function miniSearchEngine(index) {
  const MiniSearch = require(path.join(ROOT, "docs/javascripts/vendor/minisearch.js"));
  const engine = new SiteSearch.Engine(MiniSearch, index);
  return (query) => engine.results(query).items.map((group) => pageOf(group[0].location));
}

function flexSearchEngine(index) {
  const FlexSearch = require(path.join(ROOT, "node_modules/flexsearch"));
  const docs = index.docs;
  const doc = new FlexSearch.Document({
    document: { id: "id", index: ["title", "text"] },
    encode: (text) => SiteSearch.words(text).flatMap(SiteSearch.termsOf),
    resolution: 9,
  });
  docs.forEach((d, id) => doc.add({ id, title: SiteSearch.plain(d.title), text: SiteSearch.plain(d.text) }));
  return (query) => {
    const found = doc.search(query, { limit: 100, suggest: true });
    const order = [];
    // FlexSearch ranks within each field; titles first, as their weight is higher.
    for (const field of ["title", "text"]) {
      const hit = found.find((f) => f.field === field);
      if (hit) for (const id of hit.result) if (!order.includes(id)) order.push(id);
    }
    const pages = [];
    for (const id of order) {
      const page = pageOf(docs[id].location);
      if (!pages.includes(page)) pages.push(page);
    }
    return pages;
  };
}

const ENGINES = { minisearch: miniSearchEngine, flexsearch: flexSearchEngine };

function main() {
  const [site, qualityPath, ...names] = process.argv.slice(2);
  const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
  const queries = JSON.parse(fs.readFileSync(qualityPath, "utf8"));
  for (const name of names.length ? names : Object.keys(ENGINES)) {
    const started = process.hrtime.bigint();
    const run = ENGINES[name](index);
    const built = Number(process.hrtime.bigint() - started) / 1e6;
    let first = 0, top3 = 0;
    const times = [];
    const misses = [];
    for (const q of queries) {
      const t = process.hrtime.bigint();
      const pages = run(q.query);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      const rank = pages.indexOf(q.page) + 1;
      if (rank === 1) first++;
      if (rank >= 1 && rank <= 3) top3++;
      if (rank !== 1) misses.push(`  ${JSON.stringify(q.query).slice(0, 90)}: ${q.page} at ${rank || "-"}; got ${pages.slice(0, 3).join(" ")}`);
    }
    times.sort((a, b) => a - b);
    console.log(`${name}: P@1 ${(100 * first / queries.length).toFixed(1)}%  P@3 ${(100 * top3 / queries.length).toFixed(1)}%  ` +
      `index ${built.toFixed(0)} ms  query median ${times[times.length >> 1].toFixed(2)} ms  p95 ${times[Math.round(0.95 * (times.length - 1))].toFixed(2)} ms`);
    if (process.env.MISSES) console.log(misses.join("\n"));
  }
}

main();
