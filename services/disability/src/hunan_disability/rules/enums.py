"""Enumerations shared by the disability rules: category, grade, household status, living situation."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class DisabilityCategory(IntEnum):
    """Disability category 残疾类别 (GB/T 26341-2010); the value is the digit on the certificate number."""

    VISUAL = 1  # 视力残疾
    HEARING = 2  # 听力残疾
    SPEECH = 3  # 言语残疾
    PHYSICAL = 4  # 肢体残疾
    INTELLECTUAL = 5  # 智力残疾
    MENTAL = 6  # 精神残疾
    MULTIPLE = 7  # 多重残疾


class DisabilityGrade(IntEnum):
    """Disability grade 残疾等级: 1 (一级) is the most severe, 4 (四级) the least."""

    ONE = 1
    TWO = 2
    THREE = 3
    FOUR = 4


class Severity(StrEnum):
    """重度 (severe) / 非重度; the plan uses both words without defining them."""

    SEVERE = "severe"
    NON_SEVERE = "non_severe"


# [BG] GB/T 26341-2010 practice: grades 1 and 2 are 重度. A setting (`severe_grades`) in the service.
SEVERE_GRADES: frozenset[DisabilityGrade] = frozenset({DisabilityGrade.ONE, DisabilityGrade.TWO})


def severity_of(grade: DisabilityGrade, severe_grades: frozenset[DisabilityGrade] = SEVERE_GRADES) -> Severity:
    return Severity.SEVERE if DisabilityGrade(grade) in severe_grades else Severity.NON_SEVERE


def is_severe(grade: DisabilityGrade, severe_grades: frozenset[DisabilityGrade] = SEVERE_GRADES) -> bool:
    return severity_of(grade, severe_grades) is Severity.SEVERE


class HouseholdStatus(StrEnum):
    """Household assistance tier: 低保, 低保边缘, 特困, other low income (其他低收入) or none."""

    DIBAO = "dibao"  # 最低生活保障家庭
    DIBAO_MARGINAL = "dibao_marginal"  # 低保边缘家庭
    TEKUN = "tekun"  # 特困人员
    LOW_INCOME = "low_income"  # 其他低收入家庭
    NONE = "none"


# [D] catalogue §2.2: 困难残疾人 (never defined in the plan) = any assistance tier above, or monitored.
HARDSHIP_STATUSES: frozenset[HouseholdStatus] = frozenset(
    {HouseholdStatus.DIBAO, HouseholdStatus.DIBAO_MARGINAL, HouseholdStatus.TEKUN, HouseholdStatus.LOW_INCOME}
)


def is_hardship(status: HouseholdStatus, anti_relapse_monitored: bool = False) -> bool:
    """困难残疾人: in any assistance tier, or under 防返贫监测 (catalogue §2.2 [D])."""
    return HouseholdStatus(status) in HARDSHIP_STATUSES or anti_relapse_monitored


class TekunSupportMode(StrEnum):
    """How a 特困 person is supported: 集中供养 (in an institution) or 分散供养 (at home)."""

    CENTRALIZED = "centralized"
    DISPERSED = "dispersed"


class GuardianStatus(StrEnum):
    """Guardianship (监护) as it matters in an emergency (专栏6·6)."""

    NOT_A_WARD = "not_a_ward"  # adult with full capacity: no guardian needed
    GUARDIAN_ABLE = "guardian_able"
    GUARDIAN_UNABLE = "guardian_unable"  # 监护人暂时无法履行监护职责


class UrbanRural(StrEnum):
    URBAN = "urban"  # 城镇
    RURAL = "rural"  # 农村


class AdminLevel(StrEnum):
    """Administrative level of a unit or body."""

    PROVINCE = "province"  # 省级
    PREFECTURE = "prefecture"  # 市州
    COUNTY = "county"  # 县市区
    TOWNSHIP = "township"  # 乡镇（街道）
