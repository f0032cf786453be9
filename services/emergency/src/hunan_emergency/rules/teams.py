"""Rescue teams: size bands, professional-team network, social forces and airspace filing (R20–R23)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hunan_emergency.rules.areas import county_of, covers
from hunan_emergency.rules.basis import InvalidInput, decide, plan_basis
from hunan_shared.legal import Decision


class ComprehensiveTeamLevel(StrEnum):
    PROVINCIAL_MOBILE = "PROVINCIAL_MOBILE"  # 省级应急（消防）救援机动队伍
    CITY = "CITY"
    COUNTY = "COUNTY"
    TOWNSHIP = "TOWNSHIP"


class TeamSizeStatus(StrEnum):
    COMPLIANT = "COMPLIANT"
    NON_COMPLIANT = "NON_COMPLIANT"  # below the standard
    OUTSIDE_STANDARD = "OUTSIDE_STANDARD"  # above a band: a warning only, the text sets a standard not a ban


# 专栏2: 省级机动队伍400人员额; 市级80—100人、县级30—50人; 专栏7: 乡镇不少于15人 (None = no upper bound).
TEAM_SIZE_BANDS: dict[ComprehensiveTeamLevel, tuple[int, int | None]] = {
    ComprehensiveTeamLevel.PROVINCIAL_MOBILE: (400, 400),
    ComprehensiveTeamLevel.CITY: (80, 100),
    ComprehensiveTeamLevel.COUNTY: (30, 50),
    ComprehensiveTeamLevel.TOWNSHIP: (15, None),
}


def team_size_status(level: ComprehensiveTeamLevel, size: int) -> Decision[TeamSizeStatus]:
    """专栏2 and 专栏7: comprehensive rescue teams — provincial mobile unit 400, city 80–100, county 30–50,
    township at least 15 (不少于15人); both ends of a band are compliant (R20)."""
    if size < 0:
        raise InvalidInput("team size must not be negative")
    low, high = TEAM_SIZE_BANDS[level]
    if size < low:
        status = TeamSizeStatus.NON_COMPLIANT
    elif high is not None and size > high:
        status = TeamSizeStatus.OUTSIDE_STANDARD
    else:
        status = TeamSizeStatus.COMPLIANT
    band = f"{low}–{high}" if high is not None and high != low else (f"{low}" if high == low else f"≥{low}")
    article = "专栏7" if level is ComprehensiveTeamLevel.TOWNSHIP else "专栏2"
    return decide(
        status,
        f"{level.value} team of {size} against standard {band}: {status.value}",
        plan_basis(article, "综合性应急救援队伍人数标准"),
    )


HAZCHEM_TEAM_LOCATIONS = frozenset({"岳阳", "长沙", "衡阳", "怀化"})  # 专栏2
MINE_TEAM_LOCATIONS = frozenset(
    {"郴州", "邵阳", "衡阳", "怀化", "长沙", "娄底", "永州", "湘西", "省地质院", "省黄金集团"}
)  # 专栏2
SMART_MINE_TEAM_MINIMUM = 1  # 专栏5


@dataclass(frozen=True)
class ProfessionalTeamGaps:
    hazchem_missing: tuple[str, ...]
    mine_missing: tuple[str, ...]
    smart_mine_missing: int

    @property
    def complete(self) -> bool:
        return not (self.hazchem_missing or self.mine_missing or self.smart_mine_missing)


def professional_team_gaps(
    hazchem_team_locations: Iterable[str], mine_team_locations: Iterable[str], smart_mine_teams: int
) -> Decision[ProfessionalTeamGaps]:
    """专栏2 and 专栏5: 4 hazchem teams (岳阳, 长沙, 衡阳, 怀化), 10 mine teams at the named places and at least
    one smart mine rescue team → the missing ones (R21)."""
    gaps = ProfessionalTeamGaps(
        tuple(sorted(HAZCHEM_TEAM_LOCATIONS - set(hazchem_team_locations))),
        tuple(sorted(MINE_TEAM_LOCATIONS - set(mine_team_locations))),
        max(0, SMART_MINE_TEAM_MINIMUM - smart_mine_teams),
    )
    return decide(
        gaps,
        "professional team network complete" if gaps.complete else f"gaps: {gaps}",
        plan_basis("专栏2", "危化4支、矿山10支专业队伍"),
        plan_basis("专栏5", "智慧矿山救援队"),
    )


@dataclass(frozen=True)
class SocialForce:
    """A social emergency-rescue force (社会应急力量)."""

    force_id: str
    division: str
    registered_on_platform: bool
    graded: bool  # 能力分类分级测评 done


def social_force_callup_order(forces: Sequence[SocialForce], incident_division: str) -> Decision[tuple[str, ...]]:
    """Plan 3(三) / 第三章（三） and Plan 8(二) / 第八章（二）: social forces are called up territorially first
    (属地为主); only forces registered on the platform and graded can be dispatched [DESIGN]. Order: same
    county, then the rest; ties by id (R22)."""
    eligible = [f for f in forces if f.registered_on_platform and f.graded]
    incident_county = county_of(incident_division)
    ordered = sorted(eligible, key=lambda f: (not covers(incident_county, county_of(f.division)), f.force_id))
    excluded = len(forces) - len(eligible)
    return decide(
        tuple(f.force_id for f in ordered),
        f"{len(ordered)} dispatchable (local first), {excluded} excluded as unregistered or ungraded",
        plan_basis("Plan 3(三) / 第三章（三）", "属地为主"),
        plan_basis("Plan 8(二) / 第八章（二）", "社会应急力量分类分级测评"),
    )


class FlightApproval(StrEnum):
    APPROVED_ON_FILING = "APPROVED_ON_FILING"
    ORDINARY_PROCEDURE = "ORDINARY_PROCEDURE"


def emergency_flight_approval(is_emergency_mission: bool) -> Decision[FlightApproval]:
    """Plan 8(二) / 第八章（二）: emergency rescue flights are approved as soon as they are filed (随报随批);
    other flights follow the ordinary airspace procedure (R23)."""
    approval = FlightApproval.APPROVED_ON_FILING if is_emergency_mission else FlightApproval.ORDINARY_PROCEDURE
    return decide(approval, approval.value, plan_basis("Plan 8(二) / 第八章（二）", "空域使用随报随批"))
