"""What the caches cost a page render: the same pages with the local-memory caches and with a
real Redis server, the commands Redis was sent and the CPU time of a render.

    .venv/bin/python bench/cache_round_trips.py   # on the database in DATABASE_URL (default:
                                                  # a temporary SQLite with the demo loaded)

Each page is rendered with the page cache off and its parts kept (`core.fragments`, the frame,
the routes): what a page-cache miss costs once the site has been visited, as after an editor's
publish of another page. A redis-server (Debian's package) is started on a free loopback port
for the run, without persistence. Per page it prints the median CPU and wall time of RENDERS
renders in each setting and the cache commands of one render with Redis (each a round trip),
with the look-ups of read versions (`content_version._read_versions`) apart.
"""

import os
import shutil
import socket
import statistics
import subprocess
import time
from collections import Counter

if __name__ == "__main__":
    import demo_site

    LOAD_DEMO = demo_site.setup()

RENDERS = int(os.environ.get("RENDERS", "50"))
PAGES = ["/de/", "/en/designers/", "/de/produkte/three-country-mug/", "/fr/"]


def _redis_server():
    """A redis-server on a free loopback port: (process, URL)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(port=port)
    for _attempt in range(100):
        try:
            client.ping()
            break
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)
    return process, f"redis://127.0.0.1:{port}/0"


def _measure(client, url) -> tuple[float, float]:
    """Median (CPU ms, wall ms) of RENDERS renders of `url`, after three to warm up."""
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    cpu, wall = [], []
    for _ in range(RENDERS):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def _commands(client, url) -> tuple[int, int]:
    """(cache commands, of which look-ups of read versions) of one render with Redis."""
    from core import cache, content_version

    sent = Counter()
    guarded = cache.FailOpenRedisCache._guarded

    def record(self, method, default, *args, **kwargs):
        first = args[0] if args else ""
        if isinstance(first, (list, tuple, dict)):
            first = next(iter(first), "")
        reads = self.key_prefix == "pages" and content_version.READS_PREFIX in str(first)
        sent["versions" if reads and method == "get_many" else "other"] += 1
        return guarded(self, method, default, *args, **kwargs)

    cache.FailOpenRedisCache._guarded = record
    try:
        client.get(url)
    finally:
        cache.FailOpenRedisCache._guarded = guarded
    return sent["versions"] + sent["other"], sent["versions"]


def run(client) -> None:
    from django.conf import settings
    from django.test import override_settings

    from config.settings.base import redis_caches

    settings.PAGE_CACHE_TIMEOUT = 0
    rows = {url: [*_measure(client, url)] for url in PAGES}
    process, url = _redis_server()
    try:
        with override_settings(CACHES=redis_caches(url)):  # the cache handlers made anew
            for page in PAGES:
                rows[page] += [*_measure(client, page), *_commands(client, page)]
    finally:
        process.terminate()
        process.wait(timeout=10)
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\n## A page-cache miss from kept parts ({RENDERS} renders each, load {load})\n")
    print(
        "| page | local memory CPU ms | Redis CPU ms | Redis wall ms "
        "| Redis commands | of them read versions |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for page, (cpu, _wall, redis_cpu, redis_wall, commands, versions) in rows.items():
        print(
            f"| {page} | {cpu:.2f} | {redis_cpu:.2f} | {redis_wall:.2f} | {commands} | {versions} |"
        )


def main():
    import demo_site

    run(demo_site.client(LOAD_DEMO))


if __name__ == "__main__":
    main()
