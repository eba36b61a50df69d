"""Live reload: how long after an author saves an answer does `mkdocs serve` show it.

Runs the real `mkdocs serve` on a copy of the project (so the repository is never edited), waits for
the first build, then appends a unique marker to one answer several times and polls the served page
until the marker appears. What is measured is what an author waits for: file watcher, full rebuild
(MkDocs 1.6 rebuilds everything; an English edit keeps the Chinese edition from the previous
rebuild, see hooks/llmqa/serving.py) and the server picking up the new files.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

IGNORE = shutil.ignore_patterns(".git", ".venv*", "site", "site-*", ".cache", "benchmarks", "node_modules",
                                "__pycache__", ".pytest_cache", "test-artifacts")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _wait_for(url: str, needle: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if needle in _fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def measure(root: Path, work: Path, page: str = "attention.md", url_path: str = "attention/", runs: int = 3,
            timeout: float = 180.0) -> list[float]:
    """Seconds from saving ``docs/<page>`` to the served page showing the change, once per run."""
    copy = work / "reload-project"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=IGNORE)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{url_path}"
    times: list[float] = []
    try:
        if _wait_for(url, "</html>", timeout) is None:
            raise RuntimeError(f"mkdocs serve did not come up on {url} within {timeout:.0f} s")
        source = copy / "docs" / page
        original = source.read_text(encoding="utf-8")
        anchor = original.index("\n\n", original.index('!!! tldr "Short answer"'))  # after the first short answer
        for i in range(runs):
            marker = f"reload-marker-{i}-{time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            source.write_text(original[:anchor] + f"\n\n{marker}\n" + original[anchor:], encoding="utf-8")
            elapsed = _wait_for(url, marker, timeout)
            if elapsed is None:
                raise RuntimeError(f"the edit to docs/{page} did not appear on {url} within {timeout:.0f} s")
            times.append(elapsed)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return times


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    print(measure(here.parent, here / ".work"))
