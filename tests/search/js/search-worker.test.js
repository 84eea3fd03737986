/*
 * The search worker (docs/javascripts/search-worker.js) without a browser: Material's messages in,
 * the worker's answers out. A query that arrives before the previous one was answered supersedes
 * it, so a fast typist never waits for the results of letters already typed over.
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;

// A worker global as the browser gives one: messages in through "message" listeners, out through
// postMessage; importScripts loads MiniSearch and the engine.
function startWorker() {
  const listeners = [];
  const sent = [];
  global.self = {
    location: { href: "http://localhost/javascripts/search-worker.js" },
    addEventListener: (type, listener) => { if (type === "message") listeners.push(listener); },
    postMessage: (message) => sent.push(message),
    importScripts: () => {
      global.self.MiniSearch = require(path.join(ROOT, "docs/javascripts/vendor/minisearch.js"));
      global.self.SiteSearch = require(path.join(ROOT, "docs/javascripts/search-engine.js"));
    },
  };
  global.importScripts = global.self.importScripts;
  const file = path.join(ROOT, "docs/javascripts/search-worker.js");
  delete require.cache[file];
  require(file);
  return { send: (data) => listeners.forEach((listener) => listener({ data })), sent };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const index = {
  config: { fields: {}, synonyms: [], pages: ["docker/"] },
  docs: [{ location: "docker/", title: "Docker", text: "<p>docker run and docker build</p>" }],
};

test("the worker answers SETUP with READY, then a query with its results and the query it answers", async () => {
  const worker = startWorker();
  worker.send({ type: SETUP, data: index });
  await settle();
  assert.deepEqual(worker.sent.map((m) => m.type), [READY]);
  worker.send({ type: QUERY, data: "docker" });
  await settle();
  const answer = worker.sent[1];
  assert.equal(answer.type, RESULT);
  assert.equal(answer.data.query, "docker");
  assert.equal(answer.data.items[0][0].location, "docker/");
});

test("a newer query supersedes one not answered yet", async () => {
  const worker = startWorker();
  worker.send({ type: SETUP, data: index });
  await settle();
  for (const typed of ["d", "do", "doc", "dock", "docke"]) worker.send({ type: QUERY, data: typed });
  await settle();
  const answers = worker.sent.filter((m) => m.type === RESULT);
  assert.deepEqual(answers.map((m) => m.data.query), ["docke"]);
});

test("queries typed while the engine loads are answered once it is ready, newest only", async () => {
  const worker = startWorker();
  worker.send({ type: SETUP, data: index });
  worker.send({ type: QUERY, data: "doc" });
  worker.send({ type: QUERY, data: "docker" });
  await settle();
  assert.deepEqual(worker.sent.map((m) => [m.type, m.data && m.data.query]), [[READY, undefined], [RESULT, "docker"]]);
});

test("a query that fails is answered with no results, not silence", async () => {
  const worker = startWorker();
  worker.send({ type: SETUP, data: index });
  await settle();
  const engineResults = global.self.SiteSearch.Engine.prototype.results;
  global.self.SiteSearch.Engine.prototype.results = () => { throw new Error("broken"); };
  const warn = console.warn;
  console.warn = () => {};
  try {
    worker.send({ type: QUERY, data: "docker" });
    await settle();
  } finally {
    global.self.SiteSearch.Engine.prototype.results = engineResults;
    console.warn = warn;
  }
  assert.deepEqual(worker.sent[1], { type: RESULT, data: { items: [], query: "docker" } });
});
