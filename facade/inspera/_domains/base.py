"""Declares a domain operation once and binds it as a blocking method on `Inspera`, an awaitable on `AsyncInspera`."""

from __future__ import annotations

import functools
import importlib
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


def call(**kwargs: Any) -> Call[Any]:
    """The generated endpoint's keyword arguments; `None` values mean "leave unset"."""
    from inspera_api.types import UNSET

    return Call({name: UNSET if value is None else value for name, value in kwargs.items()})


def unset(value: T | None) -> T | Unset:
    from inspera_api.types import UNSET

    return UNSET if value is None else value


def model(cls: type[ModelT], value: ModelT | Mapping[str, Any]) -> ModelT:
    """Accept a generated model instance or a JSON-shaped mapping (spec field names) for a request body."""
    if isinstance(value, cls):
        return value
    if isinstance(value, Mapping):
        from inspera.errors import InvalidArgumentError

        try:
            return cls.from_dict(dict(value))  # type: ignore[attr-defined, no-any-return]
        except KeyError as error:
            raise InvalidArgumentError(f"{cls.__name__} needs the field {error.args[0]!r}") from None
        except (TypeError, ValueError, AttributeError) as error:
            raise InvalidArgumentError(f"{cls.__name__}: {type(error).__name__}: {error}") from None
    raise TypeError(f"expected {cls.__name__} or a mapping, got {type(value).__name__}")


Body = Mapping[str, Any]


def body(module: str, name: str, value: Any) -> Any:
    """`model()` for the generated class `name` in `inspera_api.models.<module>`, imported on first use."""
    cls = getattr(importlib.import_module(f"inspera_api.models.{module}"), name)
    return model(cls, value)


class Namespace(Generic[M]):
    """A group of domain calls (`client.tests`, ...) bound to one client."""

    attribute: ClassVar[str]

    def __init__(self, client: Any, *, asynchronous: bool) -> None:
        self._client = client
        self._asynchronous = asynchronous

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {type(self._client).__name__}>"

    @classmethod
    def operations(cls) -> Iterator[Operation[Any, Any]]:
        for value in vars(cls).values():
            if isinstance(value, Operation):
                yield value


class Operation(Generic[P, T]):
    """Descriptor: one facade method backed by one generated endpoint ("METHOD /path" as in openapi.json).

    The blocking and the awaitable implementations are built once per operation; an attribute lookup only binds one
    of them to the namespace (a plain bound method), and the generated module is imported once, on first use.
    """

    def __init__(self, key: str, endpoint: str, build: Callable[Concatenate[Any, P], Call[T]]) -> None:
        self.key = key
        self.endpoint = endpoint
        self.build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__
        self._module: ModuleType | None = None
        self._blocking = functools.update_wrapper(_blocking_method(self), build)
        self._awaitable = functools.update_wrapper(_awaitable_method(self), build)

    def module(self) -> ModuleType:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(f"inspera_api.api.{self.endpoint}")
        return module

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
        return MethodType(self._awaitable if obj._asynchronous else self._blocking, obj)


def _blocking_method(operation: Operation[Any, T]) -> Callable[..., T]:
    build = operation.build

    def bound(namespace: Namespace[Any], /, *args: Any, **kwargs: Any) -> T:
        from inspera._invoke import invoke

        spec = build(namespace, *args, **kwargs)
        return spec.finish(invoke(namespace._client, operation.module(), **spec.kwargs))

    return bound


def _awaitable_method(operation: Operation[Any, T]) -> Callable[..., Coroutine[Any, Any, T]]:
    build = operation.build

    async def bound_async(namespace: Namespace[Any], /, *args: Any, **kwargs: Any) -> T:
        from inspera._invoke import ainvoke

        spec = build(namespace, *args, **kwargs)
        return spec.finish(await ainvoke(namespace._client, operation.module(), **spec.kwargs))

    return bound_async


def operation(key: str, endpoint: str) -> Callable[[Callable[Concatenate[Any, P], Call[T]]], Operation[P, T]]:
    """Declare a facade method: `key` is "METHOD /path" from openapi.json, `endpoint` the generated module
    under `inspera_api.api` (e.g. "tests.get_test"). The decorated function maps arguments to a `Call`."""

    def wrap(build: Callable[Concatenate[Any, P], Call[T]]) -> Operation[P, T]:
        return Operation(key, endpoint, build)

    return wrap
