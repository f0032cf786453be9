"""Transport limits of a real server process (issue 11, item 10): `hunan serve` as a container runs it.

- A request head (request line + headers) over 64 KiB is answered 400 and the connection closed at once;
  before, 40 MB of headers were parsed and four such requests pushed `/livez` to 3 s.
- A body declared longer than it is (or trickled) is cut off with 408 after BODY_READ_TIMEOUT_SECONDS; before,
  the connection was held with no timeout.
- A chunked body over MAX_BODY_BYTES is 413 (before: 400).
Each probe then checks that the server still answers `/livez` quickly.
"""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from hunan_shared.auth import mint_token
from hunan_shared.runner import Suite
from hunan_shared.settings import PlatformSettings
from hunan_shared.testing import free_port

pytestmark = pytest.mark.e2e

TIMEOUT = 2  # BODY_READ_TIMEOUT_SECONDS of the server under test


@pytest.fixture(scope="module")
def server(broker, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("transport")
    port = free_port()
    suite = Suite(
        services=["trees"],
        env={
            "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
            "TREES_DATABASE_URL": f"sqlite:///{tmp / 'trees.db'}",
            "HUNAN_VAR_DIR": str(tmp / "var"),
            "KAFKA_CLIENT_PREFIX": f"transport{port}",
            "BODY_READ_TIMEOUT_SECONDS": str(TIMEOUT),
        },
        ports={"trees": port},
        start_broker=False,
        log_dir=tmp / "logs",
        say=lambda _line: None,
    )
    try:
        suite.start(ready_timeout=90)
        yield ("127.0.0.1", port)
    finally:
        suite.stop()


def bearer() -> str:
    return mint_token(PlatformSettings(), "transport-tester", ["trees:write", "trees:read"])


def exchange(address, payload: bytes, *, read_timeout: float = 10.0, send_slowly: bool = False) -> tuple[bytes, float]:
    """Send raw bytes, read until the server closes or `read_timeout`; returns (response, seconds)."""
    started = time.monotonic()
    with socket.create_connection(address, timeout=read_timeout) as sock:
        try:
            if send_slowly:
                for i in range(0, len(payload), 65536):
                    sock.sendall(payload[i : i + 65536])
            else:
                sock.sendall(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed while we were still sending
        chunks = []
        try:
            while True:
                data = sock.recv(65536)
                if not data:
                    break
                chunks.append(data)
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks), time.monotonic() - started


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/1.1 ") else 0


def livez_seconds(address) -> float:
    started = time.monotonic()
    assert httpx.get(f"http://{address[0]}:{address[1]}/livez", timeout=5).status_code == 200
    return time.monotonic() - started


def test_oversized_headers_are_refused_without_parsing_them(server):
    huge = b"x" * (8 * 1024 * 1024)  # 8 MiB of one header, well past the 64 KiB limit
    request = b"GET /livez HTTP/1.1\r\nHost: t\r\nX-Big: " + huge + b"\r\n\r\n"
    response, seconds = exchange(server, request, send_slowly=True)
    assert status_of(response) in (400, 431), response[:200]
    assert seconds < 5
    assert livez_seconds(server) < 1.0
    # Many headers, each small, add up the same way.
    many = b"".join(b"X-H%d: %s\r\n" % (i, b"y" * 100) for i in range(2000))
    response, _ = exchange(server, b"GET /livez HTTP/1.1\r\nHost: t\r\n" + many + b"\r\n")
    assert status_of(response) in (400, 431)
    # A normal request with ordinary headers still works.
    ok, _ = exchange(
        server, b"GET /livez HTTP/1.1\r\nHost: t\r\nConnection: close\r\nX-Fine: " + b"z" * 4000 + b"\r\n\r\n"
    )
    assert status_of(ok) == 200


def test_a_body_shorter_than_its_content_length_times_out_with_408(server):
    head = (
        b"POST /v1/trees HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        b"Authorization: Bearer " + bearer().encode() + b"\r\nContent-Length: 1000\r\n\r\n"
    )
    response, seconds = exchange(server, head + b'{"name": "x"', read_timeout=TIMEOUT + 10)
    assert status_of(response) == 408, response[:300]
    assert b"application/problem+json" in response
    assert TIMEOUT - 0.5 <= seconds < TIMEOUT + 5
    assert livez_seconds(server) < 1.0


def test_a_chunked_body_over_the_limit_is_413(server):
    limit = PlatformSettings().max_body_bytes
    chunk = b"a" * 65536
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(limit // len(chunk) + 2)) + b"0\r\n\r\n"
    head = (
        b"POST /v1/trees HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        b"Authorization: Bearer " + bearer().encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    response, _ = exchange(server, head + body, send_slowly=True)
    assert status_of(response) == 413, response[:300]
    # Under the limit, chunked still reaches the application (422: the JSON is not a tree).
    small = b"%x\r\n%s\r\n0\r\n\r\n" % (len(b'{"a": 1}'), b'{"a": 1}')
    response, _ = exchange(server, head.replace(b"HTTP/1.1\r\n", b"HTTP/1.1\r\nConnection: close\r\n") + small)
    assert status_of(response) == 422, response[:300]
    assert livez_seconds(server) < 1.0
