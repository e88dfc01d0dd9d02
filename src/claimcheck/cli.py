"""Thin Typer glue: parse options, call the engine, render, exit.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 unusable input or usage error,
130 interrupted. Heavy modules are imported inside the commands that need them, so that
``--version`` and ``--help`` start fast.
"""

from __future__ import annotations

import enum
import os
import sys
from typing import Annotated, List, Optional

import typer


from claimcheck import __version__, memory

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Audit health content against a registry of reviewed claims (claims.yaml).",
)
export_app = typer.Typer(no_args_is_help=True, help="Export the registry in other formats.")
app.add_typer(export_app, name="export")


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class ListFormat(str, enum.Enum):  # show and stats: text or json
    text = "text"
    json = "json"


class ListFormatOption(str, enum.Enum):
    text = "text"
    tsv = "tsv"
    json = "json"


RegistryOption = Annotated[
    Optional[str],
    typer.Option("--registry", "-r", metavar="PATH",
                 help="The registry file (default: claims.yaml here or in the nearest parent folder).",
                 show_default=False),
]
FailOnOption = Annotated[
    str, typer.Option("--fail-on", metavar="LEVEL",
                      help="Exit 1 when a finding at or above this severity exists: error, warning, info or never.")
]
OutputOption = Annotated[
    Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                help="Write to this file (atomically) instead of standard output.")
]


def choice(value, allowed: type[enum.Enum], option: str):
    """``value`` as a member of ``allowed``; otherwise the one usage-error style for every bad
    option value: "Invalid value for --x: 'v' is not one of a, b, c" (exit 2)."""
    if isinstance(value, allowed):
        return value
    try:
        return allowed(value)
    except ValueError:
        names = [m.value for m in allowed]
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(names)}", param_hint=option) from None


def number(value: Optional[str], option: str, *, kind: type = float, low: float = 0.0, high: Optional[float] = None):
    """A numeric option parsed here, so that its error has the same style as every other one."""
    if value is None:
        return None
    what = "a whole number" if kind is int else "a number"
    bounds = f" from {low} to {high}" if high is not None else f" of {low:g} or more"
    try:
        parsed = kind(value)
    except (TypeError, ValueError):
        raise typer.BadParameter(f"'{value}' is not {what}{bounds}", param_hint=option) from None
    if parsed != parsed or parsed < low or (high is not None and parsed > high):  # NaN too
        raise typer.BadParameter(f"'{value}' is not {what}{bounds}", param_hint=option)
    return parsed


def unusable(*lines: str):
    """Input claimcheck cannot use: one line per problem on stderr, exit 2."""
    for line in lines:
        _say(line)
    raise typer.Exit(EXIT_UNUSABLE)


