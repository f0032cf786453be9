"""Settings of the budget service: numbers the two texts leave open (see RULES.md, Design choices)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from hunan_shared.settings import ServiceSettings


class BudgetSettings(ServiceSettings):
    reserve_deadline_inclusive: bool = Field(
        True, description="R17: read '6月30日前' as including 30 June (false: the reserve must start by 29 June)"
    )
    emergency_allocation_by_level: dict[str, Decimal] = Field(
        {"I": Decimal(50000000), "II": Decimal(20000000), "III": Decimal(5000000), "IV": Decimal(1000000)},
        description="W8: CNY an emergency budget line opens with, per response level I–IV (no text fixes these)",
    )
    shared_province_shares: dict[str, Decimal] = Field(
        {}, description='R60: province share (0..1) per SHARED matter id, e.g. {"NR-505": 0.5}; unknown when absent'
    )
    province_managed_counties: list[str] = Field(
        [], description="R55: GB/T 2260 codes of the 财政省直管县市 (not listed in the gazette)"
    )
    project_carryover_months: int = Field(
        12, ge=1, description="R10: project carry-over recovered after this many months (一年以上 read as ≥ 12)"
    )
    direct_fund_idle_days: int = Field(
        90,
        ge=1,
        description="R37: a direct-fund allocation with money unused this many days after allocation is flagged idle "
        "(沉淀闲置; the Opinion sets no period)",
    )
