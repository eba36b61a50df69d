"""Pure functions behind the site's MkDocs hooks.

The hook files in ``hooks/`` are thin event handlers; everything they decide is computed here,
so the tests can exercise it without a build. Shared per-build state lives in :mod:`llmqa.state`
and is reset in ``on_config``.
"""
