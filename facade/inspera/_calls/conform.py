"""Whether a parsed answer holds the types its generated model declares, checked by per-class precompiled checkers.

The generated parsers convert what they must (dates, enums, nested models) but copy plain JSON values into
`int`/`str`/`float`/`bool`/`list[str]` fields unchanged, so `{"assessmentRunId": "1; DROP TABLE"}` would come back
as a `TestMetadata` whose `int` field holds a string. `conform(value, declared)` walks a parsed result and raises
`Misfit` (naming the attribute path and the declared type, never the value) on the first value whose runtime type
is not one its annotation admits.

The rules, per annotation member: a type matches values of exactly that type (so `True` is no `int`), `float` also
admits `int` (JSON does not tell 1 from 1.0), `list[X]`/`dict[str, X]` check every item, a generated model checks
every attribute (its `additional_properties` included), `Any` admits everything. JSON null fits only where the
annotation admits None (the spec marks the field nullable), as the generated parsers already require for dates,
enums and nested models. Each model's checker is built once from its attrs fields and type hints; checking a value
of a plain type is one set lookup, done inline in a straight-line function per model (generated from its field
names) and in the loops over a list's items. A list or nested model field calls its checker from there directly, a
list of models calls the model's checker per item; only a value that does not fit goes the longer way that names it.
"""

from __future__ import annotations

import datetime
import functools
import keyword
import logging
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import attrs

log = logging.getLogger("inspera")

Check = Callable[[Any], None]


class Misfit(Exception):
    """A value whose type its annotation does not admit; `where` is the attribute path, built on the way out."""

    def __init__(self, expected: str, got: str) -> None:
        super().__init__(expected, got)
        self.expected = expected
        self.got = got
        self.where: list[str] = []

    def path(self) -> str:
        text = "".join(self.where).lstrip(".")
        return text or "the body"

    def __str__(self) -> str:
        return f"{self.path()}: expected {self.expected}, got {self.got}"


@dataclass(frozen=True, eq=False)
class Rule:
    """What one annotation admits: `plain` types as they are, `nested` types after their own check."""

    plain: frozenset[type]
    nested: dict[type, Check] = field(default_factory=dict)
    expected: str = ""

    def check(self, value: Any) -> None:
        kind = type(value)
        if kind in self.plain:
            return
        inner = self.nested.get(kind)
        if inner is None:
            raise Misfit(self.expected, _name(kind))
        inner(value)


def conform(value: object, declared: object) -> None:
    """Raise `Misfit` when `value` (a parsed answer) does not fit the annotation `declared`; nothing otherwise."""
    rule = compiled(declared)
    if rule is not None:
        rule.check(value)


@functools.cache
def compiled(declared: object) -> Rule | None:
    """The rule of an annotation (None when it admits anything); built once per annotation."""
    return _compile(declared)


def _members(declared: object) -> tuple[object, ...]:
    if typing.get_origin(declared) in (typing.Union, types.UnionType):
        return typing.get_args(declared)
    return (declared,)


def _name(member: object) -> str:
    if typing.get_origin(member) is not None:
        return str(member).replace("typing.", "")
    if member is type(None):
        return "None"
    return getattr(member, "__name__", str(member))


def _compile(declared: object) -> Rule | None:
    plain: set[type] = set()
    nested: dict[type, Check] = {}
    for member in _members(declared):
        origin = typing.get_origin(member)
        if member is Any or member is object:
            return None
        if origin is list:
            (item,) = typing.get_args(member) or (Any,)
            _admit(plain, nested, list, _items(compiled(item)))
        elif origin is dict:
            _, item = typing.get_args(member) or (str, Any)
            _admit(plain, nested, dict, _values(compiled(item)))
        elif isinstance(member, type) and attrs.has(member):
            nested[member] = _nested(member)
        elif member is float:
            plain.update((float, int))
        elif isinstance(member, type) and origin is None:
            plain.add(member)
        else:  # an annotation the generator does not write (Literal, TypeVar, ...): not checked
            return None
    expected = " | ".join(_name(member) for member in _members(declared))
    return Rule(frozenset(plain), nested, expected)


def _admit(plain: set[type], nested: dict[type, Check], kind: type, check: Check | None) -> None:
    if check is None:
        plain.add(kind)
    else:
        nested[kind] = check


def _items(rule: Rule | None) -> Check | None:
    if rule is None:
        return None
    plain, check_one = rule.plain, rule.check
    if not plain and len(rule.nested) == 1:  # a list of one model (the usual case): no lookups per item
        ((kind, wrapped),) = rule.nested.items()
        is_model = attrs.has(kind)

        def check_models(value: list[Any]) -> None:
            # A model's own checker, looked up once per list rather than through its lazy wrapper once per item.
            check_item = model_checker(kind) if is_model else wrapped
            for entry in value:
                if type(entry) is not kind:
                    break
                if check_item is not None:
                    try:
                        check_item(entry)
                    except Misfit:
                        break  # checked again below, to name its index
            else:
                return
            _locate(value, check_one)

        return check_models

    def check(value: list[Any]) -> None:
        for entry in value:
            if type(entry) not in plain:
                break
        else:
            return
        _locate(value, check_one)

    return check


def _locate(value: list[Any], check_one: Check) -> None:
    """Check the items one by one again, to name the index of the first that does not fit."""
    for index, entry in enumerate(value):
        try:
            check_one(entry)
        except Misfit as misfit:
            misfit.where.insert(0, f"[{index}]")
            raise