def _version(value: bool) -> None:
    if value:
        print(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """claimcheck: locate, flag and correct known claims in health content."""


# --- helpers ------------------------------------------------------------------------------


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _stdout_console():
    from rich.console import Console

    return Console(highlight=False, width=None if sys.stdout.isatty() else _pipe_width())


def _pipe_width() -> int:
    """Piped output is read by people in logs and editors: wider than Rich's default 80."""
    try:
        return max(40, int(os.environ.get("COLUMNS", "120")))
    except ValueError:
        return 120


def _registry_path(registry: Optional[str]) -> str:
    from claimcheck.loader import find_registry

    if registry:
        return registry
    found = find_registry()
    if found is None:
        unusable(f"claimcheck: no claims.yaml in {os.getcwd()} or its parent folders; pass --registry PATH")
    return found


def _load(registry: Optional[str], *, for_audit: bool = False):
    """A usable registry; otherwise one line per error on stderr and exit 2. An audit also needs
    every claim's ``subject`` to compile (an invalid one must not silently turn its filter off)."""
    from claimcheck.loader import load_registry
    from claimcheck.model import Severity

    result = load_registry(_registry_path(registry))
    errors = [p for p in result.problems if p.severity is Severity.error]
    if for_audit and not errors and not result.fatal and result.registry is not None:
        from claimcheck.checks.patterns import subject_problems
        from claimcheck.lint import LintContext

        errors = list(subject_problems(LintContext(result)))
    if result.fatal or errors or result.registry is None:
        from claimcheck.lint import lint

        errors = [p for p in lint(result) if p.severity is Severity.error]  # as many as lint reports
        lines = [f"{p.path}:{p.line}:{p.column}: {p.severity.value} {p.rule} {_flat(p.message)}" for p in errors]
        count = len(errors)
        lines.append(f"claimcheck: the registry has {count} error{'s' if count != 1 else ''}; "
                     f"run 'claimcheck lint {result.path}' for details")
        unusable(*lines)
    return result.registry


def _flat(message: str) -> str:
    from claimcheck.text import one_line

    return one_line(message)


class _OutOfMemory(Exception):
    """A MemoryError caught in the command where it happened; main() ends the run with one line."""


def _memory_guarded(command):
    """Catch a MemoryError inside the command, before it unwinds through click's context
    managers: there, the interpreter's recycled MemoryError objects can make an exception's
    context chain a loop, and contextlib's exit handling then spins forever. What goes up instead
    is a fresh exception with no context, raised once the reserve is released."""
    import functools

    @functools.wraps(command)
    def guarded(*args, **kwargs):
        global _memory_reserve
        try:
            return command(*args, **kwargs)
        except MemoryError:
            _memory_reserve = None
        raise _OutOfMemory()

    return guarded


# --- commands -----------------------------------------------------------------------------


@app.command("list")
@_memory_guarded
def list_claims(
    registry: RegistryOption = None,
    doc: Annotated[Optional[List[str]], typer.Option(
        "--doc", metavar="DOC_ID", help="Only claims appearing in this document: its id, or a prefix of it such as 004 "
                                        "(repeatable).")] = None,
    flag: Annotated[Optional[List[str]], typer.Option("--flag", metavar="FLAG",
                                                      help="Only claims with this flag (repeatable).")] = None,
    verdict: Annotated[Optional[List[str]], typer.Option("--verdict", metavar="VERDICT",
                                                         help="Only claims with this verdict (repeatable).")] = None,
    severity: Annotated[Optional[str], typer.Option("--severity", metavar="LEVEL",
                                                    help="Only claims at or above this severity: error, warning or info.",
                                                    show_default=False)] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="text (a table on a terminal, tab-separated lines when piped), tsv or json.")
                      ] = "text",
) -> None:
    """List the registered claims (sorted by document, then id)."""
    from claimcheck.formats.listing import did_you_mean, resolve_document
    from claimcheck.model import Severity, Verdict

    fmt = choice(format, ListFormatOption, "--format")
    floor = choice(severity, Severity, "--severity") if severity is not None else None
    verdicts = {choice(v, Verdict, "--verdict") for v in verdict or []}
    reg = _load(registry)
    documents = set()
    for value in doc or []:
        found, why = resolve_document(reg, value)
        if found is None:
            raise typer.BadParameter(why, param_hint="--doc")
        documents.add(found)
    for value in flag or []:
        if value not in reg.flags:
            raise typer.BadParameter(f"no flag '{value}' in the registry{did_you_mean(value, sorted(reg.flags))}",
                                     param_hint="--flag")
    claims = []
    for claim in reg.claims.values():
        if documents and not any(a.document in documents for a in claim.appearances):
            continue
        if flag and not set(flag) & set(claim.flags):
            continue
        if verdicts and claim.verdict not in verdicts:
            continue
        if floor is not None and reg.severity_of(claim).rank < floor.rank:
            continue
        claims.append(claim)
    claims.sort(key=lambda c: (min(a.document for a in c.appearances), c.id))
    if fmt is ListFormatOption.json:
        import json

        from claimcheck.formats.common import claim_dict
        from claimcheck.output import write_stdout
        from claimcheck.text import json_safe

        data = []
        for claim in claims:
            entry = claim_dict(reg, claim.id)
            entry["severity"] = reg.severity_of(claim).value
            entry["appearances"] = [a.model_dump(exclude_none=True) for a in claim.appearances]
            data.append(entry)
        write_stdout(json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")
        return
    if fmt is ListFormatOption.tsv or not _stdout_is_terminal():
        from claimcheck.formats.listing import render_tsv
        from claimcheck.output import write_stdout

        write_stdout(render_tsv(claims))
        return
    from claimcheck.formats.listing import print_claims

    print_claims(reg, claims, _stdout_console())


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


@app.command()
@_memory_guarded
def audit(
    targets: Annotated[Optional[List[str]], typer.Argument(
        metavar="TARGET", help="Document ids, files, directories, globs, or - for standard input.",
        show_default=False, hidden=True)] = None,
    all_documents: Annotated[bool, typer.Option("--all", "-a", help="Audit every registered document.")] = False,
    registry: RegistryOption = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="text, json, jsonl, sarif, github, markdown or html.")] = "text",
    fail_on: FailOnOption = "error",
    min_severity: Annotated[Optional[str], typer.Option(
        "--min-severity", metavar="LEVEL",
        help="Text format: show findings at or above this severity (error, warning or info); the others are "
             "counted in one line. Default: warning on a terminal, info in a file or pipe. Display only: "
             "--fail-on, ratings and summaries count every finding.", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Text format: hide info findings "
                                                             "(--min-severity warning).")] = False,
    output: OutputOption = None,
    suggest: Annotated[bool, typer.Option("--suggest", help="Also list check-worthy sentences the registry does not cover.")] = False,
    match: Annotated[Optional[List[str]], typer.Option("--match", metavar="KIND",
                                                       help="Match kinds to use: exact, pattern, value, fuzzy or semantic "
                                                            "(repeatable; default all but semantic).")] = None,
    semantic: Annotated[bool, typer.Option("--semantic", help="Also look for restatements by meaning (sentence "
                                                              "embeddings; needs the 'semantic' extra); "
                                                              "its findings are at most warnings.")] = False,
    fuzzy_threshold: Annotated[Optional[str], typer.Option(
        "--fuzzy-threshold", metavar="0.0-1.0", help="Similarity needed for a fuzzy match (default: measured, see docs/auditing.md).",
        show_default=False)] = None,
    jobs: Annotated[Optional[str], typer.Option("--jobs", "-j", metavar="N",
                                                help="Worker processes (default: number of cores).",
                                                show_default=False)] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="ADDRESS",
                                                help="Address of a Dask scheduler to run the audit on.")] = None,
    brief: Annotated[bool, typer.Option("--brief", help="Text format: leave out rationales and sources.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Text format: also say which stance rule decided "
                                                                 "each finding (asserts, reports, refutes, asks).")] = False,
    max_findings: Annotated[Optional[str], typer.Option(
        "--max-findings", metavar="N", help="Findings shown per document (default 1000); the rest are counted in one "
                                            "line (0: show all).", show_default=False)] = None,
    max_per_claim: Annotated[Optional[str], typer.Option(
        "--max-per-claim", metavar="N", help="Findings shown per claim and document (default 100; 0: show all).",
        show_default=False)] = None,
) -> None:
    """Audit documents: locate every registered claim (line:column), flag it, correct it.

    TARGET: a registered document's id, a file, a directory, a glob, or - for standard input;
    also a URL (s3://bucket/crawl/*.html) or a web archive (.warc, .warc.gz), with the remote
    extra (each file is audited once, however it is named).
    """
    from claimcheck.audit import Auditor
    from claimcheck.corpus import expand_targets, run_audit
    from claimcheck.formats import AuditFormat
    from claimcheck.formats.text import View
    from claimcheck.limits import DEFAULT_MAX_FINDINGS, DEFAULT_MAX_PER_CLAIM
    from claimcheck.model import MatchKind, Severity

    fmt = choice(format, AuditFormat, "--format")
    fail = choice(fail_on, FailOn, "--fail-on")
    floor = choice(min_severity, Severity, "--min-severity") if min_severity is not None else None
    kinds = tuple(choice(m, MatchKind, "--match") for m in match) if match else None
    threshold = number(fuzzy_threshold, "--fuzzy-threshold", low=0.0, high=1.0)
    workers = number(jobs, "--jobs", kind=int, low=1)
    cap = number(max_findings, "--max-findings", kind=int, low=0)
    per_claim = number(max_per_claim, "--max-per-claim", kind=int, low=0)
    if semantic and (kinds is None or MatchKind.semantic not in kinds):
        from claimcheck.audit import AuditOptions

        kinds = (kinds or AuditOptions.kinds) + (MatchKind.semantic,)
    if kinds and MatchKind.semantic in kinds:
        from claimcheck.semantic import SemanticUnavailable, load_model

        try:
            load_model()
        except SemanticUnavailable as exc:
            unusable(f"error: {exc}")
    reg = _load(registry, for_audit=True)
    if not targets and not all_documents:
        raise typer.BadParameter("name documents to audit, or pass --all", param_hint="TARGET")
    inputs, problems = expand_targets(reg, targets or [], all_documents)
    if problems:
        unusable(*problems)
    from claimcheck.output import refuse_to_overwrite

    refuse_to_overwrite(output, [reg.path, *(t.path for t in inputs)])
    to_terminal = output in (None, "-") and _stdout_is_terminal()
    if floor is None:
        floor = Severity.warning if quiet or to_terminal else Severity.info
    view = View(min_severity=floor, verbose=not brief, stance=verbose, wrap=to_terminal, suggest=suggest)
    auditor = Auditor(reg, fuzzy_threshold=threshold, kinds=kinds, suggest=suggest,
                      keep_text=fmt is AuditFormat.html,
                      max_findings=DEFAULT_MAX_FINDINGS if cap is None else cap,
                      max_per_claim=DEFAULT_MAX_PER_CLAIM if per_claim is None else per_claim)
    code = run_audit(auditor, inputs, fmt, output, fail.value, jobs=workers, dask_address=dask, brief=brief, view=view)
    raise typer.Exit(code)


