"""Lighthouse (pinned npm package) against the local server, using Debian's Chromium."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

LIGHTHOUSE_VERSION = "12.8.2"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"


def install(workdir: Path) -> Path:
    """npm-install the pinned Lighthouse into ``workdir`` (once); returns its CLI path."""
    cli = workdir / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        workdir.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(workdir),
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return cli


def run(cli: Path, url: str, form_factor: str, out: Path) -> dict:
    """Scores (0-100) per category and the failing audits' titles."""
    args = [str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if form_factor == "desktop":
        args.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    failing = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
                failing.append(f"{category}: {audit['title']}")
    metrics = {k: report["audits"][k].get("displayValue", "") for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")}
    return {"scores": scores, "failing": failing, "metrics": metrics}
