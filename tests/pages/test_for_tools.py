"""The site for tools and AI assistants: /llms.txt, a Markdown copy of every page, /commands.json.

Each is checked for its shape, for completeness (every page, every command) and for links that
resolve to a file of the built site and, where they name one, an anchor on that page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import dockerfile
import pytest

from sitekit.catalog import load_catalog
from sitekit.cli_reference import load_reference
from sitekit.for_tools import markdown_address
from sitekit.project import ROOT, nav_entries, read_mkdocs_config

DOCS = ROOT / "docs"
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _site_url(site: Path) -> str:
    first = re.search(r"\]\((https?://[^)]+?)index\.md\)", (site / "llms.txt").read_text(encoding="utf-8"))
    assert first, "llms.txt links the home page's Markdown copy"
    return first.group(1)


def _resolve(site: Path, html_pages: dict, address: str, base: str) -> str | None:
    """What is wrong with a link of the outputs, or None when it resolves."""
    if not address.startswith(base):
        return None if urlsplit(address).scheme in ("http", "https", "mailto") else f"{address}: not absolute"
    parts = urlsplit(address[len(base) - 1:])
    path = parts.path.lstrip("/")
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
        path = f"{path}index.html"
    if not target.is_file():
        return f"{address}: no file {path} in the site"
    if parts.fragment:
        soup = html_pages.get(path)
        if soup is None or soup.find(id=parts.fragment) is None:
            return f"{address}: no #{parts.fragment} on {path}"
    return None


def _nav_pages() -> list[str]:
    return [file for _, file in nav_entries(read_mkdocs_config()["nav"])]


def _page_key(file: str) -> str:
    stem = Path(file).stem
    return "index.html" if stem == "index" else f"{stem}/index.html"


# ------------------------------------------------------------------------------------- llms.txt

def test_llms_txt_follows_the_format_and_links_every_page(site, html_pages):
    text = (site / "llms.txt").read_text(encoding="utf-8")
    config = read_mkdocs_config()
    lines = text.splitlines()
    # llmstxt.org: an H1 with the name, a blockquote summary, then H2 sections of link lists.
    assert lines[0] == f"# {config['site_name']}"
    assert lines[2] == f"> {config['site_description']}"
    assert not [line for line in lines[1:] if line.startswith("# ")], "one H1 only"
    sections = [line for line in lines if line.startswith("## ")]
    assert len(sections) >= 5
    after_first_section = lines[lines.index(sections[0]):]
    for line in after_first_section:
        assert line == "" or line.startswith("## ") or re.fullmatch(r"- \[[^\]]+\]\([^)]+\)(: .+)?", line), line
    base = _site_url(site)
    links = [(title, address) for title, address in LINK.findall("\n".join(after_first_section))]
    expected = [f"{base}{markdown_address(_page_key(file).removesuffix('index.html'))}" for file in _nav_pages()]
    assert [address for _, address in links] == expected, "every page once, in the navigation's order"
    for (title, address), file in zip(links, _nav_pages()):
        soup = html_pages[_page_key(file)]
        description = soup.find("meta", attrs={"name": "description"})["content"]
        assert f"[{title}]({address}): {description}" in text
    problems = [p for _, address in LINK.findall(text) if (p := _resolve(site, html_pages, address, base))]
    assert not problems, problems


# ---------------------------------------------------------------------------- Markdown copies

def test_every_page_has_a_clean_markdown_copy_linked_from_it(site, html_pages):
    base = _site_url(site)
    for file in _nav_pages():
        key = _page_key(file)
        address = markdown_address(key.removesuffix("index.html"))
        copy = site / address
        assert copy.is_file(), f"{file}: no {address}"
        text = copy.read_text(encoding="utf-8")
        soup = html_pages[key]
        title = soup.select_one("article h1").get_text(" ", strip=True).replace("¶", "").strip()
        assert text.startswith(f"# {title}\n"), f"{address} starts with the page's title"
        # No theme or macro markup: no HTML tags, no macro delimiters, no permalink signs.
        outside_code = re.sub(r"(?ms)^(`{3,}).*?^\1", "", text)
        outside_code = re.sub(r"`[^`\n]+`", "", outside_code)
        tag = re.search(r"(?<!\\)</?[a-z][a-z0-9]*(\s[^>]*)?>", outside_code)  # `\<` is escaped text
        assert not tag, f"{address}: HTML left: {tag.group(0) if tag else ''}"
        assert "{@" not in text and "@}" not in text and "¶" not in text and "--8<--" not in text, address
        # Linked from the page, for readers and for tools.
        alternate = soup.find("link", rel="alternate", type="text/markdown")
        assert alternate and alternate["href"].endswith(address), key
        assert soup.select_one(f".md-copyright a[type='text/markdown'][href$='{address}']"), key
        problems = [p for _, link in LINK.findall(text) if (p := _resolve(site, html_pages, link, base))]
        assert not problems, f"{address}: {problems}"


def test_markdown_copies_hold_what_macros_and_snippets_made(site):
    catalog = load_catalog()
    for located in catalog.commands.values():
        entry = located.entry
        # Blocks inside admonitions are quoted: read them without the quote marks.
        text = re.sub(r"(?m)^(> ?)+", "", (site / f"{entry.chapter}.md").read_text(encoding="utf-8"))
        assert f"```bash\n{entry.shown}\n```" in text, f"{entry.chapter}.md: the block of {entry.id}"
        for flag in entry.flags:
            assert f"`{flag}`" in text, f"{entry.chapter}.md: {entry.id} {flag}"
    # A snippet include: the example's Dockerfile, in full, in a fenced block.
    building = (site / "building-images.md").read_text(encoding="utf-8")
    first_instruction = dockerfile.parse_file(str(ROOT / "examples" / "counter" / "Dockerfile"))[0].original
    assert "```dockerfile\n" in building and first_instruction in building
    # A diagram becomes its text alternative; questions come with their answers.
    assert "*Diagram: " in (site / "architecture.md").read_text(encoding="utf-8")
    running = (site / "running-containers.md").read_text(encoding="utf-8")
    assert "## Check your understanding" in running and "**Answer: " in running and "Where this is taught:" in running


# ------------------------------------------------------------------------------ commands.json

def test_commands_json_lists_every_catalog_command_with_working_addresses(site, html_pages):
    data = json.loads((site / "commands.json").read_text(encoding="utf-8"))
    assert set(data) >= {"site", "versions", "commands"}
    assert data["versions"] == load_reference().versions
    catalog = load_catalog()
    entries = {entry["id"]: entry for entry in data["commands"]}
    assert len(entries) == len(data["commands"]) == len(catalog.commands), "every command once"
    base = _site_url(site)
    problems = []
    for command_id, located in catalog.commands.items():
        expected = located.entry
        entry = entries[command_id]
        assert entry["command"] == expected.command
        assert entry["summary"] == expected.summary and entry["summary"]
        assert entry["docker_command"] == f"docker {expected.parsed.key}"
        assert entry["aliases"] == expected.aliases
        assert [f["flag"] for f in entry["flags"]] == list(expected.flags)
        for flag in entry["flags"]:
            assert flag["explanation"] == expected.flags[flag["flag"]]
            assert flag["short"] == (None if expected.parsed.desktop_only
                                     else load_reference().short_form(expected.parsed.key, flag["flag"]))
            problems.append(_resolve(site, html_pages, flag["url"], base))
        assert entry["url"].endswith(f"#cmd-{command_id}")
        assert entry["chapter"]["title"], command_id
        problems += [_resolve(site, html_pages, entry["url"], base),
                     _resolve(site, html_pages, entry["chapter"]["url"], base)]
        block = html_pages[_page_key(f"{expected.chapter}.md")].find(id=f"cmd-{command_id}")
        assert expected.command in block.get_text(), command_id
    problems = [p for p in problems if p]
    assert not problems, problems[:5]


@pytest.mark.parametrize(
    ("page_url", "address"),
    [("", "index.md"), ("networking/", "networking.md"), ("networking.html", "networking.md"),
     ("index.html", "index.md")],
)
def test_markdown_addresses_are_predictable(page_url, address):
    assert markdown_address(page_url) == address

