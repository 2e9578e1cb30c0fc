"""Ctrl-C ends a command even when one cancellation is lost inside a library."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from dragoman.cli.interrupt import run_interruptible


def test_the_result_comes_back_when_nothing_is_pressed() -> None:
    async def work() -> int:
        await asyncio.sleep(0.01)
        return 7

    assert run_interruptible(work()) == 7


def test_an_error_comes_back_as_itself() -> None:
    async def work() -> None:
        raise LookupError("no such job")

    with pytest.raises(LookupError, match="no such job"):
        run_interruptible(work())


def test_ctrl_c_ends_a_task_that_swallows_the_first_cancellation() -> None:
    """The way anyio#1214 loses a native cancel: caught once, then the work goes on. With a
    single cancel (``asyncio.run``'s own handling) this would poll forever."""
    swallowed = 0
    polls_after = 0

    async def work() -> None:
        nonlocal swallowed, polls_after
        asyncio.get_running_loop().call_later(0.05, os.kill, os.getpid(), signal.SIGINT)
        while True:
            try:
                await asyncio.sleep(0.01)
                if swallowed:
                    polls_after += 1
            except asyncio.CancelledError:
                if swallowed:
                    raise
                swallowed += 1  # lost once

    with pytest.raises(KeyboardInterrupt):
        run_interruptible(work())
    assert swallowed == 1 and polls_after > 0  # it did go on after the first cancel...
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # ...and Ctrl-C is back


def test_ctrl_c_during_clean_up_that_fails_still_reads_as_interrupted() -> None:
    async def work() -> None:
        asyncio.get_running_loop().call_later(0.02, os.kill, os.getpid(), signal.SIGINT)
        try:
            await asyncio.sleep(10)
        finally:
            raise OSError("disk full while saving")

    with pytest.raises(KeyboardInterrupt):
        run_interruptible(work())
