"""Memory of checking a hostile upload: peak RSS of Wagtail's image field on each file.

    .venv/bin/python bench/upload_check.py

Each file is checked in its own process (`WagtailImageField().to_python`, what the admin's
upload forms and the catalogue sync run), which reports the verdict, the time and its peak RSS;
a small still PNG gives the baseline of a process that has loaded Django and Wagtail.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ["still PNG 400×300", "GIF 6000×6000, 300 frames", "WebP 6000×6000, 300 frames"]


def check(case: str) -> dict:
    import io
    import resource
    import time

    import django

    # This folder holds bench/catalogue.py, which would shadow the catalogue app.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image
    from tests.security import animations
    from wagtail.images.fields import WagtailImageField

    if case.startswith("still"):
        buffer = io.BytesIO()
        Image.new("RGB", (400, 300)).save(buffer, "PNG")
        name, data = "still.png", buffer.getvalue()
    elif case.startswith("GIF"):
        name, data = "anim.gif", animations.gif((6000, 6000), 300)
    else:
        name, data = "anim.webp", animations.webp((6000, 6000), 300)
    start = time.perf_counter()
    try:
        WagtailImageField().to_python(SimpleUploadedFile(name, data))
        verdict = "accepted"
    except ValidationError as error:
        verdict = "refused: " + error.messages[0]
    return {
        "case": case,
        "bytes": len(data),
        "verdict": verdict,
        "ms": round((time.perf_counter() - start) * 1000, 1),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(check(sys.argv[2])))
        return
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}"}
    print("| file | bytes | verdict | time | peak RSS |\n| --- | --- | --- | --- | --- |")
    for case in CASES:
        output = subprocess.run(
            [sys.executable, __file__, "--case", case],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        row = json.loads(output.strip().splitlines()[-1])
        print(
            f"| {row['case']} | {row['bytes']:,} | {row['verdict']} | {row['ms']} ms "
            f"| {row['peak_mb']} MB |"
        )


if __name__ == "__main__":
    main()
