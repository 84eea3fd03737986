"""Reading the site's data files (assets/*.yaml) so that any problem is one line naming the file
and the line: the one YAML reader of the catalog, the troubleshooting entries and the questions.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

ROOT = Path(__file__).resolve().parent.parent

# libyaml's parser when PyYAML has it (its wheels do): several times faster than pure Python.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(Exception):
    """A data file that cannot be read. str() is one line: `assets/x.yaml:LINE: problem`."""


def relative(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[:error.start].count(b"\n") + 1
        raise DataFileError(f"{relative(path)}:{line}: not UTF-8 text ({error.reason})") from None


def load_yaml(path: Path) -> tuple[object, yaml.Node | None]:
    """The document and its node tree (which knows every value's line)."""
    try:
        loader = _Loader(read_text(path))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise DataFileError(f"{relative(path)}{line}: YAML syntax error: {problem}") from None
    return data, node


def load_yaml_list(path: Path) -> list[tuple[object, int]]:
    """A YAML file holding a list: each item with its line number."""
    data, node = load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise DataFileError(f"{relative(path)}:1: expected a list of entries, got {type(data).__name__}")
    return [(item, child.start_mark.line + 1) for item, child in zip(data, node.value)]


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
