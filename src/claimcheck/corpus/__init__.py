"""Auditing a corpus: many documents, streamed.

The pipeline, one module per step:

- ``documents``: the vocabulary (a Target: one document and where to read it; CorpusError);
- ``targets``: command-line names (ids, files, folders, globs, ``-``) -> targets;
- ``auditing``: targets -> reports, in batches (the same code in-process, in a worker, on Dask);
- ``local``: running them here, in-process or in worker processes;
- ``cluster``: running them on a Dask cluster;
- ``summary`` and ``progress``: counting, the summary, the progress bar;
- ``output``: standard output or a file written atomically;
- ``run``: the audit command from end to end (picks local or cluster, writes as results come).
"""

from claimcheck.corpus.auditing import (
    DocumentSummary,
    as_jsonl,
    audit_batch,
    audit_document,
    audit_documents,
    audit_target,
    summarise,
)
from claimcheck.corpus.documents import STDIN, TEXT_SUFFIXES, CorpusError, Target, read_target
from claimcheck.corpus.local import default_jobs
from claimcheck.corpus.run import audit_stream, run_audit
from claimcheck.corpus.summary import Tally, print_summary
from claimcheck.corpus.targets import document_problem, expand_targets, walk_texts

__all__ = [
    "STDIN", "TEXT_SUFFIXES", "CorpusError", "DocumentSummary", "Tally", "Target", "as_jsonl", "audit_batch",
    "audit_document", "audit_documents", "audit_stream", "audit_target", "default_jobs", "document_problem",
    "expand_targets", "print_summary", "read_target", "run_audit", "summarise", "walk_texts",
]
