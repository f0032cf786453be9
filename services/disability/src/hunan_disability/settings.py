"""Settings of the disability service: numbers the plan leaves open (see RULES.md, Design choices)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from hunan_shared.settings import ServiceSettings


class DisabilitySettings(ServiceSettings):
    severe_grades: list[int] = Field([1, 2], description="Grades counted as severe 重度 (GB/T 26341 practice: 1 and 2)")
    vulnerability_hardship: bool = Field(True, description="R-E1 (a): hardship households open a case")
    vulnerability_cognitive: bool = Field(True, description="R-E1 (d): intellectual/mental/multiple open a case")
    vulnerability_home_isolated: bool = Field(True, description="R-E1 (f): persons isolated at home open a case")
    vulnerability_tekun_dispersed: bool = Field(True, description="R-E1 (g): dispersed 特困 persons open a case")
    living_subsidy_ext_marginal: bool = Field(False, description="R5: extend the living subsidy to 低保边缘 households")
    living_subsidy_ext_other_hardship: bool = Field(
        False, description="R5: extend the living subsidy to other 困难残疾人 (low income, monitored)"
    )
    living_subsidy_exclude_tekun: bool = Field(True, description="[BG] 特困供养 recipients get no living subsidy")
    living_subsidy_exclude_orphan_allowance: bool = Field(
        True, description="[BG] recipients of the orphan basic living allowance get no living subsidy"
    )
    nursing_subsidy_ext_nonsevere_intellectual_mental: bool = Field(
        False, description="R6: extend the nursing subsidy to non-severe intellectual/mental disability"
    )
    nursing_subsidy_ext_other: bool = Field(
        False, description="R6: extend the nursing subsidy to other disabled persons"
    )
    quota_ratio: Decimal = Field(
        Decimal("0.015"), gt=0, lt=1, description="[BG] proportional employment ratio (national floor 1.5 %)"
    )
    dibao_gradual_exit_months: int = Field(6, ge=1, le=36, description="R4 渐退期 length in months ('一定时间')")
    payroll_day: int = Field(
        1, ge=1, le=28, description="R7: day of the month from which the job rolls that month's payroll (1-28)"
    )
