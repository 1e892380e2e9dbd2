"""The audit's figures, kept as articles come in: summary.json and articles.csv rows.

Memory grows with the number of rules, sections, authors and months, never with
the number of articles (the worst articles are a bounded heap).
"""

from __future__ import annotations

import heapq
from typing import Any

from lint.audit.metadata import FIELDS, month
from lint.audit.worker import SEVERITY_ORDER, Entry

WORST = 100
# An article's place in the worst list: errors weigh most.
SCORE = {"error": 10, "warning": 3, "info": 1}
_WEIGHTS = tuple(SCORE[severity] for severity in SEVERITY_ORDER)
NONE, UNDATED = "(none)", "(undated)"


def csv_header(rules: list[str]) -> list[str]:
    return ["id", *FIELDS, "audit_error", *SEVERITY_ORDER, *rules]


class Tally:
    def __init__(self, rules: list[str], categories: dict[str, str]):
        self.rules = rules  # the active rules, in name order: articles.csv's columns
        self._columns = {rule: i for i, rule in enumerate(rules)}
        self.categories = categories
        self.articles = self.failed = self.with_error = 0
        self.totals = [0, 0, 0]
        self.by_rule = {rule: [0, 0, 0, 0] for rule in rules}  # severities, then articles
        self.groups: dict[str, dict[str, list[int]]] = {
            "by_section": {}, "by_author": {}, "by_month": {}}
        self._worst: list[tuple[int, int, str, str | None, tuple[int, ...]]] = []

    @property
    def findings(self) -> int:
        return sum(self.totals)

    def add(self, entry: Entry) -> list[Any]:
        """Count one article in; returns its articles.csv row."""
        severities = [0, 0, 0]
        per_rule = [0] * len(self.rules)
        for rule, counts in entry.counts.items():
            tally = self.by_rule.setdefault(rule, [0, 0, 0, 0])
            for i, n in enumerate(counts):
                severities[i] += n
                tally[i] += n
            tally[3] += 1
            if rule in self._columns:
                per_rule[self._columns[rule]] = sum(counts)
        self.articles += 1
        self.failed += entry.error is not None
        self.with_error += severities[0] > 0
        for i, n in enumerate(severities):
            self.totals[i] += n
        found = entry.metadata
        keys = {"by_section": found["section"] or NONE, "by_author": found["author"] or NONE,
                "by_month": month(found["date"]) or UNDATED}
        for name, key in keys.items():
            group = self.groups[name].setdefault(key, [0, 0, 0, 0, 0])
            group[0] += 1
            group[1] += sum(severities)
            for i, n in enumerate(severities):
                group[2 + i] += n
        score = sum(w * n for w, n in zip(_WEIGHTS, severities, strict=True))
        if score:
            worst = (score, -self.articles, entry.id, found["headline"], tuple(severities))
            if len(self._worst) < WORST:
                heapq.heappush(self._worst, worst)
            else:
                heapq.heappushpop(self._worst, worst)
        return [entry.id, *(found[field] or "" for field in FIELDS), entry.error or "",
                *severities, *per_rule]

    def summary(self) -> dict[str, Any]:
        """The figures of summary.json (the caller adds the run's details)."""
        totals = dict(zip(SEVERITY_ORDER, self.totals, strict=True))
        return {
            "articles": self.articles, "failed": self.failed, "with_error": self.with_error,
            "findings": {"total": self.findings, **totals},
            "per_100_articles": round(100 * self.findings / self.articles, 2)
            if self.articles else 0.0,
            "by_rule": {rule: {"category": self.categories.get(rule, "unknown"),
                               **dict(zip(SEVERITY_ORDER, counts, strict=False)),
                               "articles": counts[3]}
                        for rule, counts in sorted(self.by_rule.items())},
            **{name: {key: {"articles": c[0], "findings": c[1],
                            **dict(zip(SEVERITY_ORDER, c[2:], strict=True))}
                      for key, c in sorted(groups.items())}
               for name, groups in self.groups.items()},
            "worst": [{"id": article_id, "headline": headline, "score": score,
                       **dict(zip(SEVERITY_ORDER, severities, strict=True))}
                      for score, _, article_id, headline, severities
                      in sorted(self._worst, reverse=True)],
        }
