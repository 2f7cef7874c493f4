"""The layer contracts (import-linter, `[tool.importlinter]` in pyproject.toml) hold for the code
as it is, and a new import from the ground floor up to a feature app is reported by name, even
one hidden inside a function."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        cwd=site.parent,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_contracts_hold_and_a_planted_upward_import_is_reported(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(ROOT / "site", site, ignore=shutil.ignore_patterns("__pycache__", "static"))
    kept = _lint(site)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "0 broken" in kept.stdout

    (site / "core" / "upward.py").write_text(
        "def teaser():\n    from designers.models import StoryPage\n\n    return StoryPage\n"
    )
    broken = _lint(site)
    assert broken.returncode != 0
    assert "The ground floor (core) imports no feature app BROKEN" in broken.stdout
    assert "core.upward -> designers.models" in broken.stdout
