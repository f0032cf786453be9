"""The province-wide service-item catalogue and the service hall (Arts. 4, 5, 17, 22–25): local variants identical
to the catalogue entry, hall inclusion unless exempted, where an item is accepted (pilot zones, Chang-Zhu-Tan
same-city, in-province handling), and the hall's and bundles' operating checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

from hunan_shared.legal import Decision
from hunan_shared.workdays import add_working_days

from .basis import art

ART4_PILOT = art("Art. 4 para 2 / 第四条第二款", "自由贸易试验区、湘江新区和国家级园区先行先试")
ART5 = art("Art. 5 / 第五条", "推进长株潭营商环境一体化，政务服务同城化")
ART17 = art("Art. 17 para 1 / 第十七条第一款", "公用企事业单位进驻政务服务大厅，公开服务标准、资费标准和办理时限")
ART22 = art(
    "Art. 22 para 1 / 第二十二条第一款",
    "全省统一的政务服务事项目录和办事指南；同一事项在省市县乡村各级办理条件、流程、时限、申请材料等要素统一",
)
ART23 = art("Art. 23 / 第二十三条", "一件事一次办：一次告知、一次表单、一次联办、一次送达")
ART24_HALL = art(
    "Art. 24 para 1 / 第二十四条第一款", "政务服务事项全部纳入综合性政务服务大厅，因涉密、安全等特殊原因除外"
)
ART24_MODEL = art(
    "Art. 24 paras 2–3 / 第二十四条第二款至第三款",
    "前台综合受理、后台分类审批、综合窗口出件；一次性告知、首问负责、收件凭证、限时办结",
)
ART25 = art("Art. 25 para 1 / 第二十五条第一款", "与全省一体化在线政务服务平台对接，数据共享，避免二次录入")

CZT_CITIES = ("4301", "4302", "4303")  # 长沙、株洲、湘潭


class Level(StrEnum):
    PROVINCE = "PROVINCE"
    CITY = "CITY"
    COUNTY = "COUNTY"
    TOWNSHIP = "TOWNSHIP"
    VILLAGE = "VILLAGE"


class Handling(StrEnum):
    LOCAL = "LOCAL"  # accepted where the applicant is registered (same city)
    IN_PROVINCE = "IN_PROVINCE"  # 省内通办
    CROSS_PROVINCE = "CROSS_PROVINCE"  # 跨省通办


class HallExemption(StrEnum):
    SECRECY = "SECRECY"  # 涉密
    SAFETY = "SAFETY"  # 安全
    OTHER_SPECIAL = "OTHER_SPECIAL"  # 等特殊原因 (a note is required)


def variant_differences(catalogue: dict[str, object], variant: dict[str, object]) -> Decision[tuple[str, ...]]:
    """Art. 22 para 1 / 第二十二条第一款 (R39): a city, county, township or village variant of a catalogue item keeps
    the catalogue entry's conditions, process (steps), time limit and application materials; the value lists the
    elements that differ (empty = the variant is the same item)."""
    keys = ("conditions", "steps", "time_limit_working_days", "materials")
    diff = tuple(k for k in keys if catalogue.get(k) != variant.get(k))
    reason = "same conditions, process, time limit and materials" if not diff else f"differs in {', '.join(diff)}"
    return Decision[tuple[str, ...]](value=diff, reason=reason, basis=(ART22,))


def hall_inclusion(included: bool, exemption: HallExemption | None, note: str | None) -> Decision[bool]:
    """Art. 24 para 1 / 第二十四条第一款 (R44): every item is in the comprehensive hall unless a secrecy, safety or
    similar special reason exempts it; the special reason must be stated."""
    if included:
        if exemption is not None:
            return Decision[bool](value=False, reason="an item in the hall takes no exemption", basis=(ART24_HALL,))
        return Decision[bool](value=True, reason="in the comprehensive hall", basis=(ART24_HALL,))
    if exemption is None:
        return Decision[bool](
            value=False,
            reason="an item outside the hall needs a secrecy, safety or special reason",
            basis=(ART24_HALL,),
        )
    if exemption is HallExemption.OTHER_SPECIAL and not (note and note.strip()):
        return Decision[bool](value=False, reason="a special reason must be stated in a note", basis=(ART24_HALL,))
    return Decision[bool](value=True, reason=f"outside the hall: {exemption}", basis=(ART24_HALL,))


def acceptance(
    *,
    item_division: str,
    handling: Handling,
    czt_same_city: bool,
    pilot_zones: Sequence[str],
    applicant_division: str,
    accepting_division: str,
    accepting_zone: str | None,
) -> Decision[bool]:
    """Whether an accepting office takes an applicant for an item.

    Art. 4 para 2 / 第四条第二款 (R3): an item restricted to pilot zones (先行先试) is accepted only at an office in
    one of them. Art. 22 para 1 (R39): an in-province or cross-province item is accepted anywhere without
    distinction. Art. 5 / 第五条 (R4): a same-city item accepts applicants of Changsha, Zhuzhou and Xiangtan alike
    at any office of the three cities. Otherwise the applicant and the office are of the item's city."""
    if pilot_zones and accepting_zone not in pilot_zones:
        return Decision[bool](
            value=False,
            reason=f"piloted only in {', '.join(pilot_zones)}; not yet rolled out province-wide",
            basis=(ART4_PILOT,),
        )
    if handling is not Handling.LOCAL:
        return Decision[bool](value=True, reason=f"{handling}: accepted without distinction", basis=(ART22,))
    city, app_city, office_city = item_division[:4], applicant_division[:4], accepting_division[:4]
    if czt_same_city and {city, app_city, office_city} <= set(CZT_CITIES):
        return Decision[bool](value=True, reason="Chang-Zhu-Tan same-city service", basis=(ART5,))
    if app_city == city and office_city == city:
        return Decision[bool](value=True, reason="applicant and office in the item's city", basis=(ART22,))
    return Decision[bool](
        value=False, reason="a local item: applicant and office must be in the item's city", basis=(ART22, ART5)
    )


