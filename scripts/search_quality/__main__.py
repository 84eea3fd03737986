"""python -m scripts.search_quality SITE_DIR: the quality set on a built site, for tuning.

    --part tuning|held-out   one part only (default: both, reported apart)
    --misses                 list every query whose page is not first
    --browser [--file]       in Chromium through Material's search box (--file: the offline copy)
    --explain QUERY          the best sections for one query and what made their scores
    --json                   print the set as JSON (for scripts/search_engines.js) and stop
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from scripts.search_quality.engine import JUDGE, run_in_node
from scripts.search_quality.quality_set import PARTS, QualitySetError, load_quality_set


def _browser(site: Path, offline: bool, queries):
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    from scripts.search_quality.browser import run_in_browser

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        if offline:
            return run_in_browser(tab, (site / "index.html").as_uri(), site, queries)
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        handler = functools.partial(Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            return run_in_browser(tab, f"http://127.0.0.1:{server.server_address[1]}/", site, queries)
        finally:
            server.shutdown()
            browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.search_quality", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path)
    parser.add_argument("--part", choices=PARTS, action="append")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--browser", action="store_true")
    parser.add_argument("--file", action="store_true")
    parser.add_argument("--explain", metavar="QUERY")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    try:
        queries = load_quality_set(tuple(args.part or PARTS))
    except QualitySetError as error:
        print(error, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([q.model_dump() for q in queries], indent=1))
        return 0
    if args.site is None:
        parser.error("SITE_DIR is required")
    if args.explain:
        return subprocess.run(["node", str(JUDGE.with_name("explain.js")), str(args.site), args.explain]).returncode
    started = time.perf_counter()
    report = _browser(args.site, args.file, queries) if args.browser else run_in_node(args.site, queries)
    print(report.summary())
    if args.misses:
        print("\n".join(report.misses()))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
