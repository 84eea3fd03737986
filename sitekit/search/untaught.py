"""The Docker commands the site does not teach, and where Docker documents them.

A reader who types `docker save` should read "not covered here" and a link to the command's page
in Docker's reference, not the first page that happens to say "save". The CLI reference knows
every command and its spellings; the catalog knows which ones the site teaches. The engine shows
the notice when a query names one of the others; these links are followed only when the reader
chooses them.
"""

from __future__ import annotations

from typing import Mapping

from sitekit.cli_reference import Reference

# Docker's documentation search, for a query the site has nothing good for.
DOCUMENTATION_SEARCH = "https://docs.docker.com/search/?q="


def untaught_commands(reference: Reference, taught: set[str],
                      plugins: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """Every spelling of a command after `docker` (`save`, `image save`) that the catalog does
    not teach -> [the command's canonical name, its reference page]; also the Docker Desktop
    plugins the Explain page knows (`plugins`: name -> reference page, assets/explain.yaml), whose
    commands no CLI reference of the Engine lists (`docker model run`)."""
    found = {}
    for spelling, key in sorted(reference.spellings.items()):
        if key not in taught:
            found[spelling] = [f"docker {key}", reference.documentation(key)]
    for key, command in reference.desktop_commands.items():
        if key not in taught:
            found[key] = [f"docker {key}", command.documentation]
    for key, documentation in (plugins or {}).items():
        if key not in taught and key not in found:
            found[key] = [f"docker {key}", documentation]
    return found
