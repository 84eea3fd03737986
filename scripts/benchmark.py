#!/usr/bin/env python3
"""Benchmark what a reader gets: bytes and requests, search latency, build and rebuild times,
search index size and quality (precision at 1 and 3 on each part of assets/search-quality/,
latency median and p95, keystroke to results while typing key by key) and Lighthouse scores.
Prints a table; exits non-zero when a budget fails.

    .venv/bin/python scripts/benchmark.py [--no-lighthouse]

Needs the test requirements (Playwright), Debian's chromium and, for Lighthouse, `npm ci`.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitekit.project import ROOT, copy_project, read_mkdocs_config  # noqa: E402

BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")

BUDGET_KIB = 90
BUDGET_REQUESTS = 10
BUDGET_QUERY_MS = 50
BUDGET_MACROS_RATIO = 1.2
BUDGET_SERVE_S = 1.5  # edit a page, see it served: `mkdocs serve` on 2 cores
BUILD_ROUNDS = 5
BUDGET_LH = {"performance-mobile": 95, "performance-desktop": 100, "accessibility": 100,
             "best-practices": 100, "seo": 100}

rows: list[tuple[str, str, str, bool | None]] = []


def record(name: str, value: str, budget: str = "", ok: bool | None = None) -> None:
    rows.append((name, value, budget, ok))
    mark = "" if ok is None else ("ok" if ok else "FAIL")
    print(f"  {name:<64} {value:>14}  {budget:<8} {mark}", flush=True)


def build(config: str | None, site_dir: Path, must_pass: bool = True) -> float:
    command = [str(BIN / "mkdocs"), "build", "--site-dir", str(site_dir)] + ([] if config else ["--strict"])
    if config:
        command += ["--config-file", config]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0 and must_pass:
        sys.exit(f"mkdocs build ({config or 'mkdocs.yml'}) failed:\n" + result.stderr[-3000:])
    return elapsed


def build_in(project: Path, config: Path, site_dir: Path) -> float:
    command = [str(BIN / "mkdocs"), "build", "--strict", "--config-file", str(config), "--site-dir", str(site_dir)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"mkdocs build ({config}) failed:\n" + result.stderr[-3000:])
    return elapsed


def no_macros_config() -> Path:
    """mkdocs.yml with the macros plugin switched off (pages show raw {@ ... @} calls: fine for timing).
    Our hooks stay on (they skip the unrendered-delimiter check then). Written beside mkdocs.yml
    (its relative paths) and removed by the caller."""
    config = ROOT / f".mkdocs.nomacros.{os.getpid()}.yml"
    config.write_text("INHERIT: mkdocs.yml\nplugins:\n  macros:\n    enabled: false\nstrict: false\n",
                      encoding="utf-8")
    return config


_DUMP_HOOK = """
import os
from pathlib import Path

import yaml

OUT = Path(os.environ["BENCHMARK_DUMP_DIR"])


def on_page_markdown(markdown, page, config, files):
    # The page's Markdown after macros ran: the same content, written by hand.
    target = OUT / page.file.src_path
    target.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(dict(page.meta), sort_keys=False, allow_unicode=True) if page.meta else ""
    target.write_text((f"---\\n{front}---\\n\\n" if front else "") + markdown, encoding="utf-8")
    return markdown
"""


def same_content_without_macros(tmp: Path) -> tuple[Path, Path]:
    """A copy of the project whose pages hold the Markdown the macros produced, and a config that
    builds it with the macros plugin off: the same pages, without the macros' own work."""
    project = copy_project(tmp / "prerendered")
    dump = tmp / "dumped-docs"
    (project / "benchmark_dump.py").write_text(_DUMP_HOOK, encoding="utf-8")
    hooks = [*read_mkdocs_config(project / "mkdocs.yml")["hooks"], "benchmark_dump.py"]
    (project / "dump.yml").write_text("INHERIT: mkdocs.yml\nhooks:\n" + "".join(f"  - {h}\n" for h in hooks),
                                      encoding="utf-8")
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--config-file", "dump.yml", "--site-dir",
                             str(tmp / "dump-site")], cwd=project, env=dict(ENV, BENCHMARK_DUMP_DIR=str(dump)),
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit("pre-rendering the pages failed:\n" + result.stderr[-3000:])
    for page in (project / "docs").glob("*.md"):
        page.write_text((dump / page.name).read_text(encoding="utf-8"), encoding="utf-8")
    config = project / "nomacros.yml"
    config.write_text("INHERIT: mkdocs.yml\nplugins:\n  macros:\n    enabled: false\n", encoding="utf-8")
    return project, config


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the built site the way GitHub Pages does: text compressed with gzip."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in self.COMPRESSED
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        if self.path.split("?")[0].endswith("/") is False and Path(self.translate_path(self.path)).is_dir():
            return super().send_head()  # let the base class redirect /dir to /dir/
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))  # roughly what GitHub Pages sends


