"""Benchmark of the catalogue sync with a realistic four-language feed.

    .venv/bin/python bench/catalogue.py                      # N=1000,10000 on sqlite,postgres
    .venv/bin/python bench/catalogue.py --sizes 1000 --databases sqlite

The feed has the label catalogue's real shape: titles, descriptions (about 600 characters of
shop-system HTML) and materials in de, en, nl and fr; 1-4 variants; 1-3 photos per product drawn
from a shared pool of 200 real JPEGs (1600x1200, made once with Pillow and kept in
`$TMPDIR/maan-bench-photos-v1`); 300 retailers with addresses; 1-3 stockists per product. The
feed and the photos are served by a separate process over loopback HTTP, which - like a real web
server - sends ETag, Last-Modified and Content-Length and answers conditional requests with 304.

Per database and N it runs three syncs, each in its own process on a fresh database (a temporary
SQLite file, or a throwaway PostgreSQL cluster started with the machine's binaries): the first
sync, an unchanged re-sync, and a feed in which 5 % of the products changed (a price and the
German description). Each reports wall time, the sync process's CPU time (user + system: steadier
than the wall time on a shared machine; the database server's work is not in it), peak RSS and
SQL queries; the server counts the photo downloads (full answers) and the 304s. The table ends with the load average: the figures are only
comparable within one run on a quiet machine.
"""

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import formatdate
from hashlib import sha1
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
LANGUAGES = ("de", "en", "nl", "fr")
PHOTOS = 200
RETAILERS = 300
PHOTO_DIR = Path(tempfile.gettempdir()) / "maan-bench-photos-v1"
TYPES = ("bag", "lamp", "print", "tote", "bowl", "mug", "cushion", "stool", "poster", "vase")
WORDS = {
    lang: text.split()
    for lang, text in {
        "de": "Entworfen in Aachen-Nord und gefertigt von Hand aus Restmaterial der Stadt jedes Stück "
        "ein Unikat mit kleinen Abweichungen langlebig reparierbar und fair bezahlt",
        "en": "Designed in Aachen-Nord and made by hand from the city's leftover material every piece "
        "unique with small variations durable repairable and fairly paid",
        "nl": "Ontworpen in Aachen-Nord en met de hand gemaakt van restmateriaal uit de stad elk stuk "
        "uniek met kleine afwijkingen duurzaam repareerbaar en eerlijk betaald",
        "fr": "Conçu à Aachen-Nord et fabriqué à la main avec des matériaux de récupération de la ville "
        "chaque pièce unique avec de petites variations durable réparable et payée équitablement",
    }.items()
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def photos() -> list[Path]:
    """The shared photo pool: 200 distinct 1600x1200 JPEGs, made once and cached."""
    from PIL import Image, ImageFilter

    PHOTO_DIR.mkdir(exist_ok=True)
    paths = [PHOTO_DIR / f"photo-{k:03d}.jpg" for k in range(PHOTOS)]
    for k, path in enumerate(paths):
        if path.exists():
            continue
        rng = random.Random(k)
        texture = Image.effect_noise((400, 300), 24 + k % 40).filter(ImageFilter.GaussianBlur(1))
        texture = texture.resize((1600, 1200), Image.Resampling.BICUBIC)
        tint = Image.new("RGB", (1600, 1200), tuple(rng.randrange(40, 220) for _ in range(3)))
        photo = Image.composite(tint, Image.new("RGB", (1600, 1200), "#f4efe6"), texture)
        tmp = path.with_suffix(".tmp")
        photo.save(tmp, "JPEG", quality=85)
        tmp.rename(path)
    return paths


def description(rng: random.Random, lang: str, i: int, changed: bool) -> str:
    words = WORDS[lang]
    parts, size = [], 0
    while size < 560:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randrange(8, 16)))
        tag = rng.choice(("p", "p", "p", "ul"))
        if tag == "ul":
            block = "<ul>" + "".join(f"<li>{w}</li>" for w in sentence.split()[:4]) + "</ul>"
        else:
            block = f"<p>{sentence.capitalize()} <strong>{i}</strong> <em>{words[0]}</em>.</p>"
        parts.append(block)
        size += len(block)
    if changed:
        parts.append("<p>Neu: jetzt auch in Rot.</p>")
    return "".join(parts)