class UtilityGap(StrEnum):
    NOT_IN_HALL = "NOT_IN_HALL"
    NO_SERVICE_STANDARDS = "NO_SERVICE_STANDARDS"
    NO_FEE_STANDARDS = "NO_FEE_STANDARDS"
    NO_TIME_LIMITS = "NO_TIME_LIMITS"
    NOT_DOCKED = "NOT_DOCKED"


def utility_gaps(
    *, in_service_hall: bool, service_standards: bool, fee_standards: bool, time_limits: bool, docked: bool
) -> Decision[tuple[UtilityGap, ...]]:
    """Art. 17 para 1 / 第十七条第一款 (R27): a water, power, gas, drainage, telecom or broadcasting utility sits in
    the hall, publishes its service standards, fee standards and time limits and docks with the platform."""
    flags = (
        (in_service_hall, UtilityGap.NOT_IN_HALL),
        (service_standards, UtilityGap.NO_SERVICE_STANDARDS),
        (fee_standards, UtilityGap.NO_FEE_STANDARDS),
        (time_limits, UtilityGap.NO_TIME_LIMITS),
        (docked, UtilityGap.NOT_DOCKED),
    )
    gaps = tuple(gap for ok, gap in flags if not ok)
    return Decision[tuple[UtilityGap, ...]](
        value=gaps, reason="complete" if not gaps else "gaps: " + ", ".join(gaps), basis=(ART17,)
    )


class HallFinding(StrEnum):
    NO_RECEIPT_VOUCHER = "NO_RECEIPT_VOUCHER"  # 收件凭证
    NO_FIRST_INQUIRY_OFFICER = "NO_FIRST_INQUIRY_OFFICER"  # 首问负责
    DUE_DATE_BEYOND_LIMIT = "DUE_DATE_BEYOND_LIMIT"  # 限时办结
    PIECEMEAL_NOTICE = "PIECEMEAL_NOTICE"  # 一次性告知


