"""The quality set through the site's own search engine in Node (judge.js), on a built index.

The engine is the same file the browser runs (docs/javascripts/search-engine.js), with the same
index, so this judges what readers get; Chromium adds Material's rendering and the worker, which
a few browser tests and scripts/benchmark.py cover.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from scripts.search_quality.quality_set import QualityQuery
from scripts.search_quality.report import Group, QualityReport, QueryOutcome
from scripts.search_quality.sections import SectionMap, page_of

JUDGE = Path(__file__).with_name("judge.js")


def node() -> str | None:
    return shutil.which("node")


def group_of(found: dict) -> Group:
    if found.get("notice"):
        return Group(notice=found["notice"], reference=found.get("reference"))
    return Group(page=page_of(found["location"])[0])


def run_in_node(site: Path, queries: list[QualityQuery], rank: dict | None = None) -> QualityReport:
    """Every query through the engine in one Node process; raises when Node fails."""
    env = dict(os.environ, RANK=json.dumps(rank)) if rank else None
    done = subprocess.run([node() or "node", str(JUDGE), str(site)], input=json.dumps([q.query for q in queries]),
                          capture_output=True, text=True, check=False, env=env, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"{JUDGE.name} failed:\n{done.stderr[-3000:]}")
    results = json.loads(done.stdout)["results"]
    sections = SectionMap(site)
    report = QualityReport()
    for query, found in zip(queries, results):
        groups = [group_of(g) for g in found["groups"]]
        best_page, best_anchor = page_of(found["best"]) if found["best"] else ("", "")
        outcome = QueryOutcome(query, groups, best_anchor, found["ms"])
        if query.section is not None and outcome.rank == 1:
            outcome.section_ok = sections.section_of(best_page, best_anchor) == query.section
        report.outcomes.append(outcome)
    return report
