#!/usr/bin/env node
/*
 * Compares search engines on the quality set without a browser, for tuning:
 *
 *   python -m scripts.search_quality --json > /tmp/quality.json
 *   node scripts/search_engines.js SITE_DIR /tmp/quality.json [engine ...]
 *
 * SITE_DIR is a built site (its search/search_index.json). Engines: minisearch (the site's,
 * docs/javascripts/search-engine.js), flexsearch (the same words and synonyms, FlexSearch's
 * ranking). Prints precision at 1 and 3 of the right page and the CPU time of each query (not
 * wall time, which a busy machine inflates). MISSES=1 lists the misses; RANK='{"title": 3}'
 * tries other values of the engine's ranking settings (SiteSearch.rank); EXPLAIN='a query' shows
 * the best sections for one query and what made their scores.
 * scripts/search_quality/ is the judge (the site's engine on both parts of the set); this
 * compares engines.
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
if (process.env.RANK) Object.assign(SiteSearch.rank, JSON.parse(process.env.RANK));

// EXPLAIN='a query' prints the site engine's best sections for it, with what made each score.
function explain(index, query) {
  const MiniSearch = require(path.join(ROOT, "docs/javascripts/vendor/minisearch.js"));
  const engine = new SiteSearch.Engine(MiniSearch, index);
  engine.explain = true;
  for (const hit of engine.search(query).hits.slice(0, 10)) {
    const factors = Object.entries(hit.explain).map(([k, v]) => `${k} ${+v.toFixed(2)}`).join(", ");
    console.log(`${hit.score.toFixed(2).padStart(10)}  ${hit.doc.location}  (${factors})`);
  }
}

function main() {
  const [site, qualityPath, ...names] = process.argv.slice(2);
  const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
  if (process.env.EXPLAIN) return explain(index, process.env.EXPLAIN);
  const queries = JSON.parse(fs.readFileSync(qualityPath, "utf8"));
  for (const name of names.length ? names : Object.keys(ENGINES)) {
    const started = process.hrtime.bigint();
    const run = ENGINES[name](index);
    const built = Number(process.hrtime.bigint() - started) / 1e6;
    let first = 0, top3 = 0;
    const times = [];
    const misses = [];
    for (const q of queries) {
      const t = process.cpuUsage();
      const pages = run(q.query);
      const used = process.cpuUsage(t);
      times.push((used.user + used.system) / 1e3);
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
