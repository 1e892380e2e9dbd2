"""`copydesk audit --compare OLD NEW`: what changed between two audits of an archive.

A finding is the same in both when its article id and fingerprint match (the
fingerprint hashes rule, flagged text and occurrence, not the place, so edits
elsewhere in an article do not make its findings new). New findings are in NEW
only, fixed ones in OLD only; both are counted by rule. Articles in one audit only
(added to or removed from the archive), and articles that could not be audited in
either, are counted apart and not compared.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from lint.audit.run import FINDINGS, AuditError

Keys = Counter  # (rule, fingerprint) -> occurrences


def _load(audit: Path) -> tuple[dict[str, Keys], dict[str, str | None], set[str]]:
    """Each article's finding keys, headline, and the ids of the articles that failed."""
    path = audit / FINDINGS if audit.is_dir() else audit
    keys: dict[str, Keys] = {}
    headlines: dict[str, str | None] = {}
    failed: set[str] = set()
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                try:
                    record = json.loads(line)
                    article = record["id"]
                    found = keys.setdefault(article, Counter())
                    found.update((f["rule"], f["fingerprint"]) for f in record["findings"])
                    headlines.setdefault(article, record["metadata"]["headline"])
                    if record["error"]:
                        failed.add(article)
                except (ValueError, KeyError, TypeError):
                    raise AuditError(f"{path}:{number}: not a line of an audit's "
                                     f"{FINDINGS}") from None
    except OSError as exc:
        raise AuditError(f"{path}: {exc.strerror or exc}") from None
    return keys, headlines, failed


def compare(old: Path, new: Path) -> dict[str, Any]:
    before, _, failed_before = _load(old)
    after, headlines, failed_after = _load(new)
    failed = failed_before | failed_after
    by_rule: dict[str, Counter] = {}
    changed = []
    compared = 0
    for article, keys in after.items():
        if article not in before or article in failed:
            continue
        compared += 1
        new_keys, fixed_keys = keys - before[article], before[article] - keys
        for kind, found in (("new", new_keys), ("fixed", fixed_keys)):
            for (rule, _), n in found.items():
                by_rule.setdefault(rule, Counter())[kind] += n
        if new_keys or fixed_keys:
            changed.append({"id": article, "headline": headlines[article],
                            "new": sum(new_keys.values()), "fixed": sum(fixed_keys.values())})
    return {
        "old": {"path": str(old), "articles": len(before)},
        "new": {"path": str(new), "articles": len(after)},
        "articles": {"compared": compared, "added": len(after.keys() - before.keys()),
                     "removed": len(before.keys() - after.keys()),
                     "failed": len(failed & (before.keys() & after.keys()))},
        "findings": {kind: sum(c[kind] for c in by_rule.values()) for kind in ("new", "fixed")},
        "by_rule": {rule: {"new": c["new"], "fixed": c["fixed"]}
                    for rule, c in sorted(by_rule.items())},
        "changed": changed,
    }


def as_text(comparison: dict[str, Any]) -> str:
    old, new, articles = comparison["old"], comparison["new"], comparison["articles"]
    lines = [f"{old['path']} ({old['articles']:,} articles) -> "
             f"{new['path']} ({new['articles']:,} articles)",
             f"{articles['compared']:,} articles compared; {articles['added']:,} added, "
             f"{articles['removed']:,} removed, {articles['failed']:,} not audited in both"]
    rows = [(rule, counts["new"], counts["fixed"]) for rule, counts in
            comparison["by_rule"].items()]
    rows.append(("total", comparison["findings"]["new"], comparison["findings"]["fixed"]))
    width = max(len(row[0]) for row in rows)
    lines.append(f"{'rule':<{width}}  {'new':>7}  {'fixed':>7}")
    lines += [f"{rule:<{width}}  {n:>7,}  {fixed:>7,}" for rule, n, fixed in rows]
    return "\n".join(lines) + "\n"
