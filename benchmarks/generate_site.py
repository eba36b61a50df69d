#!/usr/bin/env python3
"""Write a synthetic copy of the site with N questions, for the build-scaling benchmark.

Each topic page holds ten questions shaped like real answers: a short answer, ~450 words of
prose that mention glossary terms (English and Chinese names), three ``[[id]]`` references,
inline and display math, a table, a code block, common mistakes, follow-ups and references.
The real glossary and tag list are reused (their ``see:`` ids remapped to synthetic ids), so
the hooks do the same kind of work per question as on the real site.
"""
from __future__ import annotations

import argparse
import sys
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PER_PAGE = 10
PAGES_PER_SECTION = 4
WORDS = ("the model attention layer token cache memory bandwidth batch gradient optimizer weight "
         "sequence context head query key value projection training inference latency throughput "
         "parameter activation norm residual data loss objective reward policy retrieval index").split()


def question_id(i: int) -> str:
    return f"synthetic-question-{i:05d}"


def answer(rng: random.Random, i: int, n: int, names: list[str], tags: list[str]) -> str:
    refs = [question_id(rng.randrange(n)) for _ in range(3)]
    mentioned = rng.sample(names, k=min(12, len(names)))
    words = []
    for k in range(450):
        words.append(mentioned[k // 40] if k % 40 == 7 and k // 40 < len(mentioned) else rng.choice(WORDS))
    prose = " ".join(words)
    paragraphs = [prose[j:j + 700] for j in range(0, len(prose), 700)]
    tag_list = " ".join(rng.sample(tags, k=2))
    return f"""## Synthetic question {i} about {mentioned[0]}? {{ #{question_id(i)} data-zh="关于{mentioned[-1]}的问题 {i}" data-difficulty="{rng.choice(['easy', 'medium', 'hard'])}" data-tags="{tag_list}" }}

!!! tldr "Short answer"
    A two-sentence summary of synthetic question {i} that mentions {mentioned[1]} and {mentioned[2]}.
    It stands alone, as a short answer must.

{paragraphs[0]} See [[{refs[0]}]].

{paragraphs[1]} The cost is $O(n^2 d)$ and the cache holds $2 L h d_h$ values per token.

$$
\\operatorname{{softmax}}\\left(\\frac{{Q K^\\top}}{{\\sqrt{{d_k}}}}\\right) V
$$

| quantity | value |
|---|---|
| layers | {rng.randint(12, 96)} |
| heads | {rng.choice([8, 16, 32, 64])} |

{" ".join(paragraphs[2:])} Compare with [[{refs[1]}|the related answer]].

```python
x = {i}
assert x == {i}
```

!!! warning "Common mistakes"
    - Confusing {mentioned[3]} with {mentioned[4]}.

??? question "Follow-up questions"
    - [[{refs[2]}]]

**References**

- Author et al. (2024). *A synthetic paper {i}*. arXiv:2401.{i % 100000:05d}.

"""


def generate(out: Path, questions: int, seed: int = 0) -> Path:
    """Write docs/, mkdocs.yml (hooks on) and mkdocs-nohooks.yml (hooks off) under ``out``."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    (docs / "assets").mkdir(parents=True)
    shutil.copytree(ROOT / "docs" / "assets" / "stylesheets", docs / "assets" / "stylesheets")
    shutil.copytree(ROOT / "docs" / "assets" / "javascripts", docs / "assets" / "javascripts")
    shutil.copy(ROOT / "docs" / "assets" / "favicon.svg", docs / "assets" / "favicon.svg")
    shutil.copy(ROOT / "docs" / "tags.yml", docs / "tags.yml")
    tags = list(yaml.safe_load((ROOT / "docs" / "tags.yml").read_text(encoding="utf-8")))
    glossary = yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text(encoding="utf-8")) or []
    names = []
    for entry in glossary:
        entry["see"] = [question_id(rng.randrange(questions))]
        names.append(entry["term"])
        zh = entry.get("zh")
        names.extend(zh if isinstance(zh, list) else [zh])
    (docs / "glossary.yml").write_text(yaml.safe_dump(glossary, allow_unicode=True), encoding="utf-8")
    (docs / "index.md").write_text("---\ntopic: false\n---\n# Synthetic site\n\n<!-- qa:toolbar -->\n\n<!-- qa:topic-map -->\n", encoding="utf-8")
    pages = []
    for p in range((questions + PER_PAGE - 1) // PER_PAGE):
        name = f"topic-{p:04d}.md"
        body = [f"---\ndescription: Synthetic topic {p}.\n---\n\n# Synthetic topic {p}\n\nIntro paragraph.\n\n"]
        for i in range(p * PER_PAGE, min(questions, (p + 1) * PER_PAGE)):
            body.append(answer(rng, i, questions, names, tags))
        (docs / name).write_text("".join(body), encoding="utf-8")
        pages.append(name)
    nav = [{"Home": "index.md"}]
    for s in range(0, len(pages), PAGES_PER_SECTION):
        nav.append({f"Section {s // PAGES_PER_SECTION}": pages[s:s + PAGES_PER_SECTION]})
    nav.append({"Practice": ["cheatsheet.md", "glossary.md", "tags.md"]})
    config = portable_config()
    config["nav"] = nav
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    write_nohooks_variant(out / "mkdocs.yml", out / "mkdocs-nohooks.yml")
    return out


def portable_config(*, editions: bool = False, **overrides) -> dict:
    """The real mkdocs.yml with absolute paths, non-strict, usable from any directory.

    English only by default (hook overhead and scaling compare like with like: ``build_editions``
    off, the other editions stay listed); ``editions=True`` builds the Chinese edition too, as
    `make build` does."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(ROOT / h) for h in config["hooks"]]
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config.pop("watch", None)
    config["strict"] = False
    extra = config.setdefault("extra", {})
    extra["editions"] = [{**e, "config": str(ROOT / e["config"]), "docs_dir": str(ROOT / e["docs_dir"])}
                         for e in extra.get("editions", [])]
    extra["build_editions"] = editions
    config.update(overrides)
    return config


def write_nohooks_variant(config_path: Path, out_path: Path, drop: tuple[str, ...] | None = None) -> Path:
    """The same site and theme with the project's hooks switched off (content renders raw).

    ``drop`` names hook files to remove (e.g. glossary.py); by default all are removed.
    """
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["hooks"] = [] if drop is None else [h for h in config["hooks"] if Path(h).name not in drop]
    config["strict"] = False
    if drop is None:
        config["nav"] = [item for item in config.get("nav", []) if "Practice" not in item]
        # Templates read the edition's strings that hooks/editions.py puts in extra.qa: give them the
        # English ones statically, and no language switch (it needs the hook's alternates).
        sys.path.insert(0, str(ROOT / "hooks"))
        from llmqa import edition
        strings = edition.strings("en")
        extra = config.setdefault("extra", {})
        extra.pop("alternate", None)
        extra["qa"] = {"code": "en", "hreflang": "en", "locale": "en_US", "t": strings, "alternates": [],
                       "js": {key: strings[key] for key in edition.SCRIPT_STRINGS}}
    out_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return out_path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--questions", type=int, default=172)
    args = ap.parse_args()
    generate(args.out, args.questions)
    print(f"wrote {args.questions} questions to {args.out}")


if __name__ == "__main__":
    main()
