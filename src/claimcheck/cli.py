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


from claimcheck import __version__

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


class ListFormat(str, enum.Enum):
    text = "text"
    json = "json"


class MatchKindOption(str, enum.Enum):
    exact = "exact"
    pattern = "pattern"
    fuzzy = "fuzzy"


RegistryOption = Annotated[
    Optional[str],
    typer.Option("--registry", "-r", help="The registry file (default: claims.yaml here or in the nearest parent folder).",
                 show_default=False),
]
FailOnOption = Annotated[
    FailOn, typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity exists.")
]
OutputOption = Annotated[
    Optional[str], typer.Option("--output", "-o", help="Write to this file (atomically) instead of standard output.")
]


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
        lines = [f"{p.path}:{p.line}:{p.column}: {p.severity.value} {p.rule} {_flat(p.message)}" for p in errors]
        count = len(errors)
        lines.append(f"claimcheck: the registry has {count} error{'s' if count != 1 else ''}; "
                     f"run 'claimcheck lint {result.path}' for details")
        unusable(*lines)
    return result.registry


def _flat(message: str) -> str:
    from claimcheck.text import one_line

    return one_line(message)


def _fail(findings, fail_on: FailOn) -> int:
    from claimcheck.lint import exit_code

    return exit_code(findings, fail_on.value)


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
    doc: Annotated[Optional[List[str]], typer.Option("--doc", help="Only claims appearing in this document id (repeatable).")] = None,
    flag: Annotated[Optional[List[str]], typer.Option("--flag", help="Only claims with this flag (repeatable).")] = None,
    verdict: Annotated[Optional[List[str]], typer.Option("--verdict", help="Only claims with this verdict (repeatable).")] = None,
    severity: Annotated[Optional[FailOn], typer.Option("--severity", help="Only claims at or above this severity.")] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.text,
) -> None:
    """List the registered claims (sorted by document, then id)."""
    from claimcheck.model import Severity, Verdict

    reg = _load(registry)
    known_verdicts = {v.value for v in Verdict}
    for value in verdict or []:
        if value not in known_verdicts:
            raise typer.BadParameter(f"'{value}' is not one of {', '.join(sorted(known_verdicts))}", param_hint="--verdict")
    claims = []
    for claim in reg.claims.values():
        if doc and not any(a.document in doc for a in claim.appearances):
            continue
        if flag and not set(flag) & set(claim.flags):
            continue
        if verdict and claim.verdict.value not in verdict:
            continue
        if severity and severity is not FailOn.never and reg.severity_of(claim).rank < Severity(severity.value).rank:
            continue
        claims.append(claim)
    claims.sort(key=lambda c: (min(a.document for a in c.appearances), c.id))
    if format is ListFormat.json:
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
    from claimcheck.formats.text import print_claims

    print_claims(reg, claims, _stdout_console())


@app.command()
@_memory_guarded
def audit(
    targets: Annotated[Optional[List[str]], typer.Argument(
        help="Document ids, files, directories, globs, or - for standard input.", show_default=False)] = None,
    all_documents: Annotated[bool, typer.Option("--all", "-a", help="Audit every registered document.")] = False,
    registry: RegistryOption = None,
    format: Annotated[str, typer.Option("--format", "-f",
                                        help="text, json, jsonl, sarif, github, markdown or html.")] = "text",
    fail_on: FailOnOption = FailOn.error,
    output: OutputOption = None,
    suggest: Annotated[bool, typer.Option("--suggest", help="Also list check-worthy sentences the registry does not cover.")] = False,
    match: Annotated[Optional[List[MatchKindOption]], typer.Option("--match", help="Match kinds to use (repeatable; default all).")] = None,
    fuzzy_threshold: Annotated[Optional[float], typer.Option("--fuzzy-threshold", min=0.0, max=1.0,
                                                             help="Similarity needed for a fuzzy match (default: measured, see README).")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: number of cores).")] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", help="Address of a Dask scheduler to run the audit on.")] = None,
    brief: Annotated[bool, typer.Option("--brief", help="Text format: leave out rationales and sources.")] = False,
    max_findings: Annotated[int, typer.Option("--max-findings", min=0,
                                              help="Findings shown per document; the rest are counted (0: all).")] = 1000,
    max_per_claim: Annotated[int, typer.Option("--max-per-claim", min=0,
                                               help="Findings shown per claim and document (0: all).")] = 100,
) -> None:
    """Audit documents: locate every registered claim (line:column), flag it, correct it."""
    from claimcheck.audit import Auditor
    from claimcheck.corpus import expand_targets, run_audit
    from claimcheck.formats import AuditFormat
    from claimcheck.model import MatchKind

    try:
        fmt = AuditFormat(format)
    except ValueError:
        raise typer.BadParameter(f"'{format}' is not one of {', '.join(f.value for f in AuditFormat)}",
                                 param_hint="--format") from None
    reg = _load(registry, for_audit=True)
    if not targets and not all_documents:
        raise typer.BadParameter("name documents to audit, or pass --all", param_hint="TARGETS")
    inputs, problems = expand_targets(reg, targets or [], all_documents)
    if problems:
        unusable(*problems)
    from claimcheck.output import refuse_to_overwrite

    refuse_to_overwrite(output, [reg.path, *(t.path for t in inputs)])
    kinds = tuple(MatchKind(m.value) for m in match) if match else None
    auditor = Auditor(reg, fuzzy_threshold=fuzzy_threshold, kinds=kinds, suggest=suggest,
                      keep_text=fmt is AuditFormat.html, max_findings=max_findings, max_per_claim=max_per_claim)
    code = run_audit(auditor, inputs, fmt, output, fail_on.value, jobs=jobs, dask_address=dask, brief=brief)
    raise typer.Exit(code)


@app.command()
@_memory_guarded
def lint(
    paths: Annotated[Optional[List[str]], typer.Argument(
        help="Registry files (default: claims.yaml found as for the other commands); several are linted in turn.",
        show_default=False)] = None,
    registry: RegistryOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json, sarif or github.")] = "text",
    fail_on: FailOnOption = FailOn.error,
    output: OutputOption = None,
    max_findings: Annotated[int, typer.Option("--max-findings", min=0,
                                              help="Findings shown per registry; the rest are counted (0: all).")] = 1000,
) -> None:
    """Check the registry: YAML, schema, references, documents, quotes, evidence, patterns."""
    from claimcheck.formats import LintFormat
    from claimcheck.lint import lint_exit_code, lint_paths, lint_report

    try:
        fmt = LintFormat(format)
    except ValueError:
        raise typer.BadParameter(f"'{format}' is not one of {', '.join(f.value for f in LintFormat)}",
                                 param_hint="--format") from None
    registries = [*(paths or []), *([registry] if registry else [])] or [_registry_path(None)]
    from claimcheck.output import refuse_to_overwrite

    refuse_to_overwrite(output, registries)
    results = lint_paths(registries)
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
    raise typer.Exit(lint_exit_code(results, fail_on.value))


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
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.text,
) -> None:
    """Coverage at a glance: claims per document, verdict and flag; sources cited; ratings."""
    from claimcheck.stats import collect, print_stats

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
    date: Annotated[Optional[str], typer.Option("--date", help="datePublished, YYYY-MM-DD (default: the registry file's date).",
                                                show_default=False)] = None,
    author: Annotated[str, typer.Option("--author", help="The reviewing organisation.")] = "claimcheck registry",
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
