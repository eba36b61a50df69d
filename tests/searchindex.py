"""Read a built site's Pagefind index back: one decoded fragment per search document."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def search_documents(site: Path) -> dict[str, dict]:
    """Every document in ``site/pagefind``, keyed by its path ("question/gqa", "term/term-lora")."""
    docs = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        doc = json.loads(data[len(SIGNATURE):])
        docs[doc["url"].strip("/").removesuffix(".html")] = doc  # pagefind_index writes <kind>/<key>.html
    return docs