@app.command()
@_memory_guarded
def show(
    claim_id: Annotated[str, typer.Argument(metavar="CLAIM_ID", help="A claim's id, or an unambiguous prefix of it.",
                                            show_default=False, hidden=True)],
    registry: RegistryOption = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = "text",
) -> None:
    """One claim in full: verdict, flags, rationale, correction, every appearance (file:line:col), every source.

    CLAIM_ID: a claim's id (as audit and list print it), or an unambiguous prefix of it.
    """
    from claimcheck.formats.show import claim_record, print_claim, resolve_claim

    fmt = choice(format, ListFormat, "--format")
    reg = _load(registry)
    claim, why = resolve_claim(reg, claim_id)
    if claim is None:
        raise typer.BadParameter(why, param_hint="CLAIM_ID")
    if fmt is ListFormat.json:
        import json

        from claimcheck.output import write_stdout
        from claimcheck.text import json_safe

        write_stdout(json_safe(json.dumps(claim_record(reg, claim), indent=2, ensure_ascii=False)) + "\n")
        return
    print_claim(reg, claim, _stdout_console(), wrap=_stdout_is_terminal())


@app.command()
@_memory_guarded
def lint(
    paths: Annotated[Optional[List[str]], typer.Argument(
        metavar="PATH", help="Registry files; several are linted in turn.", show_default=False, hidden=True)] = None,
    registry: RegistryOption = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text, json, sarif or github.")] = "text",
    fail_on: FailOnOption = "error",
    output: OutputOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Report every warning as an error (drafts included): what CI should run.")] = False,
    max_age: Annotated[Optional[str], typer.Option("--max-age", metavar="AGE", help="Warn on reviews older than this (18mo, 2y, 6w, 90d) and on claims that record none.",
                                                   show_default=False)] = None,
    max_findings: Annotated[Optional[str], typer.Option(
        "--max-findings", metavar="N", help="Findings shown per registry (default 1000); the rest are counted in one "
                                            "line (0: show all).", show_default=False)] = None,
) -> None:
    """Check the registry: YAML, schema, references, documents, quotes, evidence, patterns, reviews.

    PATH: registry files, linted in turn (default: claims.yaml, found as for the other commands).
    """
    from claimcheck.checks.reviews import parse_age
    from claimcheck.formats import LintFormat
    from claimcheck.limits import DEFAULT_MAX_FINDINGS
    from claimcheck.lint import LintOptions, lint_exit_code, lint_paths, lint_report

    try:
        age = parse_age(max_age) if max_age is not None else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--max-age") from None

    fmt = choice(format, LintFormat, "--format")
    fail = choice(fail_on, FailOn, "--fail-on")
    cap = number(max_findings, "--max-findings", kind=int, low=0)
    max_findings = DEFAULT_MAX_FINDINGS if cap is None else cap
    registries = [*(paths or []), *([registry] if registry else [])] or [_registry_path(None)]
    from claimcheck.output import refuse_to_overwrite

    refuse_to_overwrite(output, registries)
    results = lint_paths(registries, LintOptions(strict=strict, max_age=age))
    refuse_to_overwrite(output, [os.path.join(r.registry.root, d.path) for r, _ in results if r.registry is not None
                                 for d in r.registry.documents.values()])  # the documents it read
    if fmt is LintFormat.text:
        from claimcheck.formats.text import print_lint

        buffer = None
        if output and output != "-":  # rendered plain, then written atomically
            from io import StringIO

            from rich.console import Console

            buffer = StringIO()
            console = Console(file=buffer, highlight=False, color_system=None, width=_pipe_width())
        else:
            console = _stdout_console()
        for result, findings in results:
            print_lint(findings, console, result.path, max_findings)
        if buffer is not None:
            from claimcheck.output import emit

            emit(buffer.getvalue(), output)
    else:
        from claimcheck.formats import renderer
        from claimcheck.output import emit

        emit(renderer(fmt.value)(lint_report(results, max_findings)), output)
    raise typer.Exit(lint_exit_code(results, fail.value))


