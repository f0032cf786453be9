"""Plain value objects the rules take as input: a registered person's facts as of one moment."""

from __future__ import annotations

from dataclasses import dataclass

from .enums import DisabilityCategory, DisabilityGrade, GuardianStatus, HouseholdStatus, TekunSupportMode


@dataclass(frozen=True)
class PersonFacts:
    """What the emergency and subsidy rules need to know about one registered disabled person (持证残疾人)."""

    person_id: str
    category: DisabilityCategory
    grade: DisabilityGrade
    residence_division_code: str  # 住所地: duties in 专栏6·6 follow the residence, not the 户籍
    household_status: HouseholdStatus = HouseholdStatus.NONE
    anti_relapse_monitored: bool = False
    lives_alone: bool = False
    guardian: GuardianStatus = GuardianStatus.NOT_A_WARD
    other_carer_present: bool = False
    orphan_or_unsupported_child: bool = False  # 残疾孤儿、事实无人抚养残疾儿童
    home_isolated: bool = False  # 因疫情防控在家隔离
    tekun_support: TekunSupportMode | None = None
    age: int | None = None
