"""Regenerate the client from the committed spec, adopt a new spec, or check nothing is stale.

uv run python scripts/regenerate.py                  # offline, from openapi/upstream.*
uv run python scripts/regenerate.py --check          # exit 1 if openapi/ or generated/ would change
uv run python scripts/regenerate.py --source FILE_OR_URL
uv run python scripts/regenerate.py --pull [APIDOC_OR_SPEC_URL]
uv run python scripts/regenerate.py --source FILE --strict    # any repaired vendor defect is an error
uv run python scripts/regenerate.py --source FILE --explain   # on failure, every problem (one line each)

Before anything is written the facade is checked against the new package (mypy over the facade included):
a package that would break a facade method is refused, one line per method with the names.toml pin to fix it.

Exit codes: 0 done (or up to date with --check), 1 --check found something stale, 2 nothing was written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))

from pipeline.documents import parse
from pipeline.errors import PipelineError
from pipeline.facade_check import MYPY_TIMEOUT
from pipeline.layout import Layout
from pipeline.manifest import RECONSTRUCTED
from pipeline.pull import DEFAULT_APIDOC, pull
from pipeline.run import NewUpstream, Options, run


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="regenerate.py", description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--source", metavar="PATH_OR_URL", help="adopt this document as the snapshot")
    what.add_argument(
        "--pull",
        nargs="?",
        const=DEFAULT_APIDOC,
        metavar="URL",
        help=f"fetch the vendor's spec (default {DEFAULT_APIDOC})",
    )
    parser.add_argument("--check", action="store_true", help="build in a temporary folder and report what would change")
    parser.add_argument(
        "--reconstructed",
        action="store_true",
        help="with --source: record the document as reconstructed from public docs",
    )
    parser.add_argument(
        "--strict", action="store_true", help="refuse the document when any vendor defect had to be repaired"
    )
    parser.add_argument("--explain", action="store_true", help="on failure print every problem, one line each")
    parser.add_argument(
        "--fallback-names",
        type=Path,
        default=None,
        metavar="FILE",
        help="write the full list of fallback names here (default: a file in the temporary folder)",
    )
    parser.add_argument(
        "--facade-timeout",
        type=float,
        default=MYPY_TIMEOUT,
        metavar="SECONDS",
        help=f"how long mypy over the facade may take in the facade check (default {MYPY_TIMEOUT:g})",
    )
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _new_upstream(args: argparse.Namespace) -> NewUpstream | None:
    if args.pull is not None:
        pulled = pull(args.pull)
        return NewUpstream(pulled.document, {"kind": "pulled", "url": pulled.page_url, "spec_url": pulled.spec_url})
    if args.source is None:
        return None
    if args.source.startswith(("http://", "https://")):
        pulled = pull(args.source)
        return NewUpstream(pulled.document, {"kind": "url", "url": pulled.page_url, "spec_url": pulled.spec_url})
    path = Path(args.source)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PipelineError(f"cannot read {path}: {exc.strerror}") from None
    if args.reconstructed:
        return NewUpstream(parse(raw, origin=str(path)), {"kind": "reconstructed", "description": RECONSTRUCTED})
    return NewUpstream(parse(raw, origin=str(path)), {"kind": "file", "path": path.name})


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    layout = Layout(root=args.root.resolve()) if args.root else Layout()
    options = Options(strict=args.strict, fallback_file=args.fallback_names, facade_timeout=args.facade_timeout)
    try:
        outcome = run(layout, new=_new_upstream(args), check=args.check, options=options)
    except PipelineError as exc:
        lines = exc.lines() if args.explain else [exc.one_line()]
        for line in lines:
            print(f"error: {line}", file=sys.stderr)
        if not args.explain and len(exc.problems) > 1:
            print("run again with --explain to see every problem", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 2
    print(outcome.summary(check=args.check))
    return 1 if args.check and outcome.diff else 0


if __name__ == "__main__":
    sys.exit(main())
