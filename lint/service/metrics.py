"""Request counts, latencies and findings in the Prometheus text format (one worker's)."""

from __future__ import annotations

import bisect
import threading
from collections import Counter

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[str] = Counter()
        self.findings: Counter[str] = Counter()
        self._buckets = [0] * (len(BUCKETS) + 1)
        self._seconds = 0.0

    def request(self, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[str(status)] += 1
            self._buckets[bisect.bisect_left(BUCKETS, seconds)] += 1
            self._seconds += seconds

    def found(self, rules: Counter[str]) -> None:
        with self._lock:
            self.findings.update(rules)

    def render(self, pending: int) -> str:
        """The metrics, with `pending`: the checks under way now (what max-pending bounds)."""
        with self._lock:
            lines = ["# HELP copydesk_checks_pending Checks under way or waiting for a thread.",
                     "# TYPE copydesk_checks_pending gauge",
                     f"copydesk_checks_pending {pending}",
                     "# HELP copydesk_requests_total HTTP requests answered, by status.",
                     "# TYPE copydesk_requests_total counter"]
            lines += [f'copydesk_requests_total{{status="{status}"}} {count}'
                      for status, count in sorted(self.requests.items())]
            lines += ["# HELP copydesk_request_duration_seconds Time to answer a request.",
                      "# TYPE copydesk_request_duration_seconds histogram"]
            cumulative = 0
            for bound, count in zip((*BUCKETS, "+Inf"), self._buckets, strict=True):
                cumulative += count
                lines.append(f'copydesk_request_duration_seconds_bucket{{le="{bound}"}} '
                             f"{cumulative}")
            lines += [f"copydesk_request_duration_seconds_sum {self._seconds:.6f}",
                      f"copydesk_request_duration_seconds_count {cumulative}",
                      "# HELP copydesk_findings_total Findings reported, by rule.",
                      "# TYPE copydesk_findings_total counter"]
            lines += [f'copydesk_findings_total{{rule="{rule}"}} {count}'
                      for rule, count in sorted(self.findings.items())]
        return "\n".join(lines) + "\n"
