"""One build per language; the English build builds the other editions too.

``mkdocs.yml`` builds the English site at the root; ``mkdocs.zh.yml`` inherits it and builds the
Chinese edition (see ``llmqa.edition``). So that ``mkdocs build``, ``mkdocs serve`` and the tests
stay one command, the primary build builds every other edition last, in-process, into
``<site_dir>/<path>`` (``site/zh``): the same engine (MkDocs or ProperDocs), the same hook
modules, the same strict run, whose warnings count towards the outer build's --strict.

on_config (priority 99, right after questions.py resets the state): record the edition, its
strings for templates (``config.extra.qa``) and the translated permalink title.
on_post_build (priority -100, after every other hook has written the English output from the
English state): build the other editions. Their own on_config resets the shared state, and only
the primary edition builds others, so nothing recurses.

While ``mkdocs serve`` runs, an edition none of whose own inputs changed is kept from the last
rebuild instead of built again (llmqa.serving says what that covers and what it can lag).
"""
from __future__ import annotations

import os

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from llmqa import edition, serving
from llmqa.state import STATE


def on_startup(*, command, dirty):
    """Whether this process serves: only then are unchanged editions kept between rebuilds."""
    serving.start(command)


@event_priority(99)
def on_config(config):
    """Which edition this build makes, and the strings its templates use."""
    here = edition.current(config)
    STATE.edition = here
    STATE.strings.update(edition.strings(here.code))
    config.extra["qa"] = {"code": here.code, "hreflang": here.hreflang, "locale": here.locale,
                          "t": STATE.strings, "alternates": edition.alternates(config),
                          "js": {key: STATE.strings[key] for key in edition.SCRIPT_STRINGS}}
    toc = config.mdx_configs.get("toc")
    if toc is not None and "permalink_title" in toc:
        toc["permalink_title"] = STATE.strings["permalink_title"]
    return config


def on_pre_build(*, config):
    """While serving, set aside each other edition whose inputs did not change (before MkDocs
    empties the site folder)."""
    if not _builds_others(config):
        return
    inputs = serving.fingerprint(_inputs(config), config.docs_dir)
    for other in edition.editions(config)[1:]:
        serving.keep_if_unchanged(other.code, os.path.join(config.site_dir, other.path), inputs,
                                  site_dir=config.site_dir)


@event_priority(-100)
def on_post_build(*, config):
    """Build every other edition into its folder of this site (the primary build only).

    ``extra.build_editions: false`` builds this edition alone (the benchmarks compare the English
    build with and without hooks like for like); the others stay listed, so links to them remain."""
    if not _builds_others(config):
        return
    for other in edition.editions(config)[1:]:
        output = os.path.join(config.site_dir, other.path)
        if serving.restore(other.code, output):
            log.info(f"Kept the {other.name} edition from the previous build: only English pages changed "
                     f"(it may lag them until a shared file changes or `make build` runs)")
            continue
        path = os.path.join(edition.root_dir(config), other.config)
        if not os.path.exists(path):
            raise PluginError(f"extra.editions: the {other.name} edition's config {other.config} does not exist")
        log.info(f"Building the {other.name} edition into {other.path}")
        nested = load_config(config_file=path, site_dir=output,
                             site_url=edition.root_url(config) + other.path, strict=False)
        build(nested)  # its warnings reach the "mkdocs" logger, so this build's --strict counts them
        serving.built(other.code)


def _builds_others(config) -> bool:
    return edition.is_primary(config) and (config.extra or {}).get("build_editions") is not False


def _inputs(config) -> list[str]:
    """What every edition's build reads: the config files, every edition's docs folder (the
    primary one's Markdown pages are left out by serving.fingerprint), the hooks, the theme
    overrides and whatever else ``watch:`` lists."""
    root = edition.root_dir(config)
    every = edition.editions(config)
    hooks = {os.path.dirname(os.path.abspath(path)) for path in (config.hooks or {})}
    custom = [config.theme.custom_dir] if getattr(config.theme, "custom_dir", None) else []
    return [config.config_file_path, *(os.path.join(root, e.config) for e in every),
            *(os.path.join(root, e.docs_dir) for e in every), config.docs_dir, *hooks, *custom, *config.watch]


log = get_plugin_logger(__name__)
