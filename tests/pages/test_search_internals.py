"""What the site's search takes from Material, checked against the installed Material, and the
search's own build-time parts.

The search worker (docs/javascripts/search-worker.js) speaks Material's worker protocol and fills
its result list; overrides/main.html swaps the worker in Material's config block; the lazy index
loading (overrides/partials/lazy-search-index.js) holds Material's request for the index. None of
that is a documented API beyond "a worker that conforms to SearchMessage", so each detail used is
read here from the source Material ships (its source maps) and fails when Material changes it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import material
from mkdocs.exceptions import PluginError

from sitekit.cli_reference import load_reference
from sitekit.project import ROOT, Project
from sitekit.search.page_scan import prose_mentions, scan_page
from sitekit.search.entries import drop_labels
from sitekit.search.settings import acronym_synonyms, load_synonyms
from sitekit.search.spellings import short_spellings

MATERIAL = Path(material.__file__).parent / "templates"
JAVASCRIPTS = MATERIAL / "assets" / "javascripts"


def _material_source(name: str) -> str:
    """One TypeScript source of Material's bundle, from the source map it ships."""
    for source_map in sorted(JAVASCRIPTS.glob("bundle.*.min.js.map")):
        data = json.loads(source_map.read_text(encoding="utf-8"))
        for path, content in zip(data["sources"], data["sourcesContent"]):
            if path.endswith(name):
                return content
    raise AssertionError(f"Material's bundle has no {name}: its search code moved, check search-worker.js")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_material_worker_messages_are_the_ones_the_site_worker_speaks():
    messages = _squash(_material_source("integrations/search/worker/message/index.ts"))
    assert re.search(r"enum SearchMessageType \{ SETUP, /\*.*?\*/ READY, /\*.*?\*/ QUERY, /\*.*?\*/ RESULT", messages)
    worker = (ROOT / "docs" / "javascripts" / "search-worker.js").read_text(encoding="utf-8")
    assert "var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;" in worker
    # SETUP carries the whole index config (the site's synonyms, stop words and page order ride in it).
    setup = _squash(_material_source("integrations/search/worker/_/index.ts"))
    assert "subscribe(({ config, docs }) => worker$.next({ type: SearchMessageType.SETUP, data: { config, docs," in setup
    # QUERY is the text of the search box; RESULT's data.items are groups of SearchItems.
    query = _squash(_material_source("components/search/query/index.ts"))
    assert "worker$.next({ type: SearchMessageType.QUERY, data: value })" in query
    result = _squash(_material_source("components/search/result/index.ts"))
    assert "subscribe(([{ items }, { value }])" in result


def test_material_renders_the_fields_the_site_worker_fills():
    render = _squash(_material_source("templates/search/index.tsx"))
    # The page first (its location has no #), then sections; the best section's score sets the threshold.
    assert "const threshold = result[0].score" in render
    assert 'return !l.includes("#")' in render
    for used in ("document.terms", "document.score.toFixed(2)", "document.location", "document.title",
                 "document.text"):
        assert used in render, used
    # search.highlight: the result link carries the matched query words in ?h=.
    assert 'url.searchParams.set("h", Object.entries(document.terms)' in render
    # The page highlights ?h= words with the index config's separator.
    highlight = _squash(_material_source("components/search/highlight/index.ts"))
    assert "setupSearchHighlighter(index.config)" in highlight


def test_material_takes_the_worker_from_the_config_block_the_site_overrides():
    mount = _squash(_material_source("components/search/_/index.ts"))
    assert "setupSearchWorker(config.search, index$)" in mount
    ours = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")

    def config_keys(template: str) -> list[str]:
        block = re.search(r"\{% block config %\}(.*?)\{% endblock %\}", template, re.DOTALL)
        assert block, "no config block"
        return re.findall(r'"([\w.]+)":', block.group(1))

    # The copy keeps every key of Material's __config (the lead's template check compares the rest).
    assert config_keys(ours) == config_keys(base), "Material's config block changed: update overrides/main.html"
    assert '"search": site_search_worker | url,' in ours


