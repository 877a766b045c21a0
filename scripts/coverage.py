"""Write the endpoint-coverage reference openapi/ENDPOINTS.md and the facade map openapi/facade_operations.json.

uv run python scripts/coverage.py           # rewrite both files
uv run python scripts/coverage.py --check   # exit 1 when either file is stale, writing nothing

The facade is introspected through inspera.operations.by_operation(); until that module exists the
reference lists no facade method. Exit codes: 0 up to date / written, 1 stale (--check), 2 could not run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "facade"))
sys.path.insert(2, str(Path(__file__).resolve().parents[1] / "generated"))

from endpoints.capabilities import UNMAPPED
from endpoints.facade import FacadeMap, FacadeMapError, check_known, introspect
from endpoints.model import rows
from endpoints.render import facade_json, markdown
from pipeline.tree import write_atomic

ROOT = Path(__file__).resolve().parents[1]
ENDPOINTS_FILE = "ENDPOINTS.md"
FACADE_FILE = "facade_operations.json"


def build(openapi_dir: Path, facade: FacadeMap) -> dict[str, bytes]:
    """The two files' exact contents, from the normalised document and the facade map."""
    document = json.loads((openapi_dir / "openapi.json").read_text(encoding="utf-8"))
    listed = rows(document, facade)
    check_known(facade, [r.key for r in listed])
    sources = {str(k): str(v) for k, v in (document.get("x-sources") or {}).items()}
    return {
        ENDPOINTS_FILE: markdown(listed, UNMAPPED, facade, sources).encode("utf-8"),
        FACADE_FILE: facade_json(listed, facade).encode("utf-8"),
    }


def stale(openapi_dir: Path, proposed: dict[str, bytes]) -> list[str]:
    found = []
    for name, data in sorted(proposed.items()):
        path = openapi_dir / name
        if not path.is_file() or path.read_bytes() != data:
            found.append(name)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coverage.py", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale files instead of writing them")
    parser.add_argument("--openapi-dir", type=Path, default=ROOT / "openapi", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        proposed = build(args.openapi_dir, introspect())
    except (OSError, ValueError, FacadeMapError) as exc:
        print(f"coverage: could not run: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    changed = stale(args.openapi_dir, proposed)
    if args.check:
        if changed:
            listed = ", ".join("openapi/" + n for n in changed)
            print(f"coverage: STALE: {listed}; run `uv run python scripts/coverage.py`")
            return 1
        print("coverage: openapi/ENDPOINTS.md and openapi/facade_operations.json are up to date")
        return 0
    for name in changed:
        write_atomic(args.openapi_dir / name, proposed[name])
    print(f"coverage: wrote {', '.join('openapi/' + n for n in changed)}" if changed else "coverage: nothing changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
