"""This release: a digest of what shapes the pages that this checkout serves, the same on every
app server that runs it.

What the caches keep of pages is kept under it: the page cache's entries (`core.pagecache`) and
the fragments, the frame, the routes and every other value kept under the content or structure
version (`core.content_version`). A deploy that changes a template, the code, a translation, a
static file or an installed package shows on the next request, where those entries would
otherwise be served until the next change of content (a day for the page cache with Redis, an
hour for fragments); and during a rolling deploy what an app server of the old release keeps
is never read by one of the new release, nor the other way round. Entries of an old release
are left to expire (Redis evicts them first when it is full: they are the least recently used).

The digest is worked out once per process (and again for each file `runserver` sees saved): as a
gunicorn worker starts (`config.wsgi`), elsewhere at the first request that asks for it. It reads
the contents of the template folders, the project's Python modules, the compiled translations
(`.mo`) and the static files' sources, with the name and version of every package installed in
the environment (about 540 files, some 70 ms).
"""

import hashlib
import sysconfig
from functools import cache
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.utils import autoreload

# Enough to tell releases apart in a cache key.
LENGTH = 12


def _files() -> list[tuple[Path, Path]]:
    """(root, file) of everything the digest reads, in a stable order."""
    site = Path(settings.BASE_DIR) / "site"
    groups = [
        (site, sorted(site.rglob("*.py"))),
        *((Path(root), sorted(Path(root).rglob("*.mo"))) for root in settings.LOCALE_PATHS),
        *(
            (Path(root), sorted(path for path in Path(root).rglob("*") if path.is_file()))
            for root in [
                *(folder for engine in settings.TEMPLATES for folder in engine.get("DIRS", ())),
                # An entry may be (prefix, folder).
                *(
                    entry[-1] if isinstance(entry, tuple | list) else entry
                    for entry in settings.STATICFILES_DIRS
                ),
            ]
        ),
    ]
    return [
        (root, path) for root, paths in groups for path in paths if "__pycache__" not in path.parts
    ]


@cache
def fingerprint() -> str:
    """This release's digest (`LENGTH` hex digits)."""
    digest = hashlib.blake2b(digest_size=16)
    for root, path in _files():
        digest.update(f"{root.name}/{path.relative_to(root).as_posix()}\0".encode())
        try:
            content = path.read_bytes()
        except OSError as error:
            # Gone since the folder was listed, or unreadable: a worker starts all the same.
            content = type(error).__name__.encode()
        digest.update(content)
        digest.update(b"\0")
    # The environment's installed packages (not whatever else is on `sys.path`, which differs
    # between a worker, a command and the tests).
    installed = list(dict.fromkeys(sysconfig.get_paths()[kind] for kind in ("purelib", "platlib")))
    packages = sorted(
        f"{dist.metadata['Name']}=={dist.version}".lower()
        for dist in metadata.distributions(path=installed)
    )
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:LENGTH]


def _file_changed(sender, file_path, **kwargs) -> None:
    fingerprint.cache_clear()


def follow_file_changes() -> None:
    """While `runserver` watches the files (its autoreloader, which restarts the process for a
    changed module but not for a template): a file saved makes the digest be worked out again,
    so a developer sees the template they saved on the next page, not the fragment kept."""
    autoreload.file_changed.connect(_file_changed, dispatch_uid="core.release")
