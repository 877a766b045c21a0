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
from typing import TypeVar

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


def run(plan: Plan[T], send: Callable[[httpx.Request], httpx.Response], sleep: SyncSleep = time.sleep) -> T:
    """Drive a plan with blocking I/O."""
    value: Outcome | None = None
    while True:
        try:
            command = plan.send(value)
        except StopIteration as stop:
            result: T = stop.value
            return result
        value = None
        if isinstance(command, Send):
            try:
                value = send(command.request)
            except httpx.RequestError as error:
                value = error
        elif isinstance(command, Sleep):
            granted = cut(command.seconds)
            sleep(granted)
            if granted < command.seconds:
                raise _no_time_left(plan)
        else:
            command.response.close()


async def arun(
    plan: Plan[T], send: Callable[[httpx.Request], Awaitable[httpx.Response]], sleep: AsyncSleep = asyncio.sleep
) -> T:
    """Drive a plan with asyncio I/O."""
    value: Outcome | None = None
    while True:
        try:
            command = plan.send(value)
        except StopIteration as stop:
            result: T = stop.value
            return result
        value = None
        if isinstance(command, Send):
            try:
                value = await send(command.request)
            except httpx.RequestError as error:
                value = error
        elif isinstance(command, Sleep):
            granted = cut(command.seconds)
            await sleep(granted)
            if granted < command.seconds:
                raise _no_time_left(plan)
        else:
            await command.response.aclose()


def _no_time_left(plan: Plan[T]) -> DeadlineExceeded:
    plan.close()
    return DeadlineExceeded("the overall deadline passed while waiting to retry")
