"""Benchmark runner: `uv run python -m bench [NAME ...] [--quick] [--size NAME=SPEC] [--out DIR]`.

Each benchmark is a module in bench/ with `run(size: str) -> Result`; `size` is "quick", "full" or a
benchmark-specific spec given with `--size` (e.g. `--size fanout=100000,1000000`). Results are printed as a
table and written to bench/results/<timestamp>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # `python bench/run.py`: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Result, drop_leftover_databases, machine_load

# name -> module. Adding a benchmark: write bench/<module>.py with run(size) -> Result, add one line here.
REGISTRY: dict[str, str] = {
    "dispatch": "bench.dispatch",
    "fanout": "bench.fanout",
    "pipeline": "bench.pipeline",
    "http": "bench.http_api",
    "flagship": "bench.flagship",
    "retention": "bench.retention",
    "habitat": "bench.habitat",
}

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def _git_revision() -> str | None:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent,
            check=True,
        ).stdout.strip()
    except Exception:  # noqa: BLE001 - no git, no revision in the results
        return None


def format_table(results: list[Result]) -> str:
    lines = []
    header = f"{'benchmark':<10} {'size':<8} {'measure':<58} {'value':>12}  {'goal':<9} ok"
    lines += [header, "-" * len(header)]
    for r in results:
        for ratio in r.ratios:
            ok = "INVALID" if ratio.invalid else {True: "yes", False: "NO", None: ""}[ratio.met]
            lines.append(
                f"{r.benchmark:<10} {r.size:<8} {ratio.name[:58]:<58} {ratio.value:>11.6g}x  "
                f"{ratio.goal_text():<9} {ok}"
            )
        for name, fig in r.figures.items():
            lines.append(f"{r.benchmark:<10} {r.size:<8} {name[:58]:<58} {fig.value:>12.4g}  {fig.unit}")
        if r.load:
            before, after = r.load["before"], r.load["after"]
            lines.append(
                f"{r.benchmark:<10} {'':<8} machine load (1-min average, {before['cpus']} CPUs): "
                f"{before['loadavg_1m']:.2f} before, {after['loadavg_1m']:.2f} after"
            )
        for note in r.notes:
            lines.append(f"{r.benchmark:<10} {'':<8} note: {note}")
        lines.append(f"{r.benchmark:<10} {r.size:<8} {'(benchmark wall time)':<58} {r.seconds:>12.1f}  s")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all): {', '.join(REGISTRY)}")
    parser.add_argument("--quick", action="store_true", help="smoke size (CI): every benchmark small")
    parser.add_argument(
        "--size",
        action="append",
        default=[],
        metavar="NAME=SPEC",
        help="benchmark-specific size, e.g. fanout=100000,1000000 or dispatch=500x100",
    )
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="directory for the JSON results")
    parser.add_argument(
        "--clean",
        action="store_true",
        help="drop hunan_bench_* databases left by an interrupted run (not while another run is going)",
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, module in REGISTRY.items():
            doc = (importlib.import_module(module).__doc__ or "").strip().splitlines()[0]
            print(f"{name:<10} {doc}")
        return 0
    unknown = [n for n in args.names if n not in REGISTRY]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; known: {list(REGISTRY)}")
    sizes = dict(item.split("=", 1) for item in args.size)
    names = args.names or list(REGISTRY)

    if args.clean:
        print(f"dropped leftover bench databases: {drop_leftover_databases()}", flush=True)
        if not args.names:
            return 0
    started_at = dt.datetime.now(dt.UTC)
    results: list[Result] = []
    failures: dict[str, str] = {}
    for name in names:
        size = sizes.get(name, "quick" if args.quick else "full")
        print(f"==> {name} ({size}) ...", flush=True)
        began = time.perf_counter()
        load_before = machine_load()
        try:
            result = importlib.import_module(REGISTRY[name]).run(size)
        except Exception:  # noqa: BLE001 - one failing benchmark must not stop the others; reported
            failures[name] = traceback.format_exc()
            print(f"!! {name} failed:\n{failures[name]}", flush=True)
            continue
        result.seconds = time.perf_counter() - began
        result.load = {"before": load_before, "after": machine_load()}
        results.append(result)
        print(format_table([result]), flush=True)

    print("\n=== summary ===")
    print(format_table(results))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{started_at.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(
        json.dumps(
            {
                "started_at": started_at.isoformat(),
                "git_revision": _git_revision(),
                "quick": args.quick,
                "machine": {
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "cpus": __import__("os").cpu_count(),
                },
                "results": [r.to_json() for r in results],
                "failures": failures,
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    print(f"results written to {path}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
