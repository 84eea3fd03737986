"""What the search showed for each query of the quality set, and precision by part and kind.

A result list is a list of groups, one page each, as Material shows them. The search may put a
notice first: "not covered here" for a Docker command the site does not teach (with its
reference page), or "nothing matches well". A covered query counts as answered at rank n when
the n-th page group is its page and the search did not say that nothing matches; a query the
site does not cover counts as answered only when the first group says so (and, with `reference`,
links that command's reference page).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from scripts.search_quality.quality_set import QualityQuery

# The part that judges: its totals are reported, its misses and its figures by kind never are.
SEALED = "held-out"


@dataclass(frozen=True)
class Group:
    page: str | None = None        # docs/ file of a page group
    notice: str | None = None      # "command" (not taught here) or "weak" (nothing matches well)
    reference: str | None = None   # the command a "command" notice links in Docker's reference


@dataclass
class QueryOutcome:
    query: QualityQuery
    groups: list[Group]
    best_anchor: str               # the best-scoring link of the first page group
    milliseconds: float            # Node: CPU time of the query; Chromium: keystroke to results
    section_ok: bool | None = None

    @property
    def pages(self) -> list[str]:
        return [g.page for g in self.groups if g.page]

    @property
    def rank(self) -> int | None:
        first = self.groups[0] if self.groups else None
        if self.query.not_covered:
            said = first is not None and first.notice is not None
            right = self.query.reference is None or (first is not None and first.reference == self.query.reference)
            return 1 if said and right else None
        if any(g.notice == "weak" for g in self.groups):
            return None
        return self.pages.index(self.query.page) + 1 if self.query.page in self.pages else None

    def describe(self) -> str:
        shown = []
        for g in self.groups[:3]:
            shown.append(g.page if g.page else f"[{g.notice}{': ' + g.reference if g.reference else ''}]")
        return ", ".join(shown) or "nothing"


@dataclass
class QualityReport:
    outcomes: list[QueryOutcome] = field(default_factory=list)

    def part(self, name: str) -> QualityReport:
        return QualityReport([o for o in self.outcomes if o.query.part == name])

    def precision_at(self, n: int) -> float:
        if not self.outcomes:
            return 1.0
        return sum(1 for o in self.outcomes if o.rank is not None and o.rank <= n) / len(self.outcomes)

    @property
    def miss_count(self) -> int:
        return sum(1 for o in self.outcomes if o.rank != 1)

    @property
    def section_precision(self) -> float:
        judged = [o for o in self.outcomes if o.section_ok is not None and o.rank == 1]
        return sum(o.section_ok for o in judged) / len(judged) if judged else 1.0

    def latency(self) -> tuple[float, float]:
        times = sorted(o.milliseconds for o in self.outcomes)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        return statistics.median(times), p95

    def by_kind(self) -> dict[str, tuple[int, int, int]]:
        """kind -> (queries, right page first, in the top three)."""
        totals: Counter = Counter()
        first: Counter = Counter()
        top3: Counter = Counter()
        for o in self.outcomes:
            totals[o.query.kind] += 1
            first[o.query.kind] += o.rank == 1
            top3[o.query.kind] += o.rank is not None and o.rank <= 3
        return {kind: (totals[kind], first[kind], top3[kind]) for kind in totals}

    def misses(self) -> list[str]:
        """Every tuning query whose page is not first (or whose section is wrong); the held-out
        part's misses are counted, never listed: whoever reads them tunes on them."""
        lines = []
        for o in self.outcomes:
            if o.query.part == SEALED:
                continue
            if o.rank != 1 or o.section_ok is False:
                expected = (f"not covered ({o.query.reference})" if o.query.reference else "not covered"
                            ) if o.query.not_covered else o.query.page
                where = f"rank {o.rank}" if o.rank else "missed"
                wrong = "" if o.section_ok is not False else f", section #{o.best_anchor} not #{o.query.section}"
                lines.append(f"[{o.query.part}] {o.query.query!r}: {expected} {where}{wrong}; got {o.describe()}")
        return lines

    def summary(self, latency: bool = True) -> str:
        lines = []
        for name in dict.fromkeys(o.query.part for o in self.outcomes):
            part = self.part(name)
            line = (f"{name}: {len(part.outcomes)} queries: P@1 {part.precision_at(1):.1%}, "
                    f"P@3 {part.precision_at(3):.1%}, section right when the page is {part.section_precision:.1%}")
            if latency:
                median, p95 = part.latency()
                line += f", time median {median:.1f} ms, p95 {p95:.1f} ms"
            lines.append(line)
            if name == SEALED:
                lines.append(f"  (by kind and misses: not shown for the held-out part; {part.miss_count} misses)")
                continue
            for kind, (total, first, top3) in sorted(part.by_kind().items()):
                lines.append(f"  {kind:<12} {total:>3} queries  P@1 {first / total:6.1%}  P@3 {top3 / total:6.1%}")
        return "\n".join(lines)
