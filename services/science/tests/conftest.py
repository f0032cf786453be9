"""Fixtures for the science API tests: a started client, event delivery through the consumer, and polling
for the events the outbox relay publishes."""

from __future__ import annotations

import pytest

from hunan_science.app import create_app
from hunan_science.settings import ScienceSettings
from hunan_shared.testing import EventDriver


@pytest.fixture
def client(app_client):
    return app_client(create_app, ScienceSettings)


@pytest.fixture
def bus(client, memory_bus):
    return EventDriver(client, memory_bus)
