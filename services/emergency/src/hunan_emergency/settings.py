"""Settings of the emergency service: numbers the plan leaves open (RULES.md, Design choices); prefix EMERGENCY_."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from hunan_shared.settings import ServiceSettings


class EmergencySettings(ServiceSettings):
    auto_dispatch: bool = Field(
        False,
        description="Simulated logistics for demos and the end-to-end test: a dispatch planned from a consumed "
        "SuppliesRequested event is shipped and delivered at once (events planned → shipped → delivered). "
        "Never set it where real trucks move.",
    )
    late_report_limit_minutes: int = Field(
        60, ge=1, description="R4: a direct report later than this after occurrence is 迟报 (the plan fixes no limit)"
    )
    road_speed_kmh: float = Field(60.0, gt=0, description="R16 planner: average road speed of supply trucks")
    detour_factor: float = Field(1.3, ge=1, description="R16 planner: road distance / great-circle distance")
    cost_per_unit_km: Decimal = Field(
        Decimal("0.05"), ge=0, description="R16 planner: transport cost, yuan per unit-km"
    )
    release_floor_for_level_one: bool = Field(
        True, description="R16: a Level-I response may draw depots below their safety floor"
    )
    insider_reward_uplift: Decimal = Field(
        Decimal("0.20"),
        ge=0,
        le=10,
        description="R52: 12350 reward uplift for an insider reporting his own unit (按照一定比例上浮; not quantified)",
    )
    aviation_cruise_speed_kmh: float = Field(200.0, gt=0, description="R10: rescue helicopter cruise speed")
    aviation_launch_minutes: float = Field(15.0, ge=0, description="R10: minutes from call to take-off")
    cap_sender: str = Field("yjt.hunan.gov.cn", pattern=r"^[^\s,<&]+$", description="CAP <sender> of warnings")
    cap_status: str = Field(
        "Actual",
        pattern=r"^(Actual|Exercise|System|Test|Draft)$",
        description="CAP <status>; use Exercise for drills and demos",
    )
    # R57: denominators and MEM base values (核心指标的基期值以应急部相关规定为准) are configuration.
    indicator_population: int = Field(66_440_000, ge=1, description="R57 #5/#6: resident population of Hunan")
    indicator_gdp_100m_yuan: Decimal = Field(Decimal(41781), gt=0, description="R57 #3/#7: provincial GDP, 亿元")
    indicator_workers: int = Field(10_000_000, ge=1, description="R57 #4: industry/mining/commerce/trade workers")
    indicator_base_accident_deaths: Decimal | None = Field(None, description="R57 #1 base value (MEM rules)")
    indicator_base_deaths_per_100m_gdp: Decimal | None = Field(None, description="R57 #3 base value (MEM rules)")
    indicator_base_deaths_per_100k_workers: Decimal | None = Field(None, description="R57 #4 base value (MEM rules)")
