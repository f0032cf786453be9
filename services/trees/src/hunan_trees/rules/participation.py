"""Public participation and use (Arts. 6, 8, 9, 31, 32): department routing, donation/adoption with a limited
naming right, public reports, insurance, utilisation. Pure functions, each citing its article."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from hunan_shared import divisions
from hunan_shared.legal import Decision, cite

from .basis import DOCUMENT
from .habitat import ProhibitedAct, act_prohibited
from .periods import add_years

ART6 = cite(DOCUMENT, "Art. 6 / 第六条", "县级以上人民政府林业、城市绿化主管部门按照职责权限负责古树名木保护工作")
ART8 = cite(DOCUMENT, "Art. 8 / 第八条", "捐资、认养古树名木的单位和个人可以享有一定期限的署名权，获得义务植树尽责认证")
ART9 = cite(DOCUMENT, "Art. 9 / 第九条", "有权制止和举报损害古树名木及其保护牌、保护设施的行为")
ART31 = cite(DOCUMENT, "Art. 31 / 第三十一条", "县级以上人民政府可以建立古树名木保险制度，为古树名木购买保险")
ART32 = cite(DOCUMENT, "Art. 32 / 第三十二条", "在保护优先的前提下可以合理利用古树名木资源，并接受古树名木主管部门监督")
ART24 = cite(DOCUMENT, "Art. 24 / 第二十四条", "禁止擅自移植、采伐，损伤树体，在生境保护范围内新建建筑物等")


class Branch(StrEnum):
    """The two competent tree departments of Art. 6."""

    FORESTRY = "FORESTRY"  # 林业主管部门
    URBAN_GREENING = "URBAN_GREENING"  # 城市绿化主管部门


class RoutePolicy(StrEnum):
    """How a county splits the duties between the two departments (local configuration, Art. 6)."""

    FORESTRY = "FORESTRY"
    URBAN_GREENING = "URBAN_GREENING"
    BY_URBAN_PLANNING_AREA = "BY_URBAN_PLANNING_AREA"  # urban greening inside 城市规划区, forestry outside


def department_for(
    division_code: str, in_urban_planning_area: bool, routes: dict[str, RoutePolicy], default: RoutePolicy
) -> tuple[Decision[Branch], str]:
    """Art. 6 / 第六条 (R43): forestry and urban greening act 按照职责权限; which one handles a tree is local
    configuration. The most specific configured division wins (county, then city, then province), else the
    default. Returns the decision and the division whose setting applied ("default" when none)."""
    source = "default"
    policy = default
    for code in [division_code, *divisions.ancestors(division_code)]:
        if code in routes:
            policy, source = routes[code], code
            break
    if policy is RoutePolicy.BY_URBAN_PLANNING_AREA:
        branch = Branch.URBAN_GREENING if in_urban_planning_area else Branch.FORESTRY
        reason = f"{'inside' if in_urban_planning_area else 'outside'} the urban planning area ({source} setting)"
    else:
        branch = Branch(policy.value)
        reason = f"all trees of the area go to {branch} ({source} setting)"
    return Decision[Branch](value=branch, reason=reason, basis=(ART6,)), source


class SponsorshipKind(StrEnum):
    DONATION = "DONATION"  # 捐资
    ADOPTION = "ADOPTION"  # 认养


def naming_term_valid(naming_from: dt.date | None, naming_to: dt.date | None, max_years: int) -> Decision[bool]:
    """Art. 8 / 第八条 (R40): a naming right (署名权) is for a limited term (一定期限): it needs both ends, the end
    after the start, and no longer than the configured maximum (the text sets no number)."""
    if naming_from is None and naming_to is None:
        return Decision[bool](value=True, reason="no naming right requested", basis=(ART8,))
    if naming_from is None or naming_to is None:
        return Decision[bool](value=False, reason="a naming right needs a start and an end (一定期限)", basis=(ART8,))
    if naming_to <= naming_from:
        return Decision[bool](value=False, reason="the naming right must end after it starts", basis=(ART8,))
    limit = add_years(naming_from, max_years)
    if naming_to > limit:
        return Decision[bool](
            value=False,
            reason=f"naming right beyond {max_years} years (ends {naming_to}, limit {limit})",
            basis=(ART8,),
        )
    return Decision[bool](value=True, reason=f"naming right {naming_from} – {naming_to}", basis=(ART8,))


def naming_shown(on: dt.date, naming_from: dt.date | None, naming_to: dt.date | None, accepted: bool) -> Decision[bool]:
    """Art. 8: the sponsor's name is shown only while the accepted term runs (both days included)."""
    shown = accepted and naming_from is not None and naming_to is not None and naming_from <= on <= naming_to
    return Decision[bool](
        value=shown,
        reason="naming term running" if shown else "no accepted naming term running on that day",
        basis=(ART8,),
    )


