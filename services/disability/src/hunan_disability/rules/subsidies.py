"""The two subsidies (两项补贴): 困难残疾人生活补贴 and 重度残疾人护理补贴 — eligibility, dated standards, amounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from hunan_shared import divisions
from hunan_shared.legal import Basis, Decision

from .basis import TWO_SUBSIDIES_POLICY, background, design, plan
from .enums import SEVERE_GRADES, DisabilityCategory, DisabilityGrade, HouseholdStatus
from .errors import NoSubsidyStandard

R5 = plan("三(二)1", "R5", "有条件的地方可将困难残疾人生活补贴覆盖至低保边缘家庭中的残疾人和其他困难残疾人")
R6 = plan("三(二)1", "R6", "重度残疾人护理补贴覆盖至非重度智力、精神残疾人或其他残疾人")
R7 = plan("专栏3·资金类·2", "R7", "补贴标准动态调整机制……推动两项补贴资格认定申请'跨省通办'")
BG_LIVING = background(TWO_SUBSIDIES_POLICY, "二(一)", "生活补贴：低保家庭中的残疾人")
BG_NURSING = background(TWO_SUBSIDIES_POLICY, "二(二)", "护理补贴：残疾等级为一、二级且需要长期照护的重度残疾人")

CENT = Decimal("0.01")


class SubsidyProgram(StrEnum):
    LIVING = "living_subsidy"  # 困难残疾人生活补贴
    NURSING = "nursing_subsidy"  # 重度残疾人护理补贴


@dataclass(frozen=True)
class LivingSubsidyPolicy:
    """Per-division switches for the living subsidy (settings `living_subsidy.*`)."""

    extend_to_marginal: bool = False  # ext_marginal: 低保边缘家庭中的残疾人 (R5 [T], optional)
    extend_to_other_hardship: bool = False  # ext_other_hardship: 其他困难残疾人 (R5 [T], optional)
    exclude_tekun: bool = True  # [BG] 特困供养 already covers basic living
    exclude_orphan_allowance: bool = True  # [BG] 孤儿基本生活费 already covers basic living


@dataclass(frozen=True)
class NursingSubsidyPolicy:
    """Per-division switches for the nursing subsidy (settings `nursing_subsidy.*`)."""

    extend_to_nonsevere_intellectual_mental: bool = False  # ext_nonsevere_intellectual_mental (R6 [T])
    extend_to_other: bool = False  # ext_other: 其他残疾人 (R6 [T])
    severe_grades: frozenset[DisabilityGrade] = SEVERE_GRADES


def _registration_problem(holds_valid_certificate: bool, has_local_hukou_or_residence: bool) -> str | None:
    if not holds_valid_certificate:
        return "no valid disability certificate (持证)"
    if not has_local_hukou_or_residence:
        return "neither 户籍 nor accepted residence in the division"
    return None


def living_subsidy_eligibility(
    household_status: HouseholdStatus,
    holds_valid_certificate: bool,
    has_local_hukou_or_residence: bool,
    other_hardship: bool = False,
    receives_orphan_allowance: bool = False,
    policy: LivingSubsidyPolicy = LivingSubsidyPolicy(),
) -> Decision[bool]:
    """三(二)1 (R5) 困难残疾人生活补贴: base [BG] 低保 households; divisions may extend to 低保边缘 and others."""
    basis = (R5, BG_LIVING)
    status = HouseholdStatus(household_status)
    problem = _registration_problem(holds_valid_certificate, has_local_hukou_or_residence)
    if problem:
        return Decision[bool](value=False, reason=problem, basis=basis)
    if policy.exclude_tekun and status is HouseholdStatus.TEKUN:
        return Decision[bool](value=False, reason="特困供养 recipient: excluded (overlapping benefit)", basis=basis)
    if policy.exclude_orphan_allowance and receives_orphan_allowance:
        return Decision[bool](
            value=False, reason="receives 孤儿基本生活费: excluded (overlapping benefit)", basis=basis
        )
    if status is HouseholdStatus.DIBAO:
        return Decision[bool](value=True, reason="disabled person in a 低保 household (base)", basis=basis)
    if status is HouseholdStatus.DIBAO_MARGINAL and policy.extend_to_marginal:
        return Decision[bool](value=True, reason="低保边缘 household, division extension on", basis=basis)
    if other_hardship and policy.extend_to_other_hardship:
        return Decision[bool](value=True, reason="other hardship, division extension on", basis=basis)
    return Decision[bool](value=False, reason=f"household status {status.value}: no route applies", basis=basis)


def nursing_subsidy_eligibility(
    category: DisabilityCategory,
    grade: DisabilityGrade,
    needs_long_term_care: bool,
    holds_valid_certificate: bool,
    has_local_hukou_or_residence: bool,
    policy: NursingSubsidyPolicy = NursingSubsidyPolicy(),
) -> Decision[bool]:
    """三(二)1 (R6) 重度残疾人护理补贴: base [BG] grade 1–2 needing long-term care; optional local extensions.

    The extension routes do not test the long-term-care need: the text extends coverage to the group itself.
    """
    basis = (R6, BG_NURSING)
    category, grade = DisabilityCategory(category), DisabilityGrade(grade)
    problem = _registration_problem(holds_valid_certificate, has_local_hukou_or_residence)
    if problem:
        return Decision[bool](value=False, reason=problem, basis=basis)
    severe = grade in policy.severe_grades
    if severe and needs_long_term_care:
        return Decision[bool](value=True, reason=f"grade {int(grade)} with long-term care need (base)", basis=basis)
    if (
        not severe
        and category in (DisabilityCategory.INTELLECTUAL, DisabilityCategory.MENTAL)
        and policy.extend_to_nonsevere_intellectual_mental
    ):
        return Decision[bool](value=True, reason="non-severe intellectual/mental, division extension on", basis=basis)
    if policy.extend_to_other:
        return Decision[bool](value=True, reason="other disabled persons, division extension on", basis=basis)
    if severe:
        return Decision[bool](value=False, reason="severe but no long-term care need", basis=basis)
    return Decision[bool](value=False, reason=f"grade {int(grade)} is not severe; no extension on", basis=basis)


# --- Dated standards (R7) --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubsidyStandard:
    """One dated monthly standard (补贴标准) of one programme for one division, in CNY per person per month."""

    program: SubsidyProgram
    division_code: str
    amount: Decimal
    effective_from: dt.date
    reference: str = ""  # the local document that set it (OpenFisca-style: every parameter is referenced)


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month_start(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _division_chain(division_code: str) -> list[str]:
    """The division and every division above it: county → prefecture → province."""
    chain = []
    node: divisions.Division | None = divisions.get(division_code)
    while node is not None:
        chain.append(node.code)
        node = divisions.get(node.parent) if node.parent else None
    return chain


def standard_for(division_code: str, month: dt.date, standards: Iterable[SubsidyStandard]) -> Decision[SubsidyStandard]:
    """专栏3·资金类·2 (R7): the standard in force for a division in a month.

    The latest standard with `effective_from` on or before the first day of the month wins; a division
    without one inherits from its prefecture, then the province. All standards must be of one programme.
    """
    candidates = list(standards)
    programs = {standard.program for standard in candidates}
    if len(programs) > 1:
        raise ValueError(f"standards mix programmes {sorted(programs)}: filter by programme first")
    month_start = first_of_month(month)
    for level_code in _division_chain(division_code):
        in_force = [s for s in candidates if s.division_code == level_code and s.effective_from <= month_start]
        if not in_force:
            continue
        latest = max(in_force, key=lambda s: s.effective_from)
        if sum(1 for s in in_force if s.effective_from == latest.effective_from) > 1:
            raise ValueError(f"two standards for {level_code} from {latest.effective_from}: ambiguous")
        inherited = "" if level_code == division_code else f" (inherited from {level_code})"
        return Decision[SubsidyStandard](
            value=latest,
            reason=f"{latest.amount} from {latest.effective_from}{inherited}",
            basis=(R7,),
        )
    raise NoSubsidyStandard(f"no standard in force for {division_code} or above in {month_start:%Y-%m}")


def monthly_amount(
    division_code: str, month: dt.date, approved_on: dt.date, standards: Iterable[SubsidyStandard]
) -> Decision[Decimal]:
    """R7: amount payable for one month — the standard in force, from the month after approval (次月起发放 [BG])."""
    payable_from = next_month_start(approved_on)
    basis = (R7, design("R7", "payment starts the month after approval"))
    if first_of_month(month) < payable_from:
        return Decision[Decimal](
            value=Decimal("0.00"),
            reason=f"payable from {payable_from:%Y-%m} (month after approval)",
            basis=basis,
        )
    standard = standard_for(division_code, month, standards).value
    amount = Decimal(standard.amount).quantize(CENT, rounding=ROUND_HALF_UP)
    return Decision[Decimal](
        value=amount,
        reason=f"standard of {standard.division_code} from {standard.effective_from}",
        basis=basis,
    )


def both_subsidies_allowed() -> Decision[bool]:
    """R6 boundary [BG]: a person eligible for both subsidies receives both (they cover different needs)."""
    return Decision[bool](
        value=True, reason="living and nursing subsidies are cumulative", basis=(R6, BG_LIVING, BG_NURSING)
    )


def cross_province_application_accepted(hukou_province_code: str, residence_province_code: str) -> Decision[str]:
    """专栏3·资金类·2 (R7) 跨省通办: accept where the person lives; decide where the 户籍 is."""
    route = "local" if hukou_province_code[:2] == residence_province_code[:2] else "route_to_hukou_authority"
    return Decision[str](
        value=route,
        reason="same province: decide locally" if route == "local" else "户籍 elsewhere: accept and route",
        basis=(R7,),
    )


# --- Extension switches decided per division (R5, R6 "有条件的地方可…") ------------------------------------

EXTENSION_SWITCHES: dict[str, Basis] = {
    "living_subsidy_ext_marginal": R5,
    "living_subsidy_ext_other_hardship": R5,
    "nursing_subsidy_ext_nonsevere_intellectual_mental": R6,
    "nursing_subsidy_ext_other": R6,
}


def extension_in_force(
    switch: str, division_chain: Sequence[str], choices: Mapping[str, bool], default: bool
) -> Decision[bool]:
    """三(二)1 (R5, R6): the extensions are for "有条件的地方" — each city or county decides. The nearest
    division that decided (county, then prefecture, then province) rules; none decided → the service default.

    `division_chain` is the person's county and the divisions above it, nearest first; `choices` maps a
    division code to its decision on this switch."""
    basis = (EXTENSION_SWITCHES[switch],)
    for code in division_chain:
        if code in choices:
            on = choices[code]
            return Decision[bool](
                value=on, reason=f"{switch} {'on' if on else 'off'} as decided by {code}", basis=basis
            )
    return Decision[bool](value=default, reason=f"{switch}: no division decided; service default", basis=basis)
