"""Four-level emergency supply reserves: Level-I sufficiency, network completeness, sourcing order, safety
floors, transport privileges, household lists and replenishment (R14–R19)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from hunan_emergency.rules.areas import covers, division_level, normalise_division
from hunan_emergency.rules.basis import AdminLevel, InvalidInput, at_or_above, decide, plan_basis
from hunan_emergency.rules.classification import ResponseLevel
from hunan_shared.legal import Decision

SUPPLY_BASIS = plan_basis("Plan 8(三) / 第八章（三）", "物资保障")
LEVEL_ONE_BASIS = plan_basis("专栏6", "省、市、县、乡四级应急物资储备能满足本区域启动I级应急响应需要")


def level_one_reserve_shortfalls(
    stock: Mapping[str, int], level_one_quota: Mapping[str, int]
) -> Decision[dict[str, int]]:
    """Plan 11(六) / 第十一章（六） and 专栏6: each reserve level holds enough for one Level-I response in its
    area (储备目录和数量定额标准); returns item → missing quantity, empty when the depot meets its norm (R14)."""
    shortfalls = {
        item: quota - stock.get(item, 0)
        for item, quota in sorted(level_one_quota.items())
        if stock.get(item, 0) < quota
    }
    reason = (
        "stock meets the Level-I quota for every catalogue item"
        if not shortfalls
        else "below norm: " + ", ".join(f"{item} short {qty}" for item, qty in shortfalls.items())
    )
    return decide(shortfalls, reason, LEVEL_ONE_BASIS, plan_basis("Plan 11(六) / 第十一章（六）"))


def replenishment_request(
    stock_after_dispatch: Mapping[str, int], level_one_quota: Mapping[str, int]
) -> Decision[dict[str, int]]:
    """专栏6 / Plan 8(三): after a dispatch, a depot that fails its Level-I quota asks for the missing
    quantities (reserve.replenishment_requested) [DESIGN trigger on R14] (R19)."""
    shortfalls = level_one_reserve_shortfalls(stock_after_dispatch, level_one_quota)
    reason = (
        "no replenishment needed"
        if not shortfalls.value
        else "replenish " + shortfalls.reason.removeprefix("below norm: ")
    )
    return decide(shortfalls.value, reason, LEVEL_ONE_BASIS, plan_basis("Plan 8(三) / 第八章（三）", "储备动用制度"))


class NetworkGapKind(StrEnum):
    PROVINCIAL_DEPOTS = "PROVINCIAL_DEPOTS"
    COUNTY_DEPOT = "COUNTY_DEPOT"
    TOWNSHIP_POINT = "TOWNSHIP_POINT"
    VILLAGE_POINT = "VILLAGE_POINT"  # 村（社区）
    FOREST_FIRE_LEVEL = "FOREST_FIRE_LEVEL"


@dataclass(frozen=True)
class NetworkGap:
    kind: NetworkGapKind
    where: str


PROVINCIAL_DEPOT_COUNT = 3  # 专栏6: 建设3个省级应急物资储备库
FOREST_FIRE_SUPPLY_LEVELS = frozenset(AdminLevel)  # 专栏6: 省、市、县、乡、村五级森林防灭火物资储备


def reserve_network_gaps(
    *,
    provincial_depot_count: int,
    all_counties: Iterable[str],
    counties_with_depot: Iterable[str],
    townships_needing_point: Iterable[str],
    townships_with_point: Iterable[str],
    forest_fire_levels_present: Iterable[AdminLevel],
    villages_needing_point: Iterable[str] = (),
    villages_with_point: Iterable[str] = (),
) -> Decision[tuple[NetworkGap, ...]]:
    """专栏6 / Plan 8(三): 3 provincial depots, a comprehensive depot in every county, supply points in the
    townships (乡镇（街道）) and in the villages and communities (村（社区）) with poor transport and high risk,
    forest-fire supplies at five levels → the missing nodes (R15). Township codes have 9 digits, village and
    community codes 12; a point counts only at its own place."""
    townships_needing_point, villages_needing_point = list(townships_needing_point), list(villages_needing_point)
    for label, codes, length in (("township", townships_needing_point, 9), ("village", villages_needing_point, 12)):
        wrong = [code for code in codes if len(normalise_division(code)) != length]
        if wrong:
            raise InvalidInput(f"{label} codes have {length} digits: {', '.join(sorted(wrong)[:5])}")
    gaps: list[NetworkGap] = []
    if provincial_depot_count < PROVINCIAL_DEPOT_COUNT:
        gaps.append(
            NetworkGap(NetworkGapKind.PROVINCIAL_DEPOTS, f"{provincial_depot_count} of {PROVINCIAL_DEPOT_COUNT}")
        )
    have_county = set(counties_with_depot)
    gaps += [NetworkGap(NetworkGapKind.COUNTY_DEPOT, code) for code in sorted(set(all_counties) - have_county)]
    have_point = set(townships_with_point)
    gaps += [
        NetworkGap(NetworkGapKind.TOWNSHIP_POINT, code) for code in sorted(set(townships_needing_point) - have_point)
    ]
    have_village_point = set(villages_with_point)
    gaps += [
        NetworkGap(NetworkGapKind.VILLAGE_POINT, code)
        for code in sorted(set(villages_needing_point) - have_village_point)
    ]
    present = set(forest_fire_levels_present)
    gaps += [
        NetworkGap(NetworkGapKind.FOREST_FIRE_LEVEL, level.value)
        for level in AdminLevel
        if level in FOREST_FIRE_SUPPLY_LEVELS and level not in present
    ]
    return decide(
        tuple(gaps),
        f"{len(gaps)} missing node(s) in the reserve network",
        plan_basis(
            "专栏6",
            "3个省级库、各县市区储备库、交通不便、灾害风险高的乡镇（街道）和村（社区）储备点、五级森林防灭火物资储备",
        ),
        SUPPLY_BASIS,
    )


class ReserveMode(StrEnum):
    """储备方式 (Plan 8(三))."""

    GOVERNMENT_PHYSICAL = "GOVERNMENT_PHYSICAL"
    ENTERPRISE_COMMERCIAL = "ENTERPRISE_COMMERCIAL"
    CAPACITY = "CAPACITY"
    PROFESSIONAL_TEAM_CAPACITY = "PROFESSIONAL_TEAM_CAPACITY"
    SOCIAL = "SOCIAL"


class SourcingTier(IntEnum):
    """Order in which reserves fill a request (R16 [DESIGN]); lower is drawn first."""

    OWN_TOWNSHIP = 0
    OWN_COUNTY = 1
    OWN_CITY = 2
    PROVINCE = 3
    CROSS_REGION = 4  # another area's government reserve (跨区域协同)
    ENTERPRISE_AND_CAPACITY = 5  # enterprise/commercial, capacity, team and social reserves


_OWN_TIER = {
    AdminLevel.VILLAGE: SourcingTier.OWN_TOWNSHIP,
    AdminLevel.TOWNSHIP: SourcingTier.OWN_TOWNSHIP,
    AdminLevel.COUNTY: SourcingTier.OWN_COUNTY,
    AdminLevel.CITY: SourcingTier.OWN_CITY,
    AdminLevel.PROVINCE: SourcingTier.PROVINCE,
}


def sourcing_tier(
    depot_level: AdminLevel,
    depot_division: str,
    destination_division: str,
    reserve_mode: ReserveMode = ReserveMode.GOVERNMENT_PHYSICAL,
) -> Decision[SourcingTier]:
    """Plan 8(三) / 第八章（三）: a request is filled from the destination's own township point, then its
    county, its city, the province, then other areas (跨区域协同), then enterprise and capacity reserves
    (企业储备、产能储备) [DESIGN order on the TEXT network] (R16)."""
    if reserve_mode is not ReserveMode.GOVERNMENT_PHYSICAL:
        tier = SourcingTier.ENTERPRISE_AND_CAPACITY
    elif covers(depot_division, destination_division):
        tier = _OWN_TIER[depot_level]
    else:
        tier = SourcingTier.CROSS_REGION
    return decide(
        tier,
        f"{depot_level.value} {reserve_mode.value} reserve at {depot_division} for {destination_division}: {tier.name}",
        SUPPLY_BASIS,
        plan_basis("Plan 8(三) / 第八章（三）", "健全跨区域应急物资协同保障机制"),
    )


def drawable_quantity(
    stock: int,
    safety_floor: int,
    response_level: ResponseLevel | None = None,
    *,
    release_floor_for_level_one: bool = True,
) -> Decision[int]:
    """Plan 8(三) / 第八章（三） and 专栏6: a depot keeps its safety floor (安全库存) for its own area; only a
    Level-I response may draw below it, and only when `release_floor_for_level_one` is set [DESIGN] (R16)."""
    if stock < 0 or safety_floor < 0:
        raise InvalidInput("stock and safety floor must not be negative")
    if response_level is ResponseLevel.I and release_floor_for_level_one:
        available, why = stock, "Level-I response may draw the whole stock"
    else:
        available, why = max(0, stock - safety_floor), f"stock {stock} minus safety floor {safety_floor}"
    return decide(available, f"{available} drawable: {why}", SUPPLY_BASIS, LEVEL_ONE_BASIS)


class TransportMode(StrEnum):
    ROAD = "ROAD"
    RAIL = "RAIL"
    AIR = "AIR"
    WATER = "WATER"


@dataclass(frozen=True)
class TransportPrivileges:
    toll_exempt: bool
    priority_channel: bool  # 优先通行 / 快速通关 / 便捷通行
    special_service_requestable: bool  # 航空专班、高铁专列


def transport_privileges(
    mode: TransportMode,
    carries_emergency_supplies_or_teams: bool,
    *,
    on_provincial_expressway: bool = False,
    toll_exemption_in_force: bool = False,
) -> Decision[TransportPrivileges]:
    """Plan 8(三) / 第八章（三）: emergency supplies and rescue teams get priority passage; road legs on
    provincial expressways are toll-free once the exemption system (免费通行制度) is made — a setting until
    then; air and high-speed rail special services may be requested (R17)."""
    if not carries_emergency_supplies_or_teams:
        privileges = TransportPrivileges(False, False, False)
    else:
        privileges = TransportPrivileges(
            toll_exempt=mode is TransportMode.ROAD and on_provincial_expressway and toll_exemption_in_force,
            priority_channel=True,
            special_service_requestable=mode in (TransportMode.AIR, TransportMode.RAIL),
        )
    return decide(
        privileges,
        f"{mode.value}: toll-exempt={privileges.toll_exempt}, priority={privileges.priority_channel}, "
        f"special service={privileges.special_service_requestable}",
        plan_basis("Plan 8(三) / 第八章（三）", "应急物资运输绿色通道、免费通行制度、航空专班、高铁专列"),
    )


def must_publish_household_supply_list(level: AdminLevel) -> Decision[bool]:
    """专栏6: governments at county level and above publish a household emergency-supply list
    (家庭必备应急物资名录) (R18)."""
    required = at_or_above(level, AdminLevel.COUNTY)
    return decide(
        required,
        f"{level.value} government {'must' if required else 'need not'} publish the household list",
        plan_basis("专栏6", "县级以上人民政府发布家庭必备应急物资名录"),
    )


def validate_depot_division(level: AdminLevel, division: str) -> Decision[str]:
    """Plan 8(三) / 第八章（三）: a depot's division must be of its own level (a county depot sits on a county
    code) so that the sourcing order can tell whose reserve it is [DESIGN consistency guard for R16]."""
    code = normalise_division(division)
    actual = division_level(code)
    if actual is not level:
        raise InvalidInput(f"depot of level {level.value} sits on {actual.value} division {code}")
    return decide(code, f"{level.value} depot at {code}", SUPPLY_BASIS)
