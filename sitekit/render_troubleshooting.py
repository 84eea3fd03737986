"""The troubleshooting page as Markdown: every entry under its group, and the index table.

The data and its checks are sitekit/troubleshooting.py; the macros that call these,
sitekit/site_macros.py.
"""

from __future__ import annotations

import re
from typing import Callable

from sitekit.troubleshooting import Entry, Message, Troubleshooting
from sitekit.go_format import FormatString

# Where a message comes from, in the reader's words.
ORIGINS = {
    "docker": "Docker",
    "runc": "runc, the container runtime Docker starts containers with",
    "kernel": "the Linux kernel",
    "docker-hub": "Docker Hub, the registry",
    "logrus": "logrus, the logging library Compose prints warnings with",
    "postgres-image": "the official postgres image's entrypoint script (docker-entrypoint.sh)",
}

# The labels every entry's parts start with, in order: when, cause, fix, history, read more.
ENTRY_LABELS = ("When", "Cause", "Fix", "History", "Read more")


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    return "`" * max(3, longest + 1)


def _origin_line(message: Message, chain: list[FormatString]) -> str:
    if message.origin == "docker":
        sources = sorted({s.source for s in chain})
        places = ", ".join(f"`{s.location}`" for s in chain)
        text = f"Docker's own wording ({', '.join(sources)}: {places})"
    elif message.origin == "docker-hub":
        text = (f"From {ORIGINS[message.origin]}, not from Docker's programs: its wording as "
                f"[Docker's documentation]({message.documented.url}) quotes it")
    else:
        text = f"From {ORIGINS[message.origin]}, not from Docker"
    if message.prefix_origin:
        text += f"; `{message.prefix.strip()}` in front is added by {ORIGINS[message.prefix_origin]}"
    return text


def render_entry(entry: Entry, data: Troubleshooting, titles: dict[str, str],
                 commands: Callable[[list[str]], str], current_page: str) -> str:
    """One entry as Markdown: heading with its stable anchor, the message, cause, fix, links."""
    when, cause, fix, history, more = ENTRY_LABELS
    lines = [f"### {entry.title} {{#{entry.id}}}", "", f"**{when}:** {entry.when.strip()}", ""]
    text = "\n".join(message.text.rstrip("\n") for message in entry.messages)
    fence = _fence(text)
    lines += [f"{fence}text", text, fence, ""]
    origins = [_origin_line(m, data.chain(m)) for m in entry.messages]
    if len(origins) == 1:
        lines += [f'<p class="ts-origin" data-search-exclude markdown>{origins[0]}.</p>', ""]
    else:
        lines += ['<div class="ts-origin" data-search-exclude markdown>', ""]
        lines += [f"- Block {number}: {origin}." for number, origin in enumerate(origins, 1)]
        lines += ["", "</div>", ""]
    lines += [f"**{cause}:** {entry.cause.strip()}", "", f"**{fix}:** {entry.fix.strip()}", ""]
    if entry.commands:
        lines += [commands(entry.commands), ""]
    if entry.history:
        lines += [f"**{history}:** {entry.history.strip()}", ""]
    links = []
    for link in entry.see:
        target = "" if link.page == current_page else f"{link.page}.md"
        target += f"#{link.anchor}" if link.anchor else ""
        links.append(f"[{link.text or titles.get(link.page, link.page)}]({target})")
    lines += [f"**{more}:** {', '.join(links)}", ""]
    return "\n".join(lines)


def render_all(data: Troubleshooting, titles: dict[str, str], commands: Callable[[list[str]], str],
               current_page: str) -> str:
    """Every group as a section with its entries, in the order of the data file."""
    parts: list[str] = []
    for group in data.groups:
        entries = data.in_group(group.id)
        if not entries:
            continue
        parts += [f"## {group.title} {{#{group.id}}}", ""]
        parts += [render_entry(e, data, titles, commands, current_page) for e in entries]
    return "\n".join(parts)


def render_index(data: Troubleshooting) -> str:
    """A table of every entry: its title linked to the entry, and the start of its first message.

    Out of the search index (data-search-exclude): it repeats the start of every message, so a
    pasted message would find this table before the entry that explains it."""
    rows = ['<div data-search-exclude markdown>', "", "| Problem | Message starts with |", "| --- | --- |"]
    for located in data.entries:
        entry = located.entry
        first = entry.messages[0].text.removeprefix(entry.messages[0].prefix).splitlines()[0]
        start = first if len(first) <= 60 else first[:57].rsplit(" ", 1)[0] + " …"
        start = start.replace("|", "\\|").replace("`", "'")
        rows.append(f"| [{entry.title}](#{entry.id}) | `{start}` |")
    return "\n".join(rows + ["", "</div>"])
