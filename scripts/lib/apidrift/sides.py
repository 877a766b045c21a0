"""Turn a file, URL or vendor pull into the normalised document the generator would read."""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pipeline.documents import Document, detect_format, dump_json, parse
from pipeline.errors import SpecError
from pipeline.layout import Layout
from pipeline.names import NameMap, OperationKey, StableName
from pipeline.pull import pull
from pipeline.run import prepare as prepare_document
from pipeline.transforms import keep_upstream_identity, normalise

from .changes import SideInfo


@dataclass(frozen=True)
class Side:
    """One side of a comparison: the normalised document plus the names the pipeline assigned."""

    source: str
    format: str
    document: dict[str, Any]
    names: dict[OperationKey, StableName]

    def info(self) -> SideInfo:
        digest = hashlib.sha256(dump_json(self.document)).hexdigest()
        return SideInfo(self.source, self.format, digest, len(self.names))


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def display_url(url: str) -> str:
    """A URL fit for reports: user info and query (signed-URL signatures, tokens) are dropped."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port is not None:
        host += f":{parts.port}"
    shown = urlunsplit((parts.scheme, host, parts.path, "", ""))
    return shown + ("?…" if parts.query else "")


def read(source: str) -> tuple[Document, str]:
    """A document from a path or an http(s) URL (Swagger UI pages are looked behind, as by the pipeline)."""
    if is_url(source):
        pulled = pull(source)
        return pulled.document, display_url(pulled.spec_url)
    path = Path(source)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from None
    return parse(raw, origin=str(path)), str(path)


def read_pulled(url: str) -> tuple[Document, str]:
    pulled = pull(url)
    return pulled.document, display_url(pulled.spec_url)


def prepare(document: Document, source: str, names: NameMap, layout: Layout) -> Side:
    """The pipeline's own steps up to the generator input (repairs included), writing nothing."""
    prepared = prepare_document(document, names, layout, origin=source, check_naming=False, with_additions=False)
    return Side(source=source, format=document.format, document=prepared.normalised, names=dict(prepared.ctx.assigned))


def from_converted(converted: dict[str, Any], source: str, names: NameMap, fmt: str | None = None) -> Side:
    """A side from an already-converted OpenAPI 3 dict: identity kept aside and normalised, nothing validated.

    Lets callers convert many Swagger 2.0 documents in one batch and still share the normalisation.
    """
    data = copy.deepcopy(converted)
    keep_upstream_identity(data)
    normalised, ctx = normalise(data, names)
    return Side(
        source=source, format=fmt or detect_format(converted, source), document=normalised, names=dict(ctx.assigned)
    )
