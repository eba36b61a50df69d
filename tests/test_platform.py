"""The build as a platform: reproducible output, ProperDocs as a drop-in, `make test`'s own setup."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def differing_files(a: Path, b: Path, normalise=lambda data: data) -> list[str]:
    """Relative paths that exist in only one tree or whose bytes differ."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = sorted(files_a ^ files_b)
    for rel in sorted(files_a & files_b):
        if normalise((a / rel).read_bytes()) != normalise((b / rel).read_bytes()):
            out.append(rel)
    return out


def test_differing_files_sees_a_changed_byte(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.html").write_bytes(b"<p>1</p>")
    (tmp_path / "b" / "x.html").write_bytes(b"<p>2</p>")
    (tmp_path / "b" / "only.txt").write_bytes(b"")
    assert differing_files(tmp_path / "a", tmp_path / "b") == ["only.txt", "x.html"]


def test_two_builds_of_the_same_commit_are_byte_identical(real_site, tmp_path):
    """A second build with another hash seed (set and dict order) writes exactly the same bytes."""
    result, site = real_site
    assert result.returncode == 0
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    again = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                           cwd=ROOT, capture_output=True, text=True, timeout=900, env=env)
    assert again.returncode == 0, again.stderr[-3000:]
    assert differing_files(site, tmp_path / "site") == []


def test_properdocs_builds_the_same_site(real_site, tmp_path):
    """ProperDocs 1.6.7 builds the site strictly, file for file the same but for the generator tag,
    so every real-site check holds for it too."""
    properdocs = os.environ.get("PROPERDOCS", str(ROOT / ".venv-properdocs" / "bin" / "properdocs"))
    if not os.path.exists(properdocs):
        pytest.fail(f"no ProperDocs at {properdocs}: run the tests with `make test`, which installs it", pytrace=False)
    result, site = real_site
    assert result.returncode == 0
    built = subprocess.run([properdocs, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(tmp_path / "site")],
                           cwd=ROOT, capture_output=True, text=True, timeout=900)
    log = built.stdout + built.stderr
    assert built.returncode == 0 and "WARNING" not in log and "ERROR" not in log, log[-3000:]
    home = (tmp_path / "site" / "index.html").read_bytes()
    assert b"ProperDocs 1.6.7" in GENERATOR.search(home).group(0)
    assert differing_files(site, tmp_path / "site", lambda data: GENERATOR.sub(b"", data)) == []


# --- scripts/ensure-browser.sh, run against stand-in commands -----------------------------------

def _stub(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)


def _ensure_browser(tmp_path: Path, *, uid: int, fonts: str, sudo: bool = False):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    _stub(bin_dir, "id", f"echo {uid}")
    _stub(bin_dir, "fc-list", f"printf '{fonts}'")
    _stub(bin_dir, "apt-get", f'echo "apt-get $*" >> {log}')
    if sudo:
        _stub(bin_dir, "sudo", f'[ "$1" = -n ] && shift; [ "$#" -eq 1 ] && [ "$1" = true ] && exit 0; exec "$@"')
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "CHROMIUM": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    if sudo is False:
        env["PATH"] = f"{bin_dir}:{_path_without_sudo()}"
    result = subprocess.run(["bash", str(ROOT / "scripts" / "ensure-browser.sh")], env=env, capture_output=True, text=True)
    return result, (log.read_text(encoding="utf-8") if log.exists() else "")


def _path_without_sudo() -> str:
    """A PATH with bash, grep and friends but without sudo (a separate folder of links)."""
    safe = Path(os.environ.get("TMPDIR", "/tmp")) / "qa-nosudo-bin"
    safe.mkdir(exist_ok=True)
    for tool in ("bash", "grep", "cat", "env", "printf", "sh"):
        target = subprocess.run(["which", tool], capture_output=True, text=True).stdout.strip()
        link = safe / tool
        if target and not link.exists():
            link.symlink_to(target)
    return str(safe)


def _missing_packages(chromium_present: bool) -> list[str]:
    return ([] if chromium_present else ["chromium"]) + ["fonts-wqy-microhei", "fonts-dejavu-extra"]


ALL_FONTS = "WenQuanYi Micro Hei\\nDejaVu Math TeX Gyre\\n"


def test_ensure_browser_does_nothing_when_all_is_installed(tmp_path):
    if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
        pytest.fail("the browser tests below need Chromium anyway", pytrace=False)
    result, apt = _ensure_browser(tmp_path, uid=1000, fonts=ALL_FONTS)
    assert result.returncode == 0 and apt == "" and result.stderr == ""


def test_ensure_browser_installs_what_is_missing_as_root(tmp_path):
    result, apt = _ensure_browser(tmp_path, uid=0, fonts="")
    need = _missing_packages(os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")))
    assert result.returncode == 0, result.stderr
    assert apt == f"apt-get update -qq\napt-get install -y -qq {' '.join(need)}\n"


def test_ensure_browser_uses_passwordless_sudo(tmp_path):
    result, apt = _ensure_browser(tmp_path, uid=1000, fonts="", sudo=True)
    assert result.returncode == 0, result.stderr
    assert "apt-get install -y -qq" in apt and "fonts-wqy-microhei" in apt


def test_ensure_browser_without_root_or_sudo_prints_the_one_command(tmp_path):
    result, apt = _ensure_browser(tmp_path, uid=1000, fonts="")
    need = " ".join(_missing_packages(os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium"))))
    assert result.returncode == 1 and apt == ""
    assert result.stderr == f"make test needs {need}: run 'sudo apt-get install -y {need}', then make test again\n"
