"""The entries and fields the build adds to Material's index, all from the site's own data.

- one entry per catalog command and per flag, at the block that explains it, with `spellings`:
  other ways to write its title, searched but not shown (aliases, short flags, combined switches);
- a troubleshooting entry's section answers to its messages (`spellings`), marked as a message's
  entry;
- each page's own entry carries the page's description, each section the terms it defines and
  the files it shows (its code blocks' titles), which name it as a heading would;
- a glossary term's section is marked as such (the engine ranks it below a chapter that explains it);
- sample output (a page's untitled `text` blocks) moves from a section's `text` to its `output`,
  which weighs less: a word that a command printed is not what the section explains;
- the labels the site writes on every page (`Tip:`, `Also written:`, a troubleshooting entry's
  `Cause:`, an admonition titled only `History` or `Warning`) leave the text: they are the
  site's furniture, not what a section is about (`history`, `platform` and `warning` are also
  words readers search for).
"""

from __future__ import annotations

import html
import re
from typing import TypedDict

from mkdocs.config.defaults import MkDocsConfig

from sitekit.catalog import Catalog
from sitekit.cli_reference import Reference
from sitekit.troubleshooting import Troubleshooting

from sitekit.render import ALSO_WRITTEN, NOTE_LABELS
from sitekit.render_troubleshooting import ENTRY_LABELS
from sitekit.search.page_scan import PageScan
from sitekit.search.ranking import OTHER_USE_BOOST, command_homes, flag_homes
from sitekit.search.site_pages import page_url, reading_order
from sitekit.search.spellings import combined_switches, short_spellings


class SearchDoc(TypedDict, total=False):
    location: str
    title: str
    text: str
    spellings: list[str]  # other ways to write the title (aliases, short flags): searched, not shown
    description: str  # a page's own entry: the page's description
    entry: str  # "command" or "flag" (added by the build), "term" (glossary), "message" (troubleshooting)
    output: str  # the section's sample output, apart from its prose
    defines: list[str]  # the terms its prose introduces (in bold, or as a definition list's terms)
    files: list[str]  # the titles of the code blocks it shows: the files it holds
    terms: list[str]  # the terms of its definition lists, which head their definitions
    boost: float  # how much the engine multiplies its score by


def describe_pages(docs: list[SearchDoc], pages: dict[str, PageScan], config: MkDocsConfig) -> None:
    """Give each page's own entry (the one without #) the page's description: one sentence
    written to say what the page is for, in the words a reader searching for it would use."""
    descriptions = {page_url(stem, config): built.description for stem, built in pages.items()}
    for doc in docs:
        if descriptions.get(doc["location"]):
            doc["description"] = descriptions[doc["location"]]


def name_troubleshooting_entries(docs: list[SearchDoc], troubleshooting: Troubleshooting) -> None:
    """Give each troubleshooting entry's section the messages it explains as other names for it
    (`spellings`): a reader pastes the message, not the entry's title. The section is the one
    with the entry's id that shows the message (assets/troubleshooting.yaml)."""
    for located in troubleshooting.entries:
        entry = located.entry
        lines = [message.text.strip().splitlines()[0] for message in entry.messages]
        for doc in docs:
            if (doc["location"].endswith(f"#{entry.id}")
                    and all(html.escape(line, quote=False) in doc["text"] for line in lines)):
                doc["spellings"] = lines
                doc["entry"] = "message"


def command_entries(config: MkDocsConfig, pages: dict[str, PageScan], catalog: Catalog,
                    reference: Reference) -> list[SearchDoc]:
    """One search entry per catalog command and per flag, at the block that explains it.

    An entry's `spellings` are other ways to write its title, which the engine treats as titles
    too: a command's aliases and the same lines with short flags, a flag's short form. A flag
    that several chapters use gets one entry, in its home chapter (ranking.flag_homes).
    """
    from sitekit.render import anchor, flag_anchor

    order = {stem: rank for rank, stem in enumerate(reading_order(config))}
    mentions = {stem: built.counts for stem, built in pages.items()}

    docs: list[SearchDoc] = []
    uses: dict[tuple[str, str], list] = {}
    combined: dict[tuple[str, str], set[str]] = {}  # (command, flag) -> `-it` where -i is written so
    entries = [located.entry for located in catalog.commands.values() if located.entry.chapter in order]
    homes = command_homes(entries, mentions, order)
    for entry in entries:
        also = "".join(f" <code>{html.escape(alias)}</code>" for alias in entry.aliases)
        # Titles are HTML in Material's index: `<your-docker-id>` must show, not vanish as a tag.
        written = [entry.command, *entry.aliases]
        spellings = [*entry.aliases, *(s for line in written for s in short_spellings(line, reference))]
        doc: SearchDoc = {"location": f"{page_url(entry.chapter, config)}#{anchor(entry.id)}",
                          "title": html.escape(entry.command), "text": entry.summary + (f" Also written:{also}" if also else ""),
                          "entry": "command"}
        if spellings:
            doc["spellings"] = list(dict.fromkeys(s for s in spellings if s != entry.command))
        if homes[entry.parsed.key] is not entry:
            doc["boost"] = OTHER_USE_BOOST
        docs.append(doc)
        for flag, token in combined_switches(entry.parsed.key, spellings, reference):
            combined.setdefault((entry.parsed.key, flag), set()).add(token)
        for flag in entry.flags:
            uses.setdefault((entry.parsed.key, flag), []).append(entry)
    for (key, flag), home in flag_homes(uses, mentions, order).items():
        entry = next(e for e in uses[(key, flag)] if e.chapter == home)
        short = reference.short_form(key, flag)
        spelled = f"docker {entry.parsed.spelled}"
        text = f"<code>{html.escape(spelled)}</code>: {entry.flags[flag]}"
        doc = {"location": f"{page_url(home, config)}#{flag_anchor(entry.id, flag)}", "title": flag,
               "text": f"{text} Short form: <code>{short}</code>." if short else text, "entry": "flag"}
        if short:
            doc["spellings"] = [short, *sorted(combined.get((key, flag), ()))]
        docs.append(doc)
    return docs


