"""`mkdocs serve` converts again only the pages whose input changed (sitekit/hooks/serve_cache.py).

Every rebuild converts every page's Markdown, although an edit changes one: most of a rebuild.
Under `mkdocs serve` only, MkDocs' `Page.render` is wrapped: its result is remembered under
everything the conversion reads, and a rebuild whose page has the same inputs takes the result
back, with its side effects: the HTML, the table of contents, the title, the anchors the page
has and links to, what the site's Markdown extension recorded in the page's metadata, and the
warnings MkDocs logged while converting it (replayed, so `strict` still fails on them).

What the conversion reads: the page's Markdown (after macros) and metadata, its own address, every file's
address (links are resolved against them), the configuration file (Markdown extensions and
their settings), and the text of every file the page includes with pymdownx.snippets, its
auto-appended includes among them (as pymdownx.snippets finds them; an include inside an included
file is not followed: the site has none). `mkdocs build` never uses this: it converts every page.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sysconfig
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sitekit.snippets import includes

_MAX_PAGES = 512


def _keep(cache: dict, key, value) -> None:
    """Remember a value, starting the cache afresh once it holds _MAX_PAGES of them (a long serve
    session sees many versions of the pages)."""
    if len(cache) >= _MAX_PAGES:
        cache.clear()
    cache[key] = value


@dataclass
class Rendered:
    content: str
    toc: object
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    meta: dict = field(default_factory=dict)  # what the conversion added to page.meta
    records: list[logging.LogRecord] = field(default_factory=list)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_remembered: dict[str, Rendered] = {}
_addresses: dict[int, str] = {}  # id(Files) -> digest of every file's address, once a build


def _digest(*parts: str | bytes) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part)
        sha.update(b"\0")
    return sha.hexdigest()


def _included_text(page: Page, config) -> list[bytes]:
    """Each included file's name and text, found as pymdownx.snippets finds it: in the first of its
    base paths (relative to the working folder) that has it."""
    snippets = config["mdx_configs"].get("pymdownx.snippets", {})
    bases = [Path(base) for base in snippets.get("base_path", ["."])]
    names = [include.file for include in includes(page.markdown or "")] + list(snippets.get("auto_append", []))
    texts = []
    for name in names:
        path = next((base / name for base in bases if (base / name).is_file()), None)
        texts.append(name.encode() + b"\0" + (path.read_bytes() if path else b"<missing>"))
    return texts


def key_of(page: Page, config, files) -> str:
    if id(files) not in _addresses:
        _addresses.clear()
        _addresses[id(files)] = _digest(*(f"{f.src_uri}>{f.dest_uri}>{f.url}" for f in files))
    config_file = Path(config.config_file_path)
    return _digest(page.markdown or "", repr(sorted(page.meta.items(), key=lambda item: str(item[0]))),
                   page.file.src_uri, page.file.dest_uri, page.file.url, _addresses[id(files)],
                   config_file.read_bytes(), *_included_text(page, config))


def cached_render(render):
    """Page.render, remembering each page's result under its inputs (see the module doc)."""

    def wrapper(page: Page, config, files) -> None:
        key = key_of(page, config, files)
        found = _remembered.get(key)
        if found is None:
            before = dict(page.meta)
            capture = _Capture()
            logger = logging.getLogger("mkdocs")
            logger.addHandler(capture)
            try:
                render(page, config, files)
            finally:
                logger.removeHandler(capture)
            links = page.links_to_anchors
            found = Rendered(
                content=page.content, toc=page.toc, title=page._title_from_render,
                present_anchor_ids=page.present_anchor_ids,
                links_to_anchors=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
                meta={k: v for k, v in page.meta.items() if k not in before or before[k] is not v},
                records=capture.records)
            _keep(_remembered, key, found)
            return
        page.content, page.toc, page._title_from_render = found.content, found.toc, found.title
        page.present_anchor_ids = found.present_anchor_ids
        if found.links_to_anchors is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): dict(v)
                                     for uri, v in found.links_to_anchors.items()}
        page.meta.update(found.meta)
        for record in found.records:
            logging.getLogger(record.name).handle(record)

    wrapper.__wrapped__ = render
    return wrapper


