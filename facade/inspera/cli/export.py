"""`inspera export ...`: order an export (or resume one), wait with a progress bar, download it atomically."""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .exits import CLIError, ExitCode
from .output import Output
from .params import argument
from .progress import byte_progress, job_progress
from .state import State, state

if TYPE_CHECKING:
    from inspera.exports import ExportJob, Exports

app = typer.Typer(help="Order Inspera's exports, wait for them and download the files.", no_args_is_help=True)

# The CLI command for each export kind (continuation tokens name the kind).
COMMANDS = {"results": "results", "submissions": "submissions", "events": "events",
            "candidate_submissions": "candidate-submissions", "candidate_results": "candidate-results",
            "candidate_pdf": "candidate-pdf", "file": "file"}
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*")
_UNITS = {"": 1, "s": 1, "sec": 1, "second": 1, "seconds": 1, "m": 60, "min": 60, "minute": 60, "minutes": 60,
          "h": 3600, "hour": 3600, "hours": 3600, "d": 86400, "day": 86400}

OutputPath = Annotated[Path, typer.Option(
    "--output", "-o", dir_okay=False, show_default=False, help="Where to save the file (written atomically).")]
Overwrite = Annotated[bool, typer.Option("--overwrite", help="Replace an existing output file.")]
Timeout = Annotated[float | None, typer.Option(
    min=0, show_default="no limit",
    help="Seconds to wait for the job; then print its continuation token and exit 3.")]
Resume = Annotated[str | None, typer.Option(
    metavar="TOKEN|FILE|-", show_default=False,
    help="Continue an earlier job instead of ordering one: the continuation token, a file holding it, or - for stdin.")]
TestId = Annotated[int | None, argument("TEST_ID", "The test's id (assessmentRunId); optional with --resume.", min=0)]
UserId = Annotated[int | None, argument("USER_ID", "The candidate's user id; optional with --resume.", min=0)]
ExpiryOption = Annotated[str | None, typer.Option(
    "--expiry", metavar="DURATION", show_default="Inspera's 1h",
    help="How long the download link stays valid: 300s to 24h, e.g. 600s, 45m, 2h, 1d (a bare number is seconds).")]


@dataclass(frozen=True)
class Request:
    """What one `inspera export <kind>` invocation asked for."""

    kind: str
    ids: Mapping[str, int | None]  # ids from the command line; None = not given
    output: Path
    overwrite: bool
    timeout: float | None
    resume: str | None
    expiry: int | None = None  # seconds, checked by parse_expiry()


def parse_expiry(value: str | None) -> int | None:
    """--expiry as whole seconds: a number with an optional unit (s, m, h, d), within Inspera's 300 s .. 24 h."""
    from inspera.exports.expiry import MAX_EXPIRY, MIN_EXPIRY

    if value is None:
        return None
    match = _DURATION.fullmatch(value.lower())
    if match is None or match.group(2) not in _UNITS:
        raise CLIError(f"--expiry expects a duration such as 600s, 45m, 2h or 1d, got {value!r}")
    seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if seconds != int(seconds) or not MIN_EXPIRY <= seconds <= MAX_EXPIRY:
        raise CLIError(f"--expiry must be a whole number of seconds from 300s (5m) to 86400s (24h), got {value!r}")
    return int(seconds)


def read_token(value: str) -> str:
    """--resume takes the token itself (it is JSON, so starts with '{'), a file holding it, or '-' for stdin."""
    if value == "-":
        text = sys.stdin.read()
    elif value.lstrip().startswith("{"):
        text = value
    else:
        try:
            text = Path(value).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
            raise CLIError(f"--resume: cannot read the token file {value}: {reason}") from None
    if not text.strip():
        raise CLIError("--resume: the continuation token is empty")
    return text.strip()


