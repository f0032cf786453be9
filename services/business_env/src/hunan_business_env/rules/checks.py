"""CHECK rules: pure validators other systems, complaint triage and inspections call (Arts. 4–44)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hunan_shared import divisions
from hunan_shared.legal import Decision

from .basis import (
    ART4,
    ART6,
    ART10,
    ART14,
    ART15,
    ART18,
    ART19,
    ART20,
    ART22,
    ART25,
    ART27,
    ART29,
    ART32,
    ART37,
    ART43,
    ART44,
)

# --- Art. 4: fault tolerance (R2) -----------------------------------------------------------------------


def fault_tolerance_applies(followed_rules: bool, diligent: bool, no_private_gain: bool) -> Decision[bool]:
    """Art. 4 / 第四条 (R2): exemption or mitigation only if all three conditions hold."""
    missing = [
        n
        for n, ok in (
            ("followed the rules", followed_rules),
            ("diligent", diligent),
            ("no private gain", no_private_gain),
        )
        if not ok
    ]
    if missing:
        return Decision[bool](value=False, reason="not met: " + ", ".join(missing), basis=(ART4,))
    return Decision[bool](value=True, reason="all three conditions met: exempt or mitigated", basis=(ART4,))


# --- Art. 6: evaluations (R5) ---------------------------------------------------------------------------


def evaluation_permitted(organiser_level: str) -> Decision[bool]:
    """Art. 6 / 第六条 (R5): only the province organises business-environment evaluations."""
    ok = organiser_level.upper() == "PROVINCE"
    return Decision[bool](
        value=ok, reason="province" if ok else f"{organiser_level} may not organise an evaluation", basis=(ART6,)
    )


# --- Art. 10: start-up bundle (R12) ---------------------------------------------------------------------


class StartupItem(StrEnum):
    ESTABLISHMENT_REGISTRATION = "ESTABLISHMENT_REGISTRATION"  # 设立登记
    SEAL_ENGRAVING = "SEAL_ENGRAVING"  # 公章刻制
    INVOICES_AND_TAX_DEVICE = "INVOICES_AND_TAX_DEVICE"  # 申领发票（含税控设备）
    SOCIAL_INSURANCE_REGISTRATION = "SOCIAL_INSURANCE_REGISTRATION"  # 企业参保登记
    HOUSING_FUND_REGISTRATION = "HOUSING_FUND_REGISTRATION"  # 住房公积金企业缴存登记
    BANK_ACCOUNT_APPOINTMENT = "BANK_ACCOUNT_APPOINTMENT"  # 银行开户预约


def startup_bundle_complete(done: Iterable[StartupItem]) -> Decision[bool]:
    """Art. 10 / 第十条 (R12): the six matters are one matter — complete (and delivered once) only when all are done."""
    missing = sorted(set(StartupItem) - set(done))
    if missing:
        return Decision[bool](value=False, reason="open items: " + ", ".join(missing), basis=(ART10,))
    return Decision[bool](value=True, reason="all six items done: deliver once", basis=(ART10,))


# --- Art. 14: policy catalogue (R19) --------------------------------------------------------------------

POLICY_ELEMENTS = (
    "implementing_department",
    "policy_basis",
    "policy_period",
    "application_conditions",
    "materials",
    "procedure",
    "completion_time_limit",
    "consultation_channel",
    "redemption_form",
    "supervision_channel",
)


def policy_complete(elements: dict[str, str | None]) -> Decision[bool]:
    """Art. 14 / 第十四条 (R19): a published policy states at least the ten elements."""
    missing = [e for e in POLICY_ELEMENTS if not (elements.get(e) or "").strip()]
    if missing:
        return Decision[bool](value=False, reason="policy-incomplete, missing: " + ", ".join(missing), basis=(ART14,))
    return Decision[bool](value=True, reason="all ten elements present", basis=(ART14,))


# --- Art. 15: fee catalogue (R22) -----------------------------------------------------------------------


class FeeOutcome(StrEnum):
    OK = "OK"
    UNLISTED_ITEM = "UNLISTED_ITEM"  # 擅自设立收费项目
    ABOVE_STANDARD = "ABOVE_STANDARD"  # 提高收费标准
    OUT_OF_SCOPE = "OUT_OF_SCOPE"  # 扩大收费范围


def fee_charge_check(
    listed: bool, valid_on_charge_date: bool, amount: Decimal, standard: Decimal | None, in_scope: bool
) -> Decision[FeeOutcome]:
    """Art. 15 / 第十五条 (R22): a charge must be a catalogue item valid that day, at most the standard, in scope."""
    if not listed or not valid_on_charge_date or standard is None:
        return Decision[FeeOutcome](
            value=FeeOutcome.UNLISTED_ITEM, reason="item not in the catalogue on the charge date", basis=(ART15,)
        )
    if amount > standard:
        return Decision[FeeOutcome](
            value=FeeOutcome.ABOVE_STANDARD, reason=f"amount {amount} above standard {standard}", basis=(ART15,)
        )
    if not in_scope:
        return Decision[FeeOutcome](
            value=FeeOutcome.OUT_OF_SCOPE, reason="charge outside the catalogue scope", basis=(ART15,)
        )
    return Decision[FeeOutcome](
        value=FeeOutcome.OK, reason=f"amount {amount} within standard {standard}", basis=(ART15,)
    )


# --- Art. 18: tender conditions (R30 items 2 and 3) -----------------------------------------------------


class TenderCondition(StrEnum):
    LOCAL_BRANCH = "LOCAL_BRANCH"  # 在本地注册设立子公司、分公司、分支机构
    LOCAL_OFFICE_AREA = "LOCAL_OFFICE_AREA"  # 在本地拥有一定办公面积
    LOCAL_SOCIAL_INSURANCE = "LOCAL_SOCIAL_INSURANCE"  # 在本地缴纳社会保险
    REGIONAL_OR_INDUSTRY_RECORD = "REGIONAL_OR_INDUSTRY_RECORD"  # 特定行政区域或者特定行业的业绩、奖项
    OTHER = "OTHER"


LOCAL_PRESENCE = frozenset(
    {TenderCondition.LOCAL_BRANCH, TenderCondition.LOCAL_OFFICE_AREA, TenderCondition.LOCAL_SOCIAL_INSURANCE}
)


class TenderFinding(StrEnum):
    ALLOWED = "ALLOWED"
    LOCAL_PRESENCE = "LOCAL_PRESENCE"
    REGIONAL_OR_INDUSTRY_RECORD = "REGIONAL_OR_INDUSTRY_RECORD"
    REVIEW_UNDER_ITEM_4 = "REVIEW_UNDER_ITEM_4"  # may still be an "other unreasonable condition"


def tender_condition_check(condition: TenderCondition, must_tender_by_law: bool) -> Decision[TenderFinding]:
    """Art. 18 / 第十八条 (R30 (2)(3)): local presence is always banned; regional/industry records are banned as a
    condition or bonus for projects that must be tendered by law and flagged for review elsewhere (B12, B13)."""
    if condition in LOCAL_PRESENCE:
        return Decision[TenderFinding](
            value=TenderFinding.LOCAL_PRESENCE, reason=f"{condition}: banned by item (2)", basis=(ART18,)
        )
    if condition is TenderCondition.REGIONAL_OR_INDUSTRY_RECORD:
        if must_tender_by_law:
            return Decision[TenderFinding](
                value=TenderFinding.REGIONAL_OR_INDUSTRY_RECORD,
                reason="regional/industry record in a must-tender project: item (3)",
                basis=(ART18,),
            )
        return Decision[TenderFinding](
            value=TenderFinding.REVIEW_UNDER_ITEM_4,
            reason="not a must-tender project: review under item (4)",
            basis=(ART18,),
        )
    return Decision[TenderFinding](value=TenderFinding.ALLOWED, reason="no mechanical ban applies", basis=(ART18,))


# How a tender or procurement clause names a local-presence requirement or a regional/industry record. The place
# words are those a document uses for "here" (本地, 当地, 本市, 项目所在地 …) or a named region/industry.
_HERE = r"(?:本地|当地|本市|本省|本县|本区|本州|省内|市内|县内|区内|项目所在地|采购人所在地|招标人所在地)"
_SUFFIXES = ("土家族苗族自治州", "苗族侗族自治县", "自治州", "自治县", "省", "市", "州", "县", "区")


def _place_names() -> str:
    """Every Hunan division name, also without its suffix (长沙市 and 长沙), longest first."""
    names = {d.name for d in divisions.prefectures()} | {d.name for d in divisions.counties()} | {"湖南省"}
    short = {n.removesuffix(s) for n in names for s in _SUFFIXES if n.endswith(s) and len(n.removesuffix(s)) >= 2}
    return "|".join(sorted(names | short, key=len, reverse=True))


_REGION = rf"(?:{_HERE}|{_place_names()}|特定(?:行政)?区域|特定行业|本行业|本系统)"
_TENDER_PATTERNS: tuple[tuple[TenderCondition, re.Pattern[str]], ...] = (
    (
        TenderCondition.LOCAL_BRANCH,
        re.compile(
            rf"{_HERE}[^。；;]{{0,12}}(?:注册|设立|成立)[^。；;]{{0,8}}(?:子公司|分公司|分支机构|办事处|服务机构)"
        ),
    ),
    (TenderCondition.LOCAL_OFFICE_AREA, re.compile(rf"{_HERE}[^。；;]{{0,12}}(?:办公面积|办公场所|办公用房|营业场所)")),
    (
        TenderCondition.LOCAL_SOCIAL_INSURANCE,
        re.compile(rf"{_HERE}[^。；;]{{0,12}}(?:缴纳|参加|参保)[^。；;]{{0,6}}(?:社会保险|社保)"),
    ),
    (
        TenderCondition.REGIONAL_OR_INDUSTRY_RECORD,
        re.compile(rf"{_REGION}[^。；;]{{0,16}}(?:业绩|奖项|获奖|荣誉|评优|鲁班奖|芙蓉奖)"),
    ),
)


def classify_tender_clause(text: str) -> TenderCondition:
    """Art. 18 / 第十八条 (R30 items 2 and 3): which listed condition a clause of a tender or procurement document
    sets, read from its wording; OTHER when none (items 1 and 4 need a human finding)."""
    for condition, pattern in _TENDER_PATTERNS:
        if pattern.search(text):
            return condition
    return TenderCondition.OTHER


# --- Art. 22 and Art. 27: what a window may ask for (R41, R42, R53) -------------------------------------


class MaterialFinding(StrEnum):
    ALLOWED = "ALLOWED"
    EXTRA_MATERIAL = "EXTRA_MATERIAL"  # 办事指南规定之外的申请材料
    VERIFIABLE_ONLINE = "VERIFIABLE_ONLINE"  # 可以通过在线政务服务平台核查的信息
    PAPER_LICENCE_REQUIRED = "PAPER_LICENCE_REQUIRED"  # 电子证照库可获得却要求纸质证照


@dataclass(frozen=True)
class MaterialRequest:
    name: str
    in_guide: bool
    verifiable_online: bool = False
    legal_exception: str | None = None  # a law or regulation that still requires it
    paper_licence_required: bool = False
    licence_in_library: bool = False
    original_recovery_required: bool = False  # 依法需要收回证照原件


def material_request_check(request: MaterialRequest) -> Decision[MaterialFinding]:
    """Art. 22 / 第二十二条 (R41, R42) and Art. 27 / 第二十七条 (R53): a window asks only for materials in the guide,
    not for what the online platform can verify (unless a law says otherwise), and not for a paper licence the
    electronic-licence library holds (unless the original must be taken back by law)."""
    if not request.in_guide:
        return Decision[MaterialFinding](
            value=MaterialFinding.EXTRA_MATERIAL, reason=f"{request.name}: not in the service guide", basis=(ART22,)
        )
    if request.verifiable_online and not (request.legal_exception or "").strip():
        return Decision[MaterialFinding](
            value=MaterialFinding.VERIFIABLE_ONLINE,
            reason=f"{request.name}: verifiable on the online platform; no law requires it",
            basis=(ART22,),
        )
    if request.paper_licence_required and request.licence_in_library and not request.original_recovery_required:
        return Decision[MaterialFinding](
            value=MaterialFinding.PAPER_LICENCE_REQUIRED,
            reason=f"{request.name}: the electronic-licence library holds it; paper may not be required",
            basis=(ART27,),
        )
    return Decision[MaterialFinding](
        value=MaterialFinding.ALLOWED, reason=f"{request.name}: may be asked for", basis=(ART22, ART27)
    )


# --- Art. 19: breach grounds (R32) ----------------------------------------------------------------------


class ChangeReason(StrEnum):
    DIVISION_ADJUSTMENT = "DIVISION_ADJUSTMENT"  # 行政区划调整
    GOVERNMENT_TERM_CHANGE = "GOVERNMENT_TERM_CHANGE"  # 政府换届
    INSTITUTIONAL_ADJUSTMENT = "INSTITUTIONAL_ADJUSTMENT"  # 机构或者职能调整
    RESPONSIBLE_PERSON_CHANGE = "RESPONSIBLE_PERSON_CHANGE"  # 相关责任人更替
    NATIONAL_INTEREST = "NATIONAL_INTEREST"
    PUBLIC_INTEREST = "PUBLIC_INTEREST"


PROHIBITED_BREACH_GROUNDS = frozenset(
    {
        ChangeReason.DIVISION_ADJUSTMENT,
        ChangeReason.GOVERNMENT_TERM_CHANGE,
        ChangeReason.INSTITUTIONAL_ADJUSTMENT,
        ChangeReason.RESPONSIBLE_PERSON_CHANGE,
    }
)


def contract_change_allowed(
    reason: ChangeReason, procedure_ref: str | None, compensation_recorded: bool
) -> Decision[bool]:
    """Art. 19 / 第十九条 (R32, R33): the four listed grounds never justify breach (B14); a national/public-interest
    change needs a statutory procedure and compensation."""
    if reason in PROHIBITED_BREACH_GROUNDS:
        return Decision[bool](value=False, reason=f"{reason} is a prohibited ground", basis=(ART19,))
    if not procedure_ref or not compensation_recorded:
        return Decision[bool](
            value=False, reason="public-interest change needs a procedure reference and compensation", basis=(ART19,)
        )
    return Decision[bool](value=True, reason="lawful change with compensation", basis=(ART19,))


# --- Art. 20: simplified deregistration (R36) -----------------------------------------------------------


class Settlement(StrEnum):
    NONE_INCURRED = "NONE_INCURRED"
    SETTLED = "SETTLED"
    OUTSTANDING = "OUTSTANDING"


DEREGISTRATION_ITEMS = (
    "debts",
    "liquidation_expenses",
    "wages",
    "social_insurance",
    "statutory_compensation",
    "taxes_incl_late_fees_and_fines",
)


def simplified_deregistration_eligible(
    items: dict[str, Settlement], investors: int, commitments_signed: int
) -> Decision[bool]:
    """Art. 20 / 第二十条 (R36): every item never arose or is settled, and all investors committed in writing (B16)."""
    outstanding = [i for i in DEREGISTRATION_ITEMS if items.get(i, Settlement.OUTSTANDING) is Settlement.OUTSTANDING]
    if outstanding:
        return Decision[bool](value=False, reason="outstanding: " + ", ".join(outstanding), basis=(ART20,))
    if investors < 1 or commitments_signed < investors:
        return Decision[bool](
            value=False, reason=f"{commitments_signed} of {investors} investors signed", basis=(ART20,)
        )
    return Decision[bool](value=True, reason="all settled and all investors committed", basis=(ART20,))


# --- Art. 22: service guides (R40, R41) -----------------------------------------------------------------

# A catch-all is a generic material or condition (材料, 证明, 条件 …) left open by 其他 / 有关 / 相关 or by a
# trailing 等: "其他相关材料", "有关证明文件", "营业执照等材料", "法律法规规定的其他条件". The same words inside a
# specific item are not a catch-all: "由有关部门出具的营业执照副本" names one document, so only an item that ENDS in
# a generic noun qualified that way is flagged.
GENERIC_NOUNS = "材料|证明|证明文件|文件|资料|证件|手续|条件|要求|情形"
_CATCH_ALL = re.compile(rf"(?:(?:其他|其它|有关|相关)[^、，,；;。]{{0,8}}?|等)(?:{GENERIC_NOUNS})$")
_ITEM_SEPARATORS = re.compile(r"[\n、，,；;。]+|\s*(?:\(|（)?\d+(?:\)|）|\.|、)\s*")


def guide_items(text: str) -> list[str]:
    """The items of a guide's conditions or materials list (split at list punctuation and item numbers)."""
    return [item.strip(" ：:") for item in _ITEM_SEPARATORS.split(text) if item and item.strip(" ：:")]


