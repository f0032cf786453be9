"""Settings of the trees service: numbers the Measures leave open (see RULES.md, design choices)."""

from __future__ import annotations

from pydantic import Field, field_validator

from hunan_shared import divisions
from hunan_shared.settings import ServiceSettings
from hunan_trees.rules.classification import ProtectionLevel
from hunan_trees.rules.participation import RoutePolicy
from hunan_trees.rules.patrol import DEFAULT_INTERVAL_DAYS


class TreesSettings(ServiceSettings):
    inspection_hazards: list[str] = Field(
        ["FOREST_FIRE", "GEOLOGICAL", "METEOROLOGICAL"],
        description="Disaster hazards for which a declared disaster schedules post-disaster tree inspections",
    )
    post_disaster_inspection_working_days: int = Field(
        5, ge=1, le=60, description="Working days to inspect trees after a disaster (Art. 19 period applied by analogy)"
    )
    art35_reference_protection: bool = Field(
        False, description="Register trees of 80–99 years for protection by reference (Art. 35 '可以参照')"
    )
    count_receipt_day: bool = Field(False, description="Count the day a report is received as working day 1 (§0)")
    public_notice_days: int = Field(
        7, ge=1, le=90, description="Calendar days a recognition appraisal result stays in public notice (Art. 12)"
    )
    max_import_rows: int = Field(5000, ge=1, le=50000, description="Rows accepted by one bulk tree import")
    felling_approving_authority: str = Field(
        "县级以上人民政府林业主管部门（《中华人民共和国森林法》第五十六条）",
        min_length=2,
        max_length=200,
        description="Authority that approves felling (Art. 30 last para: '依法办理审批手续' — set by other law)",
    )
    transplant_site_tolerance_m: float = Field(
        30.0, gt=0, le=500, description="How far from the approved site a transplant may land and still follow the plan"
    )
    department_routes: dict[str, RoutePolicy] = Field(
        default_factory=dict,
        description="Per division (county, city or province code): which department handles its trees (Art. 6); "
        "the most specific division wins",
    )
    department_default: RoutePolicy = Field(
        RoutePolicy.BY_URBAN_PLANNING_AREA,
        description="Department routing where no division is configured (Art. 6): urban greening inside the urban "
        "planning area, forestry outside",
    )
    naming_right_max_years: int = Field(
        10, ge=1, le=70, description="Longest naming-right term for a donation or adoption (Art. 8 '一定期限')"
    )
    patrol_interval_days: dict[ProtectionLevel, int] = Field(
        default_factory=lambda: dict(DEFAULT_INTERVAL_DAYS),
        description="Days between regular patrols per protection level (Art. 20 '定期巡查' sets no frequency); "
        'env TREES_PATROL_INTERVAL_DAYS as JSON, e.g. {"LEVEL_1": 90, "LEVEL_2": 180, "LEVEL_3": 365}',
    )

    @field_validator("patrol_interval_days")
    @classmethod
    def _every_level(cls, intervals: dict[ProtectionLevel, int]) -> dict[ProtectionLevel, int]:
        missing = sorted(level.value for level in ProtectionLevel if level not in intervals)
        if missing:
            raise ValueError(f"patrol_interval_days: no interval for {', '.join(missing)}")
        bad = sorted(level.value for level, days in intervals.items() if not 1 <= days <= 3650)
        if bad:
            raise ValueError(f"patrol_interval_days: interval of {', '.join(bad)} must be 1–3650 days")
        return intervals

    @field_validator("department_routes")
    @classmethod
    def _known_divisions(cls, routes: dict[str, RoutePolicy]) -> dict[str, RoutePolicy]:
        unknown = sorted(code for code in routes if not divisions.is_valid(code))
        if unknown:
            raise ValueError(f"department_routes: not Hunan division codes: {', '.join(unknown)}")
        return routes
