"""Does a page's sample output match what the command really printed?

Samples show key lines, not whole outputs, and IDs, dates, sizes, durations and addresses differ
from run to run. So the check is:

- a table (a first line of upper-case column names) must have exactly the real output's columns;
- every other sample line must appear in the real output, in the same order, once both are
  normalized (IDs, digests, sizes, times, dates, IP addresses and what the block declares as
  `vary` become placeholders; runs of spaces become one); `…` or `...` in a sample line stands
  for any text, and a line that is only `…` for any lines (`unordered`: in any order, for the
  lines of several containers);
- JSON (`docker … inspect`) is compared by key: every `"key": value` the sample shows must occur
  in the real document with that value (a value with `…` only needs the key);
- a sample line the run cannot produce for a known reason (a stand-in image, an engine built from
  source) is matched against scripts/walkthrough/differences.yaml instead, which say why.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

ELLIPSIS = re.compile(r"…|\.\.\.")
_RULES = [
    (re.compile(r"sha256:[0-9a-f]*(…|\.\.\.)?"), "<digest>"),
    (re.compile(r"(?<![\w-])[0-9a-f]{12,64}(…|\.\.\.)?(?![\w-])"), "<id>"),
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?( ?(Z|[+-]\d\d:?\d\d))?"), "<date>"),
    (re.compile(r"\d\d/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}"), "<date>"),
    (re.compile(r"\b\d+ (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d\.\d+"), "<date>"),
    (re.compile(r"\b\d+\.\d+/\d+\.\d+/\d+\.\d+ ms\b"), "<ms>"),
    (re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d+ [\d:]+ \d{4}\b"),
     "<date>"),
    (re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +(\d\d:\d\d|\d{4})\b"), "<date>"),
    (re.compile(r"\b(About an?|Less than an?|an?|\d+) (second|minute|hour|day|week|month|year)s?( ago)?\b"), "<time>"),
    (re.compile(r"\b\d+(\.\d+)?\s?(B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\b"), "<size>"),
    (re.compile(r"\b\d+(\.\d+)?%"), "<percent>"),
    (re.compile(r"\b\d+(\.\d+)? ?ms\b"), "<ms>"),
    (re.compile(r"(?<![\w.])\d+\.\d+s\b"), "<duration>"),
    (re.compile(r"\b\d{1,3}(\.\d{1,3}){3}(/\d+)?\b"), "<ip>"),
    (re.compile(r"unix://\S*docker\.sock"), "<socket>"),
]


@dataclass(frozen=True)
class Difference:
    """A sample line that a run cannot reproduce for a known reason (see scripts/walkthrough/differences.yaml)."""

    page: re.Pattern
    recorded: re.Pattern | None
    why: str


def normalize(line: str, vary: list[str] = ()) -> str:
    for pattern in vary:
        line = re.sub(pattern, "<var>", line)
    for pattern, placeholder in _RULES:
        line = pattern.sub(placeholder, line)
    return " ".join(line.split())


def _is_header(line: str) -> bool:
    columns = re.split(r"\s{2,}", line.strip())
    return len(columns) >= 2 and all(re.fullmatch(r"[A-Z][A-Z /%.()]*[A-Z%)]|[A-Z]", c) for c in columns)


def _columns(line: str) -> list[str]:
    return re.split(r"\s{2,}", line.strip())


def _line_pattern(sample: str) -> re.Pattern:
    parts = ELLIPSIS.split(sample)
    body = ".*".join(re.escape(p) for p in parts)
    # BuildKit cuts a step's name to fit the terminal, before the duration column: a sample made
    # in a narrower window shows a prefix of the name.
    # A prompt the page shows without the answer the reader types after it.
    if sample.endswith("[y/N]"):
        return re.compile(body + ".*")
    build_step = re.fullmatch(r"(=>.*?) ?(<duration>)", sample)
    if build_step and not ELLIPSIS.search(sample):
        # Either line may be the one cut shorter: a common start of 20 characters or more.
        name = build_step.group(1)
        alternatives = [re.escape(name[:n]) for n in range(len(name), 19, -1)]
        return re.compile(f"(?:{'|'.join(alternatives)}).* <duration>" if len(name) >= 20
                          else re.escape(name) + r".* <duration>")
    return re.compile(body)


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def compare(sample: str, recorded: str, vary: list[str] = (), differences: list[Difference] = (),
            mode: str = "lines") -> list[str]:
    """Problems with the sample, one line each; empty when it matches the recorded output."""
    if mode == "none":
        return []
    sample_lines, recorded_lines = _lines(sample), _lines(recorded)
    if not sample_lines:
        return []
    problems: list[str] = []
    if mode == "columns":
        # The first table header of each: lines before it (a legend) do not count.
        sample_header = next((line for line in sample_lines if _is_header(line)), None)
        if sample_header is not None:
            sample_lines = sample_lines[sample_lines.index(sample_header):]
    if _is_header(sample_lines[0]):
        header = next((line for line in recorded_lines if _is_header(line)), None)
        if header is None:
            return [f"the page shows the columns {' | '.join(_columns(sample_lines[0]))}; the real output has "
                    f"no table: {recorded_lines[0] if recorded_lines else '(nothing)'}"]
        if _columns(sample_lines[0]) != _columns(header):
            problems.append(f"columns differ: the page shows {' | '.join(_columns(sample_lines[0]))}, "
                            f"the real output {' | '.join(_columns(header))}")
            return problems
        sample_lines = sample_lines[1:]
        recorded_lines = recorded_lines[recorded_lines.index(header) + 1:]
    if mode == "columns":
        return problems
    document = _json(recorded)
    if document is not None:
        return problems + _compare_json(sample_lines, document, vary)
    position = 0
    normalized = [normalize(line, vary) for line in recorded_lines]
    for line in sample_lines:
        if mode == "unordered":
            position = 0
        if ELLIPSIS.fullmatch(line.strip()):
            continue
        pattern = _line_pattern(normalize(line, vary))
        found = next((i for i in range(position, len(normalized)) if pattern.fullmatch(normalized[i])), None)
        if found is not None:
            position = found + 1
            continue
        difference = next((d for d in differences if d.page.search(line)), None)
        if difference is not None:
            if difference.recorded is None:
                continue
            found = next((i for i in range(position, len(recorded_lines)) if difference.recorded.search(recorded_lines[i])),
                         None)
            if found is not None:
                position = found + 1
                continue
            problems.append(f"{line.strip()!r}: expected a line matching {difference.recorded.pattern!r} "
                            f"({difference.why})")
            continue
        elsewhere = any(pattern.fullmatch(n) for n in normalized)
        problems.append(f"{line.strip()!r} {'is out of order in' if elsewhere else 'is not in'} the real output")
    return problems


def _json(text: str):
    text = text.strip()
    if not text.startswith(("[", "{")):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _walk(value, key=None):
    """(key, value) for every member of a JSON document; list items carry their list's key."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k, v
            yield from _walk(v, k)
    elif isinstance(value, list):
        for item in value:
            yield key, item
            yield from _walk(item, key)


