"""Property tests for reading and pulling API descriptions: random, truncated, HTML, hostile YAML, deeply nested
and oversized input ends in the pipeline's own typed error with a one-line message, and nothing on disk changes."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pipeline import pull as pull_module
from pipeline.documents import Document, parse
from pipeline.errors import PipelineError, PullError, SpecError
from pipeline.layout import REPO_ROOT

from tests.hardening.bounded import bounded
from tests.hardening.servers import Answer, Routes, serve
from tests.support.scripts import load_script

UPSTREAM = (REPO_ROOT / "openapi" / "upstream.json").read_bytes()
SMALL_SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "Small", "version": "1"},
    "basePath": "/api",
    "paths": {
        "/v1/test/{testId}": {
            "get": {
                "operationId": "getTest",
                "parameters": [{"name": "testId", "in": "path", "required": True, "type": "integer"}],
                "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Test"}}},
            }
        }
    },
    "definitions": {"Test": {"type": "object", "properties": {"title": {"type": "string"}}}},
}
SMALL_JSON = json.dumps(SMALL_SPEC, indent=2).encode()
SMALL_YAML = yaml.safe_dump(SMALL_SPEC, sort_keys=False).encode()

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=15,
)
DOCUMENTS = st.one_of(
    JSON_VALUES,
    st.fixed_dictionaries({"swagger": st.sampled_from(["2.0", "3", 2.0, None])}, optional={"paths": JSON_VALUES}),
    st.fixed_dictionaries({"openapi": st.sampled_from(["3.0.3", "3.1.0", "4.0", 3])}, optional={"paths": JSON_VALUES}),
)


def _laughs(levels: int) -> bytes:
    lines = ['swagger: "2.0"', 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


HOSTILE = {
    "billion-laughs": _laughs(10),
    "recursive-alias": b'swagger: "2.0"\nloop: &loop [*loop]\n',
    "recursive-mapping": b'swagger: "2.0"\nloop: &loop {again: *loop}\n',
    "python-object": b'swagger: "2.0"\nx: !!python/object/apply:os.system ["echo owned"]\n',
    "python-name": b'swagger: "2.0"\nx: !!python/name:os.system\n',
    "python-module": b'swagger: "2.0"\nx: !!python/module:os\n',
    "deep-json": b'{"swagger": "2.0", "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "deep-json-objects": b'{"swagger": "2.0", "x": ' + b'{"a": ' * 5_000 + b"1" + b"}" * 5_000 + b"}",
    "deep-yaml": b'swagger: "2.0"\nx: ' + b"[" * 1_000 + b"]" * 1_000 + b"\n",
    "deep-yaml-blocks": b'swagger: "2.0"\n' + b"".join(b" " * n + b"k:\n" for n in range(300)),
    "long-integer-json": b'{"swagger": "2.0", "x": ' + b"7" * 5_000 + b"}",
    "long-integer-yaml": b'swagger: "2.0"\nx: ' + b"7" * 5_000 + b"\n",
    "nan-json": b'{"swagger": "2.0", "x": NaN}',
    "infinity-json": b'{"swagger": "2.0", "x": 1e999}',
    "nan-yaml": b'swagger: "2.0"\nx: .nan\n',
    "binary-yaml": b'swagger: "2.0"\nx: !!binary aGVsbG8=\n',
    "set-yaml": b'swagger: "2.0"\nx: !!set {a, b}\n',
    "omap-yaml": b'swagger: "2.0"\nx: !!omap [a: 1, b: 2]\n',
    "bad-int-tag": b'swagger: "2.0"\nx: !!int nine\n',
    "bool-key": b'swagger: "2.0"\ntrue: 1\n',
    "null-key": b'swagger: "2.0"\n~: 1\n',
    "list-key": b'swagger: "2.0"\n? [a, b]\n: 1\n',
    "lone-surrogate": b'{"swagger": "2.0", "x": "\\ud800"}',
    "two-documents": b'swagger: "2.0"\n---\nswagger: "2.0"\n',
    "swagger-field-huge": b'{"swagger": "' + b"x" * 100_000 + b'"}',
    "bom-and-html": b"\xef\xbb\xbf<!DOCTYPE html><html><body>Swagger UI</body></html>",
    "utf16": '{"swagger": "2.0"}'.encode("utf-16"),
}


def _one_line(error: PipelineError) -> str:
    line = error.one_line()
    assert "\n" not in line and "\r" not in line
    assert len(line) < 600, line[:120]
    return line


def _parsed_or_spec_error(raw: bytes) -> Document | None:
    try:
        document = parse(raw)
    except SpecError as error:
        _one_line(error)
        return None
    json.dumps(document.data, allow_nan=False).encode("utf-8")  # what was accepted can be written as JSON
    return document


# -- parsing ------------------------------------------------------------------------------------------------------
@bounded(200)
@given(raw=st.binary(max_size=600))
def test_random_bytes_parse_or_raise_spec_error(raw: bytes) -> None:
    _parsed_or_spec_error(raw)


@bounded(150)
@given(value=DOCUMENTS, as_yaml=st.booleans())
def test_random_documents_parse_or_raise_spec_error(value: Any, as_yaml: bool) -> None:
    raw = yaml.safe_dump(value).encode() if as_yaml else json.dumps(value).encode()
    document = _parsed_or_spec_error(raw)
    if document is not None:
        assert document.data == value  # JSON and YAML of plain values read back unchanged


@bounded(25)
@given(data=st.data())
def test_the_real_snapshot_truncated_anywhere_is_a_spec_error(data: st.DataObject) -> None:
    cut = data.draw(st.integers(min_value=0, max_value=len(UPSTREAM) - 2))
    with pytest.raises(SpecError) as caught:
        parse(UPSTREAM[:cut])
    _one_line(caught.value)


@bounded(100)
@given(data=st.data(), source=st.sampled_from([SMALL_JSON, SMALL_YAML]))
def test_a_small_spec_truncated_anywhere_parses_or_raises_spec_error(data: st.DataObject, source: bytes) -> None:
    cut = data.draw(st.integers(min_value=0, max_value=len(source)))
    _parsed_or_spec_error(source[:cut])


@bounded(50)
@given(text=st.text(max_size=300), opening=st.sampled_from(["<!DOCTYPE html>", "<html>", "  <HTML lang='en'>",
                                                             "<?xml version='1.0'?>", "<body>"]))
def test_html_pages_are_refused(text: str, opening: str) -> None:
    with pytest.raises(SpecError, match="HTML page"):
        parse(f"{opening}{text}".encode())


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_documents_raise_spec_error(name: str) -> None:
    with pytest.raises(SpecError) as caught:
        parse(HOSTILE[name], origin="hostile")
    assert _one_line(caught.value).startswith("spec: hostile ")


def test_yaml_dates_stay_strings_and_integer_keys_become_strings() -> None:
    document = parse(b'swagger: "2.0"\ninfo: {version: 2024-05-06}\npaths:\n  /a:\n    get:\n'
                     b"      responses:\n        200: {description: OK}\n")
    assert document.data["info"]["version"] == "2024-05-06"
    assert document.data["paths"]["/a"]["get"]["responses"] == {"200": {"description": "OK"}}


def test_shared_yaml_anchors_within_the_budget_are_expanded_into_copies() -> None:
    document = parse(b'swagger: "2.0"\nbase: &p {name: id, in: path}\none: [*p]\ntwo: [*p]\n')
    one, two = document.data["one"][0], document.data["two"][0]
    assert one == two == {"name": "id", "in": "path"} and one is not two  # transforms may edit one in place


# -- pulling over HTTP ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Routes]]:
    with serve() as (base, routes):
        yield base, routes


class LoopbackOnly(httpx.BaseTransport):
    """Generated pages can name any host; this keeps the test off the network whatever they say."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host != "127.0.0.1":
            raise httpx.ConnectError("the test allows loopback only", request=request)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def _pull_fails(url: str, *, loopback_only: bool = True) -> str:
    transport = LoopbackOnly() if loopback_only else None
    try:
        with pytest.raises(PullError) as caught:
            pull_module.pull(url, transport=transport)
    finally:
        if transport is not None:
            transport.close()
    return _one_line(caught.value)