def guide_catch_all_terms(text: str, extra_terms: Iterable[str] = ()) -> Decision[list[str]]:
    """Art. 22 / 第二十二条 (R40): conditions and materials contain no vague catch-all requirement such as 其他 or
    有关 (B5). Returns the offending items; `extra_terms` are further words a reviewer lists as catch-alls."""
    extra = tuple(extra_terms)
    hits = [item for item in guide_items(text) if _CATCH_ALL.search(item) or any(t in item for t in extra)]
    return Decision[list[str]](
        value=hits, reason="catch-all items: " + "; ".join(hits) if hits else "no catch-all items", basis=(ART22,)
    )


def extra_materials(requested: Iterable[str], guide_materials: Iterable[str]) -> Decision[list[str]]:
    """Art. 22 / 第二十二条 (R41): a window may not ask for materials outside the guide (EXTRA_MATERIAL)."""
    extra = sorted(set(requested) - set(guide_materials))
    return Decision[list[str]](
        value=extra, reason="extra: " + ", ".join(extra) if extra else "all in the guide", basis=(ART22,)
    )


# --- Art. 25: channel choice (R47) ----------------------------------------------------------------------


def offline_refusal_allowed(refusal_reason: str) -> Decision[bool]:
    """Art. 25 / 第二十五条 (R47): an offline application is not refused because an online channel exists (B7)."""
    ok = refusal_reason.upper() != "ONLINE_AVAILABLE"
    return Decision[bool](
        value=ok, reason="refusal on another ground" if ok else "refused because online exists", basis=(ART25,)
    )