def _normal(value, vary):
    if isinstance(value, str):
        return normalize(value, vary)
    if isinstance(value, list):
        return [_normal(v, vary) for v in value]
    if isinstance(value, dict):
        return {k: _normal(v, vary) for k, v in value.items()}
    return value


_MEMBER = re.compile(r'^\s*"(?P<key>[^"]+)"\s*:\s*(?P<value>.*?),?\s*$')
_ITEM = re.compile(r'^\s*(?P<value>"[^"]*"|-?\d+(\.\d+)?|true|false|null),?\s*$')


def _compare_json(sample_lines: list[str], document, vary) -> list[str]:
    members = list(_walk(document))
    problems = []
    whole = _json("\n".join(sample_lines))
    if whole is not None:
        return [] if _normal(whole, vary) == _normal(document, vary) else \
            [f"the page shows {json.dumps(whole)[:120]}, the real output is {json.dumps(document)[:120]}"]
    for line in sample_lines:
        if ELLIPSIS.fullmatch(line.strip().rstrip(",")) or line.strip() in ("[", "]", "{", "}", "},", "],"):
            continue
        member = _MEMBER.match(line)
        if member:
            key, raw = member.group("key"), member.group("value")
            candidates = [v for k, v in members if k == key]
            if not candidates:
                problems.append(f"{line.strip()!r}: the real output has no {key!r}")
                continue
            if raw in ("{", "[", "{},", "[],") or ELLIPSIS.search(raw):
                continue
            try:
                value = json.loads(raw.rstrip(","))
            except ValueError:
                continue
            if not any(_normal(value, vary) == _normal(c, vary) for c in candidates):
                shown = ", ".join(json.dumps(c)[:60] for c in candidates[:3])
                problems.append(f"{line.strip()!r}: the real output has {key!r}: {shown}")
            continue
        item = _ITEM.match(line)
        if item:
            value = json.loads(item.group("value"))
            if not any(_normal(value, vary) == _normal(v, vary) for _, v in members):
                problems.append(f"{line.strip()!r} is not in the real output")
    return problems