@bounded(40)
@given(raw=st.one_of(st.binary(max_size=400), st.sampled_from(sorted(HOSTILE.values()))),
       content_type=st.sampled_from(["application/json", "application/yaml", "text/plain", "text/html"]))
def test_pulling_random_or_hostile_bodies_fails_with_a_pull_error(
    server: tuple[str, Routes], raw: bytes, content_type: str
) -> None:
    base, routes = server
    routes["/spec.json"] = Answer(raw, content_type=content_type)
    _pull_fails(f"{base}/spec.json")


PAGE_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
URL_VALUES = st.one_of(
    PAGE_TEXT,
    st.sampled_from(["http://[::1", "http://[", "//", "javascript:alert(1)", "file:///etc/passwd", "ftp://x/y",
                     "http://127.0.0.1:99999/x", "http://" + "a" * 300 + ".example/x", "http://h\x01st/x", "/spec.json",
                     "config.json", "?url=1", "#frag", "http://user:pw@127.0.0.1:1/x"]),
)


@st.composite
def swagger_pages(draw: st.DrawFn) -> dict[str, Answer]:
    """An apidoc page naming scripts, spec URLs and config URLs of every kind, and the config it points at."""
    urls = draw(st.lists(URL_VALUES, max_size=4))
    configs = draw(st.lists(URL_VALUES, max_size=2))
    scripts = draw(st.lists(st.one_of(URL_VALUES, st.just("swagger-initializer.js")), max_size=3))
    body = "<!DOCTYPE html><html><head>"
    body += "".join(f'<script src="{src}"></script>' for src in scripts)
    body += "<script>SwaggerUIBundle({" + ", ".join(f'url: "{u}"' for u in urls)
    body += "".join(f', configUrl: "{c}"' for c in configs) + "})</script></head></html>"
    config = draw(st.one_of(JSON_VALUES.map(json.dumps), PAGE_TEXT,
                            st.fixed_dictionaries({"urls": JSON_VALUES}).map(json.dumps)))
    initializer = draw(st.one_of(PAGE_TEXT, URL_VALUES.map(lambda u: f'window.ui = SwaggerUIBundle({{url: "{u}"}})')))
    return {
        "/apidoc/": Answer(body.encode("utf-8"), content_type="text/html"),
        "/apidoc/config.json": Answer(config.encode("utf-8")),
        "/apidoc/swagger-initializer.js": Answer(initializer.encode("utf-8"), content_type="text/javascript"),
        "/apidoc/swagger.json": Answer(draw(st.sampled_from([b"<html></html>", b"[]", b"", HOSTILE["nan-json"]]))),
    }


