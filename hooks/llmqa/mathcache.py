"""Rendered formulas kept between builds, in ``.cache/mathml/<edition>.json`` beside mkdocs.yml.

latex2mathml is pure Python and the site's ~1,400 formulas cost ~0.4 s of every build, though
they rarely change. A formula's MathML depends only on its TeX, the converter's version and our
own post-processing (llmqa.mathml), so the file is keyed by a digest of those: any change to
them starts it afresh, and a cached build is byte-identical to a cold one (tested). Formulas
that fail are never stored, so their errors are reported on every build. Only the formulas
the last build used are written back, so the file never outgrows the site; it is written
through a temporary name, so an interrupted build leaves the old file whole.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

CACHE_DIR = os.path.join(".cache", "mathml")
CODE_FILES = ("mathml.py",)


def renderer_digest() -> str:
    """What the MathML of a formula depends on besides its TeX."""
    h = hashlib.sha256()
    h.update(f"latex2mathml {metadata.version('latex2mathml')} python {sys.version_info[:2]}".encode())
    for name in CODE_FILES:
        h.update((Path(__file__).parent / name).read_bytes())
    return h.hexdigest()[:16]


class FormulaCache:
    """TeX (as arithmatex escaped it) and display mode -> MathML, for one edition's builds."""

    def __init__(self, path: str, digest: str):
        self.path, self.digest = path, digest
        self.stored: dict[str, str] = {}
        self.used: dict[str, str] = {}
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
            if isinstance(data, dict) and data.get("renderer") == digest and isinstance(data.get("formulas"), dict):
                self.stored = data["formulas"]
        except (OSError, ValueError):
            pass  # no cache yet, or a broken one: render everything

    @staticmethod
    def key(tex: str, display: bool) -> str:
        return ("D" if display else "I") + tex

    def get(self, tex: str, display: bool) -> str | None:
        key = self.key(tex, display)
        found = self.used.get(key) or self.stored.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, tex: str, display: bool, mathml: str) -> None:
        self.used[self.key(tex, display)] = mathml

    def save(self) -> None:
        """Write the formulas this build used, when they differ from what was read."""
        if self.used == self.stored:
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        partial = f"{self.path}.{os.getpid()}.tmp"
        with open(partial, "w", encoding="utf-8") as fh:
            json.dump({"renderer": self.digest, "formulas": dict(sorted(self.used.items()))}, fh,
                      ensure_ascii=False, separators=(",", ":"))
        os.replace(partial, self.path)
