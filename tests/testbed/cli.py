"""``dragoman`` as a real process for tests: its stderr read as it comes, always stopped."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from typing import IO

STARTUP_S = 20.0  # a cold start imports PySide6; a loaded CI machine takes its time


class Dragoman:
    """``python -m dragoman ARGV`` with pipes; :meth:`wait_stderr` waits for a line by content."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dragoman", *argv],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self._stderr: queue.Queue[str] = queue.Queue()
        self.err_lines: list[str] = []
        assert self.proc.stderr is not None
        threading.Thread(target=self._pump, args=(self.proc.stderr,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self._stderr.put(line)

    def wait_stderr(self, fragment: str, timeout: float = STARTUP_S) -> str:
        while True:
            try:
                line = self._stderr.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(
                    f"no {fragment!r} on stderr within {timeout:g} s; so far: {self.err_lines}"
                ) from None
            self.err_lines.append(line)
            if fragment in line:
                return line

    def finish(self, timeout: float = STARTUP_S) -> tuple[int, list[str]]:
        """Exit code and stdout lines, once it has ended by itself."""
        code = self.proc.wait(timeout)
        assert self.proc.stdout is not None
        return code, self.proc.stdout.read().splitlines()

    def stderr_so_far(self) -> str:
        while not self._stderr.empty():
            self.err_lines.append(self._stderr.get_nowait())
        return "".join(self.err_lines)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