@app.command()
@_memory_guarded
def add(
    document: Annotated[str, typer.Argument(metavar="DOCUMENT", help="The document to register (a text file inside "
                                            "the registry's folder).", show_default=False)],
    registry: RegistryOption = None,
    document_id: Annotated[Optional[str], typer.Option("--id", metavar="DOC_ID", help="The document's id (default: from its file name).",
                                                       show_default=False)] = None,
    title: Annotated[Optional[str], typer.Option("--title", metavar="TEXT", help="Its title (default: its first line, when a heading).",
                                                 show_default=False)] = None,
    publisher_type: Annotated[Optional[str], typer.Option("--publisher-type", metavar="TYPE", help="What kind of publisher it is "
                                                          "(asked for on a terminal; else a TODO placeholder).",
                                                          show_default=False)] = None,
    drafts: Annotated[bool, typer.Option("--drafts/--no-drafts", help="Draft claims for check-worthy sentences "
                                         "that match no reviewed claim.")] = True,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the YAML it would add; change nothing.")] = False,
) -> None:
    """Register a document and draft its entries: appearances of reviewed claims, draft claims."""
    from claimcheck.drafting import AddError, plan, registry_to_edit
    from claimcheck.loader import find_registry
    from claimcheck.text import InputError, read_text
    from claimcheck.writer import WriteError, apply

    try:
        text = read_text(document)
    except InputError as exc:
        unusable(f"claimcheck: {document}: {exc.detail}")
    try:
        target = registry_to_edit(registry or find_registry())
    except AddError as exc:
        unusable(*exc.args)
    result = target.result
    if publisher_type is None and sys.stdin.isatty() and sys.stderr.isatty() and not dry_run:
        publisher_type = typer.prompt("What kind of publisher is it (e.g. clinic marketing blog)? "
                                      "Leave empty to fill in later", default="", show_default=False,
                                      err=True).strip() or None
    try:
        found = plan(result, document, text, document_id=document_id, title=title,
                     publisher_type=publisher_type, drafts=drafts)
        new_text, inserted = apply(target.text, result, found.additions())
    except (AddError, WriteError) as exc:
        unusable(f"claimcheck: {exc}")
    shown = result.path
    summary = (f"{'would add' if dry_run else 'added'} to {shown}: "
               + ("" if found.document is None else f"document '{found.document_id}', ")
               + f"{found.appearance_count} appearance{'s' if found.appearance_count != 1 else ''} "
               f"of reviewed claims, {len(found.drafts)} draft claim{'s' if len(found.drafts) != 1 else ''}")
    if dry_run:
        from claimcheck.output import write_stdout

        write_stdout("".join(f"# {shown}, before line {block.before_line + 1}:\n{block.text}" for block in inserted))
        _say(summary)
        return
    if not inserted:
        _say(f"claimcheck: nothing to add: '{found.document_id}' is registered and its claims are all there")
        return
    target.write(new_text)
    _say(summary)
    steps = (["review the drafts ('claimcheck list --verdict unreviewed')"] if found.drafts else []) + (
        ["fill in the TODO placeholders"] if found.document and "TODO" in str(found.document.values()) else [])
    if steps:
        _say(f"next: {', '.join(steps)}, then run 'claimcheck lint --strict'")


