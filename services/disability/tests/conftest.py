"""Fixtures for the disability API tests: a started service on SQLite and PostgreSQL, synthetic persons, events."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from hunan_disability.app import create_app
from hunan_disability.rules.identity import id_check_character
from hunan_disability.settings import DisabilitySettings
from hunan_shared.testing import EventDriver

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
def events(client, memory_bus):
    """Feed catalogue events to the service's consumer and observe what it published (hunan_shared's driver)."""
    return EventDriver(client, memory_bus)