def test_material_fetches_the_index_the_way_the_lazy_loader_holds_it():
    bundle = _squash(_material_source("javascripts/bundle.ts"))
    # Online: an XMLHttpRequest for search/search_index.json, which lazy-search-index.js holds back
    # until the reader starts to search; offline: search_index.js, loaded when search opens.
    assert 'requestJSON<SearchIndex>( new URL("search/search_index.json", config.base) )' in bundle
    assert 'watchScript( `${new URL("search/search_index.js", config.base)}` )' in bundle
    request = _squash(_material_source("browser/request/index.ts"))
    assert "const req = new XMLHttpRequest()" in request
    lazy = (ROOT / "overrides" / "partials" / "lazy-search-index.js").read_text(encoding="utf-8")
    assert "XMLHttpRequest.prototype.send" in lazy and "search_index\\.json" in lazy


def test_vendored_minisearch_is_the_pinned_package():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["minisearch"]
    installed = ROOT / "node_modules" / "minisearch"
    assert installed.is_dir(), "run `npm ci` (python3 dev.py test does): the vendored MiniSearch is compared with it"
    assert json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"] == version
    vendored = ROOT / "docs" / "javascripts" / "vendor" / "minisearch.js"
    assert vendored.read_bytes() == (installed / "dist" / "umd" / "index.js").read_bytes(), (
        "copy node_modules/minisearch/dist/umd/index.js to docs/javascripts/vendor/minisearch.js")


def test_prose_mentions_count_code_outside_command_and_code_blocks_and_links():
    html = ('<p>Use <code>--rm</code> here, and <code>--rm</code> again.</p>'
            '<div class="cmd-block" id="cmd-x"><div class="highlight"><pre><code>docker run --rm</code></pre></div>'
            '<dl><dt><code>--rm</code></dt><dd>Remove it.</dd></dl></div>'
            '<pre><code>--rm</code></pre><p><code>--detach</code><br>text</p>'
            '<p><code>--publish 5000:5000</code> and <code>docker container exec</code></p>'
            '<table><tr><td><a href="#cmd-y"><code>docker image rm web1</code></a></td></tr></table>'
            '<section data-search-exclude><p><code>--rm</code> in a question</p></section>')
    assert prose_mentions(html) == {"--rm": 2, "--detach": 1, "--publish": 1, "docker": 1,
                                    "docker container": 1, "docker container exec": 1}


def _index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def _entries(index: dict, kind: str) -> list[dict]:
    return [doc for doc in index["docs"] if doc.get("entry") == kind]


def test_flags_go_to_the_first_chapter_whose_prose_discusses_them(site):
    index = _index(site)
    flags = {(doc["title"], doc["text"].split("</code>")[0].removeprefix("<code>")): doc
             for doc in _entries(index, "flag")}
    # --rm is used in many chapters' commands; Running containers is the first whose text explains it.
    assert flags[("--rm", "docker container run")]["location"].startswith("running-containers/")
    assert flags[("--volumes-from", "docker container run")]["location"].startswith("sharing-data/")
    # A flag's entry answers to its short form, and to the combined switches the site writes.
    assert flags[("--interactive", "docker container run")]["spellings"] == ["-i", "-it"]
    assert flags[("--publish", "docker container run")]["spellings"] == ["-p"]
    config = index["config"]
    assert config["pages"][0] == "" and "glossary/" in config["pages"]
    assert ["remove", "delete", "erase", "wipe", "rm"] in config["synonyms"]
    assert set(config["fields"]) >= {"title", "spellings", "description", "code", "text", "page"}, (
        "weights come from mkdocs.yml's fields:")


def test_commands_answer_to_every_spelling_and_other_uses_rank_lower(site):
    commands = {doc["location"].split("#")[1]: doc for doc in _entries(_index(site), "command")}
    build = commands["cmd-build-web1"]
    assert build["title"] == "docker image build --tag web1 ."
    assert {"docker build --tag web1 .", "docker image build -t web1 .", "docker build -t web1 ."} <= set(
        build["spellings"])
    assert "&lt;your-docker-id&gt;" in commands["cmd-tag-web1-hub"]["title"], "titles are HTML"
    # The chapter that explains a command in its text is the command's home; other uses rank lower.
    assert "boost" not in commands["cmd-exec-web1-2-bash"], "Developing in containers explains docker container exec"
    assert commands["cmd-exec-redis-hosts"]["boost"] < 1
    assert "boost" not in commands["cmd-image-rm-web1-1-0"], "Build, tag and push explains docker image rm"
    assert commands["cmd-rm-note-image"]["boost"] < 1