def page_weight(browser, base: str, site: Path, path: str, use=None) -> tuple[int, int, int]:
    """(requests, gzip bytes, raw bytes) a fresh browser fetches to show a page and go idle, and
    then to do what `use(page)` does with it."""
    context = browser.new_context()
    urls: list[str] = []
    context.on("request", lambda r: urls.append(r.url))
    page = context.new_page()
    page.goto(f"{base}/{path}", wait_until="networkidle")
    page.wait_for_timeout(300)
    if use:
        use(page)
        page.wait_for_load_state("networkidle")
    context.close()
    total_gz = total_raw = 0
    for url in urls:
        rel = url[len(base) + 1:].split("?")[0].split("#")[0]
        file = site / rel
        if file.is_dir() or rel == "" or rel.endswith("/"):
            file = file / "index.html"
        if file.is_file():
            total_gz += gzip_size(file)
            total_raw += file.stat().st_size
    return len(urls), total_gz, total_raw


EXPLAIN = "explain/"


def explain_a_command(page) -> None:
    page.fill("#explain-input", "docker run -d --rm -p 8080:80 -v \"$PWD\":/usr/share/nginx/html:ro nginx:alpine")
    page.click("#explain button[type=submit]")
    page.wait_for_selector(".explain-command")


def query_latency(browser, base: str, query: str, runs: int = 5) -> float:
    """Milliseconds from the input event to the results list changing, with the index loaded."""
    page = browser.new_page()
    page.goto(f"{base}/")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.type("docker", delay=5)  # load the index first
    page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
        return m && !/Initializing|Type to start/i.test(m.textContent); }""")
    times = []
    for i in range(runs):
        box.fill("")
        page.wait_for_timeout(100)
        times.append(page.evaluate("""(query) => new Promise(resolve => {
            const input = document.querySelector('input.md-search__input');
            const list = document.querySelector('.md-search-result__list');
            const observer = new MutationObserver(() => {
                if (list.children.length) { observer.disconnect(); resolve(performance.now() - start); }
            });
            observer.observe(list, { childList: true, subtree: true });
            input.value = query;
            const start = performance.now();
            input.dispatchEvent(new Event('input', { bubbles: true }));
            input.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: 'm' }));
        })""", query))
    page.close()
    times.sort()
    return times[len(times) // 2]


def search_quality(browser, base: str, site: Path, label: str = "search quality set") -> None:
    """The quality set (assets/search-quality/) through the real search box, each part reported
    apart: how often the right page comes first and in the top three, and the time from the last
    keystroke (its keydown in the page) to the results in the list; the budget holds for 95 % of
    the queries."""
    from scripts.search_quality.browser import run_in_browser
    from scripts.search_quality.quality_set import MIN_PRECISION_AT_1, MIN_PRECISION_AT_3, PARTS, load_quality_set

    page = browser.new_page()
    report = run_in_browser(page, base, site, load_quality_set())
    page.close()
    for name in PARTS:
        part = report.part(name)
        n = len(part.outcomes)
        p1, p3 = part.precision_at(1), part.precision_at(3)
        record(f"{label}, {name} ({n} queries): right page first", f"{p1:.1%}", f">= {MIN_PRECISION_AT_1:.0%}",
               p1 >= MIN_PRECISION_AT_1)
        record(f"{label}, {name}: right page in the first three", f"{p3:.1%}", f">= {MIN_PRECISION_AT_3:.0%}",
               p3 >= MIN_PRECISION_AT_3)
        record(f"{label}, {name}: right section when the page is", f"{part.section_precision:.1%}")
    median, p95 = report.latency()
    record(f"{label}: keystroke to results, median (ms)", f"{median:.1f}")
    record(f"{label}: keystroke to results, p95 (ms)", f"{p95:.1f}", f"<= {BUDGET_QUERY_MS}",
           p95 <= BUDGET_QUERY_MS)
    # The tuning part's misses, to work on; the held-out part's only counted, never tuned on.
    for line in report.part("tuning").misses():
        print(f"    miss: {line[:160]}")
    print(f"    held-out: {report.part('held-out').miss_count} misses (not listed: never tune on them)")


def typing(browser, base: str, label: str = "typing") -> None:
    """Keystroke to results while a reader types key by key (60 ms apart, as a fast typist does),
    for a fifth of the quality set's queries of up to 40 characters: the time from each key's
    keydown until the list shows the results of the text it made, or of a later key's (the
    worker answers only the newest query). The budget holds for 95 % of the keystrokes."""
    import statistics

    from scripts.search_quality.browser import typing_latency
    from scripts.search_quality.quality_set import load_quality_set

    queries = [q.query for q in load_quality_set() if len(q.query) <= 40][::5]
    context = browser.new_context()
    times = sorted(typing_latency(context, base, queries))
    context.close()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    record(f"{label}: {len(times)} keystrokes of {len(queries)} queries, median (ms)", f"{statistics.median(times):.1f}")
    record(f"{label}: keystroke to results, p95 (ms)", f"{p95:.1f}", f"<= {BUDGET_QUERY_MS}", p95 <= BUDGET_QUERY_MS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rebuild_time(tmp: Path, edits: int = 5) -> list[float] | None:
    """Seconds from saving a page to `mkdocs serve` serving the new text, for each of several
    edits in one serve session (a copy of the project), as an author works."""
    project = copy_project(tmp / "serve-project")
    port = free_port()
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=dict(ENV, SITE_URL=f"http://127.0.0.1:{port}/"),  # serve at /
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/glossary/"
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            return None
        times = []
        page = project / "docs" / "glossary.md"
        for edit in range(edits):
            marker = f"benchmark-marker-{edit}-{int(time.time())}"
            page.write_text(page.read_text(encoding="utf-8") + f"\n\n{marker}\n", encoding="utf-8")
            start = time.perf_counter()
            while time.perf_counter() - start < 120:
                try:
                    if marker in urllib.request.urlopen(url, timeout=5).read().decode("utf-8", "replace"):
                        times.append(time.perf_counter() - start)
                        break
                except OSError:
                    pass
                time.sleep(0.05)
            else:
                return None
            time.sleep(1)  # let the watcher settle before the next edit
        return times
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def lighthouse(base: str, path: str, preset: str, tmp: Path) -> dict[str, int] | None:
    cli = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        return None
    out = tmp / f"lh-{preset}-{path.replace('/', '_') or 'home'}.json"
    command = [str(cli), f"{base}/{path}", "--quiet", "--output=json", f"--output-path={out}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
               "--only-categories=performance,accessibility,best-practices,seo"]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, env=dict(ENV, CHROME_PATH=CHROMIUM), capture_output=True, timeout=300, check=False)
    if not out.exists():
        return None
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {k: round((v.get("score") or 0) * 100) for k, v in report["categories"].items()}
    scores["_failed"] = [a["id"] for a in report["audits"].values()
                         if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
    return scores


# The pages to print (the whole site; the questions of every chapter) render their chapters only as
# they come near the screen, which Lighthouse's axe misreads (colours of unrendered text): the
# reading test renders them all and runs axe there.
UNRENDERED_AT_LOAD = ("print_page", "print_questions")


def every_page(site: Path) -> list[tuple[str, str]]:
    """Every page a reader can open, for the mobile preset: a phone must get each one fast."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.parts[-2:-1] != ("search",))
    return [(page.removesuffix("index.html").rstrip("/") or "home", page.removesuffix("index.html"))
            for page in pages]