def hall_application_findings(
    *,
    accepted_on: dt.date,
    time_limit_working_days: int,
    due_on: dt.date,
    receipt_voucher: str | None,
    first_inquiry_officer: str | None,
    notices: Sequence[Sequence[str]],
    materials_submitted_at: Sequence[str],
) -> Decision[tuple[HallFinding, ...]]:
    """Art. 24 paras 2–3 (R45): an accepted application has a receipt voucher, a first-inquiry officer and a due
    date no later than acceptance + the item's time limit in working days; missing materials are notified at once:
    a later notice may only name a material that was not missing at the first notice (i.e. one among those
    submitted since, found deficient), never one that was already missing then."""
    found: list[HallFinding] = []
    if not (receipt_voucher and receipt_voucher.strip()):
        found.append(HallFinding.NO_RECEIPT_VOUCHER)
    if not (first_inquiry_officer and first_inquiry_officer.strip()):
        found.append(HallFinding.NO_FIRST_INQUIRY_OFFICER)
    limit = add_working_days(accepted_on, time_limit_working_days)
    if due_on > limit.date:
        found.append(HallFinding.DUE_DATE_BEYOND_LIMIT)
    if len(notices) > 1:
        resubmitted = set(materials_submitted_at)
        if any(m not in resubmitted for later in notices[1:] for m in later):
            found.append(HallFinding.PIECEMEAL_NOTICE)
    reason = "conforms" if not found else "findings: " + ", ".join(found)
    return Decision[tuple[HallFinding, ...]](value=tuple(found), reason=reason, basis=(ART24_MODEL,))


class BundleFinding(StrEnum):
    MORE_THAN_ONE_NOTICE = "MORE_THAN_ONE_NOTICE"  # 一次告知
    MORE_THAN_ONE_FORM = "MORE_THAN_ONE_FORM"  # 一次表单
    NOT_JOINTLY_HANDLED = "NOT_JOINTLY_HANDLED"  # 一次联办
    MORE_THAN_ONE_DELIVERY = "MORE_THAN_ONE_DELIVERY"  # 一次送达


def bundle_findings(
    *, notices: int, forms: int, departments: int, separate_submissions: int, deliveries: int
) -> Decision[tuple[BundleFinding, ...]]:
    """Art. 23 / 第二十三条 (R43): a listed "one matter, handled once" case has at most one notice, one form, one
    submission handled jointly by all its departments and one delivery."""
    found: list[BundleFinding] = []
    if notices > 1:
        found.append(BundleFinding.MORE_THAN_ONE_NOTICE)
    if forms > 1:
        found.append(BundleFinding.MORE_THAN_ONE_FORM)
    if departments > 1 and separate_submissions > 1:
        found.append(BundleFinding.NOT_JOINTLY_HANDLED)
    if deliveries > 1:
        found.append(BundleFinding.MORE_THAN_ONE_DELIVERY)
    reason = "handled once" if not found else "findings: " + ", ".join(found)
    return Decision[tuple[BundleFinding, ...]](value=tuple(found), reason=reason, basis=(ART23,))


def double_entry(platform_fields: Sequence[str], requested_fields: Sequence[str]) -> Decision[tuple[str, ...]]:
    """Art. 25 para 1 / 第二十五条第一款 (R46): a system docked with the provincial platform takes the data the
    platform already holds; the value lists the fields the applicant is asked to enter a second time."""
    held = set(platform_fields)
    twice = tuple(f for f in dict.fromkeys(requested_fields) if f in held)
    reason = "no double entry" if not twice else "asked again: " + ", ".join(twice)
    return Decision[tuple[str, ...]](value=twice, reason=reason, basis=(ART25,))
