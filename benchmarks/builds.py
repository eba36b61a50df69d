"""Time whole `mkdocs build` processes, alternating two configs so machine drift cancels."""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Timing:
    wall: list[float]
    cpu: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.wall)


def build_once(config: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one `mkdocs build` of ``config`` into a fresh temporary directory."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", out],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def build_into(config: Path, site: Path) -> Path:
    """One `mkdocs build` of ``config`` into ``site`` (emptied first)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return site


def build_ref(ref: str, work: Path) -> Path:
    """The site as it was at git revision ``ref`` (its own config, hooks and content), built into
    ``work/site``: how the old search is measured on the same machine."""
    import shutil
    root = Path(__file__).resolve().parent.parent
    source = work / "src"
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(root), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    return build_into(source / "mkdocs.yml", work / "site")


def alternate(a: Path, b: Path, runs: int, warmup: int = 1) -> tuple[Timing, Timing, list[float]]:
    """A and B in turn (after a warm-up of each); returns both timings and the A/B ratio of each pair."""
    for _ in range(warmup):
        build_once(a)
        build_once(b)
    ta, tb = Timing([], []), Timing([], [])
    for _ in range(runs):
        for timing, config in ((ta, a), (tb, b)):
            wall, cpu = build_once(config)
            timing.wall.append(wall)
            timing.cpu.append(cpu)
    ratios = [x / y for x, y in zip(ta.wall, tb.wall)]
    return ta, tb, ratios


def hook_self_time(config: Path, out_dir: Path) -> tuple[float, dict[str, float]]:
    """One in-process build: total wall seconds and the seconds spent inside each project hook event,
    plus MkDocs' Markdown rendering and Material's search indexing of the pages the hooks generate.

    The hooks' own cost, separated from the MkDocs/Material work on the content they add.
    """
    import logging
    from collections import defaultdict

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    cfg = load_config(str(config), site_dir=str(out_dir))
    spent: dict[str, float] = defaultdict(float)
    hook_names = {Path(name).stem for name in cfg["hooks"]}
    for event, handlers in cfg.plugins.events.items():
        for i, handler in enumerate(handlers):
            module = Path(getattr(handler, "__module__", "") or "").stem
            if module in hook_names:
                def timed(*args, __h=handler, __key=f"{module}.{event}", **kwargs):
                    start = time.perf_counter()
                    try:
                        return __h(*args, **kwargs)
                    finally:
                        spent[__key] += time.perf_counter() - start
                handlers[i] = timed
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.structure.pages import Page

    def timed_method(cls, name: str, label: str):
        original = getattr(cls, name)

        def timed(self, *args, **kwargs):
            page = self if isinstance(self, Page) else args[0]
            start = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                if page.file.generated_by:
                    spent[f"generated pages: {label}"] += time.perf_counter() - start
        setattr(cls, name, timed)
        return original

    originals = [(Page, "render", timed_method(Page, "render", "Markdown")),
                 (SearchIndex, "add_entry_from_context", timed_method(SearchIndex, "add_entry_from_context", "search indexing"))]
    start = time.perf_counter()
    try:
        build(cfg)
    finally:
        for cls, name, original in originals:
            setattr(cls, name, original)
    return time.perf_counter() - start, dict(spent)


def hook_self_time_runs(config: Path, out_dir: Path, runs: int, *, cold_cache: Path | None = None) -> list[tuple[float, dict[str, float]]]:
    """``hook_self_time`` in ``runs`` fresh processes (as ``mkdocs build`` runs: nothing cached in
    memory from an earlier build). With ``cold_cache``, that folder is emptied before each run
    (a first build on a fresh clone)."""
    import json
    import shutil

    code = ("import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); import builds; "
            "total, spent = builds.hook_self_time(Path(sys.argv[2]), Path(sys.argv[3])); print(json.dumps([total, spent]))")
    results = []
    for _ in range(runs):
        if cold_cache is not None:
            shutil.rmtree(cold_cache, ignore_errors=True)
        done = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(config), str(out_dir)],
                              capture_output=True, text=True, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        total, spent = json.loads(done.stdout.strip().splitlines()[-1])
        results.append((total, spent))
    return results