def lighthouse_pages(site: Path, chapters: list[Path]) -> list[tuple[str, str]]:
    """Every page type, for the desktop preset: home, 404, the cheat sheet, and the chapters that
    give a browser the most work (the most elements to style and lay out, the most code blocks
    for Material to mount)."""
    def count(page: Path, pattern: str) -> int:
        return page.read_text(encoding="utf-8").count(pattern)

    teaching = [p for p in chapters if p.parent.name not in ("cheat-sheet", "glossary")]
    largest = max(teaching, key=lambda p: count(p, "<"))
    most_code = max(teaching, key=lambda p: count(p, "<pre"))
    pages = [("home", ""), (f"chapter {largest.parent.name} (most elements)", f"{largest.parent.name}/")]
    if most_code != largest:
        pages.append((f"chapter {most_code.parent.name} (most code blocks)", f"{most_code.parent.name}/"))
    return pages + [("cheat sheet", "cheat-sheet/"), ("explain page", EXPLAIN), ("404", "404.html")]


def run_lighthouse(base: str, site: Path, tmp: Path, runs: int, jobs: list[tuple[str, str, str]]) -> None:
    """Each (label, path, preset) `runs` times; the median performance is judged (Lighthouse's
    own advice: scores vary from run to run). The other categories: the worst run, mobile only."""
    for label, path, preset in jobs:
        results = [r for r in (lighthouse(base, path, preset, tmp) for _ in range(runs)) if r]
        if not results:
            record(f"lighthouse {label} {preset}", "not run")
            continue
        performance = sorted(r["performance"] for r in results)
        median = performance[len(performance) // 2]
        spread = f"{median} ({performance[0]}-{performance[-1]})" if len(results) > 1 else str(median)
        key = f"performance-{preset}"
        record(f"lighthouse {label} {preset}: performance", spread, f">= {BUDGET_LH[key]}",
               median >= BUDGET_LH[key])
        if preset == "mobile":
            for category in ("accessibility", "best-practices", "seo"):
                score = min(r.get(category) or 0 for r in results)
                if category == "accessibility" and path.startswith(UNRENDERED_AT_LOAD):
                    # Its chapters are unrendered until they come near the screen
                    # (content-visibility): Lighthouse's axe reads their colours against nothing and
                    # their targets on top of each other. tests/browser/test_reading.py renders them
                    # and runs axe on all of it.
                    record(f"lighthouse {label}: {category} (chapters not rendered yet)", str(score))
                    continue
                record(f"lighthouse {label}: {category}", str(score), f">= {BUDGET_LH[category]}",
                       score >= BUDGET_LH[category])
        failed = sorted({audit for r in results for audit in r["_failed"]})
        if failed:
            print(f"    failed audits: {', '.join(failed)}")


def lighthouse_only(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        site = tmp / "site"
        build(None, site)
        base, server = serve(site)
        chosen = [name for name in args.pages.split(",") if name]
        jobs = [(label, path, "mobile") for label, path in every_page(site)
                if not chosen or any(path.startswith(name) for name in chosen)]
        print(f"  {'measure':<64} {'value':>14}  {'budget':<8}")
        run_lighthouse(base, site, tmp, args.lighthouse_runs, jobs)
        server.shutdown()
    failed = [r for r in rows if r[3] is False]
    print(f"\n{len(failed)} budget(s) failed" if failed else "\nall budgets met")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild timing")
    parser.add_argument("--lighthouse-runs", type=int, default=3, metavar="N",
                        help="Lighthouse runs per page and preset; the median is judged (default 3)")
    parser.add_argument("--lighthouse-only", action="store_true",
                        help="build the site and run only Lighthouse (every page on the mobile preset)")
    parser.add_argument("--pages", metavar="A,B", default="",
                        help="with --lighthouse-only: only pages whose address starts with one of these")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    if args.lighthouse_only:
        return lighthouse_only(args)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        print(f"  {'measure':<64} {'value':>14}  {'budget':<8}")
        # Build times: cold (fresh site dir), then the same with macros off.
        build(None, tmp / "warmup")  # imports and caches warm, as a second build would be
        project, same_config = same_content_without_macros(tmp)
        build_in(project, same_config, tmp / "same-warmup")
        # Alternate the two builds, so a slow spell on the machine hits both alike; best of each.
        with_times, same_times = [], []
        for i in range(BUILD_ROUNDS):
            with_times.append(build(None, tmp / f"site-{i}"))
            same_times.append(build_in(project, same_config, tmp / f"same-{i}"))
        with_macros, same = min(with_times), min(same_times)
        config = no_macros_config()
        try:
            without = min(build(str(config), tmp / f"plain-{i}", must_pass=True) for i in range(3))
        finally:
            config.unlink()
        site = tmp / "site-0"
        record("mkdocs build --strict (s)", f"{with_macros:.2f}")
        record("macros off, pages show the raw calls (s)", f"{without:.2f}")
        record("  ratio (also counts converting the content)", f"{with_macros / without:.2f}")
        record("macros off, same pages pre-rendered (s)", f"{same:.2f}")
        ratio = with_macros / same
        record("build time ratio, macros on/off", f"{ratio:.2f}", f"<= {BUDGET_MACROS_RATIO}", ratio <= BUDGET_MACROS_RATIO)
        index = site / "search" / "search_index.json"
        record("search index (KiB raw / gzip)", f"{index.stat().st_size / 1024:.0f} / {gzip_size(index) / 1024:.0f}")

        base, server = serve(site)
        chapters = [p for p in sorted(site.glob("*/index.html")) if p.parent.name not in ("print_page", "search")]
        heaviest = max(chapters, key=lambda p: p.stat().st_size).parent.name + "/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for label, path in (("home", ""), (f"heaviest chapter ({heaviest})", heaviest), ("explain page", EXPLAIN)):
                count, gz, raw = page_weight(browser, base, site, path)
                record(f"{label}: requests", str(count), f"<= {BUDGET_REQUESTS}", count <= BUDGET_REQUESTS)
                record(f"{label}: KiB gzip (raw)", f"{gz / 1024:.1f} ({raw / 1024:.0f})", f"<= {BUDGET_KIB}",
                       gz / 1024 <= BUDGET_KIB)
            # The Explain page's data loads only once the reader uses it: what one use costs.
            count, gz, raw = page_weight(browser, base, site, EXPLAIN, use=explain_a_command)
            record("explain page, used once: requests", str(count))
            record("explain page, used once: KiB gzip (raw)", f"{gz / 1024:.1f} ({raw / 1024:.0f})")
            for query in ("--rm", "docker network create"):
                ms = query_latency(browser, base, query)
                record(f"search '{query}': input to results (ms)", f"{ms:.1f}", f"<= {BUDGET_QUERY_MS}", ms <= BUDGET_QUERY_MS)
            search_quality(browser, f"{base}/", site)
            typing(browser, f"{base}/")
            # The offline copy, from file://, where Material runs the worker in an iframe.
            offline = tmp / "offline"
            build("mkdocs.offline.yml", offline)
            search_quality(browser, (offline / "index.html").as_uri(), offline, "offline copy, quality set")
            typing(browser, (offline / "index.html").as_uri(), "offline copy, typing")
            browser.close()

        if not args.no_serve:
            times = rebuild_time(tmp)
            if times is None:
                record("mkdocs serve: edit to new page served (s)", "n/a")
            else:
                median = sorted(times)[len(times) // 2]
                record("mkdocs serve: edit to new page served, median of 5 edits (s)",
                       f"{median:.2f} ({min(times):.2f}-{max(times):.2f})", f"<= {BUDGET_SERVE_S}",
                       median <= BUDGET_SERVE_S)

        if not args.no_lighthouse:
            run_lighthouse(base, site, tmp, args.lighthouse_runs,
                           [(label, path, "mobile") for label, path in every_page(site)]
                           + [(label, path, "desktop") for label, path in lighthouse_pages(site, chapters)])
        server.shutdown()

    failed = [r for r in rows if r[3] is False]
    print(f"\n{len(failed)} budget(s) failed" if failed else "\nall budgets met")
    for name, value, budget, _ in failed:
        print(f"  FAIL {name}: {value} (budget {budget})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