_search_entries: dict[str, list[dict]] = {}


def cached_search_entries(add_entry_from_context):
    """Material's SearchIndex.add_entry_from_context, remembering the entries each page adds under
    what they are made of: the page's HTML, table of contents, address, title and metadata (its
    HTML parse is a good part of a rebuild). The entries are copied both ways: the index is
    rewritten after the build (sitekit/search/index_file.py)."""

    def wrapper(self, page) -> None:
        toc = [(item.id, item.url, item.title) for item in _toc_items(page.toc)]
        key = _digest(page.content or "", repr(toc), page.url, str(page.title),
                      repr(sorted(page.meta.items(), key=lambda item: str(item[0]))))
        found = _search_entries.get(key)
        if found is None:
            before = len(self.entries)
            add_entry_from_context(self, page)
            found = [dict(entry) for entry in self.entries[before:]]
            _keep(_search_entries, key, found)
            return
        self.entries.extend(dict(entry) for entry in found)

    wrapper.__wrapped__ = add_entry_from_context
    return wrapper


def _with_compiled_templates(get_env):
    """Theme.get_env giving every environment the process's compiled templates: the build's own
    gets them from sitekit/hooks/template_cache.py, but plugins (the print page, Material's
    search) make environments of their own, which compiled the theme again on every rebuild."""

    def wrapper(self, *args, **kwargs):
        from sitekit.template_cache import COMPILED_TEMPLATES

        env = get_env(self, *args, **kwargs)
        env.bytecode_cache = COMPILED_TEMPLATES
        return env

    wrapper.__wrapped__ = get_env
    return wrapper


_compiled: dict[tuple, object] = {}


def _callable_key(function) -> tuple:
    return (getattr(function, "__module__", None), getattr(function, "__qualname__", repr(type(function))),
            getattr(function, "__code__", None), getattr(function, "jinja_pass_arg", None))


def compile_settings(env) -> tuple:
    """What Jinja's lexer, parser and code generator read from an environment besides the source:
    the delimiters and whitespace rules (the key of Jinja's own lexer cache), the extensions, and
    the filters and tests by name, with their code (a filter's arguments depend on how it is
    marked, and the optimizer runs a filter on constant arguments at compile time)."""
    return (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
            env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
            env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
            tuple(sorted(env.extensions)), env.optimized, env.is_async, env.code_generator_class,
            _callable_key(env.autoescape) if callable(env.autoescape) else env.autoescape,
            _callable_key(env.finalize) if env.finalize else None,
            tuple(sorted((name, _callable_key(f)) for name, f in env.filters.items())),
            tuple(sorted((name, _callable_key(f)) for name, f in env.tests.items())))


def cached_compile(compile):
    """Jinja's Environment.compile, remembering the code of each source string under the
    environment's compile settings: mkdocs-macros compiles every page's Markdown as a template,
    in an environment it makes anew for every rebuild, though only the edited page changed.
    The code runs in the environment that asks for it, as Jinja's bytecode cache's does."""

    def wrapper(self, source, name=None, filename=None, raw=False, defer_init=False):
        if not isinstance(source, str):
            return compile(self, source, name, filename, raw, defer_init)
        key = (source, name, filename, raw, defer_init, compile_settings(self))
        found = _compiled.get(key)
        if found is None:
            found = compile(self, source, name, filename, raw, defer_init)
            _keep(_compiled, key, found)
        return found

    wrapper.__wrapped__ = compile
    return wrapper


_macro_calls: dict[tuple, list] = {}


