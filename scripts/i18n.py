#!/usr/bin/env python3
"""The Chinese edition against the English: what is missing, what lags, and stamping.

    python scripts/i18n.py status            # `make i18n-status`: missing and lagging questions
    python scripts/i18n.py stamp PAGE [ID..] # after translating: record the English version followed
    python scripts/i18n.py check PAGE        # a translated page keeps ids, code and formulas of the English

A translated question lags when the English question changed after the translation was stamped
(see hooks/llmqa/i18n.py). Exit status of `status` is 0 even when questions lag: lagging is a
to-do list for translators, not an error.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from llmqa.glossary import load  # noqa: E402
from llmqa.i18n import question_sections, recorded_hashes, section_hash, stamp  # noqa: E402

EN_DOCS = ROOT / "docs"
ZH_DOCS = ROOT / "docs-zh"


def english_hashes(page: str, en_docs: Path = EN_DOCS) -> dict[str, str]:
    path = en_docs / page
    if not path.exists():
        return {}
    return {qid: section_hash(text) for qid, text in question_sections(path.read_text(encoding="utf-8")).items()}


def status(en_docs: Path = EN_DOCS, zh_docs: Path = ZH_DOCS) -> int:
    """Print what the Chinese edition lacks or lags behind; always exit 0 (a to-do list)."""
    untranslated, missing, lagging, unstamped, total = [], [], [], [], 0
    for en_page in sorted(en_docs.glob("*.md")):
        current = english_hashes(en_page.name, en_docs)
        if not current:
            continue
        total += len(current)
        zh_page = zh_docs / en_page.name
        if not zh_page.exists():
            untranslated.append((en_page.name, len(current)))
            continue
        recorded = recorded_hashes(zh_page.read_text(encoding="utf-8"))
        for qid, h in current.items():
            if qid not in recorded:
                missing.append(f"{en_page.name}#{qid}")
            elif not recorded[qid]:
                unstamped.append(f"{en_page.name}#{qid}")
            elif recorded[qid] != h:
                lagging.append(f"{en_page.name}#{qid}")
    pending = sum(count for _, count in untranslated)
    done = total - pending - len(missing) - len(lagging) - len(unstamped)
    no_definition = glossary_without_chinese(en_docs)
    print(f"Chinese edition: {done} of {total} questions follow the current English; "
          f"{len(lagging)} lag behind it, {len(unstamped)} are not stamped, "
          f"{pending + len(missing)} are not translated ({len(untranslated)} pages shown in English); "
          f"{len(no_definition)} glossary entries have no definition_zh.")
    for label, items in (("lagging (the English changed since translation; the page shows a note)", lagging),
                         ("not stamped (run: python scripts/i18n.py stamp PAGE ID)", unstamped),
                         ("missing from a translated page (the build fails until they are added)", missing),
                         ("pages not translated yet (built from the English with a note)",
                          [f"{page} ({count} questions)" for page, count in untranslated]),
                         ("glossary entries without definition_zh (the English definition is shown)", no_definition)):
        if items:
            print(f"\n{label}:")
            print("\n".join(f"  {item}" for item in items))
    return 0


def glossary_without_chinese(en_docs: Path = EN_DOCS) -> list[str]:
    """Glossary terms whose Chinese definition is still missing."""
    path = en_docs / "glossary.yml"
    if not path.exists():
        return []
    entries, _ = load(path.read_text(encoding="utf-8"), "docs/glossary.yml")
    return [e.term for e in entries if not e.definition_zh]


def stamp_page(page: str, ids: list[str]) -> int:
    zh_page = ZH_DOCS / page
    if not zh_page.exists():
        print(f"no such page: docs-zh/{page}", file=sys.stderr)
        return 2
    hashes = english_hashes(page)
    unknown = [qid for qid in ids if qid not in hashes]
    if unknown:
        print(f"not questions of docs/{page}: {', '.join(unknown)}", file=sys.stderr)
        return 2
    text = zh_page.read_text(encoding="utf-8")
    zh_page.write_text(stamp(text, hashes, set(ids) or None), encoding="utf-8")
    print(f"docs-zh/{page}: stamped {len(ids) or len(recorded_hashes(text))} question(s) with the current English version")
    return 0


FENCED = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.S | re.M)
# As pymdownx.arithmatex reads inline math: an unescaped $ not followed by a space, up to a $ not
# preceded by one (so prices such as "\$2.50" or "$2.50 per hour and $0.60" are prose, not math).
MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$(?![\s$])(?:\\.|[^\\$\n]|\n(?![ \t]*\n))+?(?<![\s\\])\$", re.S)
XREF = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|[^\[\]\n]+?)?\]\]")
FOLLOW_UP_BLOCK = re.compile(r'^\?\?\?\+? question "Follow-up questions"\n(?:(?:[ \t]+.*|[ \t]*)\n)*', re.M)


def _normalise(block: str) -> str:
    return "\n".join(line.strip() for line in block.strip().splitlines())


def check_page(page: str) -> int:
    """Structural parity of one translated page with its English source (what a build would reject)."""
    en_text = (EN_DOCS / page).read_text(encoding="utf-8")
    zh_path = ZH_DOCS / page
    if not zh_path.exists():
        print(f"docs-zh/{page}: missing", file=sys.stderr)
        return 1
    zh_text = zh_path.read_text(encoding="utf-8")
    en, zh = question_sections(en_text), question_sections(zh_text)
    problems = []
    if list(en) != list(zh):
        problems.append(f"question ids differ: only English {sorted(set(en) - set(zh))}, "
                        f"only Chinese {sorted(set(zh) - set(en))}, or a different order")
    for qid in en.keys() & zh.keys():
        e, z = en[qid], zh[qid]
        if z.count('!!! tldr "简答"') != 1:
            problems.append(f"{qid}: needs exactly one '!!! tldr \"简答\"' block")
        if [_normalise(b.group(0)) for b in FENCED.finditer(e)] != [_normalise(b.group(0)) for b in FENCED.finditer(z)]:
            problems.append(f"{qid}: code blocks differ from the English (code is never translated)")
        if sorted(m.group(0).strip() for m in MATH.finditer(FENCED.sub("", e))) != \
                sorted(m.group(0).strip() for m in MATH.finditer(FENCED.sub("", z))):
            problems.append(f"{qid}: formulas differ from the English")
        if sorted(XREF.findall(FOLLOW_UP_BLOCK.sub("", e + "\n"))) != sorted(XREF.findall(z)):
            problems.append(f"{qid}: [[id]] cross-references in the text differ from the English")
        if "??? question" in z or "Follow-up questions" in z:
            problems.append(f"{qid}: leave the follow-up list out (the build adds the English one, ids are shared)")
    for problem in problems:
        print(f"docs-zh/{page}: {problem}", file=sys.stderr)
    print(f"docs-zh/{page}: {len(zh)} questions, {len(problems)} problem(s)")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("status", help="list missing and lagging translations")
    p = sub.add_parser("stamp", help="record that the translation follows the current English")
    p.add_argument("page", help="topic page file name, e.g. attention.md")
    p.add_argument("ids", nargs="*", help="question ids (default: every question on the page)")
    c = sub.add_parser("check", help="check a translated page against its English source")
    c.add_argument("page", help="topic page file name, e.g. attention.md")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check_page(args.page)
    return status() if args.command == "status" else stamp_page(args.page, args.ids)


if __name__ == "__main__":
    sys.exit(main())