def mark_glossary_terms(docs: list[SearchDoc], terms: list[tuple[str, str]]) -> None:
    """Mark each glossary term's section (titled by the term, anchored by render.term_anchor,
    holding its definition) as a term's entry: the engine ranks it below a chapter that explains
    the same word, unless the query asks what the word means."""
    from sitekit.render import term_anchor

    definitions = {f"#{term_anchor(term)}": (term, text) for term, text in terms}
    for doc in docs:
        anchor = doc["location"][doc["location"].find("#"):] if "#" in doc["location"] else ""
        if anchor in definitions:
            term, text = definitions[anchor]
            if doc["title"] == html.escape(term, quote=False) and html.escape(text, quote=False) in doc["text"]:
                doc["entry"] = "term"


def note_defined_terms(docs: list[SearchDoc], pages: dict[str, PageScan], config: MkDocsConfig) -> None:
    """Give each section the terms its prose defines and the files it shows (page_scan.PageScan):
    the section that introduces a word, or shows a file, not one that only uses it, is where a
    reader asking for it lands."""
    by_location = {doc["location"]: doc for doc in docs}
    for stem, scan in pages.items():
        url = page_url(stem, config)
        for field, found in (("defines", scan.defines), ("files", scan.files), ("terms", scan.terms)):
            for anchor, terms in found.items():
                doc = by_location.get(f"{url}#{anchor}" if anchor else url)
                if doc is not None:
                    doc[field] = list(dict.fromkeys(terms))


_BLOCK = re.compile(r"<pre><code>(.*?)</code></pre>", re.DOTALL)


def split_sample_output(docs: list[SearchDoc], pages: dict[str, PageScan], config: MkDocsConfig) -> None:
    """Move each section's sample output (its page's untitled `text` blocks) from `text` to
    `output`. A troubleshooting entry's messages stay: they are what it explains."""
    outputs = {page_url(stem, config): scan.outputs for stem, scan in pages.items()}
    for doc in docs:
        if doc.get("entry") or doc.get("spellings"):
            continue
        page = outputs.get(doc["location"].split("#")[0])
        if not page:
            continue
        moved: list[str] = []

        def take(match: re.Match) -> str:
            if html.unescape(match.group(1)).strip() in page:
                moved.append(match.group(0))
                return " "
            return match.group(0)

        text = _BLOCK.sub(take, doc["text"])
        if moved:
            doc["text"] = text
            doc["output"] = " ".join(moved)


# An admonition's title when it is only its kind (or a kind the site's pages use as a title).
ADMONITION_LABELS = ("Note", "Tip", "Info", "Warning", "History", "What changed")


def drop_labels(docs: list[SearchDoc]) -> None:
    """Take the site's labels out of each section's text: a paragraph's opening `Tip:` or
    `Cause:`, and an admonition's title that only says its kind (`History`), or its kind before
    what it is about (`History: Compose v1, v2 and v5` keeps `Compose v1, v2 and v5`)."""
    labels = sorted({*NOTE_LABELS.values(), ALSO_WRITTEN, *ENTRY_LABELS, *ADMONITION_LABELS}, key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    whole = re.compile(rf"<p>(?:{alternatives})</p>")
    opening = re.compile(rf"(<p>|^)(?:{alternatives}):\s*")
    for doc in docs:
        text = whole.sub(" ", doc["text"])
        doc["text"] = opening.sub(r"\1", text)
