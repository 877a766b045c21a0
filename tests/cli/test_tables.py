"""Tables never cut an id: on a narrow terminal other columns wrap, and a table too wide even then is not cropped."""

from __future__ import annotations

import pytest
from inspera.cli.output import Output, is_id_column, table
from inspera.testing import InsperaSimulator

from .conftest import Runner


@pytest.mark.parametrize("columns", ["24", "40", "60", "200"])
def test_test_ids_survive_any_terminal_width(
    cli: Runner, tenant: InsperaSimulator, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = cli("tests", "search")
    assert result.code == 0, result.err
    for test_id in tenant.test_ids:
        assert f" {test_id} " in result.out, (columns, result.out)
    assert "…" not in result.out


def test_long_ids_are_whole_and_long_text_folds(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    subscription = "5f2c9a0b1d3e4f67a8b9c0d1e2f3a4b5"
    url = "https://hooks.example.org/" + "very-long-path/" * 6
    out = Output(json_mode=False)
    out.data([], lambda: table(None, ("id", "event", "url"), [(subscription, "resource_export_completed", url)]))
    text = capsys.readouterr().out
    assert subscription in text and "…" not in text
    assert "".join(line.strip("│ ") for line in text.splitlines() if "hooks" in line or "path" in line)


def test_id_columns_are_recognised_by_their_heading() -> None:
    assert all(map(is_id_column, ("id", "user id", "external ids", "candidate")))
    assert not any(map(is_id_column, ("title", "idle", "status", "video")))