def _values(rule: Rule | None) -> Check | None:
    if rule is None:
        return None
    plain, check_one = rule.plain, rule.check

    def check(value: dict[Any, Any]) -> None:
        for key, entry in value.items():
            if type(entry) in plain:
                continue
            try:
                check_one(entry)
            except Misfit as misfit:
                misfit.where.insert(0, f"[{key!r}]")
                raise

    return check


def _nested(cls: type) -> Check:
    # Resolved at the first check, not when compiling: models may refer to themselves (directly or in a cycle).
    resolved: Check | None = None

    def check(value: Any) -> None:
        nonlocal resolved
        if resolved is None:
            resolved = model_checker(cls) or _anything
        resolved(value)

    return check


def _anything(value: Any) -> None:
    """The check of a model with nothing to check."""


_CHECKERS: dict[type[Any], Check | None] = {}


def model_checker(cls: type[Any]) -> Check | None:
    """The checker of a generated model's instances, built once from its attrs fields; None when nothing to check."""
    try:
        return _CHECKERS[cls]
    except KeyError:
        check = _CHECKERS[cls] = _model_checker(cls)  # two threads may both build it: the same checker
        return check


def _model_checker(cls: type[Any]) -> Check | None:
    try:
        hints = typing.get_type_hints(cls, localns=_model_names())
    except Exception as error:  # an annotation that cannot be evaluated: the model is left unchecked
        log.debug("answers of %s are not type-checked: %s", cls.__name__, error)
        return None
    fields = [
        (item.name, rule)
        for item in attrs.fields(cls)
        if item.name in hints and (rule := compiled(hints[item.name])) is not None and not _built_so(item.name, rule)
    ]
    if not fields:
        return None
    return _straight_line(cls.__name__, fields)


# Values the generated parsers build themselves rather than copy from the JSON: a date field (parsed, or UNSET, or
# None where nullable) and the `additional_properties` dict cannot hold anything else, so checking them adds nothing.
_DATES = frozenset({datetime.datetime, datetime.date, type(None)})


def _built_so(name: str, rule: Rule) -> bool:
    """Whether the generated parser guarantees a field its type, so that checking it would add nothing."""
    from inspera_api.types import Unset

    if rule.nested:
        return False
    return rule.plain <= _DATES | {Unset} or (name == "additional_properties" and rule.plain == {dict})


def _straight_line(model: str, fields: list[tuple[str, Rule]]) -> Check:
    """One function per model that reads each field and tests its type inline, like hand-written code would;
    only a value outside the field's plain types calls into its rule (nested models, lists, misfits)."""
    if not all(name.isidentifier() and not keyword.iskeyword(name) for name, _ in fields):
        raise AssertionError(f"{model}: attrs field names are identifiers")
    namespace: dict[str, Any] = {"_deeper": _deeper, "_rules": tuple(rule for _, rule in fields), "Misfit": Misfit}
    lines = ["def check_model(value):"]
    for index, (name, rule) in enumerate(fields):
        namespace[f"_plain{index}"] = rule.plain
        lines.append(f"    item = value.{name}")
        lines.append(f"    if type(item) not in _plain{index}:")
        if not rule.nested:
            lines.append(f"        _deeper(_rules[{index}], {name!r}, item)")
            continue
        # A list or nested model calls its checker straight away; only a misfit goes through `_deeper`'s naming.
        namespace[f"_nested{index}"] = rule.nested
        lines.append(f"        inner = _nested{index}.get(type(item))")
        lines.append(f"        if inner is None: _deeper(_rules[{index}], {name!r}, item)")
        lines.append("        try: inner(item)")
        lines.append("        except Misfit as misfit:")
        if name != "additional_properties":  # as in `_deeper`
            lines.append(f"            misfit.where.insert(0, {'.' + name!r})")
        lines.append("            raise")
    exec("\n".join(lines), namespace)  # the source holds attrs field names (identifiers) and nothing else
    check: Check = namespace["check_model"]
    return check


def _deeper(rule: Rule, name: str, value: Any) -> None:
    try:
        rule.check(value)
    except Misfit as misfit:
        if name != "additional_properties":  # its keys are the server's own names: `[key]` says enough
            misfit.where.insert(0, f".{name}")
        raise


@functools.cache
def _model_names() -> dict[str, Any]:
    """Names the generated models' annotations use but import only for type checkers (other models)."""
    import inspera_api.models as models

    return {name: getattr(models, name) for name in dir(models) if not name.startswith("_")}


@functools.cache
def _declared_answer(parse: Callable[..., Any]) -> object:
    """The non-model member of a generated `_parse_response`'s return type: `Any | list[str] | None` gives
    `list[str]`; None when there is none (`Any | TestMetadata | None`: a model checks itself) or several."""
    try:
        declared = typing.get_type_hints(parse, localns=_model_names()).get("return", Any)
    except Exception as error:
        log.debug("answers of %s are not type-checked: %s", getattr(parse, "__module__", parse), error)
        return None
    plain = [
        member
        for member in _members(declared)
        if member is not Any and member is not type(None) and not (isinstance(member, type) and attrs.has(member))
    ]
    if len(plain) != 1:
        return None
    return plain[0]


def check_answer(parse: Callable[..., Any], result: object) -> None:
    """Raise `Misfit` when `result` of a generated `parse` (for a 2xx) does not fit its declared type."""
    kind = type(result)
    check = _CHECKERS.get(kind, _unknown)  # holds models only: a model seen before skips `attrs.has`
    if check is _unknown:
        if not attrs.has(kind):
            declared = _declared_answer(parse)
            if declared is not None:
                conform(result, declared)
            return
        check = model_checker(kind)
    if check is not None:
        check(result)


def _unknown(value: Any) -> None:
    """Marks a type `_CHECKERS` does not hold yet (None there means a model with nothing to check)."""
