"""`make run` installs what running the site needs; `make test` adds the test tools.

scripts/bootstrap runs in a copy of the project whose `.venv/bin/python` and `npm` only write
down how they were called (a real install would download packages), so the test sees what each
mode installs and that a `run` install never makes a later `test` skip the tools.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECORDER = """#!/bin/sh
case "$1" in
    -c) exec {python} "$@" ;;
esac
echo "{name} $*" >> "{log}"
"""


def project_copy(tmp_path: Path) -> tuple[Path, Path]:
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "bootstrap", project / "scripts")
    shutil.copy(ROOT / "pyproject.toml", project)
    shutil.copy(ROOT / "package-lock.json", project)
    (project / "node_modules").mkdir()  # npm ci makes it
    log = tmp_path / "calls.log"
    log.touch()
    (project / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / "bin").mkdir()
    python = sys.executable  # answers the script's version check
    for path, name in ((project / ".venv/bin/python", "python"), (tmp_path / "bin/npm", "npm")):
        path.write_text(RECORDER.format(python=python, name=name, log=log))
        path.chmod(0o755)
    return project, log


def bootstrap(project: Path, mode: str) -> list[str]:
    log = project.parent / "calls.log"
    log.write_text("")
    env = {**os.environ, "PATH": f"{project.parent / 'bin'}:{os.environ['PATH']}"}
    subprocess.run([project / "scripts" / "bootstrap", mode], cwd=project, env=env, check=True)
    return [
        line
        for line in log.read_text().splitlines()
        if "compilemessages" not in line and "--upgrade pip" not in line
    ]


def test_run_installs_the_site_alone_and_test_adds_the_tools(tmp_path):
    project, _log = project_copy(tmp_path)
    site_only = "python -m pip install --quiet --disable-pip-version-check -e ."
    with_tools = site_only + "[test]"

    assert bootstrap(project, "run") == [site_only]  # no test extras, no npm
    assert bootstrap(project, "run") == []  # done already
    # A run install does not count as a test install: the tools still come.
    assert bootstrap(project, "test") == [
        with_tools,
        "npm ci --no-audit --no-fund --loglevel=error",
    ]
    assert bootstrap(project, "test") == []
    assert bootstrap(project, "run") == []  # a test install has all that running needs

    (project / "pyproject.toml").write_text(
        (project / "pyproject.toml").read_text() + "\n# a change\n"
    )
    assert bootstrap(project, "run") == [site_only]
