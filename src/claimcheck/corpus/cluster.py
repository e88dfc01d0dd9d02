"""Running documents on a Dask cluster: batches of documents sent to the workers (a document
behind a URL as its descriptor, which the worker reads), the auditor sent once to every worker,
the results back in the targets' order."""

from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator

from claimcheck.audit import Auditor
from claimcheck.corpus.auditing import audit_batch
from claimcheck.corpus.documents import CorpusError, Job, Target, read_target, reason

DASK_CONNECT_TIMEOUT = 10  # seconds to reach the scheduler
DASK_BATCH_DOCUMENTS = 64  # documents per Dask task ...
DASK_BATCH_BYTES = 4 << 20  # ... or this many characters, whichever comes first


def dask_results(auditor: Auditor, targets: list[Target], address: str, finish=None) -> Iterator:
    """Batches of documents sent to a Dask cluster (files of this machine read here, documents
    behind URLs read by the workers); the auditor is sent once to every worker; results come
    back in order, with a bounded number of batches in flight."""
    try:
        from distributed import Client
    except ImportError:
        raise CorpusError("--dask needs the 'distributed' package: pip install distributed") from None
    from distributed.comm import resolve_address

    try:
        resolve_address(address)  # a malformed address fails here, before a Client exists
        client = Client(address, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
    except Exception as exc:  # ValueError (address), OSError, TimeoutError (unreachable)
        raise CorpusError(f"cannot reach the Dask scheduler at {address}: {reason(exc)}") from None
    return dask_stream(client, auditor, targets, finish)


def dask_stream(client, auditor: Auditor, targets: list[Target], finish=None) -> Iterator:
    pending: deque = deque()
    try:
        try:
            [remote_auditor] = client.scatter([auditor], broadcast=True, hash=False)
            window = 2 * max(1, sum(client.nthreads().values())) + 2
        except Exception as exc:
            raise CorpusError(f"the Dask cluster refused the registry: {reason(exc)}") from None
        for batch in _batches(_dask_jobs(targets)):
            pending.append(client.submit(audit_batch, remote_auditor, batch, finish, pure=False))
            while len(pending) >= window:
                yield from _gather(pending.popleft())
        while pending:
            yield from _gather(pending.popleft())
    finally:
        for future in pending:
            future.cancel()
        client.close()


def _dask_jobs(targets: Iterable[Target]) -> Iterator[Job]:
    """A document behind a URL (an object store, a file:// URL on a shared filesystem, a record of
    a web archive there) goes as its descriptor, and the worker reads it; a file on this machine
    goes as its text, read here, since the cluster's machines may not share this disk."""
    for target in targets:
        if target.remote:
            yield (target, None, None)
        else:
            yield (target, *read_target(target))


def _batches(jobs: Iterator[Job]) -> Iterator[list[Job]]:
    batch: list[Job] = []
    size = 0
    for job in jobs:
        batch.append(job)
        target, text, _ = job
        size += len(text) if text is not None else (target.size or 0)
        if len(batch) >= DASK_BATCH_DOCUMENTS or size >= DASK_BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _gather(future) -> list:
    try:
        return future.result()
    except Exception as exc:
        raise CorpusError(f"the Dask cluster failed to audit a batch: {reason(exc)} "
                          "(do its workers have the same claimcheck installed?)") from None
