"""MkDocs hooks: checks that turn bad input into one readable error line, and the search worker.

Registered in mkdocs.yml under `hooks:`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sitekit.snippets import SnippetError, check_snippets  # noqa: E402


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
