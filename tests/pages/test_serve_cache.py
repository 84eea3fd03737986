"""`mkdocs serve` converts again only the pages whose inputs changed (sitekit/serve_cache.py):
a remembered page comes back exactly as a conversion makes it, side effects included, and any
input that changes brings a new conversion."""

from __future__ import annotations

import logging
import os

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from sitekit import serve_cache
from sitekit.project import copy_project

PAGE = "building-images.md"  # includes example files with snippets and has placeholders


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "project")
    monkeypatch.chdir(root)  # as mkdocs serve runs: snippets are found from the working folder
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(root / "mkdocs.yml"))
    return root, config


def _render(config, render, src_uri: str = PAGE, extra: str = "") -> Page:
    files = get_files(config)
    page = Page(None, files.get_file_from_path(src_uri), config)
    page.read_source(config)
    page.markdown += extra
    render(page, config, files)
    return page


def test_a_remembered_page_is_what_a_conversion_makes(project):
    root, config = project
    plain = _render(config, Page.render)
    cached = serve_cache.cached_render(Page.render)
    first, again = _render(config, cached), _render(config, cached)
    for page in (first, again):
        assert page.content == plain.content
        assert page._title_from_render == plain._title_from_render
        assert page.present_anchor_ids == plain.present_anchor_ids
        assert [item.id for item in page.toc] == [item.id for item in plain.toc]
        assert page.meta == plain.meta


def _key(config, extra_meta: dict | None = None) -> str:
    files = get_files(config)
    page = Page(None, files.get_file_from_path(PAGE), config)
    page.read_source(config)
    page.meta.update(extra_meta or {})
    return serve_cache.key_of(page, config, files)


def test_a_changed_input_is_converted_again(project):
    root, config = project
    cached = serve_cache.cached_render(Page.render)
    before = _render(config, cached)
    # The page's own Markdown
    assert "A new sentence." in _render(config, cached, extra="\n\nA new sentence.\n").content
    # A file the page includes
    dockerfile = root / "examples" / "counter" / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text(encoding="utf-8") + "# serve-cache-marker\n", encoding="utf-8")
    assert _render(config, cached).content != before.content
    # Its metadata, and the configuration file
    key = _key(config)
    assert _key(config, {"description": "changed"}) != key
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + "\n# changed\n",
                                     encoding="utf-8")
    assert _key(config) != key


def test_warnings_of_a_remembered_page_are_logged_again(project, caplog):
    """A broken link warns on every rebuild, so `strict` still fails on it."""
    root, config = project
    cached = serve_cache.cached_render(Page.render)
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            _render(config, cached, extra="\n\nSee [nothing](no-such-page.md).\n")
        assert any("no-such-page.md" in record.getMessage() for record in caplog.records), caplog.records


def _search_entries(config, add, extra: str = "") -> list[dict]:
    from material.plugins.search.plugin import SearchIndex

    page = _render(config, Page.render, extra=extra)
    index = SearchIndex()
    add(index, page)
    return index.entries


def test_remembered_search_entries_are_what_material_makes(project):
    """Material's search entries of a page come back equal, and new when its HTML changes."""
    from material.plugins.search.plugin import SearchIndex

    root, config = project
    plain = _search_entries(config, SearchIndex.add_entry_from_context)
    cached = serve_cache.cached_search_entries(SearchIndex.add_entry_from_context)
    first, again = _search_entries(config, cached), _search_entries(config, cached)
    assert plain and first == plain and again == plain
    again[0]["text"] = "changed by a later step"  # the index is rewritten after the build
    assert _search_entries(config, cached) == plain
    edited = _search_entries(config, cached, extra="\n\n## A new section\n\nserve-cache-marker\n")
    assert any("serve-cache-marker" in entry["text"] for entry in edited)


def test_a_page_scan_is_remembered_by_its_html():
    from sitekit.search.page_scan import scan_page

    html = '<article><p>Run <code>docker container ls</code>.</p></article>'
    assert scan_page(html) is scan_page(html)
    assert scan_page(html.replace("ls", "ps")) is not scan_page(html)


