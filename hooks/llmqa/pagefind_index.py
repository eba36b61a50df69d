"""Write a Pagefind index from HTML documents, through Pagefind's Python API.

The API drives the Pagefind binary from the ``pagefind_bin_extended`` wheel (pinned in
requirements.txt): nothing is downloaded at build time. The documents go to a scratch folder and
are indexed with one ``add_directory`` call: the API's service client waits 0.1 s before reading
each reply, so one ``add_html_file`` call per document cost 55 s for 546 documents. The binary
is a separate process, so ``IndexJob`` runs it in a thread while MkDocs renders the pages.
"""
from __future__ import annotations

import asyncio
import os
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass


# Pagefind's ready-made search interfaces: the site has its own dialog, so they are never loaded.
UNUSED_UI = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
             "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
TIMEOUT_S = 300  # the API waits forever for a reply the binary never sends (e.g. after it crashed)
# The service answers WriteFiles and is then closed; now and then a file it was still writing is left
# empty (seen: a 0-byte wasm.unknown.pagefind, which breaks search in the browser). Writing again
# gives the whole bundle; the build fails if it still does not.
WRITE_ATTEMPTS = 3


class PagefindError(Exception):
    """Pagefind could not build or write the index (the message says why)."""


@dataclass
class IndexReport:
    """What was written: document count, files and bytes of the index folder."""

    documents: int
    files: int
    bytes: int


async def _write(folder: str, output_path: str, language: str) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language=language, output_path=output_path)
    async with PagefindIndex(config=config) as index:
        response = await index.add_directory(folder)
        if response.get("type") != "IndexedDir":
            raise PagefindError(f"Pagefind could not index the search documents: {response}")
    return int(response.get("page_count", 0))


def write_index(documents: Sequence[tuple[str, str]], output_path: str, language: str) -> IndexReport:
    """Index ``(path, html)`` documents as one language and write the bundle into ``output_path``.

    ``path`` is where the document would live (``question/kv-cache``); results carry their real
    link in their metadata, so it only has to be unique."""
    try:
        os.makedirs(output_path, exist_ok=True)
    except OSError as exc:
        raise PagefindError(f"cannot write the search index to {output_path}: {exc.strerror}") from None
    with tempfile.TemporaryDirectory(prefix="qa-search-") as folder:
        for path, html in documents:
            target = os.path.join(folder, path.strip("/"), "index.html")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(html)
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                count = asyncio.run(asyncio.wait_for(_write(folder, os.path.abspath(output_path), language), TIMEOUT_S))
            except PagefindError:
                raise
            except TimeoutError:
                raise PagefindError(f"Pagefind did not finish the search index within {TIMEOUT_S} s") from None
            except Exception as exc:  # the service reports its failures as assorted exceptions
                raise PagefindError(f"Pagefind failed to write the search index to {output_path}: {exc}") from exc
            empty = empty_files(output_path)
            if not empty:
                break
            if attempt == WRITE_ATTEMPTS:
                raise PagefindError(f"Pagefind left empty files in {output_path} after {attempt} attempts: {', '.join(empty)}")
    if count != len(documents):
        raise PagefindError(f"Pagefind indexed {count} of {len(documents)} search documents")
    for name in UNUSED_UI:
        path = os.path.join(output_path, name)
        if os.path.exists(path):
            os.remove(path)
    sizes = [os.path.getsize(os.path.join(root, name))
             for root, _, names in os.walk(output_path) for name in names]
    return IndexReport(count, len(sizes), sum(sizes))


def empty_files(folder: str) -> list[str]:
    """Files of the written bundle that have no bytes (none may: every Pagefind file has content)."""
    return sorted(os.path.relpath(os.path.join(root, name), folder)
                  for root, _, names in os.walk(folder) for name in names
                  if os.path.getsize(os.path.join(root, name)) == 0)


class IndexJob:
    """``write_index`` in a background thread; ``result()`` waits and re-raises its error."""

    def __init__(self, documents: Sequence[tuple[str, str]], output_path: str, language: str):
        self._args = (list(documents), output_path, language)
        self._report: IndexReport | None = None
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="pagefind-index", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._report = write_index(*self._args)
        except Exception as exc:  # handed to the build thread by result()
            self._error = exc

    def result(self) -> IndexReport:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._report is not None
        return self._report
