"""Transplanting 移植 (Arts. 26–28) and felling 采伐 (Art. 30): grounds, application, approval, cost bearer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import ART26, ART27, ART28, ART30
from .habitat import KEY_TIERS, ProjectTier
from .periods import add_years

AFTERCARE_YEARS = 5  # 移植后五年内


class TransplantGround(StrEnum):
    T1_ENVIRONMENT_CHANGED = "T1_ENVIRONMENT_CHANGED"  # 26(1) 原生长环境改变，可能导致死亡
    T2_PUBLIC_LIFE_HAZARD = "T2_PUBLIC_LIFE_HAZARD"  # 26(2) 危害公众生命安全且无法采取防护措施消除
    T3_KEY_PROJECT = "T3_KEY_PROJECT"  # 26(3) 国家和省重点建设项目确实无法避让且无法有效保护


class ConsultationMode(StrEnum):
    """How public opinion was solicited (Art. 27: 听证会、公示等形式)."""

    HEARING = "HEARING"
    PUBLIC_NOTICE = "PUBLIC_NOTICE"
    OTHER = "OTHER"


class CostBearer(StrEnum):
    COUNTY_OR_ABOVE_GOVERNMENT = "COUNTY_OR_ABOVE_GOVERNMENT"  # 县级以上人民政府
    APPLICANT_UNIT = "APPLICANT_UNIT"  # 申请移植单位


class FellingGround(StrEnum):
    F1_UNTRANSPLANTABLE = "F1_UNTRANSPLANTABLE"  # 30(1)
    F2_QUARANTINE_PEST = "F2_QUARANTINE_PEST"  # 30(2)
    F3_DEAD = "F3_DEAD"  # 30(3)


@dataclass(frozen=True)
class SiteFacts:
    """Findings about a tree and its site that the grounds of Arts. 26 and 30 test."""

    environment_unsuitable: bool = False  # 原生长环境发生改变不适宜继续生长
    may_cause_death: bool = False  # 可能导致古树名木死亡
    endangers_public_life: bool = False  # 可能对公众生命安全造成危害 (property alone does not count)
    hazard_removable: bool = True  # 能够采取防护措施消除隐患
    project_tier: ProjectTier | None = None
    project_avoidable: bool = True
    effectively_protectable: bool = True
    species_untransplantable: bool = False  # 树种生物学特性特殊，不可能移植成活
    quarantine_pest: bool = False  # 感染松材线虫病等检疫性有害生物
    pest_controllable: bool = True
    confirmed_dead: bool = False


def _ground_holds(ground: TransplantGround, facts: SiteFacts) -> tuple[bool, str]:
    if ground is TransplantGround.T1_ENVIRONMENT_CHANGED:
        return facts.environment_unsuitable and facts.may_cause_death, "environment unsuitable and may cause death"
    if ground is TransplantGround.T2_PUBLIC_LIFE_HAZARD:
        return (
            facts.endangers_public_life and not facts.hazard_removable,
            "hazard to public life that protection cannot remove",
        )
    key = facts.project_tier in KEY_TIERS
    return (
        key and not facts.project_avoidable and not facts.effectively_protectable,
        "national/provincial key project that cannot avoid and cannot protect effectively",
    )


def transplant_admissible(ground: TransplantGround, facts: SiteFacts) -> Decision[bool]:
    """Art. 26 / 第二十六条 (R27): nearby protective transplanting only on one of three grounds, every limb met."""
    holds, limbs = _ground_holds(ground, facts)
    reason = f"{ground}: {limbs}" + ("" if holds else " — not established")
    return Decision[bool](value=holds, reason=reason, basis=(ART26,))


def application_complete(has_plan: bool, funding_secured: bool) -> Decision[bool]:
    """Art. 27 para 1 / 第二十七条第一款 (R28): a transplant plan (移植方案) and secured funding (落实费用)."""
    missing = [
        name for name, present in (("transplant plan", has_plan), ("secured funding", funding_secured)) if not present
    ]
    if missing:
        return Decision[bool](value=False, reason="missing: " + ", ".join(missing), basis=(ART27,))
    return Decision[bool](value=True, reason="plan and funding present", basis=(ART27,))


def approval_allowed(
    expert_review_done: bool, consultation_mode: ConsultationMode | None, consultation_closed: bool
) -> Decision[bool]:
    """Art. 27 para 2 / 第二十七条第二款 (R29): approval needs an expert review (专家论证) and a closed public
    consultation (听证会、公示等形式)."""
    missing = []
    if not expert_review_done:
        missing.append("expert review")
    if consultation_mode is None or not consultation_closed:
        missing.append("closed public consultation (hearing or public notice)")
    if missing:
        return Decision[bool](value=False, reason="approval needs: " + ", ".join(missing), basis=(ART27,))
    return Decision[bool](value=True, reason=f"expert review done; {consultation_mode} closed", basis=(ART27,))


def cost_bearer(ground: TransplantGround) -> Decision[CostBearer]:
    """Art. 28 / 第二十八条 (R31): grounds 26(1)/(2) → county-or-above government; 26(3) → the applicant unit;
    the bearer also pays rejuvenation and maintenance for five years after transplanting."""
    if ground is TransplantGround.T3_KEY_PROJECT:
        return Decision[CostBearer](
            value=CostBearer.APPLICANT_UNIT, reason="26(3) key project: 由申请移植单位承担", basis=(ART28,)
        )
    return Decision[CostBearer](
        value=CostBearer.COUNTY_OR_ABOVE_GOVERNMENT, reason=f"{ground}: 由县级以上人民政府承担", basis=(ART28,)
    )


def aftercare_until(executed_on: dt.date) -> Decision[dt.date]:
    """Art. 28 / 第二十八条 (R31): five years of aftercare from the transplant date (29 Feb → 28 Feb)."""
    until = add_years(executed_on, AFTERCARE_YEARS)
    return Decision[dt.date](value=until, reason=f"executed {executed_on} + 5 years", basis=(ART28,))


def felling_admissible(ground: FellingGround, facts: SiteFacts) -> Decision[bool]:
    """Art. 30 / 第三十条 (R34): (1) a 26(2) or 26(3) situation with an untransplantable species; (2) an
    uncontrollable quarantine pest; (3) confirmed dead. A changed environment (26(1)) never supports felling."""
    if ground is FellingGround.F1_UNTRANSPLANTABLE:
        t2, _ = _ground_holds(TransplantGround.T2_PUBLIC_LIFE_HAZARD, facts)
        t3, _ = _ground_holds(TransplantGround.T3_KEY_PROJECT, facts)
        ok = (t2 or t3) and facts.species_untransplantable
        reason = "26(2)/26(3) situation and species cannot survive transplanting"
    elif ground is FellingGround.F2_QUARANTINE_PEST:
        ok = facts.quarantine_pest and not facts.pest_controllable
        reason = "quarantine pest that cannot be controlled"
    else:
        ok = facts.confirmed_dead
        reason = "death confirmed by appraisal"
    return Decision[bool](value=ok, reason=f"{ground}: {reason}" + ("" if ok else " — not established"), basis=(ART30,))