def check_output(path: Path, overwrite: bool) -> Path:
    """Refuse an unusable target before anything is ordered, so a mistake costs no export job."""
    from inspera.exports.atomic import check_target

    target = path.expanduser().absolute()
    if not overwrite and (target.exists() or target.is_symlink()) and not target.is_dir():
        raise CLIError(f"{target} exists; pass --overwrite to replace it")
    return check_target(target, overwrite=overwrite)


def resume_hint(job: ExportJob, request: Request) -> str:
    command = ["inspera", "export", COMMANDS[job.kind], "--resume", job.continuation_token(),
               "-o", str(request.output)]
    if request.overwrite:
        command.append("--overwrite")
    return shlex.join(command)


def pending(out: Output, job: ExportJob, request: Request, why: str, code: ExitCode) -> CLIError:
    """Print the continuation token on stdout (the scriptable part) and build the one-line error."""
    token = job.continuation_token()
    out.data({"status": "pending", "kind": job.kind, "job_id": job.job_id, "continuation_token": token},
             lambda: token)
    return CLIError(f"{_label(job.kind)} export {job.job_id} {why}; continue with: {resume_hint(job, request)}", code)


def fetch(out: Output, job: ExportJob, request: Request, target: Path) -> Path:
    """Wait for the job and download its file; a timeout or Ctrl-C leaves the job resumable from its token."""
    from inspera.exports import ExportTimeout

    try:
        with job_progress(out, f"{_label(job.kind)} export") as on_status:
            job.wait(timeout=request.timeout, on_progress=on_status)
        with byte_progress(out, "download") as on_bytes:
            return job.download(target, overwrite=request.overwrite, on_progress=on_bytes)
    except ExportTimeout:
        raise pending(out, job, request, f"is still running after {request.timeout:g} s",
                      ExitCode.TIMEOUT) from None
    except KeyboardInterrupt:
        raise pending(out, job, request, "was interrupted here but lives on at Inspera",
                      ExitCode.INTERRUPTED) from None


def resumed(exports: Exports, request: Request) -> ExportJob:
    assert request.resume is not None
    job = exports.resume(read_token(request.resume))
    if job.kind != request.kind:
        raise CLIError(f"the token belongs to a {_label(job.kind)} export: use 'inspera export {COMMANDS[job.kind]} "
                       "--resume ...'")
    for name, given in request.ids.items():
        if given is not None and job.params.get(name) != given:
            raise CLIError(f"the token is for {name.removesuffix('_id')} {job.params.get(name)}, not {given}")
    return job


def run(current: State, request: Request, order: Callable[[Exports], ExportJob]) -> None:
    out = current.output
    if request.resume is not None and request.expiry is not None:
        raise CLIError("--resume continues an ordered job: drop --expiry")
    if request.resume is None:
        missing = [name.upper() for name, given in request.ids.items() if given is None]
        if missing:
            raise CLIError(f"missing {' and '.join(missing)} (or pass --resume TOKEN)")
    target = check_output(request.output, request.overwrite)
    with current.settings.client() as client:
        if request.resume is None:
            job = order(client.exports)
            out.note(f"ordered {_label(job.kind)} export job {job.job_id}")
        else:
            job = resumed(client.exports, request)
            out.note(f"resuming {_label(job.kind)} export job {job.job_id}")
        path = fetch(out, job, request, target)
    size = path.stat().st_size
    out.note(f"saved {size:,} bytes to {path}")
    out.data({"status": "done", "kind": job.kind, "job_id": job.job_id, "path": path, "bytes": size},
             lambda: str(path))


def _test_export(kind: str, doc: str) -> None:
    """Register `inspera export <kind> TEST_ID`: the export file of one test."""

    def command(ctx: typer.Context, output: OutputPath, test_id: TestId = None, overwrite: Overwrite = False,
                timeout: Timeout = None, resume: Resume = None, expiry: ExpiryOption = None) -> None:
        request = Request(kind, {"test_id": test_id}, output, overwrite, timeout, resume, parse_expiry(expiry))
        run(state(ctx), request, lambda exports: getattr(exports, kind)(_given(test_id), expiry=request.expiry))

    command.__doc__ = doc
    app.command(COMMANDS[kind])(command)


