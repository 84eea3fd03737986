"""MkDocs hook: the offline copy's 404.html links its stylesheets, scripts and pages relatively.

MkDocs gives error pages absolute addresses (site_url's path), so a site can serve them at any
depth. The offline copy (mkdocs.offline.yml) is opened from the file system, where an address
starting with `/` means the root of the disk: its 404.html showed unstyled, with dead links.
It sits at the copy's top, next to index.html, so addresses relative to the top work.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import TemplateContext


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def on_template_context(context: TemplateContext, template_name: str, config: MkDocsConfig) -> TemplateContext:
    if template_name == "404.html" and _offline(config):
        context["base_url"] = "."
        context["extra_css"] = [normalize_url(str(path), None, ".") for path in config.extra_css]
        context["extra_javascript"] = [normalize_url(str(path), None, ".") for path in config.extra_javascript]
    return context
