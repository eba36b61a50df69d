"""Hand file writing (and a command after it) to a child process while the build goes on.

Why a process and not a thread: a thread that writes hundreds of small files waits for the GIL
after every system call, while the build's main thread holds it for up to 5 ms at a time.
Measured on the real site, writing the 772 search documents from a thread took 4 s instead of
0.3 s, and the share pages' own writes got slower too. A child process (llmqa.offload_run) has
its own interpreter, so neither side waits for the other, and on two cores the writing runs
beside MkDocs rendering pages. No library does this: ``concurrent.futures`` process pools
pickle every argument through a pipe and start a full interpreter with the project imported.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "offload_run.py")


class OffloadError(Exception):
    """The child could not start, failed, or did not finish in time (the message says which)."""


class Offload:
    """Write ``files`` (absolute path, text), then run ``then`` (in ``cwd``, without the
    environment variables starting with ``drop_env``), then remove the ``cleanup`` folders."""

    def __init__(self, files: Sequence[tuple[str, str]], *, then: Sequence[str] | None = None,
                 cwd: str | None = None, drop_env: str = "", cleanup: Sequence[str] = ()):
        manifest = {"files": list(files), "then": list(then) if then else None, "cwd": cwd,
                    "drop_env": drop_env, "cleanup": list(cleanup)}
        fd, path = tempfile.mkstemp(prefix="qa-offload-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False)
        self._log = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen([sys.executable, "-I", "-S", RUNNER, path], stdin=subprocess.DEVNULL,
                                             stdout=self._log, stderr=subprocess.STDOUT)
        except OSError as exc:
            os.remove(path)
            self._log.close()
            raise OffloadError(f"cannot start {sys.executable}: {exc.strerror}") from None

    def wait(self, timeout: float) -> None:
        """Wait for the child; raise OffloadError with what it printed when it failed."""
        try:
            code = self._process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
            raise OffloadError(f"did not finish within {timeout:.0f} s") from None
        finally:
            self._log.seek(0)
            output = self._log.read().decode("utf-8", "replace").strip()
            self._log.close()
        if code != 0:
            raise OffloadError(output or f"exit status {code}")
