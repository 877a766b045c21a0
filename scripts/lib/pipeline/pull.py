"""Fetching the vendor's API description, discovering it behind a Swagger UI page if need be."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from .documents import Document, looks_like_html, parse
from .errors import PullError, SpecError

DEFAULT_APIDOC = "https://ia.inspera.no/apidoc/"
MAX_BYTES = 25 * 1024 * 1024
TIMEOUT_S = 20.0  # for each connect and each read
TOTAL_S = 120.0  # for a whole document, so a server trickling bytes cannot keep a pull going
# Paths where Swagger UI deployments commonly keep the document, tried after explicit config.
FALLBACK_CANDIDATES = (
    "swagger.json",
    "openapi.json",
    "v2/api-docs",
    "v3/api-docs",
    "../api/swagger.json",
    "../api/openapi.json",
    "/api/swagger.json",
    "/api/openapi.json",
)
_URL_FIELD = re.compile(r"""\b(url|configUrl)\s*[:=]\s*["']([^"']+)["']""")
_SCRIPT_SRC = re.compile(r"""<script[^>]+src\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_PLACEHOLDER_HOSTS = ("petstore.swagger.io", "petstore3.swagger.io")
# A hostile page could name thousands of scripts or URLs; each costs up to TIMEOUT_S.
MAX_DISCOVERY_FETCHES = 10  # scripts and config documents fetched while looking for the spec URL
MAX_CANDIDATES = 24  # spec URLs tried (explicit ones first, then the fallbacks)


@dataclass(frozen=True)
class Pulled:
    document: Document
    page_url: str
    spec_url: str


def _shown(url: str) -> str:
    """A URL as it appears in an error: quoted, and cut short if someone's page made it huge."""
    return repr(url if len(url) <= 200 else url[:197] + "...")


def _join(base: str, value: str) -> str | None:
    """`value` resolved against `base`; None when it cannot be a URL (e.g. a broken IPv6 literal)."""
    try:
        return urljoin(base, value)
    except ValueError:
        return None


def _describe(exc: httpx.HTTPError, url: str) -> str:
    try:
        host = urlsplit(url).netloc or url
    except ValueError:
        host = url
    if isinstance(exc, httpx.TimeoutException):
        return f"{host} did not answer within {TIMEOUT_S:g} s"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot reach {host} ({type(exc).__name__})"
    return f"request to {host} failed ({type(exc).__name__})"


def fetch(client: httpx.Client, url: str, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """GET url with a size cap; return (body, final URL)."""
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        raise PullError(f"{_shown(url)} is not a valid URL") from None
    if scheme not in {"http", "https"}:
        raise PullError(f"only http(s) URLs can be pulled, not {_shown(url)}")
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise PullError(f"HTTP {response.status_code} from {url}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise PullError(f"{url} is {int(declared)} bytes, over the {max_bytes}-byte limit")
            chunks: list[bytes] = []
            size = 0
            deadline = time.monotonic() + TOTAL_S
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise PullError(f"{url} is larger than the {max_bytes}-byte limit")
                if time.monotonic() > deadline:
                    raise PullError(f"{url} took longer than {TOTAL_S:g} s to send")
                chunks.append(chunk)
            return b"".join(chunks), str(response.url)
    except httpx.HTTPError as exc:
        raise PullError(_describe(exc, url)) from None
    except (httpx.InvalidURL, ValueError):  # control characters, a host IDNA cannot encode, a bad port
        raise PullError(f"{_shown(url)} is not a valid URL") from None


def _urls_in_config(text: str, base: str) -> list[str]:
    found: list[str] = []
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = None
    if isinstance(data, dict):
        values = [data.get("url")]
        entries = data.get("urls")
        if isinstance(entries, list):
            values += [entry.get("url") for entry in entries if isinstance(entry, dict)]
    else:
        values = [value for _field, value in _URL_FIELD.findall(text)]
    for value in values:
        joined = _join(base, value) if isinstance(value, str) else None
        if joined is not None:
            found.append(joined)
    return found


def discover(client: httpx.Client, html: bytes, page_url: str) -> list[str]:
    """Candidate spec URLs named by a Swagger UI page, its scripts and its config, in order."""
    text = html.decode("utf-8", errors="replace")
    candidates: list[str] = []
    sources = [(text, page_url)]
    fetches = 0
    for src in _SCRIPT_SRC.findall(text):
        if "initializer" in src or "config" in src or src.endswith(("index.js", "swagger-ui-init.js")):
            script_url = _join(page_url, src)
            if script_url is None or fetches >= MAX_DISCOVERY_FETCHES:
                continue
            fetches += 1
            try:
                body, final = fetch(client, script_url, max_bytes=2 * 1024 * 1024)
            except PullError:
                continue
            sources.append((body.decode("utf-8", errors="replace"), final))
    for script_text, base in sources:
        for field, value in _URL_FIELD.findall(script_text):
            target = _join(base, value)
            if target is None:
                continue
            if field == "configUrl":
                if fetches >= MAX_DISCOVERY_FETCHES:
                    continue
                fetches += 1
                try:
                    config, final = fetch(client, target, max_bytes=1024 * 1024)
                except PullError:
                    continue
                candidates += _urls_in_config(config.decode("utf-8", errors="replace"), final)
            else:
                candidates.append(target)
    candidates += [url for c in FALLBACK_CANDIDATES if (url := _join(page_url, c)) is not None]
    unique: list[str] = []
    for url in candidates:
        if url not in unique and not any(h in url for h in _PLACEHOLDER_HOSTS):
            unique.append(url)
    return unique[:MAX_CANDIDATES]


def pull(url: str = DEFAULT_APIDOC, *, transport: httpx.BaseTransport | None = None) -> Pulled:
    """Fetch a spec from a direct URL or from behind a Swagger UI page; never touches disk."""
    with httpx.Client(
        timeout=TIMEOUT_S,
        follow_redirects=True,
        max_redirects=5,
        transport=transport,
        headers={"Accept": "application/json, application/yaml;q=0.9, text/html;q=0.5"},
    ) as client:
        body, final = fetch(client, url)
        if not looks_like_html(body):
            try:
                return Pulled(parse(body, origin=final), page_url=url, spec_url=final)
            except SpecError as exc:
                raise PullError(f"{final} is not an API description: {exc}") from None
        tried: list[str] = []
        for candidate in discover(client, body, final):
            tried.append(candidate)
            try:
                spec_body, spec_final = fetch(client, candidate)
                return Pulled(parse(spec_body, origin=spec_final), page_url=url, spec_url=spec_final)
            except (PullError, SpecError):
                continue
        raise PullError(
            f"{final} is an HTML page and no API description was found behind it ({len(tried)} candidate URLs tried)"
        )
