"""Financing instruments (Art. 11) and labour and talent services (Art. 12) published as policy benefits of the
pro-enterprise list (Art. 14), so that enterprises find them and are matched to them like any other policy."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import art

ART11 = art(
    "Art. 11 / 第十一条",
    "政府性融资担保、风险补偿、保费补贴、增信；银企对接；应收账款、生产设备、产品、车辆、船舶、知识产权等动产和权利担保融资",
)
ART12 = art(
    "Art. 12 / 第十二条",
    "职业技能培训、校企合作；人才居留落户、租购住房、社保医保、子女入学、配偶就业、项目孵化、资金支持、职称评聘",
)


class Benefit(StrEnum):
    # Art. 11 / 第十一条: financing support (R14)
    FINANCING_GUARANTEE = "FINANCING_GUARANTEE"  # 政府性融资担保
    RISK_COMPENSATION = "RISK_COMPENSATION"  # 风险补偿
    PREMIUM_SUBSIDY = "PREMIUM_SUBSIDY"  # 保费补贴
    CREDIT_ENHANCEMENT = "CREDIT_ENHANCEMENT"  # 增信
    BANK_ENTERPRISE_MATCHING = "BANK_ENTERPRISE_MATCHING"  # 银企对接
    SECURED_FINANCING = "SECURED_FINANCING"  # 动产和权利担保融资
    LISTING_SUBSIDY = "LISTING_SUBSIDY"  # 上市、挂牌、发行债券费用补助 (有条件的地方)
    # Art. 12 / 第十二条: labour and talent services (R17)
    VOCATIONAL_TRAINING = "VOCATIONAL_TRAINING"  # 职业技能培训
    SCHOOL_ENTERPRISE = "SCHOOL_ENTERPRISE"  # 校企合作
    TALENT_RESIDENCE = "TALENT_RESIDENCE"  # 居留落户
    TALENT_HOUSING = "TALENT_HOUSING"  # 租购住房
    TALENT_INSURANCE = "TALENT_INSURANCE"  # 社保医保
    TALENT_SCHOOLING = "TALENT_SCHOOLING"  # 子女入学
    TALENT_SPOUSE_EMPLOYMENT = "TALENT_SPOUSE_EMPLOYMENT"  # 配偶就业
    TALENT_INCUBATION = "TALENT_INCUBATION"  # 项目孵化
    TALENT_FUNDING = "TALENT_FUNDING"  # 资金支持
    TALENT_TITLE = "TALENT_TITLE"  # 职称评聘


FINANCING = frozenset(list(Benefit)[:7])


class Collateral(StrEnum):
    ACCOUNTS_RECEIVABLE = "ACCOUNTS_RECEIVABLE"  # 应收账款
    PRODUCTION_EQUIPMENT = "PRODUCTION_EQUIPMENT"  # 生产设备
    PRODUCTS = "PRODUCTS"  # 产品
    VEHICLES = "VEHICLES"  # 车辆
    SHIPS = "SHIPS"  # 船舶
    INTELLECTUAL_PROPERTY = "INTELLECTUAL_PROPERTY"  # 知识产权


def benefit_valid(benefit: Benefit | None, collateral: Sequence[Collateral]) -> Decision[bool]:
    """Art. 11 / 第十一条 (R14): secured financing names the movables or rights it accepts (at least one of the six
    kinds the article lists); no other benefit takes collateral. Art. 12 (R17) services take none either."""
    basis = (ART12,) if benefit is not None and benefit not in FINANCING else (ART11,)
    if benefit is Benefit.SECURED_FINANCING and not collateral:
        return Decision[bool](value=False, reason="secured financing must name the collateral it accepts", basis=basis)
    if benefit is not Benefit.SECURED_FINANCING and collateral:
        return Decision[bool](value=False, reason="only secured financing takes collateral", basis=basis)
    return Decision[bool](value=True, reason=f"benefit {benefit or 'unclassified'}", basis=basis)