class DiffFormat(str, enum.Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
@_memory_guarded
def diff(
    revision: Annotated[Optional[str], typer.Argument(metavar="REV", help="The git revision to compare with (default: the merge "
                                                      "base of HEAD with main or master).", show_default=False)] = None,
    registry: RegistryOption = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="text, markdown (a pull-request comment) or json.")] = "text",
    output: OutputOption = None,
) -> None:
    """What changed in the registry since a git revision: claims, verdicts, flags, appearances, sources."""
    from claimcheck.loader import document_path
    from claimcheck.registry_diff import (DiffError, compare, default_revision, file_at, print_text, registry_at,
                                          render_json, render_markdown)
    from claimcheck.text import InputError, read_text

    format = choice(format, DiffFormat, "--format")
    reg = _load(registry)
    folder = os.path.dirname(os.path.abspath(reg.path)) or "."
    from claimcheck.output import refuse_to_overwrite

    refuse_to_overwrite(output, [reg.path])
    try:
        rev = revision or default_revision(folder)
        old = registry_at(file_at(folder, rev, reg.path), reg.path, reg.root)
    except DiffError as exc:
        unusable(f"claimcheck: {exc}")

    def now(document_id: str):
        document = reg.documents.get(document_id)
        try:
            return read_text(document_path(reg.root, document.path)) if document else None
        except InputError:
            return None

    def then(document_id: str):
        document = old.documents.get(document_id) if old is not None else None
        if document is None:
            return None
        try:
            return file_at(folder, rev, os.path.join(reg.root, document.path))
        except DiffError:
            return None

    changes = compare(old, reg, revision or rev, old_text_of=then, new_text_of=now)
    if format is DiffFormat.text and not (output and output != "-"):
        print_text(changes, _stdout_console())
        return
    from claimcheck.output import emit

    if format is DiffFormat.text:
        from io import StringIO

        from rich.console import Console

        buffer = StringIO()
        print_text(changes, Console(file=buffer, highlight=False, color_system=None, width=_pipe_width()))
        emit(buffer.getvalue(), output)
    else:
        emit(render_markdown(changes) if format is DiffFormat.markdown else render_json(changes), output)


