"""The recorded outputs of a run: walkthrough.json for tools, transcript.md for people."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from scripts.walkthrough.runner import Result

_MARK = {"ok": "ok", "failed": "FAILED", "skipped": "skipped", "illustrated": "illustrated only",
         "not-compared": "not compared"}


def counts(results: list[Result]) -> dict[str, int]:
    """How many steps ended how (ok, failed, skipped, illustrated, not-compared)."""
    found: dict[str, int] = {}
    for result in results:
        found[result.status] = found.get(result.status, 0) + 1
    return found


def write(outputs: Path, results: list[Result], environment: dict, timings: dict, leftovers: list[str]) -> None:
    outputs.mkdir(parents=True, exist_ok=True)
    problems = [f"{r.where}: {p}" for r in results for p in r.problems] + [f"left behind: {x}" for x in leftovers]
    (outputs / "walkthrough.json").write_text(json.dumps({
        "environment": environment, "timings": timings, "problems": problems, "leftovers": leftovers,
        "results": [asdict(r) for r in results],
    }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (outputs / "transcript.md").write_text(transcript(results, environment, timings, problems), encoding="utf-8")


def transcript(results: list[Result], environment: dict, timings: dict, problems: list[str]) -> str:
    lines = ["# The walkthrough, run for real", ""]
    lines += [f"- {key}: {value}" for key, value in environment.items()]
    lines += [f"- {key}: {value}" for key, value in timings.items()]
    lines += ["", f"{len(problems)} problem(s)." if problems else "No problems.", ""]
    lines += ["Steps: " + ", ".join(f"{n} {_MARK[status]}" for status, n in sorted(counts(results).items())), ""]
    lines += [f"- {p}" for p in problems]
    chapter = None
    for result in results:
        if result.chapter != chapter:
            chapter = result.chapter
            lines += ["", f"## {chapter}", ""]
        lines += [f"### {result.index}. {result.label}: {_MARK[result.status]} ({result.seconds:.1f} s)", ""]
        if result.why:
            lines += [f"Why: {result.why}", ""]
        if result.text:
            lines += ["```console", *(f"$ {line}" if i == 0 else f"  {line}" for i, line in
                                      enumerate(result.text.splitlines())), "```", ""]
        if result.sample is not None:
            lines += ["The page shows:", "", "```text", result.sample.rstrip("\n"), "```", ""]
        elif result.output.strip():
            exit_note = f" (exit status {result.exit})" if result.exit is not None else ""
            lines += [f"Output{exit_note}:", "", "```text", result.output.rstrip("\n"), "```", ""]
        lines += [f"- note: {n}" for n in result.notes]
        lines += [f"- **problem**: {p}" for p in result.problems]
        if result.notes or result.problems:
            lines.append("")
    return "\n".join(lines) + "\n"