def _candidate_export(kind: str, doc: str) -> None:
    """Register `inspera export <kind> TEST_ID USER_ID`: the export file of one candidate on a test."""

    def command(ctx: typer.Context, output: OutputPath, test_id: TestId = None, user_id: UserId = None,
                overwrite: Overwrite = False, timeout: Timeout = None, resume: Resume = None,
                expiry: ExpiryOption = None) -> None:
        request = Request(kind, {"test_id": test_id, "user_id": user_id}, output, overwrite, timeout, resume,
                          parse_expiry(expiry))
        run(state(ctx), request, lambda exports: getattr(exports, kind)(
            _given(test_id), _given(user_id), expiry=request.expiry))

    command.__doc__ = doc
    app.command(COMMANDS[kind])(command)


_test_export("results", "A test's results file: score, grade and per-question scores of every candidate.")
_test_export("submissions", "A test's submissions file: results plus every candidate's responses.")
_test_export("events", "A test's event log: system and invigilator events per candidate.")
_candidate_export("candidate_submissions", "One candidate's submissions on a test.")
_candidate_export("candidate_results", "Every evaluation round of one candidate on a test (JSON).")


@app.command("candidate-pdf")
def candidate_pdf(
    ctx: typer.Context,
    output: OutputPath,
    test_id: TestId = None,
    user_id: UserId = None,
    answers_only: Annotated[bool, typer.Option(
        "--answers-only", help="Only the candidate's answers, without the question text.")] = False,
    overwrite: Overwrite = False,
    timeout: Timeout = None,
    resume: Resume = None,
    expiry: ExpiryOption = None,
) -> None:
    """A PDF of one candidate's submission."""
    if resume is not None and answers_only:
        raise CLIError("--resume continues an ordered job: drop --answers-only")
    request = Request("candidate_pdf", {"test_id": test_id, "user_id": user_id}, output, overwrite,
                      timeout, resume, parse_expiry(expiry))
    run(state(ctx), request, lambda exports: exports.candidate_pdf(
        _given(test_id), _given(user_id), answers_only=answers_only, expiry=request.expiry))


@app.command("file")
def file_export(
    ctx: typer.Context,
    output: OutputPath,
    resource_type: Annotated[str | None, typer.Argument(
        metavar="RESOURCE_TYPE", show_default=False,
        help="What to export, e.g. AllUsers or AllResults; omitted with --resume.")] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar="NAME=VALUE", show_default=False,
        help="A parameter of the export (repeatable), e.g. userType=student or assessmentRunId=123.")] = None,
    expiry: ExpiryOption = None,
    overwrite: Overwrite = False,
    timeout: Timeout = None,
    resume: Resume = None,
) -> None:
    """A generic file export (/v1/fileExport), e.g. all users or all results of a test."""
    if resume is not None and (resource_type is not None or param):
        raise CLIError("--resume continues an ordered job: drop RESOURCE_TYPE and --param")
    if resume is None and not resource_type:
        raise CLIError("missing RESOURCE_TYPE (or pass --resume TOKEN)")
    parameters = parse_params(param or [])
    request = Request("file", {}, output, overwrite, timeout, resume, parse_expiry(expiry))
    run(state(ctx), request,
        lambda exports: exports.file(str(resource_type), parameters or None, expiry=request.expiry))


def parse_params(items: list[str]) -> dict[str, str]:
    parameters: dict[str, str] = {}
    for item in items:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise CLIError(f"--param expects NAME=VALUE, got {item!r}")
        parameters[name.strip()] = value
    return parameters


def _given(value: int | None) -> int:
    assert value is not None  # run() checks the ids before ordering
    return value


def _label(kind: str) -> str:
    return kind.replace("_", " ")
