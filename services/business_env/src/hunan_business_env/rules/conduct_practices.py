"""MONITOR rules: the conduct happens in another body's system (a bank, an association, a utility, an enforcement
agency, the police); business_env records complaints about it. A complaint may name the practice it reports; the
practice gives the rule, the article and the body the ledger routes the account to (a design decision, see
RULES.md). Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hunan_shared.legal import Basis, Decision

from .basis import art


class Practice(StrEnum):
    # R16, Art. 11 para 2: banks raising financing costs in disguise
    LOAN_TO_DEPOSIT = "LOAN_TO_DEPOSIT"  # 以贷转存
    DEPOSIT_LINKED_LOAN = "DEPOSIT_LINKED_LOAN"  # 存贷挂钩
    INTEREST_SPLIT_INTO_FEES = "INTEREST_SPLIT_INTO_FEES"  # 浮利分费
    TIE_IN_SALES = "TIE_IN_SALES"  # 借贷搭售
    EXTERNAL_DATA_FEE = "EXTERNAL_DATA_FEE"  # 外部数据、评级费用由企业承担
    # R26, Art. 16: trade associations and chambers of commerce
    FORCED_MEMBERSHIP = "FORCED_MEMBERSHIP"  # 强制入会
    OBSTRUCTED_WITHDRAWAL = "OBSTRUCTED_WITHDRAWAL"  # 阻碍退会
    FORCED_PAID_ACTIVITY = "FORCED_PAID_ACTIVITY"  # 强制参加评比、达标、培训、考核等活动并收费
    CANCELLED_LICENCE = "CANCELLED_LICENCE"  # 变相继续实施已取消的行政许可
    # R28, Art. 17 para 2: public utilities
    EXTRA_STEPS = "EXTRA_STEPS"  # 增加环节、申请材料、前置条件
    ILLEGAL_FEE = "ILLEGAL_FEE"  # 违法收费
    FORCED_DESIGNATED_SERVICE = "FORCED_DESIGNATED_SERVICE"  # 强制指定施工、设备材料采购
    # R38, Art. 21 para 2: a bankruptcy administrator's lawful query not cooperated with
    ADMINISTRATOR_QUERY_REFUSED = "ADMINISTRATOR_QUERY_REFUSED"
    # R64, Art. 31 para 2: intermediaries
    DESIGNATED_INTERMEDIARY = "DESIGNATED_INTERMEDIARY"  # 指定中介服务机构
    INTERMEDIARY_QUOTA = "INTERMEDIARY_QUOTA"  # 数量控制
    # R82, Art. 41 para 1: enforcement conduct
    HINDERED_BUSINESS = "HINDERED_BUSINESS"  # 妨碍正常生产经营
    SOLICITED_MONEY = "SOLICITED_MONEY"  # 索取、收受财物，谋取不正当利益
    PRINCIPAL_ACCOMPANIMENT = "PRINCIPAL_ACCOMPANIMENT"  # 要求企业主要负责人陪同检查
    # R90, Art. 45 paras 1-2: seizure, freezing, impounding
    OVER_AUTHORITY = "OVER_AUTHORITY"  # 超权限
    OVER_SCOPE = "OVER_SCOPE"  # 超范围
    OVER_AMOUNT = "OVER_AMOUNT"  # 超数额
    OVER_TIME_LIMIT = "OVER_TIME_LIMIT"  # 超时限
    # R91, Art. 45 para 3: construction and business order
    FORCED_CONTRACTING = "FORCED_CONTRACTING"  # 强揽工程
    OBSTRUCTED_CONSTRUCTION = "OBSTRUCTED_CONSTRUCTION"  # 恶意阻工
    FORCED_TRADE = "FORCED_TRADE"  # 强买强卖
    HARASSMENT = "HARASSMENT"  # 滋扰闹事


@dataclass(frozen=True)
class ConductRule:
    rule: str
    respondent_type: str
    routed_to: str  # the body that acts on the account besides the respondent's division
    basis: Basis


_R16 = ConductRule(
    "R16",
    "FIN_INSTITUTION",
    "地方金融监管部门及人民银行、银行保险监管机构 (financial regulators)",
    art("Art. 11 para 2 / 第十一条第二款", "不得以贷转存、存贷挂钩、浮利分费、借贷搭售等方式变相提高融资成本"),
)
_R26 = ConductRule(
    "R26",
    "TRADE_ASSOCIATION",
    "民政部门 (association registration authority) 及行业主管部门",
    art("Art. 16 / 第十六条", "行业协会商会不得强制入会、阻碍退会，不得强制参加评比、达标、培训、考核等活动并收费"),
)
_R28 = ConductRule(
    "R28",
    "PUBLIC_UTILITY",
    "市场监督管理部门及公用企事业单位的行业主管部门",
    art("Art. 17 para 2 / 第十七条第二款", "公用企事业单位不得增加环节、违法收费、强制指定服务"),
)
_R38 = ConductRule(
    "R38",
    "GOV_BODY",
    "人民法院破产审判协调机制 (bankruptcy coordination) 及被查询单位的上级主管部门",
    art("Art. 21 para 2 / 第二十一条第二款", "破产管理人依法查询破产企业信息的，有关部门和金融机构应当予以配合"),
)
_R64 = ConductRule(
    "R64",
    "GOV_BODY",
    "本级政务服务管理部门及纪检监察机关 (Art. 51 when an official is involved)",
    art("Art. 31 para 2 / 第三十一条第二款", "不得利用职务之便指定中介服务机构，不得以数量控制方式限制中介服务机构"),
)
_R82 = ConductRule(
    "R82",
    "ENFORCEMENT_AGENCY",
    "司法行政部门 (administrative enforcement supervision) 及纪检监察机关",
    art(
        "Art. 41 para 1 / 第四十一条第一款", "不得妨碍正常生产经营、索取收受财物；原则上不得要求企业主要负责人陪同检查"
    ),
)
_R90 = ConductRule(
    "R90",
    "ENFORCEMENT_AGENCY",
    "司法行政部门 (administrative enforcement supervision) 及作出措施机关的上级机关",
    art("Art. 45 paras 1–2 / 第四十五条第一款至第二款", "严禁超权限、超范围、超数额、超时限查封、冻结、扣押"),
)
_R91 = ConductRule(
    "R91",
    "OTHER",
    "公安机关 (public security)",
    art("Art. 45 para 3 / 第四十五条第三款", "公安机关及时处置强揽工程、恶意阻工、强买强卖、滋扰闹事等行为"),
)

_RULES: dict[Practice, ConductRule] = {
    **dict.fromkeys(
        (
            Practice.LOAN_TO_DEPOSIT,
            Practice.DEPOSIT_LINKED_LOAN,
            Practice.INTEREST_SPLIT_INTO_FEES,
            Practice.TIE_IN_SALES,
            Practice.EXTERNAL_DATA_FEE,
        ),
        _R16,
    ),
    **dict.fromkeys(
        (
            Practice.FORCED_MEMBERSHIP,
            Practice.OBSTRUCTED_WITHDRAWAL,
            Practice.FORCED_PAID_ACTIVITY,
            Practice.CANCELLED_LICENCE,
        ),
        _R26,
    ),
    **dict.fromkeys((Practice.EXTRA_STEPS, Practice.ILLEGAL_FEE, Practice.FORCED_DESIGNATED_SERVICE), _R28),
    Practice.ADMINISTRATOR_QUERY_REFUSED: _R38,
    **dict.fromkeys((Practice.DESIGNATED_INTERMEDIARY, Practice.INTERMEDIARY_QUOTA), _R64),
    **dict.fromkeys((Practice.HINDERED_BUSINESS, Practice.SOLICITED_MONEY, Practice.PRINCIPAL_ACCOMPANIMENT), _R82),
    **dict.fromkeys(
        (Practice.OVER_AUTHORITY, Practice.OVER_SCOPE, Practice.OVER_AMOUNT, Practice.OVER_TIME_LIMIT), _R90
    ),
    **dict.fromkeys(
        (Practice.FORCED_CONTRACTING, Practice.OBSTRUCTED_CONSTRUCTION, Practice.FORCED_TRADE, Practice.HARASSMENT),
        _R91,
    ),
}

MONITORED_RULES = ("R16", "R26", "R28", "R38", "R64", "R82", "R90", "R91")


def classify_practice(practice: Practice) -> Decision[ConductRule]:
    """The rule a reported practice falls under, its article and where the account is routed (R16, R26, R28, R38,
    R64, R82, R90, R91)."""
    rule = _RULES[practice]
    return Decision[ConductRule](
        value=rule, reason=f"{practice} is conduct under {rule.rule}; routed to {rule.routed_to}", basis=(rule.basis,)
    )


def practices_of(rule: str) -> tuple[Practice, ...]:
    """Every practice classified under one rule id."""
    return tuple(p for p, r in _RULES.items() if r.rule == rule)
