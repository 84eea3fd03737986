"""The search engine's own unit tests (tests/search/js/, `node --test`): word cutting, typo matching and
ranking rules, each on a small index of its own, without a browser or a built site."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scripts.search_quality.engine import node
from tooling import missing

ROOT = Path(__file__).resolve().parents[2]


def test_search_engine_unit_tests_pass():
    if node() is None:
        missing("no node: install Node.js 20 or newer")
    done = subprocess.run([node(), "--test", str(ROOT / "tests" / "search" / "js")], capture_output=True, text=True, timeout=120,
                          check=False)
    summary = [line for line in done.stdout.splitlines() if line.startswith(("# pass", "# fail", "not ok"))]
    assert done.returncode == 0, "\n".join(summary) + "\n" + done.stdout[-4000:] + done.stderr[-2000:]
    assert any(line.startswith("# pass") and int(line.split()[-1]) >= 10 for line in summary), summary
