"""What the search needs from one built page, read once: the commands and flags its prose talks
about, its description, and its blocks of sample output."""

from __future__ import annotations

import hashlib
from collections import Counter
from html.parser import HTMLParser

_VOID = ("br", "img", "hr", "input", "meta", "link", "wbr")


class PageScan(HTMLParser):
    """Counts inline <code> in a page's prose by its first word, and a command by its first
    words: outside code blocks, command blocks and links, where the text talks about a flag or a
    command rather than only using it (`--publish 5000:5000` counts for `--publish`;
    `docker container run --rm web1` for `docker container run` and no flag).

    Also keeps the page's description, the text of its sample output: code blocks marked `text`
    without a file name (the site's convention for what a command prints; a titled `text` block
    is a file, such as .dockerignore, or what you type at a prompt), and the terms each section
    defines: what its prose writes in bold ("A **bind mount** makes…") or as a definition list's
    term, the site's way of introducing a word, by the id of the heading above them (`""` before
    the first section heading); a definition list's terms are also kept apart (`terms`): they
    head their definitions as headings do. A bold label ending in a colon ("Tip:") defines
    nothing. And the titles of the code blocks each section shows: the files it holds
    (`compose.yaml`, `Dockerfile (end)`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: Counter[str] = Counter()
        self.description = ""  # the page's <meta name="description">: its front matter's description
        self.outputs: set[str] = set()  # each sample output block's text, stripped
        self.defines: dict[str, list[str]] = {}  # section anchor -> the terms its prose defines
        self.files: dict[str, list[str]] = {}  # section anchor -> the titles of its code blocks
        self.terms: dict[str, list[str]] = {}  # section anchor -> its definition lists' terms
        self._filename: list[str] | None = None
        self._section = ""
        self._heading: int | None = None  # depth of the heading being read
        self._term: list[str] | None = None  # text of a <strong> or <dt> being read
        self._term_depth = 0
        self._term_tag = ""
        self._skip: list[int] = []  # depth of the command block or <pre> being skipped
        self._depth = 0
        self._code: list[str] | None = None
        self._text_block: int | None = None  # depth of a `language-text` block being read
        self._titled = False
        self._output: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("name") == "description":
            self.description = attributes.get("content") or ""
        if tag in _VOID:
            return
        self._depth += 1
        classes = (attributes.get("class") or "").split()
        if tag == "div" and "language-text" in classes and self._text_block is None:
            self._text_block, self._titled = self._depth, False
        elif self._text_block is not None and tag == "span" and "filename" in classes:
            self._titled = True
        if tag == "span" and "filename" in classes:
            self._filename = []
        elif self._text_block is not None and tag == "code" and not self._titled:
            self._output = []
        # Code blocks and command blocks use flags; a link (a command table's row, a reference to
        # another page) points at where they are explained; what search leaves out (a chapter's
        # questions, data-search-exclude) is not what the page teaches.
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is None:
            self._heading = self._depth
            if tag != "h1" and attributes.get("id"):
                self._section = attributes["id"] or ""
        excluded = "data-search-exclude" in attributes
        if not self._skip and (tag in ("pre", "a") or "cmd-block" in classes or excluded):
            self._skip.append(self._depth)
        elif not self._skip and tag == "code":
            self._code = []
        if not self._skip and self._heading is None and self._term is None and tag in ("strong", "dt"):
            self._term, self._term_depth, self._term_tag = [], self._depth, tag

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag == "span" and self._filename is not None:
            title = " ".join("".join(self._filename).split())
            if title:
                self.files.setdefault(self._section, []).append(title)
            self._filename = None
        if tag == "code" and self._output is not None:
            self.outputs.add("".join(self._output).strip())
            self._output = None
        if self._text_block == self._depth:
            self._text_block = None
        if self._heading == self._depth:
            self._heading = None
        if self._term is not None and self._term_depth == self._depth:
            term = " ".join("".join(self._term).split())
            if term and not term.endswith(":"):
                self.defines.setdefault(self._section, []).append(term)
                if self._term_tag == "dt":
                    self.terms.setdefault(self._section, []).append(term)
            self._term = None
        if self._skip and self._skip[-1] == self._depth:
            self._skip.pop()
        elif tag == "code" and self._code is not None:
            words = "".join(self._code).split()
            if words:
                self.counts[words[0].split("=", 1)[0]] += 1
            if words[:1] == ["docker"]:  # a command the text names: each of its first words
                for size in range(2, min(len(words), 4) + 1):
                    self.counts[" ".join(words[:size])] += 1
            self._code = None
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._code is not None:
            self._code.append(data)
        if self._output is not None:
            self._output.append(data)
        if self._term is not None:
            self._term.append(data)
        if self._filename is not None:
            self._filename.append(data)


_scanned: dict[str, PageScan] = {}
_MAX_SCANNED = 256


def scan_page(html: str) -> PageScan:
    """The scan of a page's HTML, remembered by its text: a `mkdocs serve` rebuild after one edit
    scans one page again, not every page (callers only read a scan)."""
    key = hashlib.sha256(html.encode("utf-8", "surrogateescape")).hexdigest()
    scan = _scanned.get(key)
    if scan is None:
        scan = PageScan()
        scan.feed(html)
        if len(_scanned) >= _MAX_SCANNED:
            _scanned.clear()
        _scanned[key] = scan
    return scan


def prose_mentions(html: str) -> Counter[str]:
    return scan_page(html).counts
