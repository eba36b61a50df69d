"""Every ```python block in an answer runs as written (unless marked `# illustrative:`)."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT

FENCE = re.compile(r"^(?P<indent>[ \t]*)```python[^\n]*\n(?P<code>.*?)^(?P=indent)```[ \t]*$", re.S | re.M)


def snippets():
    for path in sorted((ROOT / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            indent = m.group("indent")
            code = "".join(line[len(indent):] if line.startswith(indent) else line
                           for line in m.group("code").splitlines(keepends=True))
            if code.lstrip().startswith("# illustrative"):
                continue
            line = text.count("\n", 0, m.start()) + 1
            yield pytest.param(code, id=f"{path.name}:{line}")


@pytest.mark.parametrize("code", list(snippets()))
def test_snippet_runs(code, tmp_path):
    """Each snippet runs in a fresh interpreter (CPU torch, numpy, langchain-core) within a minute."""
    script = tmp_path / "snippet.py"
    script.write_text(code, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
