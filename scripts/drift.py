"""Compare the committed Inspera API snapshot with a newer document and classify what changed for client users.

uv run python scripts/drift.py --pull                          # vendor's current spec vs openapi/upstream.*
uv run python scripts/drift.py --to new.json --format markdown
uv run python scripts/drift.py --from old.yaml --to https://host/apidoc/ --fail-on warning

Exit codes: 0 nothing at or above --fail-on, 1 drift at or above it, 2 the check could not run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))

from apidrift.changes import FAIL_ON_CHOICES, DriftReport
from apidrift.check import check
from apidrift.facade import FacadeMap
from apidrift.render import FORMATS, Format, render
from apidrift.sides import Side, prepare, read, read_pulled
from pipeline.errors import PipelineError
from pipeline.layout import Layout
from pipeline.names import NameMap
from pipeline.pull import DEFAULT_APIDOC

FACADE_FILE = "facade_operations.json"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="drift.py", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--from", dest="old", metavar="PATH_OR_URL", help="old document (default: openapi/upstream.*)")
    new = parser.add_mutually_exclusive_group(required=True)
    new.add_argument("--to", dest="new", metavar="PATH_OR_URL", help="new document: a file or an http(s) URL")
    new.add_argument(
        "--pull",
        nargs="?",
        const=DEFAULT_APIDOC,
        metavar="URL",
        help=f"fetch the new document like regenerate.py --pull (default {DEFAULT_APIDOC})",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="stdout format (default text)")
    parser.add_argument(
        "--fail-on", choices=FAIL_ON_CHOICES, default="breaking", help="lowest severity that exits 1 (default breaking)"
    )
    parser.add_argument("--include-docs", action="store_true", help="also report description/example/upstream-id edits")
    parser.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FORMAT=PATH",
        help="also write the report in FORMAT to PATH (repeatable), e.g. markdown=drift.md",
    )
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _extra_reports(specs: list[str]) -> list[tuple[Format, Path]]:
    known: dict[str, Format] = {fmt: fmt for fmt in FORMATS}
    found: list[tuple[Format, Path]] = []
    for spec in specs:
        name, sep, target = spec.partition("=")
        fmt = known.get(name)
        if not sep or not target or fmt is None:
            raise SystemExit(f"drift.py: error: --report expects FORMAT=PATH with FORMAT in {', '.join(FORMATS)}")
        found.append((fmt, Path(target)))
    return found


def _sides(args: argparse.Namespace, layout: Layout) -> tuple[Side, Side]:
    names = NameMap.load(layout.names)
    if args.old:
        old_doc, old_source = read(args.old)
    else:
        snapshot = layout.upstream()
        old_doc, old_source = read(str(snapshot))
        old_source = str(snapshot.relative_to(layout.root))
    new_doc, new_source = read_pulled(args.pull) if args.pull is not None else read(args.new)
    return prepare(old_doc, old_source, names, layout), prepare(new_doc, new_source, names, layout)


def run(args: argparse.Namespace) -> DriftReport:
    layout = Layout(root=args.root.resolve()) if args.root else Layout()
    old, new = _sides(args, layout)
    facade = FacadeMap.load(layout.openapi_dir / FACADE_FILE)
    return check(old, new, facade=facade, fail_on=args.fail_on, include_docs=args.include_docs)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    extra = _extra_reports(args.report)
    try:
        report = run(args)
    except PipelineError as exc:
        print(f"drift: could not run: {exc.one_line()}", file=sys.stderr)
        return 2
    sys.stdout.write(render(report, args.format))
    for fmt, target in extra:
        try:
            target.write_text(render(report, fmt), encoding="utf-8")
        except OSError as exc:
            print(f"drift: could not write {target}: {exc.strerror or type(exc).__name__}", file=sys.stderr)
            return 2
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