# --- Art. 29: regional assessment and drawing review (R58, R60) -----------------------------------------


def regional_assessment_cost_allowed(paid_by_market_entity: bool, provincial_park_or_higher: bool) -> Decision[bool]:
    """Art. 29 / 第二十九条 (R58): in provincial-or-higher parks the assessment is never billed to an entity (B20)."""
    ok = not (paid_by_market_entity and provincial_park_or_higher)
    return Decision[bool](
        value=ok, reason="billed to the market entity" if not ok else "not billed to the entity", basis=(ART29,)
    )


def drawing_review_fee_allowed(fee: Decimal) -> Decision[bool]:
    """Art. 29 / 第二十九条 (R60): construction-drawing review is zero-fee (零付费)."""
    return Decision[bool](value=fee == 0, reason=f"fee {fee}", basis=(ART29,))


# --- Art. 32: notification-commitment (R69) -------------------------------------------------------------


def commitment_procedure_available(
    serious_bad_credit_at: dt.date | None, false_commitment_at: dt.date | None, credit_repaired_at: dt.date | None
) -> Decision[bool]:
    """Art. 32 / 第三十二条 (R69): excluded after serious bad credit or a false commitment until credit repair (B17)."""
    events = [d for d in (serious_bad_credit_at, false_commitment_at) if d is not None]
    if not events:
        return Decision[bool](value=True, reason="no exclusion", basis=(ART32,))
    if credit_repaired_at is not None and credit_repaired_at > max(events):
        return Decision[bool](value=True, reason=f"credit repaired {credit_repaired_at}", basis=(ART32,))
    return Decision[bool](value=False, reason="standard procedure only until credit repair", basis=(ART32,))


