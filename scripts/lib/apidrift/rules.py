"""The rule catalogue: stable ids, severities and the reason each matters to generated-client users."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """Ordered so that `severity >= threshold` reads naturally."""

    INFO = 1
    WARNING = 2
    BREAKING = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    why: str
    docs_only: bool = False


_RULES = (
    # -- operations ------------------------------------------------------------------------
    Rule(
        "operation-removed",
        Severity.BREAKING,
        "An operation disappeared.",
        "Its inspera_api.api.<group>.<function> module is deleted on regeneration.",
    ),
    Rule(
        "operation-renamed",
        Severity.BREAKING,
        "An operation's generated group or function name changed (e.g. its path moved off openapi/names.toml).",
        "Imports of the old module fail; pin the old name in openapi/names.toml.",
    ),
    Rule(
        "operation-name-collision",
        Severity.BREAKING,
        "Two operations of the new document resolve to the same generated module.",
        "The generator keeps only one of them; give them distinct names in openapi/names.toml.",
    ),
    Rule(
        "operation-added",
        Severity.INFO,
        "A new operation.",
        "A new generated function; unlisted operations get a fallback name until named in openapi/names.toml.",
    ),
    Rule(
        "operation-deprecated",
        Severity.WARNING,
        "An operation became deprecated.",
        "Still callable, but the vendor announced its removal.",
    ),
    # -- parameters ------------------------------------------------------------------------
    Rule(
        "parameter-added-required",
        Severity.BREAKING,
        "A new required parameter.",
        "Existing calls lack a required keyword argument.",
    ),
    Rule(
        "parameter-became-required",
        Severity.BREAKING,
        "An optional parameter became required.",
        "Calls that omit it now fail to type-check or are rejected by the server.",
    ),
    Rule(
        "parameter-removed",
        Severity.BREAKING,
        "A parameter disappeared.",
        "The keyword argument is gone from the generated function.",
    ),
    Rule(
        "parameter-added-optional",
        Severity.INFO,
        "A new optional parameter.",
        "A new keyword argument with a default; existing calls keep working.",
    ),
    # -- request bodies --------------------------------------------------------------------
    Rule(
        "request-body-required",
        Severity.BREAKING,
        "A request body was added as required, or an optional one became required.",
        "Existing calls lack the `body` argument.",
    ),
    Rule(
        "request-body-removed",
        Severity.BREAKING,
        "A request body disappeared.",
        "The `body` argument is gone from the generated function.",
    ),
    Rule(
        "request-body-added-optional",
        Severity.INFO,
        "An optional request body was added.",
        "A new optional `body` argument.",
    ),
    Rule(
        "request-property-added-required",
        Severity.BREAKING,
        "A request model gained a required field.",
        "Constructing the model without it fails.",
    ),
    Rule(
        "request-property-became-required",
        Severity.BREAKING,
        "An optional request field became required.",
        "Constructing the model without it fails.",
    ),
    Rule(
        "request-property-removed",
        Severity.BREAKING,
        "A request field disappeared.",
        "The model loses the attribute and its constructor argument.",
    ),
    Rule(
        "request-property-added-optional",
        Severity.INFO,
        "A request model gained an optional field.",
        "A new optional constructor argument.",
    ),
    Rule(
        "request-enum-value-removed",
        Severity.BREAKING,
        "A value disappeared from a request enum.",
        "Request enums stay strict: the enum member is deleted from the generated class.",
    ),
    Rule(
        "request-enum-value-added",
        Severity.INFO,
        "A value was added to a request enum.",
        "A new enum member to send.",
    ),
    # -- responses -------------------------------------------------------------------------
    Rule(
        "response-property-removed",
        Severity.BREAKING,
        "A response field disappeared.",
        "Code reading the attribute fails; it lands in additional_properties if still sent.",
    ),
    Rule(
        "response-property-became-optional",
        Severity.BREAKING,
        "A required response field became optional.",
        "The attribute may now be UNSET; code that uses it directly breaks type-checking.",
    ),
    Rule(
        "response-property-became-nullable",
        Severity.BREAKING,
        "A response field may now be null.",
        "The attribute type gains None; code that uses it directly breaks type-checking.",
    ),
    Rule(
        "response-property-added",
        Severity.INFO,
        "A response model gained a field.",
        "A new attribute to read.",
    ),
    Rule(
        "response-enum-value-added",
        Severity.WARNING,
        "A new value may appear in a response enum.",
        "Response enums are loosened to strings, so parsing keeps working, but code matching the known "
        "values will see one it does not handle.",
    ),
    Rule(
        "response-enum-value-removed",
        Severity.INFO,
        "A value no longer appears in a response enum.",
        "Branches handling it become dead code.",
    ),
    Rule(
        "success-status-removed",
        Severity.BREAKING,
        "A 2xx response disappeared.",
        "The parsed return type changes and responses with that status are no longer parsed.",
    ),
    Rule(
        "error-status-removed",
        Severity.INFO,
        "A non-2xx response disappeared.",
        "Its error model is no longer parsed; the facade maps the status to a typed error either way.",
    ),
    Rule(
        "response-status-added",
        Severity.INFO,
        "A response status was added.",
        "The parsed return type of the *_detailed function gains a member.",
    ),
    Rule(
        "media-type-removed",
        Severity.BREAKING,
        "A request or response media type disappeared.",
        "The generated function sends or parses a body it no longer can (or drops the body entirely).",
    ),
    Rule(
        "media-type-added",
        Severity.INFO,
        "A request or response media type was added.",
        "Usually invisible to the client; the generator picks one media type per body.",
    ),
    # -- schemas ---------------------------------------------------------------------------
    Rule(
        "type-changed",
        Severity.BREAKING,
        "The type, format, model reference or strictness of a parameter, field or body changed.",
        "Generated signatures and attribute types change; values may no longer parse.",
    ),
    Rule(
        "schema-removed",
        Severity.BREAKING,
        "A named schema disappeared.",
        "Its generated model class is deleted.",
    ),
    Rule(
        "schema-renamed",
        Severity.BREAKING,
        "A named schema reappears under another name with the same structure.",
        "The generated model class is renamed: imports of the old name fail.",
    ),
    Rule(
        "inline-model-renamed",
        Severity.BREAKING,
        "An inline schema's model class takes another name because a new schema has the name its position gives "
        "(`Shelf.position` was `ShelfPosition`, now `ShelfPositionInline`).",
        "Imports of the old class name fail; a [models] pin of openapi/names.toml gives the class a name that stays.",
    ),
    Rule(
        "schema-renamed-upstream",
        Severity.INFO,
        "The vendor renamed a schema that a [models] pin of openapi/names.toml names by its role.",
        "Wire-compatible and absorbed: the pin keeps the generated model's name.",
    ),
    Rule(
        "schema-inlined-upstream",
        Severity.INFO,
        "The vendor inlined a pinned schema where it is used, or made an inline one a named schema.",
        "Wire-compatible and absorbed: the pin extracts the inline schema under the same model name.",
    ),
    Rule(
        "path-variables-renamed-upstream",
        Severity.INFO,
        "The vendor renamed the variables of a path (`{testId}` -> `{assessmentRunId}`).",
        "Wire-compatible and absorbed: the key of openapi/names.toml matches the path by shape and keeps its names, "
        "so keyword arguments do not move.",
    ),
    Rule(
        "schema-added",
        Severity.INFO,
        "A new named schema.",
        "A new generated model class.",
    ),
    # -- security --------------------------------------------------------------------------
    Rule(
        "security-changed",
        Severity.BREAKING,
        "An operation now needs credentials, needs other ones, or a security scheme changed.",
        "Generated functions then require an AuthenticatedClient, and the facade's auth may no longer apply.",
    ),
    Rule(
        "security-relaxed",
        Severity.INFO,
        "An operation no longer needs credentials.",
        "The generated function also accepts an unauthenticated Client.",
    ),
    # -- documentation (reported only with --include-docs) ---------------------------------
    Rule(
        "docs-changed",
        Severity.INFO,
        "A summary, description, title or example changed.",
        "Docstrings of generated code change; behaviour does not.",
        docs_only=True,
    ),
    Rule(
        "upstream-id-changed",
        Severity.INFO,
        "The vendor's operationId or tag changed (Swagger UI renumbering).",
        "Only the apidoc deep links in openapi/ENDPOINTS.md move; no code is named after them.",
        docs_only=True,
    ),
)

CATALOGUE: dict[str, Rule] = {rule.id: rule for rule in _RULES}


def rule(rule_id: str) -> Rule:
    """Look a rule up by id; an unknown id is a programming error."""
    return CATALOGUE[rule_id]