def sponsorship_valid(kind: SponsorshipKind, amount_cny: Decimal | None, adoption_to: dt.date | None) -> Decision[bool]:
    """Art. 8: a donation (捐资) gives money; an adoption (认养) takes on care for a period. [DESIGN] a donation
    needs an amount > 0 and an adoption an end date."""
    if kind is SponsorshipKind.DONATION and (amount_cny is None or amount_cny <= 0):
        return Decision[bool](value=False, reason="a donation needs an amount above zero", basis=(ART8,))
    if kind is SponsorshipKind.ADOPTION and adoption_to is None:
        return Decision[bool](value=False, reason="an adoption needs the date it ends", basis=(ART8,))
    return Decision[bool](value=True, reason=f"{kind} in order", basis=(ART8,))


class ReportSubject(StrEnum):
    """What a public report (举报) may concern — Art. 9 names the tree, its sign and its facilities."""

    TREE = "TREE"
    SIGN = "SIGN"  # 保护牌
    FACILITY = "FACILITY"  # 保护设施


def report_routing(subject: ReportSubject, act: ProhibitedAct | None) -> Decision[str]:
    """Art. 9 / 第九条 (R41), Art. 24: a report naming an act Art. 24 prohibits goes to violation handling (W8);
    other reports of damage to the tree go to abnormality handling as human damage (W2); a report on a sign
    or facility without a named act is a facility repair matter for the county (Art. 22)."""
    if act is not None:
        return Decision[str](value="VIOLATION", reason=f"reported act {act} is prohibited", basis=(ART9, ART24))
    if subject is ReportSubject.TREE:
        return Decision[str](value="ABNORMALITY", reason="damage to the tree (人为损害)", basis=(ART9,))
    return Decision[str](value="FACILITY_REPAIR", reason=f"damage to the {subject.lower()}", basis=(ART9,))


def insurer_government_valid(division_code: str, tree_divisions: list[str]) -> Decision[bool]:
    """Art. 31 / 第三十一条 (R36): a government at county level or above may insure trees — those inside its area."""
    outside = sorted({d for d in tree_divisions if not divisions.contains(division_code, d)})
    ok = not outside
    reason = (
        f"all insured trees lie within {division_code}"
        if ok
        else f"trees in {', '.join(outside)} lie outside the insuring government's area {division_code}"
    )
    return Decision[bool](value=ok, reason=reason, basis=(ART31,))


def policy_period_valid(starts_on: dt.date, ends_on: dt.date) -> Decision[bool]:
    """Art. 31: a policy covers a period that ends after it starts."""
    ok = ends_on > starts_on
    return Decision[bool](
        value=ok, reason="policy period in order" if ok else "policy ends before it starts", basis=(ART31,)
    )


class UtilisationKind(StrEnum):
    """Uses Art. 32 encourages."""

    GENE_RESOURCE = "GENE_RESOURCE"  # 开发利用优良基因
    RESEARCH = "RESEARCH"  # 物候学、生物学、遗传育种等科学研究
    FLOWER_LEAF_FRUIT = "FLOWER_LEAF_FRUIT"  # 合理利用花、叶和果实
    TREE_PARK = "TREE_PARK"  # 古树名木公园
    ECO_EDUCATION_BASE = "ECO_EDUCATION_BASE"  # 生态文明教育基地
    EDUCATION_ACTIVITY = "EDUCATION_ACTIVITY"  # 自然、历史、文化教育体验活动


def utilisation_allowed(
    kind: UtilisationKind, involved_acts: list[ProhibitedAct], inside_habitat_zone: bool
) -> Decision[bool]:
    """Art. 32 / 第三十二条 (R39): use only with protection first — an activity that involves an act Art. 24
    prohibits (e.g. harvesting fruit by breaking branches; a park pavilion built inside the habitat zone) is
    refused whatever its purpose. Zone-bound acts (Art. 24(3)) count only inside the habitat zone."""
    prohibited = [a for a in involved_acts if act_prohibited(a, inside_habitat_zone).value]
    if prohibited:
        acts = ", ".join(sorted(a.value for a in prohibited))
        return Decision[bool](value=False, reason=f"{kind} would involve prohibited acts: {acts}", basis=(ART32, ART24))
    return Decision[bool](value=True, reason=f"{kind} with protection first, under supervision", basis=(ART32,))
