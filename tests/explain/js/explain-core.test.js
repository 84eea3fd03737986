// Unit tests of the Explain page's reading (docs/javascripts/explain-core.js) that need no data:
// the shell's reading of a paste, values, and the small helpers. The whole reading is compared
// with the Python checker in tests/explain/test_explain.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("path");
const core = require(path.join(__dirname, "..", "..", "..", "docs", "javascripts", "explain-core.js"));

const PROMPTS = ["^[ \\t]*\\$[ \\t]+"];
const MARKERS = ["(^|[ \\t])[`^][ \\t]*$"];
const words = (text) => core.readPaste(text, PROMPTS, MARKERS).commands.map((c) => c.words.map((w) => w.text));

test("quotes, escapes and continuations are read as a shell reads them", () => {
  assert.deepStrictEqual(words("docker run -e 'A=b c' -v \"$PWD\":/app \\\n  img"),
    [["docker", "run", "-e", "A=b c", "-v", "$PWD:/app", "img"]]);
  assert.deepStrictEqual(words("docker run -it `\n  img"), [["docker", "run", "-it", "img"]]);
});

test("a prompt marks commands and the other lines are output", () => {
  assert.deepStrictEqual(words("$ docker ps\nCONTAINER ID\n$ docker images"), [["docker", "ps"], ["docker", "images"]]);
});

test("substitutions are kept whole and read as commands of their own", () => {
  const paste = core.readPaste("docker stop $(docker ps -q)", PROMPTS, MARKERS);
  assert.deepStrictEqual(paste.commands.map((c) => c.nested), [false, true]);
  assert.strictEqual(paste.commands[0].words[2].text, "$(docker ps -q)");
});

test("an unclosed quote is a problem, not an exception", () => {
  const paste = core.readPaste("docker run -e 'A=b nginx", PROMPTS, MARKERS);
  assert.strictEqual(paste.commands[0].problems[0].kind, "unclosed");
});

test("values: ports, volumes, image references", () => {
  assert.deepStrictEqual(core.readValue("publish", "127.0.0.1:8080:80/udp", false),
    { host_ip: "127.0.0.1", host_port: "8080", container_port: "80", protocol: "udp", all_interfaces: false });
  assert.throws(() => core.readValue("publish", "80800:80", false), core.ValueProblem);
  assert.strictEqual(core.readValue("volume", "data:/data:ro", false).type, "volume");
  assert.deepStrictEqual(core.readValue("image", "nginx", false).filled, ["registry", "namespace", "tag"]);
  assert.throws(() => core.readValue("image", "NGINX", false), core.ValueProblem);
  assert.deepStrictEqual(core.readValue("volume", "$PWD:app", true).target, "app");
});

test("fill and signature", () => {
  assert.strictEqual(core.fill("`{token}` of {where}", { token: "-x", where: "docker run" }), "`-x` of docker run");
  assert.strictEqual(core.fill("{missing}", {}), "{missing}");
  assert.strictEqual(core.signature("container run", ["--rm", "--publish"], [null, "80:80"], ["web1"]),
    "container run\n--publish=80:80\n--rm\n--\nweb1");
});
