"""HTTP request and response bodies — the inspection registers behind R37, R38, R43–R45 (Plan 6(三))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from hunan_emergency.schemas.common import Body, DivisionBody, VerdictOut

RegisterName = Literal[
    "coal-mine-checks",
    "non-coal-mines",
    "hazchem-projects",
    "hazchem-producers",
    "vehicles",
    "fire-statistics",
    "special-equipment-statistics",
]


class CoalMineCheckFacts(Body):
    """名词解释15 四关闭一到位 (R37)."""

    coal_site_id: str | None = Field(None, max_length=36, description="The site on the coal-mine registry, if any")
    due_to_exit: bool = False
    beyond_depth_or_boundary: bool = False
    producing_under_upgrade_cover: bool = False
    illegal_subcontracting: bool = False
    subcontracting_rectified: bool = False
    major_hidden_dangers_open: int = Field(0, ge=0, le=100_000)


class NonCoalMineFacts(Body):
    """Plan 6(三) 非煤矿山 (R38): underground persons and depth, or open-pit slope height."""

    kind: Literal["UNDERGROUND_METAL_NONMETAL", "OPEN_PIT_METAL_NONMETAL"]
    persons_underground: int = Field(0, ge=0, le=100_000)
    depth_m: Decimal = Field(Decimal(0), ge=0, le=10_000)
    slope_height_m: Decimal = Field(Decimal(0), ge=0, le=10_000)


class HazchemProjectFacts(Body):
    """名词解释17/18 (R43): 两重点一重大, 三重一高 and the level of the controlling government."""

    involves_two_key_one_major: bool
    involves_three_key_one_high: bool
    controlling_level: Literal["province", "city", "county", "township"]


class HazchemProducerFacts(Body):
    """Plan 6(三) 危险化学品 (R43): gas alarms, emergency shut-off, automation fitted and in use."""

    gas_alarm: bool
    emergency_shutoff: bool
    automation: bool


class VehicleFacts(Body):
    """名词解释12 两客一危一校 (R44)."""

    plate: str = Field(min_length=5, max_length=12, pattern=r"^[\w\u4e00-\u9fff]+$")
    tourist_charter: bool = False
    scheduled_coach_class: int | None = Field(None, ge=1, le=4)
    carries_hazchem_fireworks_or_explosives: bool = False
    school_vehicle: bool = False
    networked: bool = Field(False, description="Connected to the vehicle-networking monitoring system (车联网)")


class FireStatisticsFacts(Body):
    """Plan 6(三) 消防 (R45): one year's fire deaths against the population."""

    year: int = Field(ge=2021, le=2035)
    deaths: int = Field(ge=0, le=1_000_000)
    population: int = Field(ge=1, le=200_000_000)


class SpecialEquipmentStatisticsFacts(Body):
    """Plan 6(三) 特种设备 (R45): one year's deaths against the units of special equipment."""

    year: int = Field(ge=2021, le=2035)
    deaths: int = Field(ge=0, le=1_000_000)
    units: int = Field(ge=1, le=100_000_000)


FACT_FIELDS: dict[str, str] = {
    "coal-mine-checks": "coal_mine_check",
    "non-coal-mines": "non_coal_mine",
    "hazchem-projects": "hazchem_project",
    "hazchem-producers": "hazchem_producer",
    "vehicles": "vehicle",
    "fire-statistics": "fire_statistics",
    "special-equipment-statistics": "special_equipment_statistics",
}


class RegisterEntryIn(DivisionBody):
    """An entry of one register: its name, division and exactly the facts object of that register."""

    name: str = Field(min_length=2, max_length=200)
    coal_mine_check: CoalMineCheckFacts | None = None
    non_coal_mine: NonCoalMineFacts | None = None
    hazchem_project: HazchemProjectFacts | None = None
    hazchem_producer: HazchemProducerFacts | None = None
    vehicle: VehicleFacts | None = None
    fire_statistics: FireStatisticsFacts | None = None
    special_equipment_statistics: SpecialEquipmentStatisticsFacts | None = None

    @model_validator(mode="after")
    def _one_facts_object(self) -> RegisterEntryIn:
        given = [name for name in FACT_FIELDS.values() if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"exactly one facts object is required, got {given or 'none'}")
        return self

    def facts(self) -> tuple[str, dict]:
        """(the facts field given, its JSON form)."""
        field = next(name for name in FACT_FIELDS.values() if getattr(self, name) is not None)
        return field, getattr(self, field).model_dump(mode="json")


class RegisterEntryOut(BaseModel):
    id: str
    kind: str = Field(description="The register")
    name: str
    division_code: str
    facts: dict
    recorded_at: dt.datetime
    verdicts: list[VerdictOut] = Field(description="The rules of the register evaluated on the facts, with basis")
    compliant: bool = Field(description="False when any verdict is non-compliant")