@app.command()
@_memory_guarded
def schema(output: OutputOption = None) -> None:
    """Print the registry's JSON Schema (for editors: VS Code YAML, PyCharm)."""
    from claimcheck.output import emit, refuse_to_replace_non_schema
    from claimcheck.schema import json_schema

    refuse_to_replace_non_schema(output)
    emit(json_schema(), output)


@app.command()
@_memory_guarded
def rules() -> None:
    """List the lint rules with their severity."""
    from rich.table import Table
    from rich.text import Text

    from claimcheck.checks import RULES

    table = Table(header_style="bold")
    table.add_column("rule", style="magenta", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("what it catches")
    for rule in RULES.values():
        table.add_row(Text(rule.id), Text(rule.severity.value), Text(rule.summary))
    _stdout_console().print(table)


@app.command()
@_memory_guarded
def stats(
    registry: RegistryOption = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = "text",
) -> None:
    """Coverage at a glance: claims per document, verdict and flag; sources cited; ratings."""
    from claimcheck.stats import collect, print_stats

    format = choice(format, ListFormat, "--format")
    reg = _load(registry)
    data = collect(reg)
    if format is ListFormat.json:
        import json

        from claimcheck.output import write_stdout
        from claimcheck.text import json_safe

        write_stdout(json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")
        return
    print_stats(data, _stdout_console())


@export_app.command("claimreview")
@_memory_guarded
def export_claimreview(
    registry: RegistryOption = None,
    output: OutputOption = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="datePublished, YYYY-MM-DD (default: the registry file's date).",
                                                show_default=False)] = None,
    author: Annotated[str, typer.Option("--author", metavar="NAME", help="The reviewing organisation.")] = "claimcheck registry",
) -> None:
    """schema.org ClaimReview JSON-LD for every reviewed claim (not-a-claim entries left out)."""
    import datetime

    from claimcheck.export import render_claim_reviews
    from claimcheck.output import emit

    if date is not None:
        try:
            date = datetime.date.fromisoformat(date).isoformat()
        except ValueError:
            raise typer.BadParameter(f"'{date}' is not a date YYYY-MM-DD", param_hint="--date") from None
    reg = _load(registry)
    from claimcheck.output import refuse_to_overwrite

    refuse_to_overwrite(output, [reg.path])
    emit(render_claim_reviews(reg, date=date, author=author), output)


