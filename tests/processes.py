"""Python run in other processes of this checkout, with the tests' settings: what two app servers
(or a timer's command beside them) work out from the same code."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def outputs(code: str, stdin: str = "", times: int = 2) -> set[str]:
    """What `code` prints (stripped) in each of `times` new Python processes, as a set."""
    environment = {**os.environ, "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}"}
    environment.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    return {
        subprocess.run(
            [sys.executable, "-c", code],
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
            env=environment,
            cwd=ROOT,
        ).stdout.strip()
        for _ in range(times)
    }