@bounded(30)
@given(page=swagger_pages())
def test_hostile_swagger_ui_pages_fail_with_a_pull_error(server: tuple[str, Routes], page: dict[str, Answer]) -> None:
    base, routes = server
    routes.clear()
    routes.update(page)
    _pull_fails(f"{base}/apidoc/")


def test_a_page_naming_endless_urls_is_given_up_on(server: tuple[str, Routes]) -> None:
    base, routes = server
    routes.clear()
    urls = ", ".join(f'url: "/missing/{n}.json"' for n in range(5_000))
    routes["/apidoc/"] = Answer(f"<html><script>SwaggerUIBundle({{{urls}}})</script></html>".encode(),
                                 content_type="text/html")
    line = _pull_fails(f"{base}/apidoc/")
    assert f"({pull_module.MAX_CANDIDATES} candidate URLs tried)" in line


@pytest.mark.parametrize("how", ["declared", "chunked", "gzip-bomb"])
def test_oversized_bodies_are_refused(server: tuple[str, Routes], how: str) -> None:
    base, routes = server
    limit = pull_module.MAX_BYTES
    if how == "declared":
        answer = Answer(b"{}", declared_length=limit + 1)
    elif how == "chunked":
        answer = Answer(b" " * (limit + 1), chunked=True)
    else:
        answer = Answer(gzip.compress(b" " * (limit + 1)), headers={"Content-Encoding": "gzip"}, chunked=True)
    routes["/big.json"] = answer
    assert "limit" in _pull_fails(f"{base}/big.json")


def test_redirect_loops_are_refused(server: tuple[str, Routes]) -> None:
    base, routes = server
    routes["/loop"] = Answer(status=302, headers={"Location": "/loop"})
    assert "TooManyRedirects" in _pull_fails(f"{base}/loop")


@pytest.mark.parametrize("url", ["http://[::1", "http://127.0.0.1:99999/", "ftp://example.org/spec.json", "",
                                 "http://h\x01st/", "http://" + "a" * 300 + ".example/"])
def test_bad_urls_are_refused(url: str) -> None:
    _pull_fails(url, loopback_only=False)  # each fails before any name lookup: the real transport is safe here


# -- end to end: regenerate.py --pull writes nothing ----------------------------------------------------------------
@pytest.fixture(scope="module")
def regenerate() -> types.ModuleType:
    return load_script("regenerate", "regenerate_for_hardening")


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("checkout")
    shutil.copytree(REPO_ROOT / "openapi", root / "openapi")
    shutil.copytree(REPO_ROOT / "generated", root / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _tree(root: Path) -> dict[str, str]:
    files = (path for path in root.rglob("*") if path.is_file())
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


@pytest.mark.parametrize("name", ["billion-laughs", "python-object", "deep-json", "long-integer-json", "lone-surrogate",
                                  "bom-and-html"])
def test_regenerate_pull_of_a_hostile_document_exits_2_and_writes_nothing(
    name: str, server: tuple[str, Routes], regenerate: types.ModuleType, checkout: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base, routes = server
    routes[f"/{name}"] = Answer(HOSTILE[name])
    before = _tree(checkout)
    assert regenerate.main(["--root", str(checkout), "--pull", f"{base}/{name}"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0].startswith("error: pull: ") and err[1] == "nothing was written"
    assert _tree(checkout) == before