# --- entry point --------------------------------------------------------------------------


OUT_OF_MEMORY = ("claimcheck: out of memory: the input needs more memory than this process may use "
                 "(see the limits in docs/safety.md)")
_OUT_OF_MEMORY_LINE = (OUT_OF_MEMORY + "\n").encode()
_memory_reserve: Optional[bytearray] = None  # released when memory runs out, so that the ending can run
MEMORY_RESERVE_BYTES = 4 << 20


def main(argv: Optional[list[str]] = None) -> None:
    """Run the CLI with claimcheck's exit-code contract (never a traceback, never 255).

    Out of memory, anywhere (a worker's MemoryError comes back to this process), ends as one line
    and exit 2: the reserve is released first, so that what runs after has memory to run with,
    and any temporary file of an unfinished write is removed."""
    global _memory_reserve
    try:
        _memory_reserve = bytearray(MEMORY_RESERVE_BYTES)
        memory.arm()
        code = _run(argv)
    except MemoryError:  # also while an earlier error was being handled
        _memory_reserve = None  # first of all: everything after this needs memory
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        try:
            code = _out_of_memory()
        except MemoryError:  # not even the reserve was enough: the line, prepared in advance, and out
            os.write(2, _OUT_OF_MEMORY_LINE)
            os._exit(EXIT_UNUSABLE)
    except KeyboardInterrupt:  # Ctrl-C while the ending ran
        _say("claimcheck: interrupted")
        code = EXIT_INTERRUPTED
    sys.exit(code)


