"""Run by llmqa.offload as a child process: write the files a manifest lists, then run its command.

Usage: python -I -S offload_run.py MANIFEST_JSON

Standard library only (``-I -S``): it starts in milliseconds and cannot import the project.
Exit status: the command's, or 0 when there is none; a file that cannot be written prints one
line and exits 1. The manifest and the ``cleanup`` folders are removed whatever happens.
"""
import json
import os
import shutil
import subprocess
import sys


def main(manifest_path: str) -> int:
    with open(manifest_path, encoding="utf-8") as fh:
        job = json.load(fh)
    try:
        made = set()
        for path, text in job["files"]:
            folder = os.path.dirname(path)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
        command = job.get("then")
        if not command:
            return 0
        drop = job.get("drop_env") or "\0"
        env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
        try:
            return subprocess.run(command, cwd=job.get("cwd"), env=env).returncode
        except OSError as exc:
            print(f"cannot run {command[0]}: {exc.strerror}", file=sys.stderr)
            return 127
    except OSError as exc:
        print(f"cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    finally:
        for folder in job.get("cleanup") or ():
            shutil.rmtree(folder, ignore_errors=True)
        os.remove(manifest_path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
