/*
 * The site's search engine (docs/javascripts/search-engine.js) without a browser or a built
 * site: how it cuts words, matches typos and ranks, on small indexes made here. Run with
 *
 *   node --test tests/search/js/
 *
 * (tests/search/test_search_engine_js.py runs it in the suite). The quality set judges the engine on
 * the real index (tests/pages/test_search_quality.py); these pin down each rule on its own.
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SiteSearch = require(path.join(ROOT, "docs/javascripts/search-engine.js"));
const MiniSearch = require(path.join(ROOT, "docs/javascripts/vendor/minisearch.js"));

// An index as the build writes it: Material's sections, plus what sitekit/search/ adds.
function engine(docs, config = {}) {
  return new SiteSearch.Engine(MiniSearch, {
    config: { fields: {}, synonyms: [], pages: [...new Set(docs.map((d) => d.location.split("#")[0]))], ...config },
    docs,
  });
}

const pages = (found) => found.items.filter((group) => !group[0].notice).map((group) => group[0].location.split("#")[0]);
const first = (e, query) => pages(e.results(query))[0];

test("words are cut at spaces, quotes and brackets, not inside commands", () => {
  assert.deepEqual(SiteSearch.words('docker run --volumes-from web2 -p 5000:5000 "redis-cli" (compose.yaml)'),
    ["docker", "run", "--volumes-from", "web2", "-p", "5000:5000", "redis-cli", "compose.yaml"]);
  assert.deepEqual(SiteSearch.words("$(id -u):$(id -g)"), ["$", "id", "-u", ":$", "id", "-g"]);
});

test("a word is indexed whole, by its parts, joined and stemmed; capitals are their own term", () => {
  const terms = SiteSearch.termsOf("redis-cli");
  for (const t of ["redis-cli", "redis", "cli", "rediscli"]) assert.ok(terms.includes(t), t);
  assert.deepEqual(SiteSearch.termsOf("multi-stage").filter((t) => t === "multistage"), ["multistage"]);
  assert.ok(SiteSearch.termsOf("FROM").includes("FROM") && SiteSearch.termsOf("FROM").includes("from"));
  assert.ok(!SiteSearch.termsOf("From").includes("FROM"), "only a word in capitals");
  assert.deepEqual(SiteSearch.termsOf("3.14"), ["3.14"], "a dot between digits does not cut");
  assert.ok(SiteSearch.termsOf(".dockerignore").includes("dockerignore"));
  assert.deepEqual(SiteSearch.words("(--rm),"), ["--rm"], "brackets and commas end a word");
  assert.equal(SiteSearch.termsOf("--rm.")[0], "--rm", "a full stop after a word is not part of it");
});

test("the stemmer folds inflections, not words into others", () => {
  assert.equal(SiteSearch.stem("containers"), "container");
  assert.equal(SiteSearch.stem("container"), "container", "not Porter's 'contain'");
  assert.equal(SiteSearch.stem("images"), SiteSearch.stem("image"));
  assert.equal(SiteSearch.stem("building"), SiteSearch.stem("build"));
  assert.equal(SiteSearch.stem("policies"), "policy");
});

test("typos: swapped letters are one edit; one typo in five letters, two from seven", () => {
  assert.equal(SiteSearch.distance("netwrok", "network", 2), 1);
  assert.equal(SiteSearch.distance("entrypont", "entrypoint", 2), 1);
  assert.equal(SiteSearch.distance("volumne", "volume", 2), 1);
  assert.equal(SiteSearch.distance("abc", "xyz", 1), 2, "beyond the limit: limit + 1");
  const e = engine([
    { location: "entrypoint/", title: "ENTRYPOINT", text: "<p>The entrypoint script runs first.</p>" },
    { location: "networking/", title: "Networking", text: "<p>Create a network for the containers.</p>" },
  ]);
  assert.equal(first(e, "entrypont"), "entrypoint/");
  assert.equal(first(e, "netwrok "), "networking/");
  assert.deepEqual(pages(e.results("netwrk")), ["networking/"], "a deletion is one typo");
  // A word the site has is never a typo of another, and short words are left alone.
  const parsed = e.parse("network scrip ");
  assert.equal(parsed.clauses[0].alternatives[0].terms[0].fuzzy, 0);
  assert.equal(e.parse("netw ").clauses[0].alternatives[0].terms[0].fuzzy, 0);
});

test("only the word being typed is a prefix, and only from three letters on", () => {
  const e = engine([
    { location: "restart/", title: "Restart policies", text: "<p>restart the container</p>" },
    { location: "api/", title: "The API", text: "<p>a REST API over HTTP</p>" },
  ]);
  assert.deepEqual(pages(e.results("REST API")), ["api/"], "a finished word does not find 'restart'");
  assert.equal(first(e, "resta"), "restart/");
  assert.deepEqual(pages(e.results("re")), [], "two letters match no longer word");
});

test("every word counts, rare words more; a word on every page decides little", () => {
  const docs = [];
  for (let i = 0; i < 20; i++) docs.push({ location: `p${i}/`, title: `Page ${i}`, text: "<p>docker docker docker</p>" });
  docs.push({ location: "volumes/", title: "Volumes", text: "<p>docker volume prune removes anonymous volumes</p>" });
  const e = engine(docs);
  assert.equal(first(e, "docker volume prune"), "volumes/");
  assert.equal(first(e, "prune docker"), "volumes/");
});

test("a heading that names the query wins over text that mentions it", () => {
  const e = engine([
    { location: "a/", title: "Networking", text: "<p>Later you run docker network create for the app.</p>" },
    { location: "b/", title: "docker network create", text: "<p>Create a user-defined bridge network.</p>" },
  ]);
  assert.equal(first(e, "docker network create"), "b/");
});

test("words of a pasted message side by side find the section that holds it", () => {
  const e = engine([
    { location: "a/", title: "Ports", text: "<p>the port is in use, or already allocated by another program</p>" },
    { location: "b/", title: "Ports again", text: "<p>Bind for 0.0.0.0:5000 failed: port is already allocated</p>" },
  ]);
  assert.equal(first(e, "Bind for 0.0.0.0:8080 failed: port is already allocated"), "b/");
});

test("a word only in sample output ranks below prose that explains it", () => {
  const e = engine([
    { location: "list/", title: "List images", text: "<p>The list shows each image.</p>", output: "<pre><code>alpine 3.8MB</code></pre>" },
    { location: "compose/", title: "Compose", text: "<p>Old files start with <code>version: \"3.8\"</code>, which is obsolete.</p>" },
  ]);
  assert.equal(first(e, 'version: "3.8"'), "compose/");
});

test("the glossary gives way to the chapter that teaches a word, unless the query asks what it means", () => {
  const config = { synonyms: [["meaning", "mean", "define", "glossary"]] };
  const docs = [
    { location: "glossary/", title: "Glossary", text: "<p>The terms.</p>" },
    { location: "glossary/#bind-mount", title: "bind mount", text: "<p>A folder of the host mounted into a container.</p>", entry: "term" },
    { location: "glossary/#ipam", title: "IPAM", text: "<p>IP address management.</p>", entry: "term" },
    { location: "dev/", title: "Developing", text: "<p>Intro.</p>" },
    { location: "dev/#mount", title: "Mount your code", text: "<p>A bind mount makes a folder of your computer appear in the container.</p>", defines: ["bind mount"] },
    { location: "net/", title: "Networking", text: "<p>Inspect the network.</p>", output: "<pre><code>\"IPAM\": {}</code></pre>" },
  ];
  const e = engine(docs, config);
  assert.equal(first(e, "bind mount"), "dev/");
  assert.equal(first(e, "bind mount meaning"), "glossary/");
  assert.equal(first(e, "IPAM"), "glossary/", "only shown in output, no chapter teaches it");
});

test("a file name the site never writes is found by the parts it knows; yml reads as yaml", () => {
  const e = engine([
    { location: "compose/", title: "Docker Compose", text: "<p>Compose reads <code>compose.yaml</code>.</p>" },
    { location: "other/", title: "Other", text: "<p>docker things</p>" },
  ], { synonyms: [["yaml", "yml"]] });
  assert.equal(first(e, "docker-compose.yml"), "compose/");
  assert.equal(first(e, "compose.yml "), "compose/");
});

test("a part the site writes elsewhere (a workflow's image.yml) still reads as its synonym", () => {
  const e = engine([
    { location: "compose/", title: "Docker Compose", text: "<p>Compose reads <code>compose.yaml</code>.</p>" },
    { location: "ci/", title: "CI", text: "<p>The workflow <code>.github/workflows/image.yml</code> builds.</p>" },
  ], { synonyms: [["yaml", "yml"]] });
  assert.equal(first(e, "docker-compose.yml"), "compose/");
  assert.equal(first(e, "docker-compose.yml "), "compose/");
});

test("a command the site does not teach, or a query nothing answers, says so first", () => {
  const e = engine([
    { location: "copy/", title: "Copying files", text: "<p>Redis can SAVE its data.</p>" },
  ], {
    untaught: { save: ["docker image save", "https://docs.docker.com/reference/cli/docker/image/save/"],
      "image save": ["docker image save", "https://docs.docker.com/reference/cli/docker/image/save/"] },
    elsewhere: "https://docs.docker.com/search/?q=",
  });
  const [notice] = e.results("docker save").items[0];
  assert.equal(notice.notice, "command");
  assert.equal(notice.reference, "docker image save");
  assert.equal(notice.location, "https://docs.docker.com/reference/cli/docker/image/save/");
  assert.match(notice.title, /data-search-notice="command"/);
  assert.equal(e.results("docker image save -o web1.tar web1").items[0][0].reference, "docker image save");
  const weak = e.results("podman").items;
  assert.equal(weak[0][0].notice, "weak");
  assert.equal(weak[0][0].location, "https://docs.docker.com/search/?q=podman");
  assert.equal(e.results("redis save").items[0][0].notice, undefined, "answered: no notice");
  // Nothing found at all, even for a word that is no plain word (a name with a digit).
  assert.equal(e.results("k3s").items[0][0].notice, "weak");
  // Words that are names of every JavaScript object's own machinery name no command.
  for (const query of ["docker constructor", "docker __proto__", "docker toString", "docker hasOwnProperty"]) {
    const found = e.results(query).items;
    assert.notEqual(found.length && found[0][0].notice, "command", query);
  }
});

test("in a pasted message, the words most messages share weigh little", () => {
  const e = engine([
    { location: "trouble/#a", title: "Name in use", text: "<p>Error response from daemon: conflict</p>", spellings: ["Error response from daemon: Conflict. The name is in use"] },
    { location: "volumes/#rm", title: "Remove volumes", text: "<p>Removing fails with <code>volume is in use</code> while a container uses it.</p>" },
  ], { frame: ["error", "response", "from", "daemon"] });
  assert.equal(first(e, "Error response from daemon: remove web2_redis: volume is in use - [4f2a9c1d8e4b]"), "volumes/");
});

test("MiniSearch gets the field weights from the index's config", () => {
  const e = engine([{ location: "a/", title: "A", text: "<p>x</p>" }], { fields: { title: { boost: 9 }, text: { boost: 2 } } });
  assert.equal(e.fields.title, 9);
  assert.equal(e.fields.text, 2);
  assert.equal(e.fields.code, 2, "the engine's default for a field the config does not weigh");
});

test("a path's last part is a file name: /var/run/docker.sock answers docker.sock", () => {
  assert.ok(SiteSearch.termsOf("/var/run/docker.sock:/var/run/docker.sock").includes("docker.sock"));
  assert.ok(SiteSearch.termsOf("/etc/docker/daemon.json").includes("daemon.json"));
  assert.ok(!SiteSearch.termsOf("/app/public").includes("public/"), "a plain folder is already its part");
  const e = engine([
    { location: "security/", title: "Never hand a container the socket", text: "<p>Some start containers with <code>--volume /var/run/docker.sock:/var/run/docker.sock</code>.</p>" },
    { location: "arch/", title: "Docker", text: "<p>The docker CLI sorts socks.</p>" },
  ]);
  assert.equal(first(e, "docker.sock"), "security/");
});

test("in a file name the site never writes, a part on most of the site is left out; all of a heading's parts name it", () => {
  const docs = [];
  for (let i = 0; i < 6; i++) docs.push({ location: `p${i}/`, title: `Docker page ${i}`, text: "<p>docker</p>" });
  docs.push({ location: "secret/", title: "docker compose build --file compose.secret.yaml", text: "<p>docker compose builds with a secret.</p>" });
  docs.push({ location: "compose/", title: "Docker Compose", text: "<p>docker compose reads a file.</p>" },
    { location: "compose/#the-file", title: "The file", text: "<p>The docker compose file.</p>", files: ["compose.yaml"] });
  const e = engine(docs, { synonyms: [["yaml", "yml"]] });
  const clause = e.parse("docker-compose.yml").clauses[0];
  assert.deepEqual(clause.alternatives[1].terms.map((t) => t.term), ["compose", "yaml"], "docker is on most sections");
  const file = e.docs.findIndex((d) => d.location === "compose/#the-file");
  const flag = engine([{ location: "run/#v", title: "--volume", text: "<p>Mount a volume.</p>" }]);
  assert.equal(e.focus(e.titleWords[file], new Set(["compose", "yaml"])), 1, "compose.yaml is named by compose and yaml");
  assert.equal(flag.focus(flag.titleWords[0], new Set(["volume"])), 0.5, "--volume is not named by volume");
});

test("a glossary term answers the term; a query that asks more gets the chapter that explains it", () => {
  const e = engine([
    { location: "glossary/#digest", title: "digest", text: "<p>A checksum of an image's content.</p>", entry: "term" },
    { location: "prod/", title: "Production", text: "<p>Intro.</p>" },
    { location: "prod/#version", title: "Name images by version", text: "<p>Write the base image with its digest, which never moves.</p>" },
  ]);
  assert.equal(first(e, "digest"), "glossary/");
  assert.equal(first(e, "pin an image by digest"), "prod/");
});

test("a prefix match of a finished word teaches nothing of it", () => {
  const e = engine([
    { location: "glossary/#pat", title: "PAT", text: "<p>Personal access token.</p>", entry: "term" },
    { location: "ignore/#pattern-syntax", title: "Pattern syntax", text: "<p>Each line is a pattern.</p>" },
  ]);
  assert.equal(first(e, "what is a PAT"), "glossary/");
});

test("a troubleshooting entry keeps its place for a query that names its heading, gives way for two words of its message", () => {
  const docs = [
    { location: "trouble/#exits", title: "The container exits at once", text: "<p>A container lives as long as its process.</p>", spellings: ["Exited (64) 5 seconds ago"], entry: "message" },
    { location: "trouble/#daemon", title: "Cannot connect to the Docker daemon", text: "<p>Cannot connect to the Docker daemon at unix:///var/run/docker.sock</p>", spellings: ["Cannot connect to the Docker daemon at unix:///var/run/docker.sock"], entry: "message" },
    { location: "run/", title: "Running containers", text: "<p>A container stops when its process exits, at once or later.</p>" },
    { location: "arch/", title: "Architecture", text: "<p>The docker daemon runs containers; the CLI talks to the docker daemon.</p>" },
  ];
  const e = engine(docs, { synonyms: [["immediately", "at once"]] });
  assert.equal(first(e, "container exits immediately"), "trouble/");
  assert.equal(first(e, "docker daemon"), "arch/");
});

test("the site's abbreviations are synonyms of what they stand for", () => {
  const e = engine([
    { location: "vms/", title: "Virtual machines vs containers", text: "<p>A virtual machine boots its own kernel.</p>" },
    { location: "install/", title: "Install", text: "<p>Start the container runtime.</p>" },
  ], { synonyms: [["vm", "virtual machine"]] });
  assert.equal(first(e, "VM kernel"), "vms/");
  assert.equal(first(e, "virtual machine"), "vms/");
});

test("in a pasted message, what it quotes or names as a flag weighs more than its other words", () => {
  const docs = [
    { location: "install/", title: "Install", text: "<p>Conflicting options: you cannot specify both sets of packages.</p>" },
    { location: "run/#restart", title: "Restart policies", text: "<p>A restart policy and <code>--rm</code> cannot go together: <code>--restart</code> keeps the container.</p>" },
    { location: "other/", title: "Other", text: "<p>Other words.</p>" },
  ];
  const message = "docker: conflicting options: cannot specify both --restart and --rm";
  assert.equal(first(engine(docs), message), "run/");
  const weight = SiteSearch.rank.quoted;
  try {
    SiteSearch.rank.quoted = 1;
    assert.equal(first(engine(docs), message), "install/", "without it, the words around the flags decide");
  } finally {
    SiteSearch.rank.quoted = weight;
  }
});

test("a file's name counts in full only on the page that shows the file first (config.files)", () => {
  const docs = [
    { location: "compose/", title: "Docker Compose", text: "<p>Start everything with one command.</p>" },
    { location: "compose/#the-file", title: "The file", files: ["compose.yaml"],
      text: "compose.yaml<pre><code>services:\n  web2:\n    build: .\n    ports:\n      - 5000:5000\n    depends_on:\n      - redis\n  redis:\n    image: redis</code></pre><p>Each service is a container.</p>" },
    { location: "database/", title: "A real database", text: "<p>PostgreSQL.</p>" },
    { location: "database/#the-same-in-composeyaml", title: "The same in compose.yaml", files: ["compose.yaml"],
      text: "<p>With Compose the settings live in a file.</p> compose.yaml<pre><code>services:\n  db:\n    image: postgres</code></pre>" },
  ];
  const synonyms = [["yaml", "yml"]];
  const homed = engine(docs, { synonyms, files: { "compose.yaml": "compose/" } });
  for (const query of ["compose.yaml", "docker-compose.yml"]) {
    assert.equal(first(homed, query), "compose/", query);
  }
  assert.equal(first(engine(docs, { synonyms }), "compose.yaml"), "database/", "without the file's home, the heading that names it wins");
  assert.equal(first(homed, "compose.yaml postgres"), "database/", "the query's other words keep their weight");
});

test("what a reader writes after a command the site teaches is their own name (config.taught)", () => {
  const docs = [
    { location: "persisting-data/", title: "Persisting data", text: "<p>Keep data in volumes.</p>" },
    { location: "persisting-data/#create-a-named-volume", title: "Create a named volume",
      text: "<p>A named volume outlives its container.</p><pre><code>docker volume create web2_redis</code></pre>" },
    { location: "persisting-data/#cmd-volume-create-web2-redis", title: "docker volume create web2_redis",
      text: "Create a named volume called web2_redis.", entry: "command" },
    { location: "database/", title: "A real database", text: "<p>PostgreSQL keeps its data in pgdata.</p>" },
    { location: "database/#start-postgresql", title: "Start PostgreSQL",
      text: "<p>The pgdata volume holds the data; pgdata outlives the container.</p><pre><code>docker volume create pgdata\ndocker container run -d -v pgdata:/var/lib/postgresql postgres</code></pre>" },
    { location: "database/#cmd-volume-rm-pgdata", title: "docker volume rm pgdata",
      text: "Remove the volume PostgreSQL keeps its data in, pgdata.", entry: "command", boost: 0.5 },
    // Other chapters use volumes too: `volume` and `create` are common words, `pgdata` is rare.
    ...["sharing-data", "copying-files", "compose", "cheat-sheet"].map((page) => (
      { location: `${page}/`, title: page, text: "<p>Create a volume first:</p><pre><code>docker volume create data</code></pre>" })),
  ];
  const taught = ["volume create", "container run", "run"];
  assert.equal(first(engine(docs, { taught }), "docker volume create pgdata"), "persisting-data/");
  assert.equal(first(engine(docs), "docker volume create pgdata"), "database/", "without it, the rare name decides");
  assert.equal(first(engine(docs, { taught }), "pgdata volume"), "database/", "a name asked for outside a command keeps its weight");
});
