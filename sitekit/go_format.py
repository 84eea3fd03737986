"""What a Go format string prints, as a regular expression: the engine behind the troubleshooting
entries' check that a message is Docker's own wording (sitekit/troubleshooting.py).

A Go error is often a chain: `fmt.Errorf("…: %w", err)` wraps another message where its `%w` is.
`chain_pattern` turns such a chain of format strings, outermost first, into one pattern for the
whole message a reader sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class FormatString:
    source: str  # e.g. moby/moby@docker-v29.7.2
    location: str  # file:line in that source, e.g. daemon/errors.go:63
    format: str  # the Go format string as written in the source (escapes included)

    @property
    def text(self) -> str:
        """The string's value: Go's escapes (\\n, \\") resolved."""
        return _GO_ESCAPE.sub(lambda m: _GO_ESCAPES[m.group(1)], self.format)


_GO_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'"}
_GO_ESCAPE = re.compile(r"\\([nt\"\\'])")


# Go's fmt verbs: %[flags][width][.precision]verb, and %% for a literal percent sign.
_VERB = re.compile(r"%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*))?([a-zA-Z%])")
_VERB_PATTERNS = {
    "d": r"-?\d+",
    "q": r'"(?:[^"\\\n]|\\.)*"|`[^`]*`',
    "x": r"[0-9a-fA-F]+",
    "t": r"true|false",
}
_ANY = r".+?"


def go_format_pattern(text: str, inner: str | None = None, fills: tuple[str | None, ...] = ()) -> str:
    """A regular expression for what a Go format string prints.

    With `inner`, the string wraps another message: it goes where the `%w` is, or in place of the
    last verb when there is no `%w`, or after the text when the string has no verb at all (Go code
    that joins an error to a fixed prefix). `fills` are the exact texts of the other verbs, in
    order, where the source passes constants (`fmt.Errorf("%s: %w", errSetupNetworking, err)`).
    """
    verbs = [m for m in _VERB.finditer(text) if m.group(4) != "%"]
    slot = None
    if inner is not None and verbs:
        wrapping = [m for m in verbs if m.group(4) == "w"]
        slot = wrapping[0].start() if wrapping else verbs[-1].start()
    remaining = list(fills)
    parts: list[str] = []
    position = 0
    for match in _VERB.finditer(text):
        parts.append(re.escape(text[position:match.start()]))
        verb = match.group(4)
        if verb == "%":
            parts.append("%")
        elif match.start() == slot:
            parts.append(f"(?:{inner})")
        elif remaining and remaining[0] is not None:
            parts.append(re.escape(remaining.pop(0)))
        else:
            if remaining:
                remaining.pop(0)
            parts.append(f"(?:{_VERB_PATTERNS.get(verb, _ANY)})")
        position = match.end()
    parts.append(re.escape(text[position:]))
    if inner is not None and not verbs:
        parts.append(f"(?:{inner})")
    return "".join(parts)


def chain_pattern(chain: list[tuple[FormatString, tuple[str | None, ...]]], value_after: bool = False) -> re.Pattern:
    """The whole message that a chain of format strings prints, outermost first; each link comes
    with the texts of constants it prints (see go_format_pattern). `value_after`: the innermost
    text is followed by a value that the source appends to it."""
    pattern: str | None = _ANY.replace("?", "") if value_after else None
    for string, fills in reversed(chain):
        pattern = go_format_pattern(string.text.rstrip("\n"), pattern, fills)
    return re.compile(pattern or "", re.DOTALL)
