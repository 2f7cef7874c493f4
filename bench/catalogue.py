"""Benchmark of the catalogue sync: first sync and unchanged re-sync of N synthetic products.

    .venv/bin/python bench/catalogue.py                      # N=1000,10000 on sqlite,postgres
    .venv/bin/python bench/catalogue.py --sizes 1000 --databases sqlite

Each product has 3 variants and 2 images. The images (small, distinct PNGs) and the feed are
served by a separate process over loopback HTTP, so the server does not share the sync's
interpreter. Each run gets a fresh database (a temporary SQLite file, or a throwaway PostgreSQL
cluster started with the machine's binaries) and runs the sync in its own process, which reports
its wall time, peak RSS and the number of SQL queries.
"""

import argparse
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def feed(n: int) -> dict:
    return {
        "version": 1,
        "mode": "full",
        "currency": "EUR",
        "designers": [{"ref": "bench-designer", "name": "Bench"}],
        "partners": [
            {
                "ref": "bench-workshop",
                "name": {"de": "Werkstatt", "en": "Workshop"},
                "kind": "sewing",
                "city": "Aachen",
                "social_employment": True,
            }
        ],
        "retailers": [
            {
                "ref": "bench-shop",
                "name": "Shop",
                "kind": "online_shop",
                "address": None,
                "geo": None,
                "website": "https://shop.example/",
            }
        ],
        "products": [
            {
                "external_id": f"B-{i:05d}",
                "handle": f"bench-product-{i}",
                "status": "active",
                "title": {"de": f"Produkt {i}", "en": f"Product {i}", "nl": f"Product {i}"},
                "description": {"de": f"<p>Beschreibung <strong>{i}</strong></p>"},
                "material": {"de": "Holz", "en": "Wood"},
                "designer_ref": "bench-designer",
                "product_type": "bag",
                "made_by": ["bench-workshop"],
                "images": [
                    {"url": f"images/{i}-{k}.png", "position": k, "alt": {"de": f"Bild {k}"}}
                    for k in (1, 2)
                ],
                "variants": [
                    {
                        "sku": f"B-{i:05d}-{v}",
                        "price": {"amount": "19.00", "currency": "EUR"},
                        "availability": "in_stock",
                        "options": {"color": {"de": f"Farbe {v}"}},
                    }
                    for v in range(3)
                ],
                "stockists": [{"retailer_ref": "bench-shop", "url": f"https://shop.example/{i}"}],
                "link": f"https://katalog.example/p/{i}",
                "updated_at": "2026-11-01T00:00:00Z",
            }
            for i in range(n)
        ],
    }


def serve(n: int, port: int):
    """The feed server (its own process): feed JSON and an 8x8 PNG per image path."""
    from PIL import Image

    body = json.dumps(feed(n)).encode()
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (47, 143, 91)).save(out, "PNG")
    # Trailing bytes after the PNG's end make every file distinct content (no dedup).
    base_png = out.getvalue()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms ACK wait

        def do_GET(self):
            if self.path == "/catalogue.json":
                data, kind = body, "application/json"
            else:
                data, kind = base_png + self.path.encode(), "image/png"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def one_sync(url: str):
    """Runs in a child process with DATABASE_URL set: migrate is done; sync once, report."""
    import resource

    import django

    sys.path.insert(0, str(ROOT / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from django.db import connection

    from catalogue.sync.engine import run_sync

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        summary = run_sync(url)
        wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "peak_mb": peak, "queries": queries,
                      "status": summary.status, "counts": summary.counts,
                      "images": summary.images, "message": summary.message}))  # fmt: skip


class Postgres:
    def __init__(self):
        pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.bin = pg_bin
        self.dir = tempfile.mkdtemp(prefix="bench-pg-")
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if self.run_as:
            shutil.chown(self.dir, "postgres")
        self.port = free_port()
        subprocess.run([*self.run_as, str(pg_bin / "initdb"), "-D", f"{self.dir}/data", "-A",
                        "trust", "-E", "UTF8", "--no-sync", "-U", "postgres"],
                       check=True, capture_output=True)  # fmt: skip
        options = (f"-p {self.port} -k {self.dir} -h 127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")  # fmt: skip
        subprocess.run([*self.run_as, str(pg_bin / "pg_ctl"), "-D", f"{self.dir}/data", "-w",
                        "-l", f"{self.dir}/log", "-o", options, "start"],
                       check=True, capture_output=True)  # fmt: skip

    def url(self, name):
        subprocess.run([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                        "-U", "postgres", name], check=True)  # fmt: skip
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self):
        subprocess.run([*self.run_as, str(self.bin / "pg_ctl"), "-D", f"{self.dir}/data", "-m",
                        "fast", "stop"], capture_output=True)  # fmt: skip
        shutil.rmtree(self.dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sync", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        return serve(args.serve, args.port)
    if args.sync:
        return one_sync(args.sync)

    rows = []
    postgres = Postgres() if "postgres" in args.databases else None
    try:
        for n in [int(x) for x in args.sizes.split(",")]:
            port = free_port()
            server = subprocess.Popen([PY, __file__, "--serve", str(n), "--port", str(port)])
            time.sleep(1.5 + n / 20000)
            url = f"http://127.0.0.1:{port}/catalogue.json"
            try:
                for db in args.databases.split(","):
                    work = Path(tempfile.mkdtemp(prefix="bench-cat-"))
                    env = {**os.environ, "MEDIA_ROOT": str(work / "media"),
                           "DJANGO_SETTINGS_MODULE": "config.settings.dev", "LOG_LEVEL": "WARNING"}  # fmt: skip
                    if db == "sqlite":
                        env["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
                    else:
                        env["DATABASE_URL"] = postgres.url(f"bench_{n}")
                    subprocess.run(
                        [PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
                    )
                    for label in ("first sync", "unchanged re-sync"):
                        out = subprocess.run([PY, __file__, "--sync", url], cwd=ROOT, env=env,
                                             check=True, capture_output=True, text=True)  # fmt: skip
                        result = json.loads(out.stdout.strip().splitlines()[-1])
                        rows.append((db, n, label, result))
                        print(db, n, label, json.dumps(result), flush=True)
                    shutil.rmtree(work, ignore_errors=True)
            finally:
                server.terminate()
    finally:
        if postgres:
            postgres.stop()
    print()
    print("| database | N | run | wall time | peak memory | queries | queries/product |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for db, n, label, r in rows:
        print(f"| {db} | {n:,} | {label} | {r['wall']:.1f} s | {r['peak_mb']:.0f} MB | "
              f"{r['queries']:,} | {r['queries'] / n:.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