def _out_of_memory() -> int:
    global _memory_reserve
    _memory_reserve = None
    sys.last_traceback = sys.last_value = None  # what the traceback held (the inputs) can go now
    from claimcheck.output import discard_all

    discard_all()
    try:
        sys.stdout.flush()
    except BaseException:  # noqa: B036 - a closed pipe or a full buffer: the line below still goes out
        pass
    try:
        os.write(2, _OUT_OF_MEMORY_LINE)
    except OSError:
        pass
    return EXIT_UNUSABLE


def _run(argv: Optional[list[str]]) -> int:
    ClickException, ClickExit, ClickAbort = _click_exceptions()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    code = EXIT_OK
    stdout, stdout_id = sys.stdout, _stdout_id()
    try:
        result = app(args=argv, standalone_mode=False, prog_name="claimcheck")
        code = result if isinstance(result, int) else EXIT_OK
        if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into a silent 130
            _say("claimcheck: interrupted")
    except ClickExit as exc:
        code = exc.exit_code
    except ClickAbort:
        _say("claimcheck: interrupted")
        code = EXIT_INTERRUPTED
    except ClickException as exc:
        _show_usage_error(exc)
        code = EXIT_UNUSABLE
    except KeyboardInterrupt:
        _say("claimcheck: interrupted")
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_closed_pipe()
        code = EXIT_OK
    except SystemExit as exc:  # typer (EPIPE) and Rich (BrokenPipeError) end a closed pipe with exit(1)
        if sys.stdout is not stdout or _stdout_id() != stdout_id:
            sys.stdout = stdout
            _quiet_closed_pipe()
            code = EXIT_OK
        else:
            code = exc.code if isinstance(exc.code, int) else EXIT_UNUSABLE
    except OSError as exc:
        _say(f"claimcheck: {exc.filename + ': ' if getattr(exc, 'filename', None) else ''}{exc.strerror or exc}")
        code = EXIT_UNUSABLE
    except _OutOfMemory:
        code = _out_of_memory()
    except MemoryError:
        raise  # main() ends it, with the reserve released
    except Exception as exc:  # a bug: still one line and a clean exit code
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        _say(f"claimcheck: internal error: {type(exc).__name__}: {exc} (set CLAIMCHECK_DEBUG=1 for a traceback)")
        code = EXIT_UNUSABLE
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_closed_pipe()
    except (OSError, ValueError):
        pass
    return code


def _click_exceptions():
    """Typer 0.22+ vendors click as ``typer._click``; older releases use click itself."""
    try:
        from typer._click.exceptions import ClickException
    except ImportError:  # pragma: no cover - older typer
        from click.exceptions import ClickException
    return ClickException, typer.Exit, typer.Abort


def _say(line: str) -> None:
    from claimcheck.text import visible

    try:
        sys.stderr.write(visible(line).replace("\n", "\\n") + "\n")  # one line, whatever the input
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _show_usage_error(exc) -> None:
    """Click's usage error, with the user's arguments made visible (never raw escape sequences)."""
    import io

    buffer = io.StringIO()
    buffer.isatty = lambda: True  # so that click keeps every character for visible() to show
    exc.show(file=buffer)
    for line in buffer.getvalue().rstrip("\n").split("\n"):
        _say(line)


def _stdout_id():
    """Which file standard output is (Rich points it at /dev/null when the pipe closes)."""
    try:
        info = os.fstat(sys.stdout.fileno())
        return info.st_dev, info.st_ino
    except (AttributeError, OSError, ValueError):
        return None


def _quiet_closed_pipe() -> None:
    """The reader went away (``claimcheck list | head -1``): stop without 'Exception ignored'."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
