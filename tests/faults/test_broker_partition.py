"""A network partition between ONE service and the broker, while the others keep talking to it.

The broker advertises a proxy that this test owns; every Kafka connection goes through it. The proxy reads
the client id of each connection's first request (the Kafka request header) and can cut exactly the
connections of one service — here disability (`hunan-disability` producer, `<prefix>.disability-consumer`) —
while emergency keeps publishing. Disasters declared during the partition must reach disability after it
heals: 0 lost, 0 duplicated effects.
"""

from __future__ import annotations

import socket
import struct
import threading
import time

import pytest

from hunan_shared.testing import free_port, start_broker

pytestmark = pytest.mark.e2e

COUNTIES = ["430102", "430103"]
DURING = 6
PARTITION_SECONDS = 12.0


class KafkaPartitionProxy:
    """TCP proxy in front of a broker that can partition the clients whose client id contains a word."""

    def __init__(self, listen_port: int, upstream: tuple[str, int]):
        self.upstream = upstream
        self.blocked: str | None = None
        self.live: list[tuple[str, socket.socket, socket.socket]] = []
        self.refused = 0
        self.lock = threading.Lock()
        self.server = socket.create_server(("127.0.0.1", listen_port))
        self.server.settimeout(0.5)
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    @staticmethod
    def _read_exact(sock: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def _serve(self, client: socket.socket) -> None:
        try:
            size = self._read_exact(client, 4)
            request = self._read_exact(client, struct.unpack(">i", size)[0])
            # Request header v1+: api_key int16, api_version int16, correlation_id int32, client_id nullable string.
            (length,) = struct.unpack(">h", request[8:10])
            client_id = request[10 : 10 + length].decode(errors="replace") if length > 0 else ""
        except (ConnectionError, OSError, struct.error):
            client.close()
            return
        if self.blocked and self.blocked in client_id:
            self.refused += 1
            self._reset(client)
            return
        upstream = socket.create_connection(self.upstream)
        upstream.sendall(size + request)
        with self.lock:
            self.live.append((client_id, client, upstream))
        threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()
        self._pump(client, upstream)

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.close()
            except OSError:
                pass

    @staticmethod
    def _reset(sock: socket.socket) -> None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()
        except OSError:
            pass

    def partition(self, word: str) -> int:
        """Cut the live connections of clients whose id contains `word` and refuse their new ones."""
        self.blocked = word
        with self.lock:
            victims = [c for c in self.live if word in c[0]]
            self.live = [c for c in self.live if word not in c[0]]
        for _, client, upstream in victims:
            self._reset(client)
            self._reset(upstream)
        return len(victims)

    def heal(self) -> None:
        self.blocked = None

    def close(self) -> None:
        self.closed = True
        self.server.close()


@pytest.fixture
def partitioned(fault_databases, fault_env_class, tmp_path):
    proxy_port = free_port()
    broker = start_broker(advertised_port=proxy_port)
    proxy = KafkaPartitionProxy(proxy_port, ("127.0.0.1", broker.port))
    env = fault_env_class(broker, fault_databases("emergency", "disability"), tmp_path)
    env.broker.bootstrap = f"127.0.0.1:{proxy_port}"  # services bootstrap through the proxy too
    try:
        yield env, proxy
    finally:
        env.stop_all()
        proxy.close()
        broker.stop()


def test_a_partition_between_disability_and_the_broker_heals_with_nothing_lost_or_doubled(partitioned):
    faults, proxy = partitioned
    suite = faults.start(["emergency", "disability"])
    disability, emergency = faults.api(suite, "disability"), faults.api(suite, "emergency")
    rows = faults.person_rows(COUNTIES, 6)
    faults.import_persons(disability, rows)
    before = faults.declare(emergency, [COUNTIES[0]], "before the partition")
    faults.wait_for(
        lambda: faults.scalar("disability", "SELECT count(*) FROM disasterrecord") == 1, timeout=60, what="warm-up"
    )

    cut = proxy.partition("disability")
    assert cut >= 1, "disability had no broker connection to cut"
    declared = {before: COUNTIES[0]}
    for i in range(DURING):
        county = COUNTIES[i % 2]
        declared[faults.declare(emergency, [county], f"during the partition {i}")] = county
    faults.wait_for(
        lambda: faults.scalar("emergency", "SELECT count(*) FROM outbox WHERE state = 'pending'") == 0,
        timeout=30,
        what="emergency still publishing during disability's partition",
    )
    time.sleep(max(0.0, PARTITION_SECONDS - 5))
    assert faults.scalar("disability", "SELECT count(*) FROM disasterrecord") == 1, "disability was not cut off"
    assert disability.get("/livez").status_code == 200
    proxy.heal()
    healed_at = time.monotonic()

    faults.wait_for(
        lambda: faults.scalar("disability", "SELECT count(*) FROM disasterrecord") == len(declared),
        timeout=120,
        what="every disaster declared during the partition processed after it heals",
    )
    recovered = time.monotonic() - healed_at
    faults.wait_for(
        lambda: faults.scalar("disability", "SELECT count(*) FROM supplyrequest") >= len(declared),
        timeout=60,
        what="a supply request per disaster",
    )
    cases = dict(faults.sql("disability", "SELECT disaster_id, count(*) FROM assistancecase GROUP BY disaster_id"))
    supplies = dict(faults.sql("disability", "SELECT disaster_id, count(*) FROM supplyrequest GROUP BY disaster_id"))
    print(
        f"\n[partition] disability cut from the broker {PARTITION_SECONDS:.0f}s ({cut} connections cut, "
        f"{proxy.refused} reconnects refused); emergency published {DURING} declarations meanwhile; after healing "
        f"delivered {len(cases)}/{len(declared)} in {recovered:.1f}s, supply requests {sum(supplies.values())}"
    )
    assert cases == {d: faults.expected_cases(rows, [county]) for d, county in declared.items()}
    assert supplies == dict.fromkeys(declared, 1)
