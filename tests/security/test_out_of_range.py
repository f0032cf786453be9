"""Timestamps that parse but cannot be converted to UTC are a 422, not a 500 (issue 11, item 8).

`0001-01-01T00:00:00+14:00` is a valid RFC 3339 string whose UTC instant lies before year 1, and
`9999-12-31T23:59:59-14:00` one after year 9999: Python raises OverflowError on the conversion. The shared
`hunan_shared.types.Timestamp` refuses them at validation; the platform's problem handlers turn any other
OverflowError (in a validator, in arithmetic, while binding a value to SQL) into a 422 as well.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from hunan_shared import clock
from hunan_shared.types import Timestamp

from .test_validation import DECLARATION, DISASTER_TABLES

EXTREMES = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+00:00"]
PROBLEM = "application/problem+json"


@pytest.fixture
def emergency(running):
    return running("emergency")


@pytest.mark.parametrize("when", EXTREMES)
def test_a_declaration_at_the_edge_of_time_is_422_and_writes_nothing(emergency, tokens, when):
    r = emergency.client.post("/v1/disasters", json={**DECLARATION, "occurred_at": when}, headers=tokens.all())
    assert r.status_code == 422, r.text[:300]
    assert r.headers["content-type"] == PROBLEM
    assert emergency.counts(*DISASTER_TABLES) == dict.fromkeys(DISASTER_TABLES, 0)
    # The connection stays usable: the next request on it is answered normally.
    assert emergency.client.get("/livez").status_code == 200


@pytest.mark.parametrize("when", EXTREMES)
def test_a_warning_expiring_at_the_edge_of_time_is_422(emergency, tokens, when):
    body = {
        "hazard_type": "FLOOD_DROUGHT",
        "colour": "orange",
        "headline": "长沙市山洪灾害橙色预警",
        "description": "预计未来12小时浏阳市将出现强降雨，山洪灾害风险高。",
        "division_codes": ["430181"],
        "expires_at": when,
        "population_targeted": 10_000,
    }
    r = emergency.client.post("/v1/warnings", json=body, headers=tokens.all())
    assert r.status_code == 422, r.text[:300]
    assert emergency.count("outbox") == 0
    ok = emergency.client.post(
        "/v1/warnings",
        json={**body, "expires_at": (clock.now() + dt.timedelta(hours=6)).isoformat()},
        headers=tokens.all(),
    )
    assert ok.status_code == 201, ok.text[:300]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("0001-01-02T00:00:00+00:00", True),  # the first instant with a day's margin
        ("0001-01-01T23:59:59+00:00", False),
        ("9999-12-30T00:00:00+00:00", True),
        ("9999-12-30T00:00:01+00:00", False),
        ("2026-07-01T08:00:00", False),  # naive
        ("2026-07-01T08:00:00+08:00", True),
    ],
)
def test_timestamp_type_boundaries(value, ok):
    adapter = TypeAdapter(Timestamp)
    if ok:
        assert adapter.validate_python(value).tzinfo is not None
    else:
        with pytest.raises(ValidationError):
            adapter.validate_python(value)
