"""Fixtures for cross-service tests: services as real processes on PostgreSQL, an OTLP trace receiver."""

from __future__ import annotations

import gzip
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg
import pytest

from hunan_shared.testing import ensure_postgres_database, free_port


class TraceReceiver:
    """A minimal OTLP/HTTP (protobuf) trace endpoint that keeps every span it receives."""

    def __init__(self) -> None:
        self.spans: list[dict] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server naming
                from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                request = ExportTraceServiceRequest.FromString(body)
                with receiver.lock:
                    for resource_spans in request.resource_spans:
                        attributes = {a.key: a.value.string_value for a in resource_spans.resource.attributes}
                        for scope_spans in resource_spans.scope_spans:
                            for span in scope_spans.spans:
                                receiver.spans.append(
                                    {
                                        "service": attributes.get("service.name"),
                                        "name": span.name,
                                        "trace_id": span.trace_id.hex(),
                                        "span_id": span.span_id.hex(),
                                        "parent": span.parent_span_id.hex(),
                                    }
                                )
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def find(self, service: str, name_part: str) -> list[dict]:
        with self.lock:
            return [s for s in self.spans if s["service"] == service and name_part in s["name"]]

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture(scope="session")
def trace_receiver():
    receiver = TraceReceiver()
    yield receiver
    receiver.close()


@pytest.fixture
def service_databases(postgres_dsn):
    """A fresh PostgreSQL database per service for one test; returns {service: SQLAlchemy URL}. Names carry the
    process id, so test runs sharing the PostgreSQL server (e.g. two worktrees) never drop each other's."""
    created: dict[str, str] = {}
    admin_dsn = postgres_dsn.replace("dbname=hunan_test", "dbname=postgres")

    def make(*services: str) -> dict[str, str]:
        for service in services:
            name = f"hunan_e2e_{service}_{os.getpid()}"
            with psycopg.connect(admin_dsn, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
            created[service] = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        return created

    ensure_postgres_database()
    yield make
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        for url in created.values():
            conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
