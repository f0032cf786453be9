"""HTTP load: wrk (Debian package `wrk`) when installed, else a small asyncio + httpx generator run in a
separate process. Both hit a rotating list of paths with a fixed number of connections for a duration and
report requests/s and latency percentiles."""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import percentile

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def load(base: str, paths: list[str], *, connections: int, seconds: float, headers: dict[str, str]) -> dict:
    """Returns {"rps", "p50_ms", "p99_ms", "requests", "errors", "tool"}."""
    if shutil.which("wrk"):
        return _wrk(base, paths, connections=connections, seconds=seconds, headers=headers)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"base": base, "paths": paths, "headers": headers}, f)
    out = subprocess.run(
        [sys.executable, "-m", "bench.loadgen", f.name, str(connections), str(seconds)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    Path(f.name).unlink()
    return json.loads(out.stdout)


def _wrk(base: str, paths: list[str], *, connections: int, seconds: float, headers: dict[str, str]) -> dict:
    script = (
        "paths = {"
        + ",".join(json.dumps(p) for p in paths)
        + "}\n"
        + (
            "counter = 0\n"
            "request = function()\n  counter = counter + 1\n"
            "  return wrk.format(nil, paths[(counter % #paths) + 1])\nend\n"
            "done = function(summary, latency, requests)\n"
            "  io.write(string.format('BENCH %d %d %d %f %f\\n', summary.requests,\n"
            "    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write"
            " + summary.errors.timeout,\n"
            "    summary.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000))\nend\n"
        )
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    args = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "-s", f.name]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(args + [base + paths[0]], capture_output=True, text=True, check=True).stdout
    Path(f.name).unlink()
    match = re.search(r"BENCH (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)", out)
    if not match:
        raise RuntimeError(f"unexpected wrk output: {out}")
    requests, errors, duration_us = int(match[1]), int(match[2]), int(match[3])
    return {
        "rps": requests / (duration_us / 1e6),
        "p50_ms": float(match[4]),
        "p99_ms": float(match[5]),
        "requests": requests,
        "errors": errors,
        "tool": "wrk",
    }


async def _python_load(base: str, paths: list[str], headers: dict[str, str], connections: int, seconds: float) -> dict:
    import httpx

    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=httpx.Limits(max_connections=connections), timeout=30
    ) as client:

        async def worker(offset: int) -> None:
            nonlocal errors
            i = offset
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    response = await client.get(paths[i % len(paths)])
                except httpx.HTTPError:  # reset, refused, timeout: a failed request, counted, not a crash
                    errors += 1
                else:
                    errors += not response.is_success
                latencies.append((time.perf_counter() - started) * 1000)
                i += connections

        began = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(connections)))
        elapsed = time.perf_counter() - began
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "requests": len(latencies),
        "errors": errors,
        "tool": "python-httpx",
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("spec")
    parser.add_argument("connections", type=int)
    parser.add_argument("seconds", type=float)
    args = parser.parse_args()
    spec = json.loads(Path(args.spec).read_text())
    print(
        json.dumps(
            asyncio.run(_python_load(spec["base"], spec["paths"], spec["headers"], args.connections, args.seconds))
        )
    )
