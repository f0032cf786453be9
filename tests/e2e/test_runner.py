"""`hunan up` as a user runs it: broker + services start, /readyz answers 200 within a minute, the URLs are
printed, and Ctrl-C (SIGINT) stops everything, leaving no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from hunan_shared.testing import free_port

pytestmark = pytest.mark.e2e


def children_of(pid: int) -> set[int]:
    """All descendants of `pid` (from /proc), to check that none survive."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def test_up_starts_everything_and_ctrl_c_leaves_nothing_behind(tmp_path):
    ports = {"emergency": free_port(), "disability": free_port()}
    env = {
        **os.environ,
        "HUNAN_VAR_DIR": str(tmp_path / "var"),
        "EMERGENCY_PORT": str(ports["emergency"]),
        "DISABILITY_PORT": str(ports["disability"]),
    }
    env.pop("KAFKA_BOOTSTRAP_SERVERS", None)
    runner = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hunan_shared.cli",
            "up",
            "--services",
            "emergency,disability",
            "--broker-port",
            str(free_port()),
            "--log-dir",
            str(tmp_path / "logs"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines, started = [], time.monotonic()
        while not any("suite is up" in line for line in lines):
            line = runner.stdout.readline()
            assert line, "runner exited early:\n" + "".join(lines)
            lines.append(line)
            assert time.monotonic() - started < 90, "".join(lines)
        output = "".join(lines)
        assert "starting Kafka-protocol broker" in output
        assert f"http://127.0.0.1:{ports['emergency']}" in output
        for port in ports.values():
            assert httpx.get(f"http://127.0.0.1:{port}/readyz").status_code == 200
        spawned = children_of(runner.pid)
        assert len(spawned) >= 3  # broker + two services
    finally:
        runner.send_signal(signal.SIGINT)
        runner.wait(60)
    time.sleep(0.5)
    survivors = [
        pid
        for pid in spawned
        if os.path.exists(f"/proc/{pid}") and open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    ]
    assert survivors == []
    assert runner.returncode == 0
    assert "no process left behind" in runner.stdout.read()
