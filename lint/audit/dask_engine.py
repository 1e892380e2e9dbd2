"""The audit's per-article pass on a Dask cluster: the twin of the local engine's
worker pool, yielding each chunk's results in input order.

The articles go out as bags of a few partitions (one partition per chunk), computed
window by window with at most two windows in flight, so memory stays flat whatever
the archive's size and results come back in input order. The archive rules'
LSH buckets can be grouped there too (`bucket_pairs`). Dask is imported here only,
on first use.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from itertools import combinations, islice
from operator import itemgetter
from typing import Any

from lint.archive import BUCKET_CAP
from lint.audit import worker
from lint.audit.archive import Item
from lint.engine import Linter

CONNECT_SECONDS = 10
BUCKET_ROWS = 100_000  # sketch rows a partition
MISSING = "the dask engine needs Dask (pip install 'copydesk[dask]')"


def available() -> bool:
    return bool(find_spec("dask") and find_spec("distributed"))


@contextmanager
def connected(scheduler: str | None, jobs: int) -> Iterator[Any]:
    """A client of the cluster at `scheduler`, or of a LocalCluster of `jobs` worker
    processes when there is none."""
    client, cluster = _connect(scheduler, jobs)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def audited(client: Any, articles: Iterable[Item], linter: Linter, format: str | None,
            chunk: int) -> Iterator[list[worker.Audited]]:
    """Each chunk's results, in input order, audited on the cluster."""
    import dask
    import dask.bag

    window = chunk * 2 * max(1, len(client.scheduler_info()["workers"]))
    # One name for the linter in every window's graph: tokenizing it would cost more.
    settings = dask.delayed(linter, name=f"copydesk-linter-{id(linter)}")
    pending: deque = deque()
    iterator = iter(articles)
    try:
        while batch := list(islice(iterator, window)):
            bag = dask.bag.from_sequence(batch, partition_size=chunk)
            partitions = bag.map_partitions(worker.audit_items, settings, format).to_delayed()
            pending.extend(client.compute(partitions))
            while len(pending) > len(partitions):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.cancel(list(pending))


def bucket_pairs(client: Any, rows: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs of passages that share a sketch value held by 2 to BUCKET_CAP rows,
    from the sketches' (value, passage) rows, grouped on the cluster."""
    import dask.bag

    bag = dask.bag.from_sequence(list(rows), partition_size=BUCKET_ROWS)
    buckets = bag.foldby(itemgetter(0), _add_row, (0, ()), _merge, (0, ()))
    return client.compute(buckets.map(_pairs).flatten().distinct()).result()


def _add_row(bucket: tuple[int, tuple], row: tuple[int, int]) -> tuple[int, tuple]:
    return _merge(bucket, (1, (row[1],)))


def _merge(one: tuple[int, tuple], other: tuple[int, tuple]) -> tuple[int, tuple]:
    """A bucket as its count of rows and, while that is within the cap, its passages."""
    count = one[0] + other[0]
    return count, one[1] + other[1] if count <= BUCKET_CAP else ()


def _pairs(bucket: tuple[int, tuple[int, tuple]]) -> list[tuple[int, int]]:
    count, passages = bucket[1]
    if count < 2 or count > BUCKET_CAP:
        return []
    return list(combinations(sorted(set(passages)), 2))


def _connect(scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    from lint.audit.run import AuditError

    if not available():
        raise AuditError(MISSING)
    from distributed import Client, LocalCluster

    if scheduler is None:
        # No dashboard; the scheduler's own HTTP routes on any free port, not on 8787,
        # which another cluster on the machine may hold.
        cluster = LocalCluster(n_workers=jobs or None, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR,
                               scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=CONNECT_SECONDS), None
    except (OSError, ValueError) as exc:  # TimeoutError is an OSError
        raise AuditError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
