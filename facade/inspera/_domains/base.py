"""Declares a domain operation once and binds it as a blocking method on `Inspera`, an awaitable on `AsyncInspera`."""

from __future__ import annotations

import builtins
import functools
import importlib
import inspect
import re
from collections.abc import Callable, Coroutine, Iterator, Mapping
from types import MethodType, ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

if TYPE_CHECKING:
    from inspera_api.types import Unset

P = ParamSpec("P")
T = TypeVar("T")
M = TypeVar("M", bound="Mode")
ModelT = TypeVar("ModelT")


class Mode:
    """Marks whether a namespace is bound to the blocking or the asyncio client."""


class SyncMode(Mode):
    pass


class AsyncMode(Mode):
    pass


class Call(Generic[T]):
    """Arguments for one generated operation, plus an optional post-processing step of its parsed model."""

    __slots__ = ("kwargs", "then")

    def __init__(self, kwargs: dict[str, Any], then: Callable[[Any], T] | None = None) -> None:
        self.kwargs = kwargs
        self.then = then

    def finish(self, parsed: Any) -> T:
        return parsed if self.then is None else self.then(parsed)


# The generated package and the call seam are imported on first use, not with `inspera` (its import stays light);
# once, not per call: an import statement costs about 2 µs even when the module is loaded.
@functools.cache
def _unset() -> Unset:
    from inspera_api.types import UNSET

    return UNSET


@functools.cache
def _seam() -> ModuleType:
    return importlib.import_module("inspera._calls.invoke")


def call(**kwargs: Any) -> Call[Any]:
    """The generated endpoint's keyword arguments; `None` values mean "leave unset"."""
    none = _unset()
    return Call({name: none if value is None else value for name, value in kwargs.items()})


def unset(value: T | None) -> T | Unset:
    return _unset() if value is None else value


def model(cls: type[ModelT], value: ModelT | Mapping[str, Any], extra_body: Mapping[str, Any] | None = None) -> ModelT:
    """Accept a generated model instance or a JSON-shaped mapping (spec field names) for a request body.

    A mapping may only use the fields the model's schema knows (`InvalidArgumentError` names an unknown key and the
    closest known field); `extra_body` adds fields the spec does not know yet to the JSON that is sent.
    """
    from inspera._calls import bodies as _bodies
    from inspera.errors import InvalidArgumentError

    if isinstance(value, cls):
        instance, given = value, True
    elif isinstance(value, Mapping):
        _bodies.check(cls.__name__, value)
        try:
            instance, given = cls.from_dict(dict(value)), False  # type: ignore[attr-defined]
        except KeyError as error:
            raise InvalidArgumentError(f"{cls.__name__} needs the field {error.args[0]!r}") from None
        except (TypeError, ValueError, AttributeError) as error:
            raise InvalidArgumentError(f"{cls.__name__}: {type(error).__name__}: {error}") from None
    else:
        raise TypeError(f"expected {cls.__name__} or a mapping, got {type(value).__name__}")
    if extra_body:
        instance = _bodies.add_extra(instance, extra_body, copy_first=given)
    return instance


Body = Mapping[str, Any]


@functools.cache
def _model_class(module: str, name: str) -> type[Any]:
    cls: type[Any] = getattr(importlib.import_module(f"inspera_api.models.{module}"), name)
    return cls


def body(module: str, name: str, value: Any, extra_body: Mapping[str, Any] | None = None) -> Any:
    """`model()` for the generated class `name` in `inspera_api.models.<module>`, imported on first use."""
    return model(_model_class(module, name), value, extra_body)


class Namespace(Generic[M]):
    """A group of domain calls (`client.tests`, ...) bound to one client.

    A namespace class declares its operations once; for each class two variants are made, one whose methods block
    (used by `Inspera`) and one whose methods are coroutines (used by `AsyncInspera`, named `Async<Name>`).
    Constructing the declared class returns an instance of the right variant. The variants' methods are plain
    functions with the real signature (`inspect.signature`, `help()` and pydoc show the parameters and the model
    returned), resolved the first time each method is looked up.
    """

    attribute: ClassVar[str]
    _variants: ClassVar[dict[bool, type[Namespace[Any]]]]
    _declared: ClassVar[type[Namespace[Any]] | None] = None  # on a variant: the class it was made from

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("_declared") is not None:
            return  # a variant being made below
        cls._variants = {False: _variant(cls, asynchronous=False), True: _variant(cls, asynchronous=True)}

    def __new__(cls, client: Any, *, asynchronous: bool) -> Self:
        variants = cls.__dict__.get("_variants")
        chosen = variants[asynchronous] if variants is not None else cls
        instance: Self = object.__new__(chosen)
        return instance

    def __init__(self, client: Any, *, asynchronous: bool) -> None:
        self._client = client
        self._asynchronous = asynchronous

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {type(self._client).__name__}>"

    @classmethod
    def operations(cls) -> Iterator[Operation[Any, Any]]:
        for value in vars(cls._declared or cls).values():
            if isinstance(value, Operation):
                yield value


def _variant(declared: type[Namespace[Any]], *, asynchronous: bool) -> type[Namespace[Any]]:
    name = f"Async{declared.__name__}" if asynchronous else declared.__name__
    namespace: dict[str, Any] = {
        "__module__": declared.__module__,
        "__qualname__": name,
        "__doc__": declared.__doc__,
        "_declared": declared,
    }
    for value in vars(declared).values():
        if isinstance(value, Operation):
            namespace[value.name] = _Method(value, asynchronous, name)
    return type(name, (declared,), namespace)