# --- Art. 37: credit-based inspection frequency (R76) ---------------------------------------------------


def sampling_weight(
    credit_class: str, risk_level: str, baseline: float = 1.0, reduced: float = 0.5, increased: float = 2.0
) -> Decision[float]:
    """Art. 37 / 第三十七条 (R76): good credit and low risk ⇒ fewer checks; dishonest or high risk ⇒ more (B25).
    Mixed cases take the stricter factor [INTERP]; the factors are settings."""
    credit, risk = credit_class.upper(), risk_level.upper()
    if credit == "DISHONEST" or risk == "HIGH":
        return Decision[float](value=increased, reason=f"{credit}/{risk}: increased frequency", basis=(ART37,))
    if credit == "GOOD" and risk == "LOW":
        return Decision[float](value=reduced, reason="good credit and low risk: optimised frequency", basis=(ART37,))
    return Decision[float](value=baseline, reason=f"{credit}/{risk}: baseline", basis=(ART37,))


# --- Art. 43: shutdowns and utility cut-offs (R86) ------------------------------------------------------


def coercive_measure_lawful(legal_basis_ref: str | None) -> Decision[bool]:
    """Art. 43 / 第四十三条 (R86): blanket shutdowns or water/power/gas/network cut-offs need a legal basis."""
    ok = bool(legal_basis_ref and legal_basis_ref.strip())
    return Decision[bool](value=ok, reason="legal basis recorded" if ok else "no legal basis recorded", basis=(ART43,))


# --- Art. 44: fair-competition reports (R89) ------------------------------------------------------------


def fair_competition_feedback_mandatory(written: bool, facts_provided: bool) -> Decision[bool]:
    """Art. 44 / 第四十四条 (R89): written reports with supporting facts must be handled and answered (B23)."""
    mandatory = written and facts_provided
    return Decision[bool](
        value=mandatory, reason="written with facts" if mandatory else "informal report", basis=(ART44,)
    )
