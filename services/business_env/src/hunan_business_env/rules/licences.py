"""Electronic licences (Art. 27 paras 1-2; R51, R52) and the province-wide planning-permit list (Art. 28 para 4;
R57)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import art

ART27_1 = art(
    "Art. 27 para 1 / 第二十七条第一款",
    "符合法律规定的电子证照、电子印章、企业电子登记档案与纸质版本具有同等法律效力，跨部门、跨地区互认共享",
)
ART27_2 = art(
    "Art. 27 para 2 / 第二十七条第二款", "除法律、法规、部门规章另有规定外，签发的电子证照应当向电子证照库实时归集"
)
ART28_4 = art(
    "Art. 28 para 4 / 第二十八条第四款",
    "审查要素清单化；全省统一明确建设工程规划许可实行告知承诺制和免于审查的项目类型清单",
)


class LicenceEffect(StrEnum):
    SAME_AS_PAPER = "SAME_AS_PAPER"
    NOT_IN_LIBRARY = "NOT_IN_LIBRARY"
    NOT_YET_VALID = "NOT_YET_VALID"
    EXPIRED = "EXPIRED"
    REVOKED = "REVOKED"


def licence_effect(
    in_library: bool, valid_from: dt.date | None, valid_to: dt.date | None, revoked_on: dt.date | None, on: dt.date
) -> Decision[LicenceEffect]:
    """Art. 27 para 1 / 第二十七条第一款 (R51): a lawful electronic licence — in the library, valid and not revoked on
    the day — has the same effect as the paper one and is accepted across departments and regions."""
    if not in_library or valid_from is None:
        return Decision(value=LicenceEffect.NOT_IN_LIBRARY, reason="no such licence in the library", basis=(ART27_1,))
    if on < valid_from:
        return Decision(value=LicenceEffect.NOT_YET_VALID, reason=f"valid from {valid_from}", basis=(ART27_1,))
    if revoked_on is not None and on >= revoked_on:
        return Decision(value=LicenceEffect.REVOKED, reason=f"revoked on {revoked_on}", basis=(ART27_1,))
    if valid_to is not None and on > valid_to:
        return Decision(value=LicenceEffect.EXPIRED, reason=f"expired after {valid_to}", basis=(ART27_1,))
    return Decision(
        value=LicenceEffect.SAME_AS_PAPER,
        reason="lawful electronic licence: same effect as paper, mutually recognised",
        basis=(ART27_1,),
    )


def aggregation_on_time(
    issued_at: dt.datetime, aggregated_at: dt.datetime, max_minutes: int, exempt_basis: str | None
) -> Decision[bool]:
    """Art. 27 para 2 / 第二十七条第二款 (R52): an issued licence reaches the library in real time — within
    `max_minutes` (the setting that gives 实时 a number) — unless a law, regulation or departmental rule provides
    otherwise (the exemption's basis is then recorded and the lag is not judged)."""
    if exempt_basis:
        return Decision(value=True, reason=f"exempt from aggregation: {exempt_basis}", basis=(ART27_2,))
    if aggregated_at < issued_at:
        raise ValueError("aggregated_at precedes issued_at")
    lag = aggregated_at - issued_at
    minutes = lag.total_seconds() / 60
    if minutes <= max_minutes:
        return Decision(value=True, reason=f"aggregated {minutes:.0f} min after issue", basis=(ART27_2,))
    return Decision(
        value=False, reason=f"aggregated {minutes:.0f} min after issue, beyond {max_minutes} min", basis=(ART27_2,)
    )


class PermitMode(StrEnum):
    REVIEW = "REVIEW"  # ordinary review against the listed review elements
    COMMITMENT = "COMMITMENT"  # 告知承诺制
    EXEMPT = "EXEMPT"  # 免于审查


def planning_permit_mode(listed_mode: PermitMode | None) -> Decision[PermitMode]:
    """Art. 28 para 4 / 第二十八条第四款 (R57): a project type's construction-engineering planning permit is handled by
    notification-commitment or exempt from review only when the one province-wide list says so; otherwise it is
    reviewed."""
    if listed_mode is None:
        return Decision(value=PermitMode.REVIEW, reason="project type not on the province-wide list", basis=(ART28_4,))
    return Decision(value=listed_mode, reason=f"province-wide list: {listed_mode.value}", basis=(ART28_4,))
