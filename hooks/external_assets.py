"""Fail the build when content would make a reader's browser fetch from another host.

Checked once per page on the Markdown source in on_files, so messages carry the source line.
"""
from __future__ import annotations

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from llmqa.assets import external_references


def on_files(files: Files, *, config):
    """Scan every Markdown page for remote scripts, stylesheets, fonts, frames and images."""
    for f in files.documentation_pages():
        if f.generated_by:
            continue
        for problem in external_references(f.src_uri, f.content_string):
            log.warning(str(problem))
    return files


log = get_plugin_logger(__name__)
