"""The audit's per-article pass on a Dask cluster: the twin of the local engine's
worker pool, yielding each chunk's results in input order.

The articles go out as bags of a few partitions (one partition per chunk), computed
window by window with at most two windows in flight, so memory stays flat whatever
the archive's size and results come back in input order. Dask is imported here
only, on first use.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from importlib.util import find_spec
from itertools import islice
from typing import Any

from lint.audit import worker
from lint.audit.archive import Item
from lint.engine import Linter

CONNECT_SECONDS = 10
MISSING = "the dask engine needs Dask (pip install 'copydesk[dask]')"


def available() -> bool:
    return bool(find_spec("dask") and find_spec("distributed"))


def audited(articles: Iterable[Item], linter: Linter, format: str | None, chunk: int,
            scheduler: str | None, jobs: int) -> Iterator[list[worker.Audited]]:
    """Each chunk's results, in input order, audited on the cluster at `scheduler`
    (a LocalCluster of `jobs` worker processes when there is none)."""
    client, cluster = _connect(scheduler, jobs)
    import dask
    import dask.bag

    try:
        window = chunk * 2 * max(1, len(client.scheduler_info()["workers"]))
        # One name for the linter in every window's graph: tokenizing it would cost more.
        settings = dask.delayed(linter, name=f"copydesk-linter-{id(linter)}")
        pending: deque = deque()
        iterator = iter(articles)
        while batch := list(islice(iterator, window)):
            bag = dask.bag.from_sequence(batch, partition_size=chunk)
            partitions = bag.map_partitions(worker.audit_items, settings, format).to_delayed()
            pending.extend(client.compute(partitions))
            while len(pending) > len(partitions):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    from lint.audit.run import AuditError

    if not available():
        raise AuditError(MISSING)
    from distributed import Client, LocalCluster

    if scheduler is None:
        cluster = LocalCluster(n_workers=jobs or None, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=CONNECT_SECONDS), None
    except (OSError, ValueError) as exc:  # TimeoutError is an OSError
        raise AuditError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
