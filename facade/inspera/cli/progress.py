"""Progress bars on stderr for export waits and downloads; drawn only when stderr is a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)

from .output import Output

if TYPE_CHECKING:
    from inspera.exports import ExportStatus

StatusCallback = Callable[["ExportStatus"], None]
BytesCallback = Callable[[int, "int | None"], None]


@contextmanager
def job_progress(out: Output, description: str) -> Iterator[StatusCallback]:
    """Yield an `on_progress` for `ExportJob.wait()`: percent and the vendor's state string."""
    if not out.interactive:
        yield lambda _status: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[state]}"), TimeElapsedColumn())
    with Progress(*columns, console=out.err) as bar:
        task = bar.add_task(description, total=100, state="")

        def update(status: ExportStatus) -> None:
            completed = 100 if status.done else status.progress or 0
            bar.update(task, completed=completed, state=status.vendor_state or status.state.value)

        yield update


@contextmanager
def byte_progress(out: Output, description: str) -> Iterator[BytesCallback]:
    """Yield an `on_progress(written, expected)` for `ExportJob.download()`."""
    if not out.interactive:
        yield lambda _written, _expected: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=out.err) as bar:
        task = bar.add_task(description, total=None)

        def update(written: int, expected: int | None) -> None:
            bar.update(task, completed=written, total=expected)

        yield update
