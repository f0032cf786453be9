"""Settings of the disability service: numbers the plan leaves open (see RULES.md, Design choices)."""

from __future__ import annotations

from pydantic import Field

from hunan_shared.settings import ServiceSettings


class DisabilitySettings(ServiceSettings):
    severe_grades: list[int] = Field([1, 2], description="Grades counted as severe 重度 (GB/T 26341 practice: 1 and 2)")
    vulnerability_hardship: bool = Field(True, description="R-E1 (a): hardship households open a case")
    vulnerability_cognitive: bool = Field(True, description="R-E1 (d): intellectual/mental/multiple open a case")
    vulnerability_home_isolated: bool = Field(True, description="R-E1 (f): persons isolated at home open a case")
    vulnerability_tekun_dispersed: bool = Field(True, description="R-E1 (g): dispersed 特困 persons open a case")
