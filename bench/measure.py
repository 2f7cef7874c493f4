"""How the page benchmarks measure a render, shared by `bench/pages.py` and `bench/bakerydemo.py`.

Nothing here sets Django up: the caller has, with its own project's settings (ours, or a
bakerydemo checkout's in a process of its own). Also the comparison with the reference run of
Wagtail's bakerydemo that `bench/bakerydemo.py` records in `bench/reference/bakerydemo.json`.
"""

import json
import os
import platform
import statistics
import time
from pathlib import Path

RENDERS = int(os.environ.get("RENDERS", "50"))
REFERENCE = Path(__file__).resolve().parent / "reference" / "bakerydemo.json"

# Our page type (a row of bench/pages) -> the bakerydemo page it is compared with.
COMPARABLE = {
    "home": "home",
    "story page": "blog page",
    "designer page": "bread page",
    "product page": "bread page",
    "story index": "blog index",
    "designer index": "breads index",
    "product index": "breads index",
    "search": "search",
    "trivial view": "trivial view",
}
TARGET_RATIO = 0.5


def count_queries(client, url, **extra):
    """One request with its queries counted: (response, number of queries)."""
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # An execute wrapper, not CaptureQueriesContext: request_started resets Django's query log.
    with connection.execute_wrapper(count):
        response = client.get(url, **extra)
    return response, len(queries)


def samples(client, url, renders, **extra):
    """Wall and CPU milliseconds of `renders` requests of this process."""
    times, cpu = [], []
    for _ in range(renders):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url, **extra)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return times, cpu


def warm_up(client, url, **extra):
    """Two renders (image renditions, template and route memos), then one with its queries
    counted: (response, queries). Stops if the page cache answered: that would not be a render."""
    for _ in range(2):
        client.get(url, **extra)
    response, queries = count_queries(client, url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    assert response.get("X-Cache") != "hit", "the page cache answered: this would not be a render"
    return response, queries


def measure(client, url, renders=None, **extra):
    """(median ms, median CPU ms, queries, HTML bytes) of `renders` uncached renders."""
    response, queries = warm_up(client, url, **extra)
    times, cpu = samples(client, url, renders or RENDERS, **extra)
    return statistics.median(times), statistics.median(cpu), queries, len(response.content)


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def this_machine() -> str:
    """How a reference run names the machine it ran on: architecture, cores, CPU model."""
    return f"{platform.machine()}, {os.cpu_count()} cores, {cpu_model()}"


def other_machine_note(ref) -> str:
    """A warning when `ref` was recorded on another CPU (the machine an agent runs on can change
    between sessions): ratios of CPU times from two machines say nothing. Empty when the same."""
    if not ref or ref.get("machine") == this_machine():
        return ""
    return (
        f"Note: the bakerydemo reference was recorded on {ref.get('machine')}, this machine is "
        f"{this_machine()}: the ratios mix two CPUs. Record it again here with "
        '`bench/bakerydemo.py` (docs/performance.md, "The reference run on this machine").'
    )


def reference():
    """The recorded bakerydemo run, or None."""
    try:
        return json.loads(REFERENCE.read_text())
    except FileNotFoundError:
        return None


def ratio(name, cpu_ms, ref=None):
    """Our CPU ms per request over bakerydemo's for the comparable page ("" when none)."""
    ref = ref if ref is not None else reference()
    other = COMPARABLE.get(name.split(" (")[0])
    if not ref or other not in ref["bakerydemo"]:
        return ""
    return f"{cpu_ms / ref['bakerydemo'][other]['cpu_ms']:.2f}"
