"""The search quality set (assets/search-quality/) judged by the site's own search engine in Node
on the built index, each part apart: the tuning part the ranking was tuned on, and the held-out
part that says whether the tuning generalises. The same queries in Chromium, through Material's
search box, online and in the offline copy, are scripts/benchmark.py's job; the browser tests of
the search (tests/browser/test_search_browser.py) type a handful.
"""

from __future__ import annotations

import pytest

from scripts.search_quality.engine import node, run_in_node
from scripts.search_quality.quality_set import (FLOORS, MIN_PRECISION_AT_1, MIN_PRECISION_AT_3, PARTS,
                                                QualitySetError, batch_of, load_quality_set)
from scripts.search_quality.report import QualityReport
from tooling import missing


@pytest.fixture(scope="module")
def judged(site):
    if node() is None:
        missing("no node: install Node.js 20 or newer (dev.py test needs it for npm ci too)")
    return run_in_node(site, load_quality_set())


@pytest.mark.parametrize("batch", FLOORS)
def test_quality_set_batch(judged, batch):
    """Each batch of each part holds the level it reached (FLOORS); the target for each part is
    MIN_PRECISION_AT_1 and _3."""
    report = QualityReport([o for o in judged.outcomes if batch_of(o.query) == batch])
    assert report.outcomes, f"no query in batch {batch}"
    summary = report.summary(latency=False)
    at_1, at_3 = FLOORS[batch]
    print(f"\n{batch}: {summary}\n(target for each part: P@1 {MIN_PRECISION_AT_1:.0%}, P@3 {MIN_PRECISION_AT_3:.0%})")
    misses = "\n".join(report.misses()) or "(the held-out part's misses are not listed: fix the pattern on the tuning part)"
    assert report.precision_at(1) >= at_1, f"{summary}\n{misses}"
    assert report.precision_at(3) >= at_3, f"{summary}\n{misses}"


def test_every_query_is_in_a_batch_with_a_floor():
    assert {batch_of(q) for q in load_quality_set()} == set(FLOORS)


def test_quality_set_names_real_pages_and_is_big_enough():
    queries = load_quality_set()
    for part in PARTS:
        assert len([q for q in queries if q.part == part]) >= 120, part
    kinds = {q.kind for q in queries}
    assert {"command", "flag", "compound", "dockerfile", "error", "prose-error", "question", "synonym", "platform",
            "prefix", "common", "typo", "glossary", "filename", "collision", "section", "not-covered"} <= kinds


@pytest.mark.parametrize(("tuning", "held_out", "problem"), [
    ("queries: []\n", None, "tuning.yaml: needs a non-empty list under 'queries:'"),
    ("queries:\n  - {query: x, page: nowhere.md, kind: term}\n", None, "query 1 ('x'): no page docs/nowhere.md"),
    ("queries:\n  - {query: x, kind: term}\n", None, "query 1 ({'query': 'x', 'kind': 'term'}): entry: give either page"),
    ("queries:\n  - {query: x, page: index.md, kind: term, sction: y}\n", None,
     "sction: Extra inputs are not permitted"),
    ("queries:\n  - {query: x, page: index.md, not_covered: true, kind: term}\n", None, "give either page"),
    ("queries:\n  - {query: x, page: index.md, reference: docker save, kind: term}\n", None,
     "reference belongs to a not_covered query"),
    ("queries:\n  - {query: x, page: index.md, kind: term}\n  - {query: x, page: index.md, kind: term}\n", None,
     "tuning.yaml: query 2 ('x') is listed twice (also in tuning.yaml)"),
    ("queries:\n  - {query: x, page: index.md, kind: term}\n", "queries:\n  - {query: x, not_covered: true, kind: t}\n",
     "held-out.yaml: query 1 ('x') is listed twice (also in tuning.yaml)"),
    ("queries: [\n", None, "tuning.yaml: not valid YAML"),
])
def test_a_broken_quality_set_gives_one_line(tmp_path, tuning, held_out, problem):
    (tmp_path / "tuning.yaml").write_text(tuning, encoding="utf-8")
    (tmp_path / "held-out.yaml").write_text(held_out or "queries:\n  - {query: y, page: index.md, kind: t}\n",
                                            encoding="utf-8")
    with pytest.raises(QualitySetError) as caught:
        load_quality_set(directory=tmp_path)
    assert "\n" not in str(caught.value) and problem in str(caught.value), str(caught.value)
