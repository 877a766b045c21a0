"""The facade check on a small facade and package of our own: each kind of missing name, and the pin it names."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pipeline.errors import FacadeError
from pipeline.facade_check import FacadeCheck, Package, Pins, mypy_problems, problems, static_problems
from pipeline.facade_uses import scan

FACADE = {
    "inspera/_domains/tests.py": '''
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from inspera_api.models.test_metadata import TestMetadata
            from inspera_api.models.test_search_response import TestSearchResponse

        def _hits(response: TestSearchResponse) -> list[int]:
            return list(response.results)

        class Tests(Namespace[M]):
            attribute = "tests"

            @operation("GET /v1/test/{testId}", "tests.get_test")
            def get(self, test_id: int) -> Call[TestMetadata]:
                return call(test_id=test_id)

            @operation("GET /v1/test/search", "tests.search_tests")
            def search(self, title: str) -> Call[list[int]]:
                spec = call(title=title)
                return Call(spec.kwargs, _hits)

            @operation("POST /v1/test/{testId}/candidates", "tests.add_candidates")
            def add_candidates(self, test_id: int, body: object) -> Call[None]:
                return call(test_id=test_id, body=_body("candidates_request", "CandidatesRequest", body))
    ''',
    "inspera/exports/kinds.py": '''
        _API = "inspera_api.api.exports."
        _MODELS = "inspera_api.models."
        RESULTS = ExportKind(
            name="results",
            order_operation="order_results_export",
            status_operation="get_results_export_status",
            status_params=("test_id",),
            document_model="results_export_file.ResultsExportFile",
        )
    ''',
    "inspera/cli/demo.py": """
        def demo() -> None:
            from inspera_api.models.results_export_file import ResultsExportFile
            print(ResultsExportFile)
    """,
}

PACKAGE = {
    "inspera_api/__init__.py": "",
    "inspera_api/api/__init__.py": "",
    "inspera_api/api/tests/__init__.py": "",
    "inspera_api/api/tests/get_test.py": "def sync_detailed(test_id: int, *, client: object) -> None: ...",
    "inspera_api/api/tests/search_tests.py": "def sync_detailed(*, client: object, title: str) -> None: ...",
    "inspera_api/api/tests/add_candidates.py": "def sync_detailed(test_id: int, *, client, body) -> None: ...",
    "inspera_api/api/exports/__init__.py": "",
    "inspera_api/api/exports/order_results_export.py": "def sync_detailed(test_id, *, client): ...",
    "inspera_api/api/exports/get_results_export_status.py": "def sync_detailed(test_id, job_id, *, client): ...",
    "inspera_api/models/__init__.py": "from .test_metadata import TestMetadata",
    "inspera_api/models/test_metadata.py": "class TestMetadata: ...",
    "inspera_api/models/test_search_response.py": "class TestSearchResponse: ...",
    "inspera_api/models/candidates_request.py": "class CandidatesRequest: ...",
    "inspera_api/models/results_export_file.py": "class ResultsExportFile: ...",
}

NAMES = """
[operations]
"GET /v1/test/{testId}" = { group = "tests", function = "get_test" }
"GET /v1/test/search" = { group = "tests", function = "search_tests" }
"POST /v1/test/{testId}/candidates" = { group = "tests", function = "add_candidates" }
"GET /v1/test/{testId}/results/{jobId}" = { group = "exports", function = "get_results_export_status" }
"""


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path, Path]:
    facade = _tree(tmp_path / "facade", FACADE)
    package = _tree(tmp_path / "build", PACKAGE)
    names = tmp_path / "names.toml"
    names.write_text(NAMES)
    return facade, package, names


def _broken(project: tuple[Path, Path, Path], names_text: str | None = None) -> dict[str, list[str]]:
    facade, package, names = project
    if names_text is not None:
        names.write_text(names_text)
    return static_problems(scan(facade), Package(package), Pins.load(names))


def test_a_package_with_everything_the_facade_uses_passes(project: tuple[Path, Path, Path]) -> None:
    assert _broken(project) == {}
    facade, package, names = project
    check = FacadeCheck(facade.parent, facade, names, use_mypy=False)
    check.finish(package)
    assert check.summary.startswith("facade check: ") and "all found" in check.summary


def test_a_missing_endpoint_module_names_its_operations_pin(project: tuple[Path, Path, Path]) -> None:
    (project[1] / "inspera_api/api/tests/get_test.py").unlink()
    assert _broken(project) == {
        "client.tests.get": [
            "inspera_api.api.tests.get_test is missing; pin: [operations] "
            '"GET /v1/test/{testId}" = { group = "tests", function = "get_test" } (no operation matches that key)'
        ]
    }


def test_a_missing_path_variable_keyword_names_the_key_that_names_it(project: tuple[Path, Path, Path]) -> None:
    (project[1] / "inspera_api/api/tests/get_test.py").write_text("def sync_detailed(run_id, *, client): ...")
    [line] = _broken(project)["client.tests.get"]
    assert line.startswith("keyword test_id= of inspera_api.api.tests.get_test.sync_detailed is missing; pin: ")
    assert '"GET /v1/test/{testId}"' in line and "its path variable {testId}" in line


def test_a_missing_query_keyword_says_no_pin_renames_it(project: tuple[Path, Path, Path]) -> None:
    (project[1] / "inspera_api/api/tests/search_tests.py").write_text("def sync_detailed(*, client, name): ...")
    [line] = _broken(project)["client.tests.search"]
    assert "keyword title=" in line and "no pin renames it" in line and "GET /v1/test/search" in line


def test_a_missing_model_module_names_its_models_pin_when_there_is_one(project: tuple[Path, Path, Path]) -> None:
    (project[1] / "inspera_api/models/test_metadata.py").unlink()
    [line] = _broken(project)["client.tests.get"]
    assert line == (
        "inspera_api.models.test_metadata is missing; "
        "pin: [models] TestMetadata = <the role of the schema> (no pin yet)"
    )
    pinned = NAMES + '\n[models]\nTestMetadata = "GET /v1/test/{} 200"\n'
    [line] = _broken(project, pinned)["client.tests.get"]
    assert '[models] TestMetadata = "GET /v1/test/{} 200" (its role no longer resolves' in line


def test_a_missing_model_class_in_a_body_helper_and_an_export_kind(project: tuple[Path, Path, Path]) -> None:
    (project[1] / "inspera_api/models/candidates_request.py").write_text("class CandidatesRequestDto: ...")
    (project[1] / "inspera_api/models/results_export_file.py").unlink()
    (project[1] / "inspera_api/api/exports/get_results_export_status.py").write_text("def sync_detailed(t, j): ...")
    broken = _broken(project)
    assert broken["client.tests.add_candidates"] == [
        "inspera_api.models.candidates_request.CandidatesRequest is missing; "
        "pin: [models] CandidatesRequest = <the role of the schema> (no pin yet)"
    ]
    status = "inspera_api.api.exports.get_results_export_status.sync_detailed"
    assert [line.split("; pin: ")[0] for line in broken["client.exports.results"]] == [
        f"keyword test_id= of {status} is missing",
        f"keyword job_id= of {status} is missing",
        "inspera_api.models.results_export_file is missing",
    ]
    assert broken["client.exports.results"][1].endswith("(its path variable {jobId})")
    assert sorted(broken) == ["client.exports.results", "client.tests.add_candidates", "inspera.cli.demo.demo"]


def test_one_line_per_facade_method_and_the_error_lists_them_all(project: tuple[Path, Path, Path]) -> None:
    facade, package, names = project
    (package / "inspera_api/models/results_export_file.py").unlink()
    (package / "inspera_api/api/tests/get_test.py").unlink()
    with pytest.raises(FacadeError) as caught:
        FacadeCheck(facade.parent, facade, names, use_mypy=False).finish(package)
    owners = [p.where for p in caught.value.problems]
    assert owners == ["client.exports.results", "client.tests.get", "inspera.cli.demo.demo"]
    assert all(line.startswith("facade: ") and "pin: " in line for line in caught.value.lines())


def test_a_helper_s_needs_belong_to_the_methods_that_use_it(project: tuple[Path, Path, Path]) -> None:
    facade = project[0]
    needs = [n for n in scan(facade) if n.name == "TestSearchResponse"]
    assert {n.owner for n in needs} == {"client.tests.search"}


def test_mypy_errors_become_missing_names_of_the_method_they_are_in(project: tuple[Path, Path, Path]) -> None:
    facade, _, names = project
    errors = [
        ("inspera/_domains/tests.py", 8, '"TestSearchResponse" has no attribute "results"'),
        ("inspera/_domains/tests.py", 15, 'Argument 1 has incompatible type "int"; expected "str"'),
    ]
    broken = mypy_problems(errors, facade, Pins.load(names))
    assert sorted(broken) == ["client.tests.get", "client.tests.search"]
    assert broken["client.tests.search"][0].startswith("TestSearchResponse.results is missing (mypy, ")
    assert "[models] TestSearchResponse" in broken["client.tests.search"][0]
    assert broken["client.tests.get"][0].startswith("mypy: Argument 1")
    [line] = problems({"client.tests.get": ["first", "second"]})
    assert line.body() == "facade: client.tests.get: first (and 1 more missing name(s))"


def test_names_toml_without_a_models_table_or_unreadable_is_tolerated(tmp_path: Path) -> None:
    assert Pins.load(tmp_path / "absent.toml").models == {}
    (tmp_path / "bad.toml").write_text("[operations\n")
    assert Pins.load(tmp_path / "bad.toml").operations == {}


def test_no_facade_next_to_the_package_means_nothing_to_check(tmp_path: Path) -> None:
    check = FacadeCheck(tmp_path, tmp_path / "facade", tmp_path / "names.toml")
    check.start(tmp_path, tmp_path)
    check.finish(tmp_path)
    assert "skipped, no facade" in check.summary


def test_the_real_facade_s_uses_are_found_in_the_committed_package() -> None:
    from pipeline.layout import Layout

    layout = Layout()
    needs = scan(layout.root / "facade")
    assert {n.owner for n in needs} >= {"client.tests.get", "client.exports.results", "inspera.cli.demo.demo"}
    assert static_problems(needs, Package(layout.generated_package.parent), Pins.load(layout.names)) == {}


def test_mypy_over_the_facade_is_bounded_by_its_timeout(project: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from pipeline.layout import REPO_ROOT

    facade, package, names = project
    check = FacadeCheck(REPO_ROOT, facade, names, use_mypy=True, timeout=0.01)
    check.start(package, tmp_path)
    with pytest.raises(FacadeError, match=r"did not finish within 0\.01 s \(raise it with --facade-timeout\)"):
        check.finish(package)
    check.close()
