"""Helpers for the emergency service's HTTP tests (the `app_client` fixture runs each on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_emergency.app import create_app
from hunan_emergency.settings import EmergencySettings
from hunan_shared import clock
from hunan_shared.testing import EventDriver

ALL = ("emergency:read", "emergency:declare", "emergency:warn", "emergency:dispatch", "emergency:write")


class Emergency:
    """A started emergency service plus the memory bus, with short-hands for the common calls."""

    def __init__(self, client, token, bus):
        self.client = client
        self.bus = bus
        self.headers = token(*ALL)
        self.driver = EventDriver(client, bus)  # feeds and observes events, as in every service's tests

    def post(self, path: str, json=None, expect: int | None = None, **kw):
        response = self.client.post(path, json=json, headers={**self.headers, **kw.pop("headers", {})}, **kw)
        if expect is not None:
            assert response.status_code == expect, response.text
        return response

    def get(self, path: str, expect: int | None = 200, **kw):
        response = self.client.get(path, headers=self.headers, **kw)
        if expect is not None:
            assert response.status_code == expect, response.text
        return response

    def declare(self, codes=("430102", "430103"), level="II", hazard="FLOOD_DROUGHT", hours_ago=2.0) -> dict:
        occurred = (clock.now() - dt.timedelta(hours=hours_ago)).isoformat()
        return self.post(
            "/v1/disasters",
            {
                "title": "湘江流域洪涝",
                "category": "NATURAL_DISASTER",
                "hazard_type": hazard,
                "response_level": level,
                "division_codes": list(codes),
                "occurred_at": occurred,
            },
            expect=201,
        ).json()

    def depot(
        self,
        level: str,
        code: str,
        stock: dict[str, int],
        lat=28.2,
        lon=112.9,
        floors: dict | None = None,
        quotas: dict | None = None,
    ) -> str:
        depot = self.post(
            "/v1/depots",
            {"name": f"{level} depot {code}", "level": level, "division_code": code, "lat": lat, "lon": lon},
            expect=201,
        ).json()
        for item, quantity in stock.items():
            self.post(
                f"/v1/depots/{depot['id']}/movements",
                {"item": item, "kind": "receipt", "quantity": quantity},
                expect=200,
            )
        for item in set(floors or {}) | set(quotas or {}):
            self.client.put(
                f"/v1/depots/{depot['id']}/stock/{item}",
                headers=self.headers,
                json={"safety_floor": (floors or {}).get(item, 0), "level_one_quota": (quotas or {}).get(item, 0)},
            ).raise_for_status()
        return depot["id"]


@pytest.fixture
def emergency(app_client, token, memory_bus):
    def make(**settings) -> Emergency:
        return Emergency(app_client(create_app, EmergencySettings, **settings), token, memory_bus)

    return make
