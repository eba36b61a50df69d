"""What ``mkdocs serve`` keeps between rebuilds: that it is serving, and each edition's inputs.

MkDocs 1.6 rebuilds the whole site on every save, and the English build builds the Chinese
edition after itself (hooks/editions.py), so saving one English answer cost two full builds
(15 s measured in benchmarks/results.md). While serving, an edition whose own inputs did not
change since its last build is kept instead: moved aside before MkDocs empties the site folder
and put back afterwards. Its inputs are what the build reads and ``mkdocs serve`` watches (the
config files, ``watch:``, the docs folder) except the primary edition's Markdown pages. An
English edit therefore does not rebuild /zh/, which can lag it in derived places only (the
"translation lags behind" notice, the English wording in its search index) until a shared file
is saved or ``make build`` runs; the log says so on each rebuild that keeps it. ``make build``,
``mkdocs build`` and the tests never keep anything.

Hook modules are loaded afresh for every rebuild, so this process-wide state lives here, in a
package module that stays imported.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile

SERVING = False
_built: dict[str, str] = {}    # edition code -> fingerprint of its inputs when it was last built
_pending: dict[str, str] = {}  # edition code -> fingerprint taken before the current build
_kept: dict[str, str] = {}     # edition code -> where its previous output waits during this build


def start(command: str) -> None:
    """``on_startup``: remember whether this process serves (and forget any earlier serve)."""
    global SERVING
    SERVING = command == "serve"
    _built.clear()
    _pending.clear()
    _kept.clear()


def fingerprint(paths: list[str], primary_docs: str) -> str:
    """A digest of the names and contents of every file under ``paths``, except the Markdown pages
    of the primary edition's docs folder (``primary_docs``). Contents, not modification times: an
    editor that saves an unchanged file must not cost a rebuild (a few MB, ~20 ms per rebuild)."""
    h = hashlib.sha256()
    skip_root = os.path.abspath(primary_docs) + os.sep
    for top in sorted({os.path.abspath(p) for p in paths}):
        files = [top] if os.path.isfile(top) else [
            os.path.join(folder, name) for folder, dirs, names in sorted(os.walk(top)) for name in sorted(names)]
        for path in files:
            if (path.startswith(skip_root) and path.endswith(".md")) or (path != top and _not_an_input(os.path.relpath(path, top))):
                continue
            try:
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError:
                continue
            h.update(f"{path}\0{len(data)}\0".encode())
            h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def _not_an_input(relative: str) -> bool:
    """Bytecode Python writes on first import, and editors' hidden swap and backup files
    (``relative``: the path inside the folder being walked)."""
    parts = relative.split(os.sep)
    return "__pycache__" in parts or any(part.startswith(".") for part in parts) or relative.endswith("~")


def keep_if_unchanged(code: str, output: str, inputs: str, *, site_dir: str) -> bool:
    """Before MkDocs empties ``site_dir``: move the edition's last output aside (next to the site
    folder, on the same file system) when its inputs are what they were when it was built.
    Returns whether it was kept."""
    _pending[code] = inputs
    if not SERVING or _built.get(code) != inputs or not os.path.isdir(output):
        return False
    aside = tempfile.mkdtemp(prefix=f"qa-kept-{code}-", dir=os.path.dirname(os.path.abspath(site_dir)))
    os.rename(output, os.path.join(aside, "site"))
    _kept[code] = aside
    return True


def restore(code: str, output: str) -> bool:
    """After this build: put a kept edition back. False when it was not kept (build it then)."""
    aside = _kept.pop(code, None)
    if aside is None:
        return False
    if os.path.exists(output):
        shutil.rmtree(output)
    os.rename(os.path.join(aside, "site"), output)
    os.rmdir(aside)
    return True


def built(code: str) -> None:
    """The edition was just built from the inputs fingerprinted before this build."""
    if code in _pending:
        _built[code] = _pending.pop(code)
