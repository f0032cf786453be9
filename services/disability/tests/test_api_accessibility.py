"""三同步 (三(五)1, R68): business_env announces each project's completion acceptance; this service keeps the list
of projects whose accessible facilities were not in step, for the federation to follow up (SQLite, PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from hunan_shared import clock
from hunan_shared.events.catalogue import ProjectAccepted
from hunan_shared.testing import EventDriver


def accepted(project_id: str, division: str, missing: list[str]) -> ProjectAccepted:
    return ProjectAccepted(
        project_id=project_id,
        project_name=f"项目{project_id}",
        division_code=division,
        accepted_on=dt.date(2025, 6, 30),
        accessibility_missing=missing,
        accepted_at=clock.now(),
    )


def test_acceptances_are_recorded_once_and_the_ones_out_of_step_listed(client, headers, memory_bus):
    events = EventDriver(client, memory_bus)
    events.deliver(
        accepted("p1", "430102", []),
        accepted("p2", "430103", ["accepted"]),
        accepted("p3", "430202", ["designed", "built", "accepted"]),
    )
    events.redeliver()
    events.deliver(accepted("p2", "430103", []))  # a second announcement of one project changes nothing

    def listed(**params):
        r = client.get("/v1/accessibility-acceptances", params=params, headers=headers)
        assert r.status_code == 200, r.text
        return [(a["project_id"], a["missing"]) for a in r.json()["items"]]

    assert sorted(listed()) == [("p1", []), ("p2", ["accepted"]), ("p3", ["designed", "built", "accepted"])]
    assert sorted(listed(in_step="false")) == [("p2", ["accepted"]), ("p3", ["designed", "built", "accepted"])]
    assert listed(in_step="false", division="430100") == [("p2", ["accepted"])]  # Changsha and its districts
