"""A figure with failed requests or too few of them must not count toward a goal (unit tests, no machine)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import Result, load_invalid, machine_load  # noqa: E402
from bench.run import format_table  # noqa: E402


def measured(requests: int, errors: int = 0) -> dict:
    return {"rps": requests / 2, "p50_ms": 1.0, "p99_ms": 2.0, "requests": requests, "errors": errors}


@pytest.mark.parametrize(
    ("requests", "errors", "reason"),
    [
        (1000, 0, None),
        (100, 0, None),  # exactly the floor counts
        (99, 0, "baseline: 99 requests, fewer than the floor of 100"),
        (3255, 1263, "baseline: 1263 failed of 3255 requests"),  # the run the review found
        (1000, 1, "baseline: 1 failed of 1000 requests"),
    ],
)
def test_a_side_with_errors_or_below_the_floor_is_invalid(requests, errors, reason):
    assert load_invalid("baseline", measured(requests, errors), min_requests=100) == reason


def test_an_invalid_ratio_meets_no_goal_even_when_its_value_would():
    result = Result("http", "quick")
    good = result.ratio("by-id: throughput / baseline", 2.0, 0.8)
    bad = result.ratio("list: throughput / baseline", 2.0, 0.8, invalid="baseline: 1992 failed of 4000 requests")
    assert good.met is True and bad.met is None
    data = result.to_json()
    assert [(r["met"], r["valid"]) for r in data["ratios"]] == [(True, True), (None, False)]
    table = format_table([result])
    assert "INVALID" in table.splitlines()[3] and "yes" in table.splitlines()[2]


def test_machine_load_is_recorded_with_every_result():
    load = machine_load()
    assert load["cpus"] >= 1 and load["loadavg_1m"] >= 0
    result = Result("http", "quick", ratios=[], load={"before": load, "after": load})
    assert "machine load" in format_table([result])