@pytest.mark.parametrize(("line", "spellings"), [
    ("docker container run --interactive --tty --publish 5000:5000 web1",
     ["docker container run -i -t -p 5000:5000 web1", "docker container run -it -p 5000:5000 web1"]),
    ("docker image build --tag web1 .", ["docker image build -t web1 ."]),
    ("docker container run --env=A=1 --rm web1", ["docker container run -e A=1 --rm web1"]),
    # What follows the image belongs to the container's command, not to docker.
    ("docker container run --rm web1 gunicorn --bind 0.0.0.0:5000", []),
    ("docker compose logs --follow --tail 10", ["docker compose logs -f -n 10"]),
    ("docker run -it -p 5000:5000 web1", []),  # already short
    ("docker container run --help", []),
])
def test_short_spellings_come_from_the_cli_reference(line, spellings):
    assert short_spellings(line, load_reference()) == spellings


def test_troubleshooting_entries_answer_to_their_messages_and_pages_to_their_descriptions(site):
    docs = {doc["location"]: doc for doc in _index(site)["docs"]}
    entry = docs["troubleshooting/#port-already-allocated"]
    assert entry["spellings"][0].startswith("docker: Error response from daemon: failed to set up container networking")
    assert docs["logs/"]["description"].startswith("Read just the log lines you need")
    assert all("description" not in doc for location, doc in docs.items() if "#" in location)


@pytest.mark.parametrize(("text", "problem"), [
    ("synonyms: [[remove]]\n", "search-synonyms.yaml:1: group 1 (['remove']) must list two or more words or phrases"),
    ("synonyms:\n  - [a, b]\n  - c\n", "search-synonyms.yaml:3: group 2 ('c') must list two or more words or phrases"),
    ("synonyms: {remove: delete}\n", "search-synonyms.yaml:1: needs a list of groups under 'synonyms:'"),
    ("- [a, b]\n", "search-synonyms.yaml:1: needs a list of groups under 'synonyms:'"),
    ("synonyms: [[a, b]]\nstopwords: the\n", "search-synonyms.yaml:2: 'stopwords:' must be a list of words"),
    ("synonyms: [[a, b]\n", "search-synonyms.yaml:2: YAML syntax error:"),
    (b"synonyms: [[a, b]]\n\xff\n", "search-synonyms.yaml:2: not UTF-8 text"),
])
def test_a_broken_synonym_table_gives_one_line(tmp_path, text, problem):
    path = tmp_path / "assets" / "search-synonyms.yaml"
    path.parent.mkdir()
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(PluginError) as caught:
        load_synonyms(path, Project(tmp_path))
    message = str(caught.value)
    assert "\n" not in message and problem in message, message


def test_glossary_terms_sample_output_and_defined_terms_reach_the_index(site):
    index = _index(site)
    docs = {doc["location"]: doc for doc in index["docs"]}
    # Each glossary term is a section of its own, marked as a term's entry.
    tty = docs["glossary/#tty"]
    assert tty["title"] == "TTY" and tty["entry"] == "term" and "terminal" in tty["text"]
    assert sum(doc.get("entry") == "term" for doc in index["docs"]) >= 70
    # Sample output (untitled text blocks) moved out of the prose; titled blocks (files) stay.
    networks = docs["networking/#the-networks-docker-creates"]
    assert "IPAM" in networks["output"] and "IPAM" not in networks["text"]
    assert ".git/" in docs["optimizing-images/#keep-files-out-with-dockerignore"]["text"], ".dockerignore is a file"
    # A troubleshooting entry's messages are what it explains, not sample output.
    assert "output" not in docs["troubleshooting/#port-already-allocated"]
    assert "Message starts with" not in docs["troubleshooting/"]["text"], "the overview table is out of the index"
    # What a section introduces in bold or as a definition list's term.
    assert "bind mount" in docs["developing-in-containers/#mount-your-code-into-the-container"]["defines"]
    assert "Hypervisor" in docs["vms-vs-containers/#running-applications-in-virtual-machines"]["terms"]
    # The files a section shows name it.
    assert docs["compose/#the-file"]["files"] == ["compose.yaml"]


