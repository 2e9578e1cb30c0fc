"""Whose "Dragoman Microphone" modules are they: the marks, the claims, process liveness.

The real modules (loaded, adopted, left alone) are in tests/integration/test_audio_rig.py.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

from dragoman.audio.virtual_mic import Owner, classify, process_alive, process_started

ME = Owner(100, "5000", "host pid:[1]")


def props(owner: Owner) -> dict[str, str]:
    return {"device.description": "Dragoman Microphone", **owner.properties()}


def test_claims() -> None:
    def alive(owner: Owner) -> bool:
        return owner.pid == 200

    assert classify({"device.description": "x"}, ME, alive) == "unmarked"
    assert classify(props(ME), ME, alive) == "ours"
    assert classify(props(Owner(200, "1", ME.scope)), ME, alive) == "live"
    assert classify(props(Owner(300, "1", ME.scope)), ME, alive) == "orphaned"
    assert classify(props(Owner(300, "1", "elsewhere pid:[2]")), ME, alive) == "elsewhere"
    assert classify(props(Owner(200, "1", "elsewhere pid:[2]")), ME, alive) == "elsewhere"
    assert Owner.from_properties(props(ME)) == ME
    assert Owner.from_properties({"dragoman.pid": "not a pid"}) is None


def test_liveness_sees_dead_and_recycled_pids() -> None:
    me = Owner.current()
    assert me.started and process_alive(me)
    assert not process_alive(dataclasses.replace(me, started="1"))  # the pid, another process
    assert process_started(2**22 + 12345) is None
    assert not process_alive(Owner(2**22 + 12345, "", me.scope))


def test_a_process_that_has_exited_is_dead_even_before_it_is_reaped() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    started = process_started(child.pid)
    assert started is not None
    owner = Owner(child.pid, started, Owner.current().scope)
    assert process_alive(owner)
    assert child.stdin is not None
    child.stdin.close()
    os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # exited, still a zombie
    assert process_started(child.pid) == started
    assert not process_alive(owner)
    child.wait()
    assert not process_alive(owner)
