"""MkDocs hook: the Explain page's data, javascripts/explain-data.js (sitekit/explain_data.py).

Loaded by the page only when the reader uses it. The addresses in it (where the site teaches a
command or flag, the pages warnings point to, troubleshooting entries) are checked against the
built pages: one that is not there is a warning, which fails the strict build, so a renamed
heading cannot leave the page a dead link (and a build with the macros off, for timing, still
builds).

MkDocs only (Zensical skips `hooks:`): README's Zensical section says what the page does there.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from sitekit.catalog import load_catalog
from sitekit.project import Project
from sitekit.data_files import DataFileError
from sitekit.explain import load_data
from sitekit.explain_data import SCRIPT_PATH, page_data, page_script, teaching

_nav: list[Navigation] = []  # this build's navigation; replaced by every build
log = logging.getLogger("mkdocs.plugins.sitekit.explain_data")


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _nav[:] = [nav]
    return nav


def _built(site_dir: Path, url: str) -> Path:
    path = site_dir / url
    return path / "index.html" if url.endswith("/") or url == "" else path


_ID = re.compile(r'id="([^"]+)"')
_WORD = re.compile(r"\w")


def _ids(html: str) -> set[str]:
    # `id="` found first and checked to be a whole attribute name: a pattern starting with `\b` is
    # tried at every character of every page.
    return {match.group(1) for match in _ID.finditer(html)
            if not (match.start() and _WORD.match(html, match.start() - 1))}


def _missing_addresses(content: dict, site_dir: Path) -> list[str]:
    teach = content["teach"]
    addresses = [url for url, _ in teach["commands"].values()]
    addresses += [url for flags in teach["flags"].values() for url, _ in flags.values()]
    addresses += [warning["read"][0] for warning in content["settings"]["warnings"]]
    addresses += [f"{content['troubleshooting_url']}#{entry['id']}" for entry in content["troubleshooting"]]
    ids: dict[str, set[str]] = {}
    problems = []
    for address in dict.fromkeys(addresses):
        url, _, section = address.partition("#")
        if url not in ids:
            path = _built(site_dir, url)
            ids[url] = _ids(path.read_text(encoding="utf-8")) if path.is_file() else set()
            if not path.is_file():
                problems.append(f"explain data: '{address}' names a page that was not built")
                continue
        if section and section not in ids[url]:
            problems.append(f"explain data: '{address}' names a section that is not on the page")
    return problems


def on_post_build(config: MkDocsConfig) -> None:
    pages = {Path(page.file.src_uri).stem: (page.title or "", page.url) for nav in _nav for page in nav.pages}
    order = list(pages)
    try:
        project = Project.from_config(config)
        data = load_data(project)
        catalog = load_catalog(project, chapters=project.chapters())
    except DataFileError as error:
        raise PluginError(str(error)) from None
    site = Path(config.site_dir)
    texts = {chapter: _built(site, url).read_text(encoding="utf-8") for chapter, (_, url) in pages.items()
             if _built(site, url).is_file()}
    teach = teaching(catalog, order, pages, data.plain, texts)
    content = page_data(data, teach, pages["troubleshooting"][1])
    for problem in _missing_addresses(content, Path(config.site_dir)):
        log.warning(problem)
    target = Path(config.site_dir) / SCRIPT_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page_script(content), encoding="utf-8")
