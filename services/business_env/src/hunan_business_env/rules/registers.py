"""Registers order 307 asks governments to keep: the competent department of each division and complaint routing
(Arts. 3, 50; R99), the supervision-item catalogue (Art. 36; R75), discretion benchmarks with their no-penalty and
lenient lists (Art. 42; R84, R85) and the list of approval intermediary services (Art. 31; R62)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import StrEnum

from hunan_shared import divisions
from hunan_shared.legal import Decision

from .basis import art

ART3 = art("Art. 3 / 第三条", "市州、县市区人民政府应当明确优化营商环境工作主管部门")
ART50 = art("Art. 50 / 第五十条", "优化营商环境工作主管部门……受理损害营商环境的投诉举报")
ART31 = art("Art. 31 para 1 / 第三十一条第一款", "清理规范行政审批中介服务事项，实行中介服务事项清单管理，并动态调整")
ART36 = art("Art. 36 / 第三十六条", "编制监管事项目录清单，明确监管主体、监管对象、监管措施、设定依据、处理方式等内容")
ART42_1 = art("Art. 42 para 1 / 第四十二条第一款", "制定并公布行政裁量权基准，并根据法律法规规章变化及时调整")
ART42_2 = art(
    "Art. 42 para 2 / 第四十二条第二款",
    "明确轻微违法行为不予行政处罚、涉企一般违法行为从轻减轻行政处罚的事项清单",
)


# --- R99: complaint routing ----------------------------------------------------------------------------------


def competent_department(
    division_code: str, designations: Mapping[str, str], provincial_department: str
) -> Decision[str | None]:
    """Arts. 3, 50 / 第三条、第五十条 (R99): a complaint goes to the competent department of the division where the
    respondent sits — the county's when the respondent is a county body, the city's (市州) for a city body, the
    province's (the development & reform department, named by Art. 3 itself) for a provincial body. A city or county
    that has designated no department is a compliance gap: the value is None and the reason names it."""
    level = divisions.get(division_code).level.value
    if division_code == divisions.PROVINCE_CODE:
        return Decision(
            value=provincial_department,
            reason="provincial respondent: the provincial competent department",
            basis=(ART3, ART50),
        )
    department = designations.get(division_code)
    if department is None:
        return Decision(
            value=None,
            reason=f"{division_code} ({level}) has designated no competent department for the business environment",
            basis=(ART3,),
        )
    return Decision(value=department, reason=f"competent department of {division_code} ({level})", basis=(ART3, ART50))


# --- R75: supervision-item catalogue -------------------------------------------------------------------------

SUPERVISION_ITEM_FIELDS = ("supervising_body", "supervised_object", "measures", "legal_basis", "handling")


def _empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple)):
        return not [m for m in value if str(m).strip()]
    return False


def supervision_item_missing(values: Mapping[str, object]) -> Decision[tuple[str, ...]]:
    """Art. 36 / 第三十六条 (R75): an item is published only when it states all five — supervising body, supervised
    object, measures, legal basis and handling method; the value lists the empty ones (blank text or no measure)."""
    missing = tuple(name for name in SUPERVISION_ITEM_FIELDS if _empty(values.get(name)))
    reason = "all five elements stated" if not missing else "missing: " + ", ".join(missing)
    return Decision(value=missing, reason=reason, basis=(ART36,))


# --- R84, R85: discretion benchmarks -------------------------------------------------------------------------


class PenaltyTreatment(StrEnum):
    NO_PENALTY = "NO_PENALTY"  # 轻微违法行为不予行政处罚
    LIGHTER = "LIGHTER"  # 涉企一般违法行为从轻、减轻行政处罚
    ORDINARY = "ORDINARY"  # neither list names the matter: the benchmark's ordinary range applies


def penalty_treatment(
    matter: str, no_penalty: Sequence[str], lighter: Sequence[str], *, first_offence: bool, harm_corrected: bool
) -> Decision[PenaltyTreatment]:
    """Art. 42 para 2 / 第四十二条第二款 (R85): a matter on the benchmark's no-penalty list is not penalised —
    when it is minor, i.e. a first offence whose harm was corrected in time (the Administrative Penalty Law
    art. 33 condition the lists rely on); otherwise, and for matters on the lenient list, the penalty is lighter
    or mitigated. A matter on neither list gets the ordinary range."""
    if matter in no_penalty:
        if first_offence and harm_corrected:
            return Decision(
                value=PenaltyTreatment.NO_PENALTY,
                reason=f"{matter!r} is on the no-penalty list; first offence, harm corrected in time",
                basis=(ART42_2,),
            )
        return Decision(
            value=PenaltyTreatment.LIGHTER,
            reason=f"{matter!r} is on the no-penalty list but not minor here (repeat or harm not corrected): lighter",
            basis=(ART42_2,),
        )
    if matter in lighter:
        return Decision(value=PenaltyTreatment.LIGHTER, reason=f"{matter!r} is on the lenient list", basis=(ART42_2,))
    return Decision(
        value=PenaltyTreatment.ORDINARY, reason=f"{matter!r} is on neither list of the benchmark", basis=(ART42_2,)
    )


def benchmark_lists_valid(no_penalty: Sequence[str], lighter: Sequence[str]) -> Decision[bool]:
    """Art. 42 para 2 (R85): a penalty benchmark defines both lists, and one matter is not on both."""
    if not no_penalty or not lighter:
        return Decision(
            value=False, reason="a penalty benchmark must list both no-penalty and lenient matters", basis=(ART42_2,)
        )
    both = sorted(set(no_penalty) & set(lighter))
    if both:
        return Decision(value=False, reason="on both lists: " + ", ".join(both), basis=(ART42_2,))
    return Decision(value=True, reason="both lists defined", basis=(ART42_2,))


# --- R62: intermediary services ------------------------------------------------------------------------------


def intermediary_allowed(listed_from: dt.date | None, removed_on: dt.date | None, on: dt.date) -> Decision[bool]:
    """Art. 31 para 1 / 第三十一条第一款 (R62): an approval may require an intermediary service only while the
    service is on the published list — entered on or before the day and not removed by then
    (the list is adjusted dynamically)."""
    if listed_from is None:
        return Decision(value=False, reason="the service is not on the intermediary list", basis=(ART31,))
    if on < listed_from:
        return Decision(value=False, reason=f"the service is listed only from {listed_from}", basis=(ART31,))
    if removed_on is not None and on >= removed_on:
        return Decision(value=False, reason=f"the service was removed from the list on {removed_on}", basis=(ART31,))
    return Decision(value=True, reason="on the intermediary list that day", basis=(ART31,))
