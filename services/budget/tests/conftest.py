"""Fixtures for the budget API tests: a started client, event delivery through the consumer, and polling
for the events the outbox relay publishes."""

from __future__ import annotations

import asyncio
import json
import time
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from hunan_shared.testing import as_message
from hunan_budget.app import create_app
from hunan_budget.settings import BudgetSettings


@pytest.fixture
def client(app_client):
    return app_client(create_app, BudgetSettings)


@pytest.fixture
def bus(client, memory_bus):
    """deliver(event): feed an event to the service's consumer, as another service would publish it;
    redeliver(): run every consumed message again; emitted(type, n): poll until n events of that type appear;
    count(table): rows in one of the service's tables."""

    def deliver(*events) -> None:
        for event in events:
            memory_bus.messages.append(as_message(event))
        asyncio.run(memory_bus.deliver(client.app.state.platform.consumer))

    def redeliver() -> None:
        asyncio.run(memory_bus.deliver(client.app.state.platform.consumer))

    def emitted(event_type: str, n: int = 1, timeout: float = 5.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while True:
            found = [json.loads(m.value) for m in memory_bus.messages
                     if dict(m.headers).get("ce_type") == event_type.encode()]
            if len(found) >= n or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def count(table_name: str) -> int:
        table = client.app.state.platform.spec.metadata.tables[table_name]
        with client.app.state.platform.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(table))

    return SimpleNamespace(deliver=deliver, redeliver=redeliver, emitted=emitted, count=count)
