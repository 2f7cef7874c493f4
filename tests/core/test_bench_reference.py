"""`bench/pages` compares each uncached page type with bakerydemo's comparable page, using the
reference run that `bench/bakerydemo.py` records: the ratio column and the recorded file."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("bench_measure", ROOT / "bench" / "measure.py")
measure = importlib.util.module_from_spec(spec)
spec.loader.exec_module(measure)

REF = {"bakerydemo": {"blog page": {"cpu_ms": 20.0}, "home": {"cpu_ms": 25.0}}}


@pytest.mark.parametrize(
    ("row", "cpu", "shown"),
    [
        ("story page", 30.0, "1.50"),  # a story against bakerydemo's blog post
        ("home (fr)", 10.0, "0.40"),  # a language variant against the same page
        ("content page", 10.0, ""),  # no comparable page recorded: an empty cell
        ("designer page", 10.0, ""),  # comparable, but not in this reference
    ],
)
def test_the_ratio_is_our_cpu_over_bakerydemos_comparable_page(row, cpu, shown):
    assert measure.ratio(row, cpu, REF) == shown


def test_no_ratio_without_a_reference():
    assert measure.ratio("story page", 30.0, {}) == ""


def test_a_reference_from_another_cpu_is_said_to_be_one():
    """The machine can change between two runs (another CPU behind the same name): the ratios
    are then printed with a note that they compare two CPUs, and how to record anew."""
    here = measure.this_machine()
    assert measure.other_machine_note({**REF, "machine": here}) == ""
    note = measure.other_machine_note({**REF, "machine": "x86_64, 2 cores, Another CPU"})
    assert "Another CPU" in note
    assert here in note
    assert "bench/bakerydemo.py" in note


def test_the_recorded_reference_covers_every_compared_page_and_says_how_it_was_made():
    ref = measure.reference()
    assert ref is not None, "bench/reference/bakerydemo.json is missing: run bench/bakerydemo.py"
    for ours, theirs in measure.COMPARABLE.items():
        assert ref["bakerydemo"][theirs]["cpu_ms"] > 0, theirs
        assert ref["ours"][ours]["cpu_ms"] > 0, ours
        assert ref["bakerydemo"][theirs]["gunicorn_cpu_ms"] > 0, theirs
    for key in ("date", "machine", "load_average", "source", "versions", "database"):
        assert ref[key], key
