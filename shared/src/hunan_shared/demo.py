"""`hunan demo`: drive the running suite through its public HTTP APIs and show the chain of reactions.

Everything it creates is synthetic and marked: persons are named 【演示】…, carry `is_demo: true` and have
generated identity numbers; the emergency depots come from emergency's demo loader.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any

import httpx

from hunan_shared.auth import mint_token
from hunan_shared.runner import SERVICES, Suite
from hunan_shared.scopes import ALL_SCOPES
from hunan_shared.settings import PlatformSettings
from hunan_shared.synthetic import DEMO_PREFIX, demo_person

DISASTER_COUNTIES = {"430102": "芙蓉区", "430103": "天心区"}
CONTRAST_COUNTY = "430104"  # 岳麓区: registered persons there must not get cases


class Demo:
    def __init__(self, settings: PlatformSettings, say: Callable[[str], None]):
        self.say = say
        suite = Suite()
        self.urls = {service: suite.url_of(service) for service in SERVICES}
        token = mint_token(settings, "demo-operator", sorted(ALL_SCOPES), dt.timedelta(hours=1))
        self.http = httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30)
        self.started = time.monotonic()

    def log(self, service: str, message: str) -> None:
        self.say(f"[{time.monotonic() - self.started:6.1f}s] {service:<12} {message}")

    def get(self, service: str, path: str, **params: Any) -> Any:
        response = self.http.get(self.urls[service] + path, params=params)
        return response.json() if response.status_code == 200 else None

    def not_ready(self) -> list[str]:
        down = []
        for service, url in self.urls.items():
            try:
                if httpx.get(f"{url}/readyz", timeout=3).status_code != 200:
                    down.append(service)
            except httpx.HTTPError:
                down.append(service)
        return down

    def load_register(self, persons_per_county: int) -> int:
        rng = random.Random(2021_23)
        disability = self.urls["disability"]
        for county in [*DISASTER_COUNTIES, CONTRAST_COUNTY]:
            for n in range(2):
                self.http.post(
                    f"{disability}/v1/liaisons",
                    json={"name": f"{DEMO_PREFIX}联系人{county}-{n}", "division_code": county},
                )
        registered = 0
        for index, county in enumerate([*DISASTER_COUNTIES, CONTRAST_COUNTY]):
            for serial in range(persons_per_county):
                person = demo_person(county, index * 10_000 + serial, rng)
                response = self.http.post(f"{disability}/v1/persons", json=person)
                if response.status_code not in (201, 409):  # 409: already registered by an earlier demo run
                    raise RuntimeError(f"registering a demo person failed: {response.status_code} {response.text}")
                registered += 1
        return registered

    def load_trees(self) -> int:
        """Two registered ancient trees in the stricken counties, so trees schedules inspections."""
        trees = [
            {
                "tree_no": "430102-9001",
                "species": "樟树",
                "age_years": 520,
                "division_code": "430102",
                "location": {"latitude": 28.1960, "longitude": 113.0010},
                "land_use": "URBAN_PUBLIC_LAND",
                "crown_radius_m": 8.0,
            },
            {
                "tree_no": "430103-9001",
                "species": "银杏",
                "age_years": 310,
                "division_code": "430103",
                "location": {"latitude": 28.1100, "longitude": 112.9900},
                "land_use": "URBAN_PUBLIC_LAND",
                "crown_radius_m": 6.0,
            },
        ]
        created = 0
        for tree in trees:
            response = self.http.post(
                f"{self.urls['trees']}/v1/trees", json={**tree, "species": f"{DEMO_PREFIX}{tree['species']}"}
            )
            created += response.status_code in (201, 409)
        return created

    def declare(self) -> str:
        body = {
            "title": f"{DEMO_PREFIX}长沙市暴雨洪涝",
            "category": "NATURAL_DISASTER",
            "hazard_type": "METEOROLOGICAL",
            "response_level": "II",
            "division_codes": sorted(DISASTER_COUNTIES),
            "occurred_at": (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat(),
        }
        response = self.http.post(f"{self.urls['emergency']}/v1/disasters", json=body)
        response.raise_for_status()
        return str(response.json()["id"])

    def run_logistics(self, disaster_id: str) -> None:
        """Play the logistics operator: ship and deliver planned dispatches (unless EMERGENCY_AUTO_DISPATCH did)."""
        dispatches = self.get("emergency", "/v1/dispatches", disaster_id=disaster_id) or {"items": []}
        for dispatch in dispatches["items"]:
            for state, action in (("PLANNED", "ship"), ("PARTIALLY_PLANNED", "ship"), ("SHIPPED", "deliver")):
                if dispatch["state"] == state:
                    response = self.http.post(f"{self.urls['emergency']}/v1/dispatches/{dispatch['id']}/{action}")
                    self.log("operator", f"{action} dispatch {dispatch['id'][:8]} → {response.status_code}")

    def observations(self, disaster_id: str) -> dict[str, str]:
        """What each service shows about the disaster right now, one line per service."""
        seen: dict[str, str] = {}
        cases = self.get("disability", "/v1/assistance-cases", disaster_id=disaster_id, limit=500)
        if cases and cases["items"]:
            by_status: dict[str, int] = {}
            for case in cases["items"]:
                by_status[case["status"]] = by_status.get(case["status"], 0) + 1
            care = sum(case["needs_temporary_care"] for case in cases["items"])
            seen["disability"] = (
                f"{len(cases['items'])} assistance cases "
                + str(dict(sorted(by_status.items())))
                + f", {care} need temporary care"
            )
        dispatches = self.get("emergency", "/v1/dispatches", disaster_id=disaster_id)
        if dispatches and dispatches["items"]:
            states = sorted(d["state"] for d in dispatches["items"])
            legs = sum(len(d["legs"]) for d in dispatches["items"])
            seen["emergency"] = f"{len(states)} dispatch(es) with {legs} legs from the reserves: {', '.join(states)}"
        for service, path, noun in (
            ("science", "/v1/campaigns", "science popularisation campaign(s)"),
            ("trees", "/v1/inspections", "tree inspection(s) scheduled"),
            ("budget", "/v1/expenditures", "emergency expenditure record(s)"),
        ):
            page = self.get(service, path, disaster_id=disaster_id)
            if page and page.get("items"):
                seen[service] = f"{len(page['items'])} {noun}"
        return seen


def run_demo(
    settings: PlatformSettings, *, persons_per_county: int, wait_seconds: float, say: Callable[[str], None]
) -> int:
    demo = Demo(settings, say)
    down = demo.not_ready()
    if down:
        say(f"not ready: {', '.join(down)}. Start the suite first (make up), then run the demo.")
        return 1
    reserves = demo.http.post(f"{demo.urls['emergency']}/v1/demo/reserves")
    demo.log("emergency", f"demo depots loaded ({reserves.status_code})")
    count = demo.load_register(persons_per_county)
    demo.log(
        "disability",
        f"demo register: {count} synthetic persons in {', '.join(DISASTER_COUNTIES.values())} "
        f"and 岳麓区 (not affected)",
    )
    demo.log("trees", f"{demo.load_trees()} demo ancient trees registered in the stricken counties")
    disaster_id = demo.declare()
    demo.log(
        "emergency",
        f"declared disaster {disaster_id}: rainstorm, response level II, {' + '.join(DISASTER_COUNTIES.values())}",
    )
    last: dict[str, str] = {}
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        for service, line in demo.observations(disaster_id).items():
            if last.get(service) != line:
                demo.log(service, line)
                last[service] = line
        if "supplied" in last.get("disability", "") and "DELIVERED" in last.get("emergency", ""):
            break
        demo.run_logistics(disaster_id)
        time.sleep(1.0)
    say(
        f"done. Inspect: hunan tail emergency.disaster | disability cases: "
        f"{demo.urls['disability']}/v1/assistance-cases?disaster_id={disaster_id}"
    )
    return 0 if "disability" in last else 2
