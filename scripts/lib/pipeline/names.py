"""Stable generated names: (HTTP method, path) + the committed override map -> (group, function).

Nothing here looks at upstream operationIds, tags or document order, so a vendor renumbering
`getSubmissions5` or renaming a tag cannot move `inspera_api.api.<group>.<function>`.
"""

from __future__ import annotations

import keyword
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NamingError

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
_PARAM = re.compile(r"^\{([^{}]+)\}$")
_VARIABLE = re.compile(r"\{([^{}]*)\}")


def path_shape(path: str) -> str:
    """`/v1/test/{testId}/results/{jobId}` -> `/v1/test/{}/results/{}`: the path with its variables blanked."""
    return _VARIABLE.sub("{}", path)


def path_variables(path: str) -> list[str]:
    """The variable names of a path template, in order."""
    return _VARIABLE.findall(path)


@dataclass(frozen=True, order=True)
class OperationKey:
    method: str  # upper case
    path: str

    @classmethod
    def parse(cls, text: str) -> OperationKey:
        method, _, path = text.strip().partition(" ")
        if method.lower() not in HTTP_METHODS or not path.startswith("/"):
            raise NamingError(f"override key {text!r} is not 'METHOD /path'")
        return cls(method.upper(), path.strip())

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def shape(self) -> tuple[str, str]:
        """(METHOD, path shape): what a key matches, whatever the document calls the path's variables."""
        return (self.method, path_shape(self.path))


@dataclass(frozen=True)
class StableName:
    group: str
    function: str
    from_map: bool

    @property
    def qualified(self) -> str:
        return f"{self.group}.{self.function}"


@dataclass(frozen=True)
class NameMap:
    operations: Mapping[OperationKey, tuple[str, str]] = field(default_factory=dict)
    groups: Mapping[str, str] = field(default_factory=dict)
    models: Mapping[str, tuple[ModelRole, ...]] = field(default_factory=dict)
    _by_shape: dict[tuple[str, str], OperationKey] = field(init=False, repr=False, compare=False)
    _templates: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_shape: dict[tuple[str, str], OperationKey] = {}
        templates: dict[str, str] = {}
        for key in self.operations:
            if key.shape in by_shape:
                raise NamingError(f"[operations] {by_shape[key.shape]} and {key} match the same path shape")
            by_shape[key.shape] = key
            shape = key.shape[1]
            if templates.setdefault(shape, key.path) != key.path:
                raise NamingError(
                    f"[operations] {templates[shape]!r} and {key.path!r} name the variables of one path differently"
                )
        object.__setattr__(self, "_by_shape", by_shape)
        object.__setattr__(self, "_templates", templates)

    def key_for(self, method: str, path: str) -> OperationKey | None:
        """The map's key for an operation of the document, matched by (METHOD, path shape)."""
        return self._by_shape.get((method.upper(), path_shape(path)))

    def template(self, path: str) -> str | None:
        """Our template (variable names as written in the map) for a document path of the same shape."""
        return self._templates.get(path_shape(path))

    @classmethod
    def load(cls, path: Path) -> NameMap:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise NamingError(f"cannot read name map {path}: {exc}") from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> NameMap:
        operations: dict[OperationKey, tuple[str, str]] = {}
        raw_ops = data.get("operations", {})
        if not isinstance(raw_ops, Mapping):
            raise NamingError("[operations] must be a table")
        for raw_key, entry in raw_ops.items():
            key = OperationKey.parse(raw_key)
            if not isinstance(entry, Mapping):
                raise NamingError(f"{raw_key}: expected {{ group = ..., function = ... }}")
            group, function = entry.get("group"), entry.get("function")
            for label, value in (("group", group), ("function", function)):
                if not isinstance(value, str) or not is_identifier(value):
                    raise NamingError(f"{raw_key}: {label} {value!r} is not a snake_case identifier")
            assert isinstance(group, str) and isinstance(function, str)
            operations[key] = (group, function)
        raw_groups = data.get("groups", {})
        if not isinstance(raw_groups, Mapping):
            raise NamingError("[groups] must be a table")
        groups: dict[str, str] = {}
        for prefix, group in raw_groups.items():
            if not isinstance(group, str) or not is_identifier(group):
                raise NamingError(f"[groups] {prefix!r}: {group!r} is not a snake_case identifier")
            groups[prefix.rstrip("/")] = group
        return cls(operations=operations, groups=groups, models=parse_models(data.get("models", {})))

    def resolve(self, method: str, path: str) -> StableName:
        key = self.key_for(method, path)
        if key is not None:
            group, function = self.operations[key]
            return StableName(group, function, from_map=True)
        return StableName(self.fallback_group(path), fallback_function(method, path), from_map=False)

    def fallback_group(self, path: str) -> str:
        """The longest `[groups]` prefix (matched with version segments set aside, so `/v2/test/x` falls under
        "/v1/test"), else the first segment that is neither a parameter, a version nor `api`."""
        unversioned = _unversioned(path)
        best = ""
        for prefix in self.groups:
            bare = _unversioned(prefix)
            if (unversioned == bare or unversioned.startswith(bare.rstrip("/") + "/")) and len(prefix) > len(best):
                best = prefix
        if best:
            return self.groups[best]
        statics = [s for s in _segments(path) if not _PARAM.match(s) and not _is_version(s) and s.lower() != "api"]
        return snake(statics[0]) if statics else "default"

    def stale_keys(self, present: Iterable[OperationKey]) -> list[OperationKey]:
        """Map entries that match no operation of the document by (METHOD, path shape) (reported, not fatal)."""
        seen = {key.shape for key in present}
        return sorted(k for k in self.operations if k.shape not in seen)


