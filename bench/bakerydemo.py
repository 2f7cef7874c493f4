"""Our uncached pages against Wagtail's bakerydemo on this machine, measured in one run.

    .venv/bin/python bench/bakerydemo.py PATH_OF_BAKERYDEMO_CHECKOUT [--no-record]
    .venv/bin/python bench/bakerydemo.py --recorded    # the table of the recorded run (bench/load)

Two processes are set up side by side, each with its own project: ours as `bench/pages` sets it
up (test settings, the demo, page cache off, connections kept), and the bakerydemo checkout
(its settings module `BAKERYDEMO_SETTINGS`, a temporary SQLite database migrated with its own
migrations, content from `bench/bakerydemo_standin.py`, or its own `load_initial_data` with
`BAKERYDEMO_CONTENT=fixture`). Each comparable pair of pages (`measure.COMPARABLE`) is warmed up
and then rendered ROUNDS times RENDERS/ROUNDS times through Django's test client, alternating
between the two processes, so that both see the same load on a shared machine; the figures are
the medians of all renders (CPU time of the rendering process, wall time) and the queries of
one render.

Then both run under gunicorn (1 sync worker each, on loopback, ports GUNICORN_PORTS), and each
page is requested GUNICORN_REQUESTS times over HTTP, again alternating: the CPU a request costs is
the worker process's user + system time (/proc/PID/stat) over the requests.

It prints a Markdown table and, unless --no-record, writes bench/reference/bakerydemo.json,
which `bench/pages` reads for its "× bakerydemo CPU" column.
"""

import datetime
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("ROUNDS", "5"))
RENDERS = int(os.environ.get("RENDERS", "50"))
GUNICORN_REQUESTS = int(os.environ.get("GUNICORN_REQUESTS", "100"))
GUNICORN_PORTS = [int(p) for p in os.environ.get("GUNICORN_PORTS", "18601 18602").split()]
BAKERYDEMO_SETTINGS = os.environ.get("BAKERYDEMO_SETTINGS", "bakerydemo.settings.base")

# Each compared pair: (our page type, bakerydemo's page); the addresses come from the workers.
PAIRS = [
    ("home", "home"),
    ("story page", "blog page"),
    ("designer page", "bread page"),
    ("product page", "bread page"),
    ("story index", "blog index"),
    ("designer index", "breads index"),
    ("product index", "breads index"),
    ("search", "search"),
    ("trivial view", "trivial view"),
]


# --- the two worker processes ---------------------------------------------------------------


def ours_setup():
    sys.path[:0] = [str(ROOT / "bench")]
    import pages  # sets up Django with our test settings, as bench/pages does

    pages.prepare()
    from designers.models import StoryPage

    story = StoryPage.objects.live().filter(locale__language_code="de").first()
    urls = {
        "home": "/de/",
        "story page": story.url,
        "designer page": "/de/designerinnen/lena-hoffmann/",
        "product page": "/de/produkte/overhead-line-lamp/",
        "story index": "/de/geschichten/",
        "designer index": "/de/designerinnen/",
        "product index": "/de/produkte/",
        "search": "/de/suche/?q=lampe",
        "trivial view": "/health/live/",
    }
    env = {
        "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "MEDIA_ROOT": os.environ["MEDIA_ROOT"],
        "PAGE_CACHE_TIMEOUT": "0",
        "DB_CONN_MAX_AGE": os.environ["DB_CONN_MAX_AGE"],
    }
    return urls, {"wsgi": "config.wsgi", "pythonpath": str(ROOT / "site"), "env": env}


