"""The pipeline's figures count toward a goal only when every event had its effect and the p99 has enough
samples (unit tests, no machine)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import Result  # noqa: E402
from bench.pipeline import MIN_LATENCY_SAMPLES, measurement_invalid  # noqa: E402


@pytest.mark.parametrize(
    ("sent", "stored", "samples", "reason"),
    [
        (50_000, 50_000, None, None),
        (54_000, 54_000, MIN_LATENCY_SAMPLES, None),  # exactly the floor counts
        (54_000, 53_999, 4_000, "fair baseline: 53999 effects stored for 54000 events sent"),
        (
            2_040,
            2_040,
            MIN_LATENCY_SAMPLES - 1,
            f"fair baseline: p99 over {MIN_LATENCY_SAMPLES - 1} events, fewer than the floor of {MIN_LATENCY_SAMPLES}",
        ),
    ],
)
def test_a_side_that_lost_events_or_has_too_few_latency_samples_is_invalid(sent, stored, samples, reason):
    assert measurement_invalid("fair baseline", sent, stored, samples) == reason


def test_an_invalid_pipeline_ratio_meets_no_goal():
    result = Result("pipeline", "quick")
    ratio = result.ratio(
        "pipeline throughput / fair baseline (aiokafka + same INSERT)",
        0.9,
        0.5,
        invalid=measurement_invalid("pipeline", 2_000, 1_990),
    )
    assert ratio.met is None and result.to_json()["ratios"][0]["valid"] is False