_MODEL_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_STEP = re.compile(r"\.([A-Za-z_$@][A-Za-z0-9_$@-]*)|\[\]|\{\}")
_STATUS = re.compile(r"^(body|[1-5][0-9][0-9]|[1-5]XX|default)")


@dataclass(frozen=True)
class ModelRole:
    """Where a pinned model sits: an operation's `body` or response status, or a property path of another pin.

    `"GET /v1/test/{testId} 200"`, `"GET /v1/subscription 200[]"`, `"TestSearchResponse.results[]"`: steps
    are `.property`, `[]` (array items) and `{}` (additionalProperties values).
    """

    text: str
    operation: OperationKey | None  # the anchor when it is an operation
    slot: str  # "body", a status code or "default" (operation anchors)
    model: str  # the anchor when it is another pinned model
    steps: tuple[str, ...]  # ".name", "[]", "{}"

    @classmethod
    def parse(cls, text: str) -> ModelRole:
        raw = text.strip()
        method, _, rest = raw.partition(" ")
        if method.lower() in HTTP_METHODS and rest.startswith("/"):
            path, _, tail = rest.strip().partition(" ")
            status = _STATUS.match(tail.strip())
            if status is None:
                raise NamingError(f"[models] role {text!r}: expected 'METHOD /path body|STATUS' then steps")
            steps = _steps(text, tail.strip()[status.end() :])
            return cls(raw, OperationKey(method.upper(), path), status.group(1), "", steps)
        anchor = re.match(r"^[A-Za-z][A-Za-z0-9]*", raw)
        if anchor is None or not _MODEL_NAME.match(anchor.group(0)):
            raise NamingError(f"[models] role {text!r}: expected 'METHOD /path STATUS' or 'Model.property'")
        steps = _steps(text, raw[anchor.end() :])
        if not steps:
            raise NamingError(f"[models] role {text!r} names a model but no property of it")
        return cls(raw, None, "", anchor.group(0), steps)

    def __str__(self) -> str:
        return self.text


def _steps(text: str, tail: str) -> tuple[str, ...]:
    steps: list[str] = []
    at = 0
    while at < len(tail):
        match = _STEP.match(tail, at)
        if match is None:
            raise NamingError(f"[models] role {text!r}: cannot read {tail[at:]!r} (steps are .name, [] and {{}})")
        steps.append(match.group(0))
        at = match.end()
    return tuple(steps)


def parse_models(raw: object) -> dict[str, tuple[ModelRole, ...]]:
    """`[models]`: public model name -> one role or a list of roles (all must be the same schema)."""
    if not isinstance(raw, Mapping):
        raise NamingError("[models] must be a table")
    models: dict[str, tuple[ModelRole, ...]] = {}
    for name, value in raw.items():
        if not isinstance(name, str) or not _MODEL_NAME.match(name):
            raise NamingError(f"[models] {name!r} is not a PascalCase class name")
        texts = [value] if isinstance(value, str) else value
        if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
            raise NamingError(f"[models] {name}: expected a role or a list of roles")
        models[name] = tuple(ModelRole.parse(t) for t in texts)
    for name, roles in models.items():
        for role in roles:
            if role.model and role.model not in models:
                raise NamingError(f"[models] {name}: role {role} starts at {role.model}, which is not pinned")
    return models


def is_identifier(name: str) -> bool:
    return bool(_IDENTIFIER.match(name)) and not keyword.iskeyword(name)


def snake(text: str, *, standalone: bool = True) -> str:
    """camelCase / kebab / dotted -> snake_case; `standalone` guards a name used on its own."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text)
    text = re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_").lower()
    if not text:
        return "x"
    if standalone and (text[0].isdigit() or keyword.iskeyword(text)):
        text = f"op_{text}"
    return text


def fallback_function(method: str, path: str) -> str:
    """`DELETE /v1/test/{testId}/committees` -> `delete_test_committees_by_test_id_v1`.

    Static segments make the name, parameters move to a `_by_...` part, every version segment (`v1` included)
    becomes a suffix and a trailing slash adds `_slash`. So no two paths that differ by a version or a slash share a
    name (`/items`, `/v1/items`, `/items/`, `/api/`, `/api/v1/`), and adding `/v2/items` never renames `/v1/items`.
    The result depends on nothing but the method and the path. (Good names come from openapi/names.toml; a
    fallback only has to be unique and stable.)
    """
    statics: list[str] = []
    params: list[str] = []
    versions: list[str] = []
    segments = _segments(path)
    for segment in segments:
        match = _PARAM.match(segment)
        if match:
            params.append(snake(match.group(1), standalone=False))
        elif _is_version(segment):
            versions.append(snake(segment, standalone=False))
        else:
            statics.append(snake(segment, standalone=False))
    name = "_".join([method.lower(), *statics]) if statics else f"{method.lower()}_root"
    if params:
        name += "_by_" + "_and_".join(params)
    if versions:
        name += "_" + "_".join(versions)
    if path.endswith("/") and segments:
        name += "_slash"
    return name


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


_VERSION = re.compile(r"v\d+(?:[._]\d+)*(?:(?:alpha|beta|rc)\d*)?", re.IGNORECASE)


def _is_version(segment: str) -> bool:
    """`v1`, `v2`, `v1.1`, `v2beta1`: a version-like path segment."""
    return bool(_VERSION.fullmatch(segment))


def _unversioned(path: str) -> str:
    return "/" + "/".join(s for s in _segments(path) if not _is_version(s))