def bakerydemo_setup(path):
    sys.path[:0] = [path, str(ROOT / "bench")]
    os.chdir(path)
    os.environ["DJANGO_SETTINGS_MODULE"] = BAKERYDEMO_SETTINGS
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-bakery-media-")
    os.environ["DATABASE_URL"] = (
        f"sqlite:///{tempfile.mkdtemp(prefix='bench-bakery-db-')}/bakerydemo.sqlite3"
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    if os.environ.get("BAKERYDEMO_CONTENT") == "fixture":
        call_command("load_initial_data")
    else:
        import bakerydemo_standin

        print(bakerydemo_standin.main(), file=sys.stderr)
    from bakerydemo.blog.models import BlogPage
    from bakerydemo.breads.models import BreadPage

    urls = {
        "home": "/",
        "blog page": BlogPage.objects.live().first().url,
        "bread page": BreadPage.objects.live().first().url,
        "blog index": BlogPage.objects.live().first().get_parent().url,
        "breads index": BreadPage.objects.live().first().get_parent().url,
        "search": "/search/?q=bread",
        "trivial view": "/bench-trivial/",
    }
    env = {
        "DJANGO_SETTINGS_MODULE": BAKERYDEMO_SETTINGS,
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "MEDIA_ROOT": os.environ["MEDIA_ROOT"],
    }
    return urls, {"wsgi": "bakerydemo.wsgi", "pythonpath": path, "env": env}


def worker(kind, path):
    """Answers one JSON line per request line on stdin: warm up, or render N times."""
    out = sys.stdout
    sys.stdout = sys.stderr  # set-up chatter stays off the protocol
    urls, serve = ours_setup() if kind == "ours" else bakerydemo_setup(path)
    import django
    import wagtail
    from django.db import connection
    from django.test import Client

    import measure

    client = Client()
    hello = {
        "urls": urls,
        "serve": serve,
        "versions": {"wagtail": wagtail.__version__, "django": django.__version__},
        "database": connection.vendor,
    }
    out.write(json.dumps(hello) + "\n")
    out.flush()
    for line in sys.stdin:
        ask = json.loads(line)
        url = urls[ask["page"]]
        if ask["do"] == "warm":
            response, queries = measure.warm_up(client, url)
            answer = {"queries": queries, "bytes": len(response.content)}
        else:
            times, cpu = measure.samples(client, url, ask["renders"])
            answer = {"times": times, "cpu": cpu}
        out.write(json.dumps(answer) + "\n")
        out.flush()


# --- the orchestrator ---------------------------------------------------------------------


class Worker:
    def __init__(self, kind, path=None):
        command = [sys.executable, __file__, "--worker", kind] + ([path] if path else [])
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
        )

    def hello(self):
        line = self.process.stdout.readline()
        if not line:
            sys.exit(f"a worker failed to set up (exit {self.process.wait()})")
        return json.loads(line)

    def ask(self, **ask):
        self.process.stdin.write(json.dumps(ask) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def test_client_run(ours, bakery):
    """Medians per page of both, renders interleaved in rounds."""
    results = {"ours": {}, "bakerydemo": {}}
    for side, worker_, page in [(s, w, p) for s, w, p in _sides(ours, bakery)]:
        if page not in results[side]:
            results[side][page] = {**worker_.ask(do="warm", page=page), "times": [], "cpu": []}
    per_round = max(1, RENDERS // ROUNDS)
    for _ in range(ROUNDS):
        for side, worker_, page in _sides(ours, bakery):
            got = worker_.ask(do="render", page=page, renders=per_round)
            results[side][page]["times"] += got["times"]
            results[side][page]["cpu"] += got["cpu"]
    for side in results.values():
        for figures in side.values():
            times, cpu = figures.pop("times"), figures.pop("cpu")
            figures.update(
                renders=len(cpu),
                cpu_ms=round(statistics.median(cpu), 2),
                wall_ms=round(statistics.median(times), 2),
            )
    return results


def _sides(ours, bakery):
    for our_page, their_page in PAIRS:
        yield "ours", ours, our_page
        yield "bakerydemo", bakery, their_page


def worker_cpu_ticks(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15)


class Gunicorn:
    def __init__(self, serve, port):
        env = {**os.environ, **serve["env"], "PYTHONUNBUFFERED": "1"}
        self.port = port
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                serve["wsgi"],
                "--pythonpath",
                serve["pythonpath"],
                "--chdir",
                serve["pythonpath"],
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(300):
            try:
                self.get("/favicon-probe/")
                break
            except OSError:
                time.sleep(0.2)
        else:
            self.stop()
            sys.exit(f"gunicorn on port {port} did not answer")
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        self.worker_pid = int(children.read_text().split()[0])

    def get(self, path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as r:
                assert r.headers.get("X-Cache") != "hit", "the page cache answered: not a render"
                return r.status, r.read()
        except urllib.error.HTTPError as error:
            return error.code, b""

    def cpu_ms_per_request(self, path, requests):
        for _ in range(3):
            status, _body = self.get(path)
        assert status == 200, (path, status)
        before = worker_cpu_ticks(self.worker_pid)
        for _ in range(requests):
            self.get(path)
        ticks = worker_cpu_ticks(self.worker_pid) - before
        return ticks * 1000 / os.sysconf("SC_CLK_TCK") / requests

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait()


def gunicorn_run(ours_hello, bakery_hello):
    servers = {
        "ours": Gunicorn(ours_hello["serve"], GUNICORN_PORTS[0]),
        "bakerydemo": Gunicorn(bakery_hello["serve"], GUNICORN_PORTS[1]),
    }
    urls = {"ours": ours_hello["urls"], "bakerydemo": bakery_hello["urls"]}
    results = {"ours": {}, "bakerydemo": {}}
    try:
        for our_page, their_page in PAIRS:  # alternating, like the test-client run
            for side, page in (("ours", our_page), ("bakerydemo", their_page)):
                if page not in results[side]:
                    # A trivial view costs well under a clock tick (10 ms): ten times the requests.
                    requests = GUNICORN_REQUESTS * (10 if page == "trivial view" else 1)
                    cpu = servers[side].cpu_ms_per_request(urls[side][page], requests)
                    results[side][page] = round(cpu, 2)
    finally:
        for server in servers.values():
            server.stop()
    return results


def source_of(path):
    commit = subprocess.run(
        ["git", "-C", path, "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    note = Path(path, "RECONSTRUCTED")
    if note.exists():  # a checkout rebuilt from bakerydemo's files (docs/performance.md)
        return note.read_text().strip()
    return f"bakerydemo checkout at {commit or 'an unknown commit'}"


def main(path, record):
    from measure import this_machine  # bench/ is the script's folder: first on sys.path

    load_before = load_average()
    ours, bakery = Worker("ours"), Worker("bakerydemo", path)
    ours_hello, bakery_hello = ours.hello(), bakery.hello()
    client = test_client_run(ours, bakery)
    ours.close()
    bakery.close()
    served = gunicorn_run(ours_hello, bakery_hello)
    load_after = load_average()
    record_ = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": this_machine(),
        "load_average": f"{load_before} before, {load_after} after",
        "source": source_of(path),
        "versions": bakery_hello["versions"],
        "database": bakery_hello["database"],
        "renders": RENDERS,
        "rounds": ROUNDS,
        "gunicorn_requests": GUNICORN_REQUESTS,
        "bakerydemo": {
            page: {
                **figures,
                "url": bakery_hello["urls"][page],
                "gunicorn_cpu_ms": served["bakerydemo"][page],
            }
            for page, figures in client["bakerydemo"].items()
        },
        "ours": {
            page: {
                **figures,
                "url": ours_hello["urls"][page],
                "gunicorn_cpu_ms": served["ours"][page],
            }
            for page, figures in client["ours"].items()
        },
    }
    print_table(record_)
    if record:
        out = ROOT / "bench" / "reference" / "bakerydemo.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(record_, indent=2, ensure_ascii=False) + "\n")
        print(f"\nwritten: {out.relative_to(ROOT)}")


def print_table(record):
    print(
        f"\n## Uncached pages: ours against bakerydemo ({record['date']}, load average "
        f"{record['load_average']}; Wagtail {record['versions']['wagtail']}, Django "
        f"{record['versions']['django']}, {record['database']})\n"
    )
    print(
        "| our page | bakerydemo page | our CPU ms | bakerydemo CPU ms | ratio | "
        "gunicorn: our CPU ms | gunicorn: bakerydemo CPU ms | gunicorn ratio | queries (ours / bakerydemo) |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for our_page, their_page in PAIRS:
        o, b = record["ours"][our_page], record["bakerydemo"][their_page]
        print(
            f"| {our_page} | {their_page} | {o['cpu_ms']:.2f} | {b['cpu_ms']:.2f} | "
            f"{o['cpu_ms'] / b['cpu_ms']:.2f} | {o['gunicorn_cpu_ms']:.2f} | "
            f"{b['gunicorn_cpu_ms']:.2f} | {o['gunicorn_cpu_ms'] / b['gunicorn_cpu_ms']:.2f} | "
            f"{o['queries']} / {b['queries']} |"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    elif sys.argv[1:2] == ["--recorded"]:
        print_table(json.loads((ROOT / "bench" / "reference" / "bakerydemo.json").read_text()))
    elif len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        sys.exit(__doc__)
    else:
        main(str(Path(sys.argv[1]).resolve()), "--no-record" not in sys.argv)
