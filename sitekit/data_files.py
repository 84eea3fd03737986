"""The one reader of the site's data files (assets/*.yaml), so that any problem is one line naming
the file and the line: the catalog, the topics, the questions and the troubleshooting entries.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from sitekit.project import PROJECT, Project

# libyaml's parser when PyYAML has it (its wheels do): several times faster than pure Python.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(Exception):
    """A data file that cannot be read. str() is one line: `assets/x.yaml:LINE: problem`."""


def shown(path: Path) -> str:
    """A data file as errors name it when no project is at hand: relative to the project it is in,
    the folder holding mkdocs.yml or assets/ (`assets/cli-reference.json`), else as given."""
    resolved = Path(path).resolve()
    for parent in resolved.parents:
        if (parent / "mkdocs.yml").is_file() or (parent / "assets").is_dir():
            return str(resolved.relative_to(parent))
    return str(path)


def stamp(path: Path) -> tuple[str, int, int] | None:
    """What tells one version of a file from another, for caches; None when it cannot be read (the
    loader then says so in one line)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path), stat.st_mtime_ns, stat.st_size)


def read_text(path: Path, project: Project = PROJECT) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[:error.start].count(b"\n") + 1
        raise DataFileError(f"{project.shown(path)}:{line}: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise DataFileError(f"{project.shown(path)}: cannot read it: {error.strerror}") from None


def load_yaml(path: Path, project: Project = PROJECT) -> tuple[object, yaml.Node | None]:
    """The document and its node tree (which knows every value's line)."""
    try:
        loader = _Loader(read_text(path, project))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise DataFileError(f"{project.shown(path)}{line}: YAML syntax error: {problem}") from None
    return data, node


def load_yaml_list(path: Path, project: Project = PROJECT) -> list[tuple[object, int]]:
    """A YAML file holding a list: each item with its line number."""
    data, node = load_yaml(path, project)
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise DataFileError(f"{project.shown(path)}:1: expected a list of entries, got {type(data).__name__}")
    return [(item, child.start_mark.line + 1) for item, child in zip(data, node.value)]


def load_yaml_lists(path: Path, keys: tuple[str, ...], project: Project = PROJECT) -> dict[str, list[tuple[object, int]]]:
    """A YAML mapping of exactly these keys, each holding a list: each list's items with their lines."""
    data, node = load_yaml(path, project)
    shown = project.shown(path)
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise DataFileError(f"{shown}:1: expected a mapping with {' and '.join(repr(k) for k in keys)}")
    if unknown := sorted(set(data) - set(keys)):
        raise DataFileError(f"{shown}:1: unknown key '{unknown[0]}' (keys: {', '.join(keys)})")
    nodes = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    found = {}
    for key in keys:
        if not isinstance(data.get(key), list):
            raise DataFileError(f"{shown}:1: '{key}' must be a list")
        found[key] = [(item, child.start_mark.line + 1) for item, child in zip(data[key], nodes[key].value)]
    return found


def line_of(node: yaml.Node, path: tuple) -> int:
    """The line (from 1) of the value at `path` (keys and list indexes) in a node tree, or of the
    deepest part of it that exists: where a pydantic error's `loc` points."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            found = node.value[part]
        else:
            found = None
        if found is None:
            break
        node = found
    return node.start_mark.line + 1


def describe(error: ValidationError) -> str:
    """The first problem pydantic found, in a few words."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "entry"
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing":
        return f"missing field '{field}'"
    if first["type"] == "extra_forbidden":
        return f"unknown field '{field}'"
    return f"field '{field}': {message}"
