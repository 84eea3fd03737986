"""The Explain page's reading agrees with the Python checker, and both read real commands right.

The page runs docs/javascripts/explain-core.js on the data the build wrote; the checker is
sitekit/cli_reference.py, with sitekit/explain.py around it. Both read:
- every `docker` line of every page of the site (the checker's own ground: it passes them all);
- tests/explain/explain-corpus.yaml, real-world commands with their sources and expected verdicts, one
  part held out from tuning. The agreement and the verdicts are reported for each part.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from sitekit.cli_reference import CommandError, docker_lines, parse_command
from sitekit.explain import explain, load_data
from sitekit.shell_paste import read_paste
from sitekit.project import ROOT
from page_blocks import COMMAND_LANGUAGES, block_language
from tooling import missing

CORPUS = ROOT / "tests" / "explain" / "explain-corpus.yaml"
RUNNER = ROOT / "tests" / "explain" / "js" / "explain-runner.js"
# The least share of the held-out part whose verdict must be right (reported, never tuned on).
MIN_HELD_OUT_VERDICTS = 0.9


def node() -> str:
    path = shutil.which("node")
    if not path:
        missing("Node.js is needed to run the Explain page's script (dev.py installs it)")
    return path


def run_page(site: Path, inputs: list[dict]) -> list[dict]:
    """The page's reading of each input, through Node, with the data this build wrote."""
    result = subprocess.run([node(), str(RUNNER), str(site)], input=json.dumps(inputs), capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def python_parse(line: str) -> dict:
    try:
        parsed = parse_command(line, load_data().reference)
    except CommandError as error:
        return {"ok": False, "error": str(error), "kind": error.kind}
    return {"ok": True, "key": parsed.key, "flags": parsed.flags, "written": parsed.written, "values": parsed.values,
            "arguments": parsed.arguments}




@pytest.fixture(scope="module")
def site_lines(html_pages) -> list[str]:
    lines = {line for soup in html_pages.values() for code in soup.select("article pre code")
             if block_language(code) in COMMAND_LANGUAGES for _, line in docker_lines(code.get_text())}
    assert len(lines) >= 150
    return sorted(lines)


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page_on_corpus(site, corpus) -> list[dict]:
    return run_page(site, [{"mode": "explain", "text": entry["text"]} for entry in corpus])


def _json(value) -> object:
    return json.loads(json.dumps(value))


def test_the_page_reads_every_site_line_as_the_checker_does(site, site_lines):
    """Command, flags as written, their values and the arguments, or the same error message."""
    page = run_page(site, [{"mode": "parse", "text": line} for line in site_lines])
    differences = [f"{line!r}:\n  checker {python_parse(line)}\n  page    {found}"
                   for line, found in zip(site_lines, page) if python_parse(line) != found]
    print(f"\nsite lines: {len(site_lines) - len(differences)} of {len(site_lines)} read alike")
    assert not differences, "\n".join(differences[:10])


def test_the_page_explains_every_site_line_as_python_does(site, site_lines):
    page = run_page(site, [{"mode": "explain", "text": line} for line in site_lines])
    differences = [line for line, found in zip(site_lines, page) if _json(explain(line)) != found]
    assert not differences, differences[:10]
    assert all(found["verdict"] == "valid" for found in page), "the site teaches no outdated or broken command"


@pytest.mark.parametrize("part", ["tuning", "held-out"])
def test_the_page_agrees_with_python_on_the_corpus(corpus, page_on_corpus, part):
    pairs = [(entry, found) for entry, found in zip(corpus, page_on_corpus) if entry["set"] == part]
    differences = [entry["text"] for entry, found in pairs if _json(explain(entry["text"])) != found]
    print(f"\ncorpus {part}: the page and the checker agree on {len(pairs) - len(differences)} of {len(pairs)}")
    assert not differences, differences[:5]


def _verdict_misses(entries: list[dict], results: list[dict]) -> list[str]:
    misses = []
    for entry, result in zip(entries, results):
        wrong = result["verdict"] != entry["verdict"]
        lost = [e for e in entry.get("errors", []) if e not in result["errors"][:2]]
        if wrong or lost:
            misses.append(f"{entry['source']}: expected {entry['verdict']} {entry.get('errors', '')}, "
                          f"read {result['verdict']} {result['errors'][:2]}: {entry['text'][:100]!r}")
    return misses


def test_the_tuning_part_gets_its_verdicts(corpus, page_on_corpus):
    entries = [e for e in corpus if e["set"] == "tuning"]
    results = [r for e, r in zip(corpus, page_on_corpus) if e["set"] == "tuning"]
    misses = _verdict_misses(entries, results)
    print(f"\ncorpus tuning: {len(entries) - len(misses)} of {len(entries)} verdicts right")
    assert not misses, "\n".join(misses)


def test_the_held_out_part_gets_its_verdicts(corpus, page_on_corpus):
    """Never tuned on: its share of right verdicts is what the page can be expected to do."""
    entries = [e for e in corpus if e["set"] == "held-out"]
    results = [r for e, r in zip(corpus, page_on_corpus) if e["set"] == "held-out"]
    misses = _verdict_misses(entries, results)
    share = 1 - len(misses) / len(entries)
    print(f"\ncorpus held-out: {len(entries) - len(misses)} of {len(entries)} verdicts right ({share:.1%})")
    for line in misses:
        print(f"  miss: {line}")
    assert share >= MIN_HELD_OUT_VERDICTS


def test_the_corpus_is_large_real_and_varied(corpus):
    assert len(corpus) >= 300
    held_out = [e for e in corpus if e["set"] == "held-out"]
    assert 0.2 <= len(held_out) / len(corpus) <= 0.4
    assert all(e["source"].startswith("https://") for e in corpus)
    assert {e["verdict"] for e in corpus} == {"valid", "outdated", "invalid", "error"}
    for verdict in ("outdated", "invalid", "error"):
        assert any(e["verdict"] == verdict for e in held_out), f"the held-out part has no {verdict} command"
    texts = [e["text"] for e in corpus]
    assert len(set(texts)) == len(texts), "each command once"
    assert sum("\n" in t for t in texts) >= 30, "multi-line pastes"


def test_the_corpus_cli_answers_are_consistent_with_its_verdicts(corpus):
    """Where the real CLI refused a command, the verdict is invalid (the CLI is the first judge)."""
    refused = [e for e in corpus if any(answer != "accepted" for answer in e.get("cli", []))]
    assert len(refused) >= 15
    assert all(e["verdict"] == "invalid" for e in refused), [e["text"] for e in refused if e["verdict"] != "invalid"]


# Half-finished and broken pastes: neither side may fail, and both must read them alike.
ODD = ["", " ", "\n\n", "$", "$ ", "docker", "sudo", "sudo docker", "docker \\", "docker '", 'docker "', "docker $(",
       "docker `", "docker run -p", "docker --", "docker -", "docker run -- nginx", "docker run --=x nginx",
       "docker run -=x nginx", "docker run --rm= nginx", "docker <<", "docker run <", ">", "|", "&&",
       "docker compose", "docker compose -f", "docker builder", "docker container --help", "docker -v",
       "docker run $(docker ps -q", "x" * 3000, "docker " + "-d " * 300 + "nginx", "docker run -p :: nginx",
       "docker run -v :: nginx", "docker run --mount ',,' nginx", "docker run --restart : nginx", "docker pull @",
       "docker pull a//b", "docker pull a@sha256:", "docker run --gpus , nginx", "docker run --add-host : nginx",
       "docker run > '\n", "docker run -it ^\n", "PS> ", "docker run \u201c", "\u2014 \u2014rm"]


def test_odd_pastes_neither_fail_nor_differ(site):
    page = run_page(site, [{"mode": "explain", "text": text} for text in ODD])
    assert [_json(explain(text)) for text in ODD] == page


# --- pieces the agreement does not show on its own --------------------------------------------------

SETTINGS = load_data().settings


@pytest.mark.parametrize(("text", "commands"), [
    ('docker run -d \\\n  --name web \\\n  nginx', [["docker", "run", "-d", "--name", "web", "nginx"]]),
    ("$ docker ps\nCONTAINER ID   IMAGE\n$ docker stop web", [["docker", "ps"], ["docker", "stop", "web"]]),
    ("sudo docker run hello-world && docker ps -a | grep hello",
     [["sudo", "docker", "run", "hello-world"], ["docker", "ps", "-a"], ["grep", "hello"]]),
    ("docker rm -f $(docker ps -aq)", [["docker", "rm", "-f", "$(docker ps -aq)"], ["docker", "ps", "-aq"]]),
    ("docker logs web 2>&1 | grep error", [["docker", "logs", "web"], ["grep", "error"]]),
    ("docker build -t x - <<EOF\nFROM alpine\nEOF\ndocker run x",
     [["docker", "build", "-t", "x", "-"], ["docker", "run", "x"]]),
    ("docker run -it `\n  -v ${PWD}:/app `\n  node bash", [["docker", "run", "-it", "-v", "${PWD}:/app", "node", "bash"]]),
    ("docker run -it ^\n  -v %cd%:/app ^\n  node bash", [["docker", "run", "-it", "-v", "%cd%:/app", "node", "bash"]]),
    ("docker run -v C:\\Users\\me:/app node", [["docker", "run", "-v", "C:\\Users\\me:/app", "node"]]),
    ("docker run -d \\\n>   -p 80:80 nginx", [["docker", "run", "-d", "-p", "80:80", "nginx"]]),
    ("➜  app git:(main) docker compose up", [["docker", "compose", "up"]]),
    ("docker pull <your-docker-id>/web1", [["docker", "pull", "<your-docker-id>/web1"]]),
])
def test_a_paste_is_read_as_a_shell_reads_it(text, commands):
    paste = read_paste(text, SETTINGS.prompts, SETTINGS.windows_markers)
    assert [[w.text for w in c.words] for c in paste.commands] == commands


@pytest.mark.parametrize(("text", "kind"), [
    ("docker run -e 'A=b nginx", "unclosed"),
    ("docker run -d \\ \n  nginx", "space-after-continuation"),
    ("docker run \u201cnginx\u201d", "smart-quote"),
    ("docker run \u2014rm nginx", "typographic-dash"),
    ("docker\u00a0ps", "nbsp"),
])
def test_what_a_shell_would_break_is_a_problem(text, kind):
    result = explain(text)
    problems = [p for c in result["commands"] for p in c["problems"]]
    assert kind in [p["kind"] for p in problems] and result["verdict"] == "invalid"


@pytest.mark.parametrize(("text", "kind", "words"), [
    ("docker run -d --rmm nginx", "unknown-flag", "Did you mean `--rm`?"),
    ("docker run -rm nginx", "single-dash", "`--rm`"),
    ("docker imgaes", "unknown-command", "Did you mean `docker images`?"),
    ("docker compose upp", "unknown-subcommand", "`docker compose up`"),
    ("docker run -p 80800:80 nginx", "bad-value", "65535"),
    ("docker run --memory 5x nginx", "bad-value", "512m"),
    ("docker run --mount type=bind,source=/a nginx", "bad-value", "target"),
    ("docker run -v /a:/b:ro:x nginx", "bad-value", "colons"),
    ("docker run --restart sometimes nginx", "bad-value", "unless-stopped"),
    ("docker run --rm --restart always nginx", "conflict", "--restart"),
    ("docker run NGINX", "bad-argument", "lowercase"),
    ("docker run", "too-few-arguments", "at least 1"),
    ("docker scan nginx", "command-removed", "docker scout"),
    ("docker ps --before web", "flag-removed", "--filter before="),
    ("docker search --stars 3 nginx", "flag-removed", "--filter stars="),
    ("docker-machine create dev", "program-removed", "Docker Desktop"),
])
def test_problems_in_a_beginners_words(text, kind, words):
    result = explain(text)
    problems = [p for c in result["commands"] for p in c["problems"] if p["kind"] == kind]
    assert problems and words in problems[0]["text"], result["commands"][0]["problems"] if result["commands"] else result
    assert result["verdict"] == "invalid"


@pytest.mark.parametrize(("text", "kind"), [
    ("docker-compose up -d --build", "program-deprecated"),
    ("docker run --link db:db web", "flag-deprecated"),
    ("docker run --net host nginx", "flag-hidden"),
    ("docker build --rm -t app .", "flag-ignored"),
    ("docker compose exec -it web bash", "flag-ignored"),
    ("docker stop --time 5 web", "flag-deprecated"),
    ("DOCKER_BUILDKIT=0 docker build .", "env-deprecated"),
    ("docker network ls -h", "shorthand-deprecated"),
])
def test_outdated_parts_say_what_to_write_instead(text, kind):
    result = explain(text)
    problems = [p for c in result["commands"] for p in c["problems"] if p["kind"] == kind]
    assert problems and result["verdict"] == "outdated", result["commands"][0]["problems"]


@pytest.mark.parametrize(("text", "warning"), [
    ("docker run --privileged alpine:3.22", "privileged"),
    ("docker run --network host nginx:1.29", "host-network"),
    ("docker run --net=host nginx:1.29", "host-network"),
    ("docker run --pid=host alpine:3.22", "host-pid"),
    ("docker run -v /var/run/docker.sock:/var/run/docker.sock docker:29", "docker-socket"),
    ("docker run --mount type=bind,src=/,dst=/host alpine:3.22", "host-root"),
    ("docker run -p 8080:80 nginx:1.29", "all-interfaces"),
    ("docker run --rm -v /data alpine:3.22", "rm-with-volume"),
    ("docker run nginx", "latest-tag"),
    ("docker run nginx:latest", "latest-tag"),
])
def test_warnings(text, warning):
    assert warning in explain(text)["commands"][0]["warnings"]


@pytest.mark.parametrize("text", [
    "docker run -p 127.0.0.1:8080:80 nginx:1.29",
    "docker run --rm -v data:/data alpine:3.22 ls /data",
    "docker run -v /srv/site:/usr/share/nginx/html:ro nginx@sha256:" + "a" * 64,
])
def test_no_warning_where_there_is_nothing_to_warn_about(text):
    assert not explain(text)["commands"][0]["warnings"]


def test_value_parts():
    flags = {f["name"]: f for f in explain('docker run -p 127.0.0.1:8080:80/udp -v "$PWD":/app:ro '
                                           '--mount type=volume,src=data,dst=/data ghcr.io/o/app:1.0@sha256:'
                                           + "b" * 64)["commands"][0]["flags"]}
    assert flags["--publish"]["parts"] == {"host_ip": "127.0.0.1", "host_port": "8080", "container_port": "80",
                                           "protocol": "udp", "all_interfaces": False}
    assert flags["--volume"]["parts"] == {"source": "$PWD", "target": "/app", "options": ["ro"], "type": "bind"}
    assert flags["--mount"]["parts"]["type"] == "volume" and flags["--mount"]["parts"]["target"] == "/data"
    image = explain("docker run nginx:alpine")["commands"][0]["arguments"][0]["parts"]
    assert image == {"registry": "docker.io", "namespace": "library", "repository": "nginx", "tag": "alpine",
                     "digest": "", "filled": ["registry", "namespace"]}


def test_an_error_message_goes_to_its_troubleshooting_entry():
    for text, entry in [
        ("docker: Error response from daemon: driver failed programming external connectivity on endpoint web1 "
         "(3f5c): Bind for 0.0.0.0:5000 failed: port is already allocated.", "port-already-allocated"),
        ("Bind for 0.0.0.0:8080 failed: port is already allocated", "port-already-allocated"),
        ("permission denied while trying to connect to the docker API at unix:///var/run/docker.sock",
         "socket-permission-denied"),
    ]:
        result = explain(text)
        assert result["verdict"] == "error" and result["errors"][0] == entry, result["errors"]


def test_every_troubleshooting_message_finds_its_own_entry():
    from sitekit.troubleshooting import load_troubleshooting

    for located in load_troubleshooting().entries:
        output = "\n".join(message.text for message in located.entry.messages)  # what the reader saw, whole
        assert explain(output)["errors"][:1] == [located.entry.id], (located.entry.id, output[:80])


def test_javascript_unit_tests():
    result = subprocess.run([node(), "--test", str(ROOT / "tests" / "explain" / "js")], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
