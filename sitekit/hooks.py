"""MkDocs hooks: checks that turn bad input into one readable error line, and the search worker.

Registered in mkdocs.yml under `hooks:`.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sitekit.project import nav_entries  # noqa: E402
from sitekit.snippets import SnippetError, check_snippets  # noqa: E402


class _DropBarePageErrorHeader(logging.Filter):
    """MkDocs logs "Error reading page 'x.md':" with nothing after it before our own error line,
    which already names the page and line: keep the output to that one line."""

    _BARE = re.compile(r"^Error (reading|building) page '[^']+':$")

    def filter(self, record: logging.LogRecord) -> bool:
        return not self._BARE.match(record.getMessage())


logging.getLogger("mkdocs.commands.build").addFilter(_DropBarePageErrorHeader())


def _material_search_worker() -> str:
    import material

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    found = sorted(workers.glob("search.*.min.js"))
    if len(found) != 1:
        raise PluginError(f"expected one Material search worker in {workers}, found {len(found)}")
    return f"assets/javascripts/workers/{found[0].name}"


def on_env(env, config, files):
    env.globals["material_search_worker"] = _material_search_worker()
    return env


def _macros_enabled(config) -> bool:
    plugin = config.plugins.get("macros")
    return plugin is not None and plugin.config.get("enabled", True) is not False


def on_page_markdown(markdown, page, config, files):
    where = f"docs/{page.file.src_path}"
    if not str(page.meta.get("description") or "").strip():
        raise PluginError(f"{where}:1: front matter has no 'description:' (one sentence for search engines)")
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    try:
        check_snippets(markdown, source, where, base=ROOT)
    except SnippetError as error:
        raise PluginError(str(error)) from None
    leftover = re.search(r"\{@[%#]?|[%#]?@\}", markdown)
    if leftover and _macros_enabled(config):
        raise PluginError(f"{where}: a macro delimiter '{leftover.group(0)}' was left unrendered")
    return markdown


# Sections that hold a command's explanation block rank above sections that only mention it.
TEACHING_BOOST = 4
_teaching_sections: dict[str, set[str]] = {}
_HEADING_OR_BLOCK = re.compile(r'<h[1-6][^>]*\sid="(?P<heading>[^"]+)"|class="cmd-block"')


# Material wraps every class-less table in scroll containers when a page loads, which moves each
# table in the DOM and makes the browser style and lay it out again (on the cheat sheet, most of
# the main thread's work on a phone). The build writes that wrapper instead; the class keeps
# Material's script away, and stylesheets/site.css gives `table.site-table` Material's table look.
TABLE_CLASS = "site-table"
_BARE_TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)


def prewrap_tables(html: str) -> str:
    return _BARE_TABLE.sub(
        lambda m: ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                   f'<table class="{TABLE_CLASS}">{m.group(1)}</table></div></div>'), html)


def on_page_content(html, page, config, files):
    html = prewrap_tables(html)
    anchors: set[str] = set()
    current = ""
    for match in _HEADING_OR_BLOCK.finditer(html):
        if match.group("heading") is not None:
            current = match.group("heading")
        else:
            anchors.add(current)
    if anchors:
        _teaching_sections[page.url] = anchors
    else:
        _teaching_sections.pop(page.url, None)
    return html


_page_urls: dict[str, str] = {}


def on_files(files, config):
    _page_urls.clear()
    for file in files.documentation_pages():
        _page_urls[Path(file.src_uri).stem] = file.url
    return files


def _nav_order(config) -> list[str]:
    return [Path(file).stem for _, file in nav_entries(config.get("nav")) if file.endswith(".md")]


def _command_docs(config) -> list[dict]:
    """One search entry per catalog command and per flag, at the block that explains it.

    Readers search for `docker network create` or `--volumes-from`; these entries carry the
    command or flag in their title, so the chapter that explains it ranks first, and the result
    links straight to the explanation.
    """
    from sitekit.catalog import load_catalog
    from sitekit.cli_reference import parse_command
    from sitekit.render import flag_anchor

    docs_dir = Path(config["docs_dir"])
    catalog = load_catalog(chapters={p.stem for p in docs_dir.glob("*.md")})
    order = {chapter: index for index, chapter in enumerate(_nav_order(config))}
    docs: list[dict] = []
    flag_homes: dict[tuple[str, str], list] = {}
    for located in catalog.commands.values():
        entry = located.entry
        url = _page_urls.get(entry.chapter)
        if url is None:
            continue
        docs.append({"location": f"{url}#cmd-{entry.id}", "title": entry.command, "text": entry.summary})
        key = parse_command(entry.command).key
        for flag, text in entry.flags.items():
            flag_homes.setdefault((key, flag), []).append((entry, text))
    for (key, flag), uses in flag_homes.items():
        per_chapter: dict[str, int] = {}
        for entry, _ in uses:
            per_chapter[entry.chapter] = per_chapter.get(entry.chapter, 0) + 1
        # The flag's home is where the reader first meets its explanation, in reading order.
        home = min(per_chapter, key=lambda c: order.get(c, 999))
        entry, text = next((e, t) for e, t in uses if e.chapter == home)
        short = reference_short(key, flag)
        docs.append({
            "location": f"{_page_urls[home]}#{flag_anchor(entry.id, flag)}",
            "title": f"{flag} (docker {key})",
            "text": text,
            "keywords": " ".join(flag_keyword(f) for f in (flag, short) if f),
        })
    return docs


def flag_keyword(flag: str) -> str:
    """The index word for a flag: `--volumes-from` is `flagvolumesfrom`, `-p` is `flagp`.

    The search worker (docs/javascripts/search-worker.js) adds the same word to a query that
    contains the flag, so the flag's own explanation outranks every page that merely says "rm".
    """
    return "flag" + re.sub(r"[^a-z0-9]", "", flag.lower())


def reference_short(key: str, flag: str) -> str | None:
    from sitekit.cli_reference import short_form

    return short_form(key, flag)


_PRINT_SITE_ASSET = re.compile(
    r'\s*<link[^>]+href="[^"]*css/print-site[^"]*\.css"[^>]*>|\s*<script[^>]+src="[^"]*js/print-site\.js"[^>]*></script>'
)


def on_post_page(output, page, config):
    # mkdocs-print-site-plugin adds its CSS and JS to every page; only the print page uses them,
    # and each is a request that every other page would pay for.
    if page.url.startswith("print_page"):
        return output
    return _PRINT_SITE_ASSET.sub("", output)


_PRINT_SECTION = re.compile(r'(<section class="print-page" id="(?P<page>[^"]+)")')


def _fix_print_page_anchors(site_dir: Path) -> None:
    """The print-site plugin prefixes heading ids and every link with the page's id, but not the
    ids of command blocks (they are on <div>s): give those the same prefix so the links work."""
    path = site_dir / "print_page" / "index.html"
    if not path.exists():
        return
    parts = _PRINT_SECTION.split(path.read_text(encoding="utf-8"))
    # split() gives: text, section tag, page id, section body, section tag, page id, section body…
    fixed = [parts[0]]
    for index in range(1, len(parts), 3):
        tag, page, body = parts[index], parts[index + 1], parts[index + 2]
        def prefixed(match, page=page):
            anchor = match.group(1)
            return match.group(0) if anchor.startswith(f"{page}-") else f'id="{page}-{anchor}"'

        fixed += [tag, re.sub(r'\bid="((?:cmd|cheat)-[^"]*)"', prefixed, body)]
    path.write_text("".join(fixed), encoding="utf-8")


def on_post_build(config):
    _fix_print_page_anchors(Path(config["site_dir"]))
    index_path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        page, _, anchor = doc["location"].partition("#")
        # The page's first section (its title and intro) has no anchor; MkDocs gives h1 one.
        if anchor in _teaching_sections.get(page, ()) or (not anchor and page in _teaching_sections
                                                          and any(_teaching_sections[page])):
            doc["boost"] = doc.get("boost", 1) * (TEACHING_BOOST if anchor else 2)
    index["docs"].extend(_command_docs(config))
    index["config"]["fields"]["keywords"] = {"boost": 10000.0}
    index_path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
