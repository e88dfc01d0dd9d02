"""Running documents on this machine: in-process for small inputs, else in N worker processes
(each compiles the registry's matchers once), the results coming back in the targets' order."""

from __future__ import annotations

import os
import signal
import sys
from typing import Iterator, Optional

from claimcheck.audit import Auditor
from claimcheck.corpus.auditing import jobs_of, run_jobs
from claimcheck.corpus.documents import STDIN, CorpusError, Job, Target

POOL_MIN_BYTES = 256 * 1024  # below this much text, -j N audits in-process: workers would cost more
IN_PROCESS_CHUNK = 32  # documents read and audited together when no worker process is used
WORKER_CHECK_SECONDS = 0.5  # how often a wait for a worker's result checks that none has died


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def in_process_results(auditor: Auditor, targets: list[Target], finish=None) -> Iterator:
    """The results of ``targets`` audited here, IN_PROCESS_CHUNK documents at a time."""
    read: dict = {}  # shared by the chunks: each file is read once in this process
    return (result for chunk in chunks(jobs_of(targets), IN_PROCESS_CHUNK)
            for result in run_jobs(auditor, chunk, finish, read))


def enough_work(targets: list[Target]) -> bool:
    """Worth starting worker processes? (Tiny inputs are audited faster in-process.)"""
    total = 0
    for target in targets:
        if target.path == STDIN:
            continue
        if target.size is not None:  # a remote file or a web-archive record: its listed size
            total += target.size
        elif target.local:
            try:
                total += os.stat(target.path).st_size
            except OSError:
                continue
        if total >= POOL_MIN_BYTES:
            return True
    return False


_worker_auditor: Optional[Auditor] = None


def _init_worker(auditor: Auditor) -> None:
    """Once per worker process: leave Ctrl-C to the parent, compile the matchers."""
    global _worker_auditor
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _worker_auditor = auditor
    if "fsspec" in sys.modules:  # URLs were listed before the fork
        from claimcheck.corpus.remote import after_fork

        after_fork()
    auditor.matcher  # noqa: B018 - built here, once, not on the first document


def _pool_chunk(finish, jobs: list[Job]) -> list:
    assert _worker_auditor is not None
    return run_jobs(_worker_auditor, jobs, finish)


def chunks(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def pool_results(auditor: Auditor, targets: list[Target], processes: int, finish=None) -> Iterator:
    from functools import partial
    import multiprocessing

    # Workers must never see Ctrl-C before their initializer ignores it: block it while forking.
    blocked = hasattr(signal, "pthread_sigmask")
    if blocked:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = multiprocessing.get_context().Pool(processes, initializer=_init_worker, initargs=(auditor,))
    finally:
        if blocked:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    finished = False
    try:
        # Chunks of up to 64 documents: each chunk is one message each way, and per-message costs
        # (pickling, the pool's threads, the pipe) otherwise take a fifth of the parent's core
        # when documents are quick to audit; at least 4 chunks per worker keep the load even.
        chunksize = max(1, min(64, len(targets) // (processes * 4)))
        workers = _Workers(pool)
        results = pool.imap(partial(_pool_chunk, finish), chunks(jobs_of(targets), chunksize))
        while True:
            try:
                yield from results.next(timeout=WORKER_CHECK_SECONDS)
            except StopIteration:
                break
            except multiprocessing.TimeoutError:
                # A worker that dies (killed, out of memory) takes its chunk with it, and the pool
                # would wait for that chunk forever: fail now instead.
                if workers.one_died():
                    raise CorpusError("a worker process stopped unexpectedly (killed, or out of memory?); "
                                      "try fewer jobs (-j), or audit the corpus in parts") from None
        finished = True
    finally:
        if finished:
            pool.close()
        else:  # interrupted, or the reader stopped: stop the workers now
            pool.terminate()
        pool.join()


class _Workers:
    """Every worker process a pool has started: a pool replaces a worker that dies, silently."""

    def __init__(self, pool):
        self._pool = pool
        self._seen: dict[int, object] = {}
        self.one_died()  # the first workers, before any can die and be replaced unseen

    def one_died(self) -> bool:
        for process in list(getattr(self._pool, "_pool", [])):
            self._seen.setdefault(id(process), process)
        return any(process.exitcode not in (None, 0) for process in self._seen.values())