class _Method:
    """The method of one operation on one variant: resolves its signature on first lookup, then steps aside.

    The first lookup installs the plain function on the variant class, so later lookups are ordinary method
    binding; the signature work is done once per operation and mode, never per call.
    """

    def __init__(self, operation: Operation[Any, Any], asynchronous: bool, owner_name: str) -> None:
        chosen: Callable[..., Any] = operation._awaitable if asynchronous else operation._blocking
        self.function = _named(chosen, operation, owner_name)
        self.operation = operation
        self.name = operation.name

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.owner = owner

    def __get__(self, obj: Any, owner: type[Any] | None = None) -> Any:
        function = self.function
        function.__signature__ = signature(self.operation)  # type: ignore[attr-defined]  # read by inspect
        setattr(self.owner, self.name, function)
        return function if obj is None else MethodType(function, obj)


def _named(function: Callable[..., Any], operation: Operation[Any, Any], owner_name: str) -> Callable[..., Any]:
    function.__name__ = operation.name
    function.__qualname__ = f"{owner_name}.{operation.name}"
    function.__module__ = operation.build.__module__
    function.__doc__ = operation.build.__doc__
    return function


class Operation(Generic[P, T]):
    """Descriptor: one facade method backed by one generated endpoint ("METHOD /path" as in openapi.json).

    The blocking and the awaitable implementations are built once per operation; the namespace variants carry them
    as plain methods (see `Namespace`), and the generated module is imported once, on first use.
    """

    def __init__(self, key: str, endpoint: str, build: Callable[Concatenate[Any, P], Call[T]]) -> None:
        self.key = key
        self.endpoint = endpoint
        self.build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__
        self._module: ModuleType | None = None
        self._blocking = _blocking_method(self)
        self._awaitable = _awaitable_method(self)

    def module(self) -> ModuleType:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(f"inspera_api.api.{self.endpoint}")
        return module

    def __repr__(self) -> str:
        return f"<Operation {self.name} ({self.key})>"

    @overload
    def __get__(self, obj: None, owner: type[Any] | None = None) -> Self: ...

    @overload
    def __get__(self, obj: Namespace[SyncMode], owner: type[Any] | None = None) -> Callable[P, T]: ...

    @overload
    def __get__(
        self, obj: Namespace[AsyncMode], owner: type[Any] | None = None
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...

    def __get__(self, obj: Namespace[Any] | None, owner: type[Any] | None = None) -> Any:
        if obj is None:
            return self
        # Reached only for a namespace class without variants (the variants shadow every operation).
        return MethodType(self._awaitable if obj._asynchronous else self._blocking, obj)


def _blocking_method(operation: Operation[Any, T]) -> Callable[..., T]:
    build = operation.build

    def bound(namespace: Namespace[Any], /, *args: Any, **kwargs: Any) -> T:
        spec = build(namespace, *args, **kwargs)
        return spec.finish(_seam().invoke(namespace._client, operation.module(), **spec.kwargs))

    return bound


def _awaitable_method(operation: Operation[Any, T]) -> Callable[..., Coroutine[Any, Any, T]]:
    build = operation.build

    async def bound_async(namespace: Namespace[Any], /, *args: Any, **kwargs: Any) -> T:
        spec = build(namespace, *args, **kwargs)
        return spec.finish(await _seam().ainvoke(namespace._client, operation.module(), **spec.kwargs))

    return bound_async


def signature(operation: Operation[Any, Any]) -> inspect.Signature:
    """The caller's view of an operation: the build function's parameters and the model the call returns, with the
    annotations evaluated (generated models imported as needed); an annotation that cannot be evaluated stays text.

    Coroutine methods have the same signature: like any `async def`, their return annotation is the awaited value.
    """
    raw = inspect.signature(operation.build)
    scope = _AnnotationScope(operation.build.__globals__)
    parameters = [p.replace(annotation=scope.evaluate(p.annotation)) for p in raw.parameters.values()]
    returned = raw.return_annotation
    if isinstance(returned, str) and returned.startswith("Call[") and returned.endswith("]"):
        returned = returned[len("Call[") : -1]
    return raw.replace(parameters=parameters, return_annotation=scope.evaluate(returned))


class _AnnotationScope(dict[str, Any]):
    """Names for evaluating a domain module's annotations: its globals, then generated models by class name.

    The models are imported under TYPE_CHECKING only (importing them all costs more than the client itself), so a
    missing name is looked up as `inspera_api.models.<snake_case>` on demand.
    """

    def __init__(self, module_globals: dict[str, Any]) -> None:
        super().__init__()
        self._globals = module_globals

    def __missing__(self, name: str) -> Any:
        if name in self._globals or hasattr(builtins, name) or not name[:1].isupper():
            raise KeyError(name)  # eval falls back to the globals and builtins
        module_name = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
        try:
            found = getattr(importlib.import_module(f"inspera_api.models.{module_name}"), name)
        except (ImportError, AttributeError):
            try:
                found = getattr(importlib.import_module("inspera_api.models"), name)
            except (ImportError, AttributeError):
                raise KeyError(name) from None
        self[name] = found
        return found

    def evaluate(self, annotation: Any) -> Any:
        if not isinstance(annotation, str):
            return annotation
        try:
            return eval(annotation, self._globals, self)  # our own source annotations, never user input
        except Exception:  # an annotation that cannot be evaluated is still shown, as text
            return annotation


def operation(key: str, endpoint: str) -> Callable[[Callable[Concatenate[Any, P], Call[T]]], Operation[P, T]]:
    """Declare a facade method: `key` is "METHOD /path" from openapi.json, `endpoint` the generated module
    under `inspera_api.api` (e.g. "tests.get_test"). The decorated function maps arguments to a `Call`."""

    def wrap(build: Callable[Concatenate[Any, P], Call[T]]) -> Operation[P, T]:
        return Operation(key, endpoint, build)

    return wrap