def test_a_remembered_template_compiles_as_jinja_does():
    """mkdocs-macros compiles every page's Markdown in a new environment each rebuild: the code is
    remembered by source and the environment's settings, and runs in the environment that asks."""
    from jinja2 import Environment

    compile_ = serve_cache.cached_compile(Environment.compile)
    source = "{@ greeting | upper @}, {@ name @}!"

    def render(env: Environment) -> str:
        return env.template_class.from_code(env, compile_(env, source), env.make_globals(None)).render(
            greeting="hello", name="reader")

    macros = {"variable_start_string": "{@", "variable_end_string": "@}"}
    plain = Environment(**macros).from_string(source).render(greeting="hello", name="reader")
    assert render(Environment(**macros)) == plain == "HELLO, reader!"
    first, again = Environment(**macros), Environment(**macros)
    assert compile_(first, source) is compile_(again, source)
    # Jinja's own delimiters leave the same text as it is; another `upper` gives another result.
    assert render(Environment()) == source
    changed = Environment(**macros)
    changed.filters["upper"] = lambda text: text.title()
    assert compile_(changed, source) is not compile_(first, source)
    assert render(changed) == "Hello, reader!"


def _theme_files(config, add) -> list[tuple[str, str]]:
    files = get_files(config)
    add(files, config.theme.get_env(), config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def test_remembered_theme_files_are_what_mkdocs_adds(project):
    """The theme's static files come back as MkDocs adds them, and a file added to the site's own
    theme folder (overrides/) or to the pages is seen."""
    from mkdocs.structure.files import Files

    root, config = project
    cached = serve_cache.cached_theme_files(Files.add_files_from_theme)
    plain = _theme_files(config, Files.add_files_from_theme)
    assert any("/material/" in path for _, path in plain) and _theme_files(config, cached) == plain
    (root / "overrides" / "serve-cache-marker.js").write_text("// new\n", encoding="utf-8")
    plain = _theme_files(config, Files.add_files_from_theme)
    assert ("serve-cache-marker.js", str(root / "overrides" / "serve-cache-marker.js")) in plain
    assert _theme_files(config, cached) == plain
    # A page's own file takes the place of the theme's file of the same name.
    theme_asset = next(uri for uri, path in plain if "/material/" in path and uri.endswith(".js"))
    (root / "docs" / theme_asset).parent.mkdir(parents=True, exist_ok=True)
    (root / "docs" / theme_asset).write_text("// the site's own\n", encoding="utf-8")
    plain = _theme_files(config, Files.add_files_from_theme)
    assert (theme_asset, str(root / "docs" / theme_asset)) in plain
    assert _theme_files(config, cached) == plain


def test_remembered_macro_calls_are_what_the_check_parses():
    """The macro calls on a page, parsed for the checks before it renders, come back as parsed
    (with their lines); an edited page is parsed again, and a syntax error is raised every time."""
    from jinja2 import Environment, TemplateSyntaxError

    from sitekit import site_macros

    env = Environment(variable_start_string="{@", variable_end_string="@}")
    calls = serve_cache.cached_macro_calls(site_macros._calls)
    page = 'Intro.\n\n{@ command("run-web1") @}\n\nMore.\n{@ flags("a", b=1) @}\n'

    def seen(found) -> list:
        return [(call.node.name, call.lineno, [a.as_const() for a in call.args]) for call in found]

    assert seen(calls(env, page)) == seen(site_macros._calls(env, page)) == [
        ("command", 3, ["run-web1"]), ("flags", 6, ["a"])]
    assert calls(env, page) is calls(env, page)
    assert seen(calls(env, page + '{@ command("other") @}'))[-1] == ("command", 7, ["other"])
    for _ in range(2):
        with pytest.raises(TemplateSyntaxError):
            calls(env, "{@ command( @}")


def test_serve_looks_for_edits_five_times_a_second(monkeypatch, tmp_path):
    """sitekit/hooks/serve_polling.py: the development server's watcher polls every 0.1 s under
    `mkdocs serve` (MkDocs' default is 0.5 s); `mkdocs build` leaves the server as it is."""
    from mkdocs.livereload import LiveReloadServer

    from sitekit.hooks import serve_polling

    monkeypatch.setattr(LiveReloadServer, "__init__", LiveReloadServer.__init__)  # undone after the test

    def interval() -> float:
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
        server.server_close()
        return server.observer.timeout

    serve_polling.on_startup("build", dirty=False)
    assert interval() == 0.5
    serve_polling.on_startup("serve", dirty=False)
    serve_polling.on_startup("serve", dirty=False)  # once, however often it is called
    assert interval() == serve_polling.POLLING_INTERVAL == 0.1