def feed(n: int, changed_share: float = 0.0) -> dict:
    """The feed; `changed_share` of the products get a new price and German description."""
    rng = random.Random(18)
    changed = set(random.Random(5).sample(range(n), int(n * changed_share)))
    retailers = [
        {
            "ref": f"shop-{r:03d}",
            "name": f"Laden {r}",
            "kind": ("museum_shop", "label_store", "concept_store", "online_shop")[r % 4],
            "address": None
            if r % 4 == 3
            else {"street": f"Jülicher Straße {r + 1}", "postcode": "52070", "city": "Aachen",
                  "country": "DE"},
            "geo": None if r % 4 == 3 else {"lat": 50.78 + r / 10000, "lng": 6.09 + r / 10000},
            "website": f"https://shop-{r}.example/",
        }
        for r in range(RETAILERS)
    ]  # fmt: skip
    products = []
    for i in range(n):
        new = i in changed
        images = rng.sample(range(PHOTOS), rng.randint(1, 3))
        variants = rng.randint(1, 4)
        price = f"{19 + i % 80}.{'50' if new else '00'}"
        products.append(
            {
                "external_id": f"B-{i:05d}",
                "handle": f"bench-product-{i}",
                "status": "active",
                "title": {lang: f"{WORDS[lang][0]} {i}" for lang in LANGUAGES},
                "description": {
                    lang: description(rng, lang, i, new and lang == "de") for lang in LANGUAGES
                },
                "material": {lang: " ".join(WORDS[lang][3:7]) for lang in LANGUAGES},
                "designer_ref": f"designer-{i % 20}",
                "product_type": TYPES[i % len(TYPES)],
                "made_by": [f"partner-{i % 10}"],
                "dimensions": {"length_cm": 30, "width_cm": 20, "height_cm": 10, "weight_g": 400},
                "images": [
                    {
                        "url": f"photos/photo-{k:03d}.jpg",
                        "position": position,
                        "alt": {lang: f"{WORDS[lang][0]} {i}, {position}" for lang in LANGUAGES},
                    }
                    for position, k in enumerate(images, 1)
                ],
                "variants": [
                    {
                        "sku": f"B-{i:05d}-{v}",
                        "price": {"amount": price, "currency": "EUR"},
                        "availability": "in_stock",
                        **(
                            {"options": {"color": dict.fromkeys(LANGUAGES, f"{v}")}}
                            if variants > 1
                            else {}
                        ),
                    }
                    for v in range(variants)
                ],
                "stockists": [
                    {"retailer_ref": f"shop-{r:03d}", "url": f"https://shop-{r}.example/p/{i}"}
                    for r in rng.sample(range(RETAILERS), rng.randint(1, 3))
                ],
                "link": f"https://katalog.example/p/{i}",
                "updated_at": "2026-11-01T00:00:00Z",
            }
        )
    return {
        "version": 1,
        "mode": "full",
        "currency": "EUR",
        "designers": [{"ref": f"designer-{d}", "name": f"Designer {d}"} for d in range(20)],
        "partners": [
            {
                "ref": f"partner-{k}",
                "name": {lang: f"{WORDS[lang][0]} {k}" for lang in LANGUAGES},
                "kind": ("sewing", "woodworking", "screen printing", "laser cutting")[k % 4],
                "city": "Aachen",
                "social_employment": k % 2 == 0,
            }
            for k in range(10)
        ],
        "retailers": retailers,
        "products": products,
    }


def serve(n: int, port: int):
    """The feed server (its own process): the feeds, the photo pool, and /stats (photo bodies
    sent and 304s since the last /stats)."""
    files = {"/catalogue.json": json.dumps(feed(n)).encode(),
             "/catalogue-changed.json": json.dumps(feed(n, 0.05)).encode()}  # fmt: skip
    for path in photos():
        files[f"/photos/{path.name}"] = path.read_bytes()
    etags = {
        path: f'"{sha1(body, usedforsecurity=False).hexdigest()[:20]}"'
        for path, body in files.items()
    }
    modified = formatdate(time.time() - 86400, usegmt=True)
    stats = {"downloads": 0, "not_modified": 0}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms ACK wait

        def do_GET(self):
            if self.path == "/stats":
                with lock:
                    body = json.dumps(stats).encode()
                    stats.update(downloads=0, not_modified=0)
                return self.answer(200, body, "application/json")
            data = files.get(self.path)
            if data is None:
                return self.answer(404, b"not found", "text/plain")
            photo = self.path.startswith("/photos/")
            match = self.headers.get("If-None-Match")
            since = self.headers.get("If-Modified-Since")
            if (match == etags[self.path]) if match else (since == modified):
                if photo:
                    with lock:
                        stats["not_modified"] += 1
                self.send_response(304)
                self.send_header("ETag", etags[self.path])
                self.end_headers()
                return None
            if photo:
                with lock:
                    stats["downloads"] += 1
            return self.answer(200, data, "image/jpeg" if photo else "application/json", True)

        def answer(self, status, data, kind, validators=False):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            if validators:
                self.send_header("ETag", etags[self.path])
                self.send_header("Last-Modified", modified)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("ready", flush=True)
    server.serve_forever()


