"""python -m scripts.walkthrough: run the walkthrough and write what every command printed.

Exit status 0 when every step did what the data promises, every sample output matches and
nothing is left behind; 1 otherwise; 2 when it cannot run here (not root, no engine).
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from scripts.walkthrough import update
from scripts.walkthrough.report import counts as report_counts
from scripts.walkthrough.harness import HarnessError, Options, run
from scripts.walkthrough.spec import WalkthroughError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.walkthrough", description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", help="comma-separated chapter names (default: all, in nav order)")
    parser.add_argument("--images", choices=["stand-ins", "docker-hub"], default="stand-ins",
                        help="stand-in images built here (default), or the real images from Docker Hub")
    parser.add_argument("--isolation", choices=["netns", "host"], default="netns",
                        help="run the daemon in its own network namespace (default), or in the host's "
                             "network (throwaway machines that must reach Docker Hub)")
    parser.add_argument("--compose", type=Path, help="the Compose plugin to use (a docker-compose binary); "
                        "default: the pinned official binary (scripts/compose_plugin.py)")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--outputs", type=Path, default=Path("walkthrough-outputs"),
                        help="where to write walkthrough.json and transcript.md (default: %(default)s)")
    parser.add_argument("--update", action="store_true",
                        help="rewrite the pages' sample outputs that do not match from what really printed "
                             "(then review the diff)")
    args = parser.parse_args(argv)
    # A stop request still runs the clean-up (finally blocks), like Ctrl+C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    options = Options(site=args.site, chapters=args.chapters.split(",") if args.chapters else None,
                      images=args.images, isolation=args.isolation, outputs=args.outputs, compose=args.compose,
                      lock_wait=1800)
    try:
        report = run(options)
    except (HarnessError, WalkthroughError) as error:
        print(f"walkthrough: {error}", file=sys.stderr)
        return 2
    print()
    for key, value in report.timings.items():
        print(f"{key}: {value}")
    print("steps: " + ", ".join(f"{n} {status}" for status, n in sorted(report_counts(report.results).items())))
    print(f"recorded outputs: {args.outputs}/transcript.md")
    if args.update:
        try:
            changed = update.rewrite(update.from_results(report.results), report.known)
        except update.UpdateError as error:
            print(f"walkthrough: --update: {error}", file=sys.stderr)
            return 1
        print(f"--update rewrote the sample outputs of {', '.join(changed) or 'no page'}; review the diff "
              "(git diff docs/), then run again")
        report.results = [r for r in report.results if not (r.kind == "output" and r.status == "failed"
                                                             and all(p.startswith("sample output") for p in r.problems))]
    if report.problems:
        print(f"\n{len(report.problems)} problem(s):")
        for problem in report.problems:
            print(f"- {problem}")
        return 1
    print("every step did what the pages say, and nothing is left behind")
    return 0


if __name__ == "__main__":
    sys.exit(main())
