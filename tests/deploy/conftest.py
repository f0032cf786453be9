"""The nginx gateway of deploy/nginx, started for a test in front of given service ports."""

from __future__ import annotations

import importlib.util
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hunan_shared.testing import free_port

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        pytest.skip("nginx not installed: apt-get install nginx (.ci/run and deploy/validate.sh do this)")
    return found


def _render_module():
    spec = importlib.util.spec_from_file_location("deploy_nginx_render", DEPLOY / "nginx" / "render.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def start_gateway(tmp_path: Path) -> Iterator[Callable[[dict[str, int]], str]]:
    """`start_gateway(ports)` renders deploy/nginx/nginx.conf.template for `ports`, checks it with `nginx -t`,
    runs Debian's nginx on a free port and returns its base URL; stopped at teardown."""
    processes: list[subprocess.Popen] = []

    def start(ports: dict[str, int]) -> str:
        nginx = nginx_binary()
        listen = free_port()
        prefix = tmp_path / f"nginx-{listen}"
        (prefix / "tmp").mkdir(parents=True)
        for directory in (tmp_path, prefix):
            directory.chmod(0o755)  # when run as root, nginx workers run as nobody and need to reach tmp/
        conf = prefix / "nginx.conf"
        conf.write_text(_render_module().render(ports, f"127.0.0.1:{listen}"), encoding="utf-8")
        check = subprocess.run(
            [nginx, "-t", "-p", str(prefix), "-c", str(conf), "-e", "stderr"],
            check=False,
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stderr
        proc = subprocess.Popen(
            [nginx, "-p", str(prefix), "-c", str(conf), "-e", "stderr", "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        processes.append(proc)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", listen), timeout=0.2).close()
                return f"http://127.0.0.1:{listen}"
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "nginx exited"
                assert time.monotonic() < deadline, "nginx did not start listening"
                time.sleep(0.05)

    yield start
    for proc in processes:
        proc.send_signal(signal.SIGQUIT)  # graceful stop
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
