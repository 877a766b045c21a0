"""Comparing directory trees and swapping a freshly built one into place."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

_IGNORED_DIRS = {"__pycache__", ".ruff_cache", ".mypy_cache"}


def files_of(root: Path) -> dict[str, bytes]:
    """Relative path -> bytes for every file under root (caches ignored)."""
    out: dict[str, bytes] = {}
    if not root.exists():
        return out
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _IGNORED_DIRS)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


def tree_sha256(root: Path) -> str:
    digest = hashlib.sha256()
    for rel, data in sorted(files_of(root).items()):
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


@dataclass
class TreeDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def extend(self, other: TreeDiff, prefix: str) -> None:
        self.added += [prefix + p for p in other.added]
        self.removed += [prefix + p for p in other.removed]
        self.changed += [prefix + p for p in other.changed]

    def lines(self, limit: int = 20) -> list[str]:
        rows = (
            [f"  changed  {p}" for p in self.changed]
            + [f"  added    {p}" for p in self.added]
            + [f"  removed  {p}" for p in self.removed]
        )
        if len(rows) > limit:
            rows = [*rows[:limit], f"  … and {len(rows) - limit} more"]
        return rows


def diff_trees(current: Path, proposed: Path) -> TreeDiff:
    old, new = files_of(current), files_of(proposed)
    return TreeDiff(
        added=sorted(set(new) - set(old)),
        removed=sorted(set(old) - set(new)),
        changed=sorted(p for p in set(old) & set(new) if old[p] != new[p]),
    )


def swap_in(built: Path, target: Path) -> None:
    """Replace `target` with a copy of `built` so that readers see the old or the new tree.

    The copy is staged next to the target (same filesystem), then two renames exchange them;
    the old tree is removed only after the new one is in place.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.parent / f".{target.name}.new"
    retired = target.parent / f".{target.name}.old"
    for leftover in (staged, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(built, staged, ignore=shutil.ignore_patterns(*_IGNORED_DIRS))
    if target.exists():
        os.rename(target, retired)
    os.rename(staged, target)
    if retired.exists():
        shutil.rmtree(retired)


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder, fsync, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.tmp-{os.getpid()}"
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
