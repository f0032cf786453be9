"""docs/clocks.md lists every periodic job a service declares: an operator reading it finds each clock, its rule
and its event (a job added without its row fails here)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from hunan_shared.settings import DEFAULT_PORTS

CLOCKS = Path(__file__).resolve().parents[2] / "docs" / "clocks.md"


def declared_jobs(service: str) -> set[str]:
    spec = importlib.import_module(f"hunan_{service}.app").SPEC
    jobs = spec.jobs(spec.settings_class()) if callable(spec.jobs) else spec.jobs
    return {job.name for job in jobs}


def documented_jobs(service: str) -> set[str]:
    rows = [line for line in CLOCKS.read_text(encoding="utf-8").splitlines() if line.startswith(f"| {service} |")]
    return {m.group(1) for row in rows for m in [re.search(r"\| `([a-z0-9-]+)` \(", row)] if m}


@pytest.mark.parametrize("service", sorted(DEFAULT_PORTS))
def test_every_declared_job_has_its_row_in_docs_clocks(service):
    assert declared_jobs(service) == documented_jobs(service)
