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
    if leftover:
        raise PluginError(f"{where}: a macro delimiter '{leftover.group(0)}' was left unrendered")
    return markdown


# Sections that hold a command's explanation block rank above sections that only mention it.
TEACHING_BOOST = 4
_teaching_sections: dict[str, set[str]] = {}
_HEADING_OR_BLOCK = re.compile(r'<h[1-6][^>]*\sid="(?P<heading>[^"]+)"|class="cmd-block"')


def on_page_content(html, page, config, files):
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


def on_post_build(config):
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
    index_path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