def cached_macro_calls(calls):
    """sitekit.site_macros._calls (every macro call on a page, parsed to check it before the page
    renders), remembered by the page's Markdown and the environment's settings: parsing them is
    most of the check, and only the edited page changed. The checks themselves run every time
    (they read the data files). The calls are read, never changed, by the checks."""

    def wrapper(env, markdown: str) -> list:
        key = (markdown, compile_settings(env))
        found = _macro_calls.get(key)
        if found is None:
            found = calls(env, markdown)
            _keep(_macro_calls, key, found)
        return found

    wrapper.__wrapped__ = calls
    return wrapper


_INSTALLED = {os.path.realpath(sysconfig.get_paths()[kind]) for kind in ("purelib", "platlib")}
_package_files: dict[str, tuple[str, ...]] = {}
_theme_files: dict[tuple, list[tuple[str, str]]] = {}


def _files_under(folder: str) -> tuple[str, ...]:
    """Every file under a theme folder; an installed package's (Material's 14,000 icons) once per
    process: it does not change while `mkdocs serve` runs. The site's own (overrides/) each time."""
    real = os.path.realpath(folder)
    installed = any(real == base or real.startswith(base + os.sep) for base in _INSTALLED)
    if installed and folder in _package_files:
        return _package_files[folder]
    found = tuple(sorted(os.path.relpath(os.path.join(parent, name), folder)
                         for parent, _, names in os.walk(folder) for name in names))
    if installed:
        _package_files[folder] = found
    return found


def cached_theme_files(add_files_from_theme):
    """Files.add_files_from_theme (the theme's static files), remembering which files it adds under
    what decides them: the theme's folders and every file in them, and the configuration's
    static templates. Listing Material's folder and matching every icon against MkDocs' patterns
    is a sixth of a rebuild. A page of the site's own still takes the place of a theme file."""

    def wrapper(self: Files, env, config) -> None:
        from mkdocs import utils

        folders = tuple(config.theme.dirs)
        key = (folders, tuple(_files_under(folder) for folder in folders),
               tuple(sorted(config.theme.static_templates)), tuple(utils.markdown_extensions))
        found = _theme_files.get(key)
        if found is None:
            everything = Files([])
            add_files_from_theme(everything, env, config)
            found = [(file.src_uri, file.src_dir) for file in everything]
            _theme_files.clear()
            _theme_files[key] = found
        for path, folder in found:
            if self.get_file_from_path(path) is None:
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    wrapper.__wrapped__ = add_files_from_theme
    return wrapper


def _toc_items(toc):
    for item in toc or ():
        yield item
        yield from _toc_items(item.children)


def install() -> None:
    """Wrap Page.render for the life of this process (once); remember the search entries of each
    page, the theme's static files, the code Jinja compiles from each page's Markdown and the macro
    calls parsed from it (above); and remember the print page's rewriting of each page's links
    (mkdocs-print-site-plugin's `fix_internal_links`, a function of its arguments alone), which it
    otherwise does for every page on every rebuild."""
    if not hasattr(Page.render, "__wrapped__"):
        Page.render = cached_render(Page.render)
    from mkdocs.theme import Theme

    if not hasattr(Theme.get_env, "__wrapped__"):
        Theme.get_env = _with_compiled_templates(Theme.get_env)
    if not hasattr(Files.add_files_from_theme, "__wrapped__"):
        Files.add_files_from_theme = cached_theme_files(Files.add_files_from_theme)
    from jinja2 import Environment

    if not hasattr(Environment.compile, "__wrapped__"):
        Environment.compile = cached_compile(Environment.compile)
    from sitekit import site_macros

    if not hasattr(site_macros._calls, "__wrapped__"):
        site_macros._calls = cached_macro_calls(site_macros._calls)
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        pass
    else:
        if not hasattr(SearchIndex.add_entry_from_context, "__wrapped__"):
            SearchIndex.add_entry_from_context = cached_search_entries(SearchIndex.add_entry_from_context)
    try:
        from mkdocs_print_site_plugin import renderer
    except ImportError:
        return
    if not hasattr(renderer.fix_internal_links, "cache_info"):
        renderer.fix_internal_links = lru_cache(maxsize=_MAX_PAGES)(renderer.fix_internal_links)
