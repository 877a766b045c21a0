"""The checks around the generator: endpoint functions counted, the package imported, background validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pipeline.background import Background, BackgroundFailed
from pipeline.errors import GenerationError
from pipeline.generate import check_imports, endpoint_modules


def _package(root: Path, modules: dict[str, str]) -> Path:
    package = root / "demo_api"
    for name, text in {"__init__.py": "", "client.py": "", "models/__init__.py": "", **modules}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return package


def test_endpoint_modules_are_those_that_define_an_endpoint_function(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "api/__init__.py": "",
            "api/items/__init__.py": "",
            "api/items/get_items.py": "def sync_detailed(*, client):\n    pass\n",
            "api/items/helpers.py": "X = 1\n",
        },
    )
    assert endpoint_modules(package) == {"items.get_items"}
    assert endpoint_modules(tmp_path / "absent") == set()


def test_a_module_that_does_not_import_is_named(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "api/__init__.py": "",
            "api/items/__init__.py": "",
            "api/items/get_items.py": "from ...models.missing import Item\n",
            "api/items/post_items.py": "X = 1\n",
        },
    )
    check_imports(package, ["api.items.post_items"])
    with pytest.raises(GenerationError) as caught:
        check_imports(package, ["api.items.get_items", "api.items.post_items"])
    assert caught.value.one_line().startswith(
        "generate: generated module demo_api.api.items.get_items does not import: ModuleNotFoundError"
    )


@pytest.mark.parametrize("threads", [False, True])
def test_background_checks_return_their_result_or_say_they_crashed(
    threads: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if threads:  # with other threads running, the check runs inline instead of in a forked child
        monkeypatch.setattr("threading.active_count", lambda: 2)
    else:
        monkeypatch.setattr("threading.active_count", lambda: 1)
    assert Background(lambda: [1, 2, 3]).result() == [1, 2, 3]

    def broken() -> None:
        raise KeyError("name")

    if threads:
        with pytest.raises(KeyError):
            Background(broken).result()
    else:
        with pytest.raises(BackgroundFailed, match="KeyError: 'name'"):
            Background(broken).result()
    pending = Background(lambda: 1)
    pending.close()  # abandoning a check leaves no process behind
    assert pending._process is None
