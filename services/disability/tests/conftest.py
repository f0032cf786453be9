"""Fixtures for the disability API tests: a started service on SQLite and PostgreSQL, synthetic persons, events."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import time

import pytest

from hunan_disability.app import create_app
from hunan_disability.rules.identity import id_check_character
from hunan_disability.settings import DisabilitySettings
from hunan_shared.events import decode
from hunan_shared.testing import as_message

ALL_SCOPES = ("disability:read", "disability:write", "disability:payroll", "disability:pii")


def synthetic_id_number(serial: int, address_code: str = "430102") -> str:
    """A synthetic, checksum-valid identity number (never a real person's), unique per serial."""
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=serial // 900)
    first_17 = f"{address_code}{birth:%Y%m%d}{serial % 900 + 100:03d}"
    return first_17 + id_check_character(first_17)


@pytest.fixture
def client(app_client):
    return app_client(create_app, DisabilitySettings)


@pytest.fixture
def headers(token):
    """Every disability scope, personal data included."""
    return token(*ALL_SCOPES)


@pytest.fixture
def id_numbers():
    serials = itertools.count(1)
    return lambda address_code="430102": synthetic_id_number(next(serials), address_code)


@pytest.fixture
def person_body(id_numbers):
    def make(**overrides):
        body = {"id_number": id_numbers(), "name": "测试人员", "category": 4, "grade": 3, "division_code": "430102"}
        return body | overrides

    return make


@pytest.fixture
def register(client, headers, person_body):
    """Register a person through the API; returns the response body."""

    def make(**overrides):
        response = client.post("/v1/persons", json=person_body(**overrides), headers=headers)
        assert response.status_code == 201, response.text
        return response.json()

    return make


@pytest.fixture
def deliver(client, memory_bus):
    """Feed catalogue events to the service's consumer as another service would publish them."""

    def feed(*events):
        for event in events:
            memory_bus.messages.append(as_message(event, source="/hunan/emergency"))
        asyncio.run(memory_bus.deliver(client.app.state.platform.consumer))

    return feed


@pytest.fixture
def published(memory_bus):
    """Events of one type the service published, once the outbox relay has run."""

    def wait(event_type: str, count: int, timeout: float = 5.0) -> list[dict]:
        """The payloads of the first `count` events of that type (fewer if the timeout passes)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [
                envelope.data
                for envelope in (decode(m.topic, m.key, m.value, m.headers) for m in memory_bus.messages)
                if envelope.type == event_type
            ]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    return wait
