"""Runs the shared sans-IO plans (generators yielding Send/Sleep/Discard) with blocking or asyncio I/O.

A plan is a generator that yields commands and receives, for `Send`, either the `httpx.Response` or the
`httpx.RequestError` the send raised (a transport failure, a body that could not be decoded or was too large). Only
these two small drivers know whether I/O blocks or awaits. Inside an overall deadline (`inspera._http.deadline`) every
`Sleep` is cut to the time left; a plan sleeps only to send again, so a cut pause ends the plan with
`DeadlineExceeded` once it is over (no attempt would have time left).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass
from typing import Generic, TypeVar

import httpx

from .deadline import DeadlineExceeded, cut

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Send:
    request: httpx.Request


@dataclass(frozen=True, slots=True)
class Sleep:
    seconds: float


@dataclass(frozen=True, slots=True)
class Discard:
    """Close a response the plan will not return (before a retry)."""

    response: httpx.Response


Command = Send | Sleep | Discard
Outcome = httpx.Response | httpx.RequestError
Plan = Generator[Command, Outcome | None, T]

SyncSleep = Callable[[float], None]
AsyncSleep = Callable[[float], Awaitable[None]]


class _Steps(Generic[T]):
    """A plan's commands, one per iteration, each sent the outcome left in `value`; `result` once the plan ends."""

    __slots__ = ("plan", "result", "value")

    def __init__(self, plan: Plan[T]) -> None:
        self.plan = plan
        self.value: Outcome | None = None
        self.result: T

    def __iter__(self) -> _Steps[T]:
        return self

    def __next__(self) -> Command:
        value, self.value = self.value, None
        try:
            return self.plan.send(value)
        except StopIteration as stop:
            self.result = stop.value
            raise


def run(plan: Plan[T], send: Callable[[httpx.Request], httpx.Response], sleep: SyncSleep = time.sleep) -> T:
    """Drive a plan with blocking I/O."""
    steps = _Steps(plan)
    for command in steps:
        if isinstance(command, Send):
            try:
                steps.value = send(command.request)
            except httpx.RequestError as error:
                steps.value = error
        elif isinstance(command, Sleep):
            granted = cut(command.seconds)
            sleep(granted)
            if granted < command.seconds:
                raise _no_time_left(plan)
        else:
            command.response.close()
    return steps.result


async def arun(
    plan: Plan[T], send: Callable[[httpx.Request], Awaitable[httpx.Response]], sleep: AsyncSleep = asyncio.sleep
) -> T:
    """Drive a plan with asyncio I/O."""
    steps = _Steps(plan)
    for command in steps:
        if isinstance(command, Send):
            try:
                steps.value = await send(command.request)
            except httpx.RequestError as error:
                steps.value = error
        elif isinstance(command, Sleep):
            granted = cut(command.seconds)
            await sleep(granted)
            if granted < command.seconds:
                raise _no_time_left(plan)
        else:
            await command.response.aclose()
    return steps.result


def _no_time_left(plan: Plan[T]) -> DeadlineExceeded:
    plan.close()
    return DeadlineExceeded("the overall deadline passed while waiting to retry")