def test_untaught_commands_and_the_messages_frame_are_in_the_config(site):
    config = _index(site)["config"]
    assert config["untaught"]["container export"] == [
        "docker container export", "https://docs.docker.com/reference/cli/docker/container/export/"]
    assert "save" not in config["untaught"], "docker image save is taught (registries.md), in any spelling"
    assert config["untaught"]["swarm init"][0] == "docker swarm init"
    assert "image ls" not in config["untaught"] and "ps" not in config["untaught"], "taught, in any spelling"
    # Docker Desktop's plugins, which no Engine reference lists, from the Explain page's data.
    assert config["untaught"]["model"] == ["docker model", "https://docs.docker.com/reference/cli/docker/model/"]
    assert config["untaught"]["scout"] == ["docker scout", "https://docs.docker.com/reference/cli/docker/scout/"]
    assert "init" not in config["untaught"], "Desktop's docker init is taught (dev-loop.md)"
    assert config["elsewhere"].startswith("https://docs.docker.com/search/?q=")
    assert {"error", "response", "daemon"} <= set(config["frame"]) and "container" not in config["frame"]


def test_defined_terms_are_bold_or_definition_list_terms_in_prose():
    html = ('<h1 id="page">Page</h1><p>Intro with <strong>first term</strong>.</p>'
            '<h2 id="s">S</h2><p>A <strong>bind mount</strong> is. <strong>Tip:</strong> a label.</p>'
            '<dl><dt>Hypervisor</dt><dd>x</dd></dl>'
            '<div class="cmd-block"><dl><dt><code>--rm</code></dt></dl></div>'
            '<div class="language-text highlight"><pre><span></span><code>OUTPUT</code></pre></div>'
            '<div class="language-text highlight"><span class="filename">.dockerignore</span><pre><code>.git/</code></pre></div>')
    scan = scan_page(html)
    assert scan.defines == {"": ["first term"], "s": ["bind mount", "Hypervisor"]}
    assert scan.terms == {"s": ["Hypervisor"]}, "a definition list's terms also head their definitions"
    assert scan.files == {"s": [".dockerignore"]}
    assert scan.outputs == {"OUTPUT"}


def test_the_sites_labels_leave_the_index_and_abbreviations_are_synonyms(site):
    index = _index(site)
    docs = {doc["location"]: doc for doc in index["docs"]}
    # Labels the site writes on every page are furniture: `history`, `platform`, `warning` are
    # words readers search for.
    remote = docs["architecture/#using-docker-on-a-remote-host"]["text"]
    assert "<p>Warning</p>" not in remote and "<p>History</p>" not in remote and "Platform note:" not in remote
    assert "Don't expose the daemon's API" in remote, "the admonition's text stays"
    entry = docs["troubleshooting/#daemon-socket-missing"]["text"]
    assert "Cause:" not in entry and "Fix:" not in entry and "Docker's own wording" not in entry
    assert "The CLI talks to the daemon through a socket file" in entry
    assert ["vm", "virtual machine"] in index["config"]["synonyms"]


def test_labels_and_acronyms_from_the_sites_own_data():
    docs = [{"location": "a/", "title": "A", "text": "<p>Tip: Add --all.</p> <p>History</p> <p>History: Compose v1</p>"
                                                     " <p>Also written: <code>docker ps</code></p> <p>Tipping point</p>"}]
    drop_labels(docs)
    assert docs[0]["text"] == "<p>Add --all.</p>   <p>Compose v1</p> <p><code>docker ps</code></p> <p>Tipping point</p>"
    groups = acronym_synonyms([("VM", "Virtual machine, a computer."), ("PID", "Process ID, the number."),
                               ("JSON", "JavaScript Object Notation, a format."), ("WSL", "Windows Subsystem for Linux, x."),
                               ("KVM", "Kernel-based Virtual Machine, the hypervisor."), ("SELinux", "A Linux module.")])
    assert groups == [["vm", "virtual machine"], ["pid", "process id"], ["json", "javascript object notation"],
                      ["wsl", "windows subsystem for linux"]]


def test_files_name_the_page_that_shows_them_whole_and_taught_commands_every_spelling(site):
    """A file's page is the first page with a block titled by its name alone; a command the site
    teaches is listed in every spelling (the ranking gives words after it less weight)."""
    config = _index(site)["config"]
    assert config["files"]["compose.yaml"] == "compose/"
    assert config["files"]["dockerfile"] == "building-images/"
    assert config["files"][".dockerignore"] == "optimizing-images/"
    taught = set(config["taught"])
    assert {"container run", "run", "image save", "save", "compose up"} <= taught
    assert "swarm init" not in taught and "container export" not in taught