def one_sync(url: str):
    """Runs in a child process with DATABASE_URL set: migrate is done; sync once, report."""
    import resource

    import django

    sys.path.insert(0, str(ROOT / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from django.conf import settings
    from django.db import connection

    # The photo server is on loopback: allowed exactly as the tests allow theirs.
    settings.CATALOGUE_FETCH_ALLOW_INTERNAL = [os.environ["BENCH_ALLOW_INTERNAL"]]

    from catalogue.sync.engine import run_sync

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    with connection.execute_wrapper(count):
        start, started_cpu = time.perf_counter(), cpu()
        summary = run_sync(url)
        wall, cpu_time = time.perf_counter() - start, cpu() - started_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "cpu": cpu_time, "peak_mb": peak, "queries": queries,
                      "status": summary.status, "counts": summary.counts,
                      "images": summary.images, "errors": len(summary.errors),
                      "message": summary.message}))  # fmt: skip


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
    env_base = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "LOG_LEVEL": "WARNING",
        # As in production: with DEBUG on, Django keeps the SQL of each query in memory
        # (connection.queries, up to 9,000), about 80 MB of bulk inserts in a first sync of 10,000.
        "DEBUG": os.environ.get("BENCH_DEBUG", "0"),
    }
    try:
        for n in [int(x) for x in args.sizes.split(",")]:
            port = free_port()
            server = subprocess.Popen([PY, __file__, "--serve", str(n), "--port", str(port)],
                                      stdout=subprocess.PIPE, text=True)  # fmt: skip
            server.stdout.readline()  # "ready": the feeds are built
            base = f"http://127.0.0.1:{port}"
            try:
                for db in args.databases.split(","):
                    work = Path(tempfile.mkdtemp(prefix="bench-cat-"))
                    env = {**env_base, "MEDIA_ROOT": str(work / "media"),
                           "BENCH_ALLOW_INTERNAL": f"127.0.0.1:{port}"}  # fmt: skip
                    if db == "sqlite":
                        env["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
                    else:
                        env["DATABASE_URL"] = postgres.url(f"bench_{n}")
                    subprocess.run(
                        [PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
                    )
                    runs = (("first sync", "/catalogue.json"),
                            ("unchanged re-sync", "/catalogue.json"),
                            ("5 % changed", "/catalogue-changed.json"))  # fmt: skip
                    for label, path in runs:
                        stats(base)
                        out = subprocess.run([PY, __file__, "--sync", base + path], cwd=ROOT,
                                             env=env, check=True, capture_output=True, text=True)  # fmt: skip
                        result = json.loads(out.stdout.strip().splitlines()[-1])
                        result.update(stats(base))
                        rows.append((db, n, label, result))
                        print(db, n, label, json.dumps(result), flush=True)
                    shutil.rmtree(work, ignore_errors=True)
            finally:
                server.terminate()
                server.wait()
    finally:
        if postgres:
            postgres.stop()
    print()
    print(
        "| database | N | run | wall time | CPU time | peak memory | queries | downloads (304s) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for db, n, label, r in rows:
        print(f"| {db} | {n:,} | {label} | {r['wall']:.1f} s | {r['cpu']:.1f} s | {r['peak_mb']:.0f} MB | "
              f"{r['queries']:,} | {r['downloads']:,} ({r['not_modified']:,}) |")  # fmt: skip
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average at the end: {load} ({os.cpu_count()} cores)")


def stats(base: str) -> dict:
    """The photo server's counts since the last call (and resets them)."""
    from urllib.request import urlopen

    with urlopen(base + "/stats") as answer:  # noqa: S310 - our own loopback server
        return json.loads(answer.read())


if __name__ == "__main__":
    main()
