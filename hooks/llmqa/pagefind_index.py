"""Write a Pagefind index from HTML documents with the Pagefind command-line binary.

The binary comes from the ``pagefind_bin_extended`` wheel (pinned in requirements.txt): nothing
is downloaded at build time. ``IndexJob`` hands the documents to a child process (llmqa.offload)
that writes them to a scratch folder, one file each in a folder per kind
(``question/kv-cache.html``), and runs the binary on that folder; the build goes on rendering
pages meanwhile and collects the result at the end.

Why the command line and not Pagefind's Python API: the API drives the same binary as a service,
and measured on the real site (772 documents) it took 2.2 s against 0.7 s for the command line,
because its client polls for replies every 0.1 s and writing through the service was slower. It
also closed the service as soon as ``WriteFiles`` answered, which now and then left a file empty
(a 0-byte ``wasm.unknown.pagefind`` broke search in the browser). The command line exits only
when every file is written. It runs in the scratch folder without ``PAGEFIND_*`` variables, so an
author's ``pagefind.yml`` or environment cannot change the index.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

from .offload import Offload, OffloadError

# Pagefind's ready-made search interfaces: the site has its own dialog, so they are never loaded.
UNUSED_UI = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
             "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
TIMEOUT_S = 300  # a binary that hangs fails the build instead of blocking it forever


class PagefindError(Exception):
    """Pagefind could not build or write the index (the message says why)."""


@dataclass
class IndexReport:
    """What was written: document count, files and bytes of the index folder."""

    documents: int
    files: int
    bytes: int


def pagefind_binary() -> str:
    """The pinned extended binary (Chinese segmentation); ``PAGEFIND_BINARY_PATH`` overrides it."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return override
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise PagefindError("the Pagefind binary is not installed (pagefind-bin-extended in requirements.txt); "
                            "run `make build`, which installs it") from None
    return str(get_executable())


class IndexJob:
    """Index ``(path, html)`` documents as one language into ``output_path``, in a child process.

    ``path`` names the document (``question/kv-cache``); results carry their real link in their
    metadata, so it only has to be unique. ``result()`` waits, checks the bundle and raises
    PagefindError with the reason when anything failed."""

    def __init__(self, documents: Sequence[tuple[str, str]], output_path: str, language: str):
        self.expected = len(documents)
        self.output_path, self.language = output_path, language
        self._error: PagefindError | None = None
        self._job: Offload | None = None
        try:
            os.makedirs(output_path, exist_ok=True)
            binary = pagefind_binary()
            scratch = tempfile.mkdtemp(prefix="qa-search-")
            site = os.path.join(scratch, "documents")
            os.makedirs(site)
            files = [(os.path.join(site, path.strip("/") + ".html"), html) for path, html in documents]
            command = [binary, "--site", site, "--output-path", os.path.abspath(output_path),
                       "--force-language", language, "--quiet"]
            self._job = Offload(files, then=command, cwd=scratch, drop_env="PAGEFIND_", cleanup=[scratch])
        except PagefindError as exc:
            self._error = exc
        except OffloadError as exc:
            self._error = PagefindError(f"cannot start the search indexer: {exc}")
        except OSError as exc:
            self._error = PagefindError(f"cannot write the search index to {output_path}: {exc.strerror}")

    def result(self) -> IndexReport:
        if self._error is not None:
            raise self._error
        assert self._job is not None
        try:
            self._job.wait(TIMEOUT_S)
        except OffloadError as exc:
            raise PagefindError(f"Pagefind failed to write the search index to {self.output_path}: {exc}") from None
        return check_bundle(self.output_path, self.language, self.expected)


def write_index(documents: Sequence[tuple[str, str]], output_path: str, language: str) -> IndexReport:
    """``IndexJob`` and wait for it."""
    return IndexJob(documents, output_path, language).result()


def check_bundle(output_path: str, language: str, expected: int) -> IndexReport:
    """Every document indexed and no file left empty; drop the UIs the site never loads."""
    count = indexed_count(output_path, language)
    if count != expected:
        raise PagefindError(f"Pagefind indexed {count} of {expected} search documents")
    empty = empty_files(output_path)
    if empty:
        raise PagefindError(f"Pagefind left empty files in {output_path}: {', '.join(empty)}")
    for name in UNUSED_UI:
        path = os.path.join(output_path, name)
        if os.path.exists(path):
            os.remove(path)
    sizes = [os.path.getsize(os.path.join(root, name))
             for root, _, names in os.walk(output_path) for name in names]
    return IndexReport(count, len(sizes), sum(sizes))


def indexed_count(output_path: str, language: str) -> int:
    """Documents in the written bundle, from its ``pagefind-entry.json``."""
    try:
        with open(os.path.join(output_path, "pagefind-entry.json"), encoding="utf-8") as fh:
            entry = json.load(fh)
    except (OSError, ValueError):
        return 0
    return int(((entry.get("languages") or {}).get(language) or {}).get("page_count", 0))


def empty_files(folder: str) -> list[str]:
    """Files of the written bundle that have no bytes (none may: every Pagefind file has content)."""
    return sorted(os.path.relpath(os.path.join(root, name), folder)
                  for root, _, names in os.walk(folder) for name in names
                  if os.path.getsize(os.path.join(root, name)) == 0)
