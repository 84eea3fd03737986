"""MkDocs hooks: checks that turn bad input into one readable error line, table wrapping, the print
page's anchors, and the search index additions (sitekit/search_index.py).

Registered in mkdocs.yml under `hooks:`.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sitekit.search_index import extend_search_index  # noqa: E402
from sitekit.snippets import SnippetError, check_snippets  # noqa: E402


class _DropBarePageErrorHeader(logging.Filter):
    """MkDocs logs "Error reading page 'x.md':" with nothing after it before our own error line,
    which already names the page and line: keep the output to that one line."""

    _BARE = re.compile(r"^Error (reading|building) page '[^']+':$")

    def filter(self, record: logging.LogRecord) -> bool:
        return not self._BARE.match(record.getMessage())


logging.getLogger("mkdocs.commands.build").addFilter(_DropBarePageErrorHeader())


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
    return prewrap_tables(html)


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
    extend_search_index(config)
