"""R14–R23: reserves, sourcing, transport privileges, household list, replenishment, teams."""

from __future__ import annotations

import pytest

from hunan_emergency.rules.basis import AdminLevel, InvalidInput
from hunan_emergency.rules.classification import ResponseLevel
from hunan_emergency.rules.reserves import (
    NetworkGap,
    NetworkGapKind,
    ReserveMode,
    SourcingTier,
    TransportMode,
    drawable_quantity,
    level_one_reserve_shortfalls,
    must_publish_household_supply_list,
    replenishment_request,
    reserve_network_gaps,
    sourcing_tier,
    transport_privileges,
    validate_depot_division,
)
from hunan_emergency.rules.teams import (
    ComprehensiveTeamLevel,
    FlightApproval,
    SocialForce,
    TeamSizeStatus,
    emergency_flight_approval,
    professional_team_gaps,
    social_force_callup_order,
    team_size_status,
)


@pytest.mark.parametrize(
    ("stock", "quota", "expected"),
    [
        ({"tent": 1000, "quilt": 5}, {"tent": 1000, "quilt": 5}, {}),
        ({"tent": 999}, {"tent": 1000}, {"tent": 1}),
        ({}, {"quilt": 20}, {"quilt": 20}),
    ],
    ids=["专栏6 exactly quota", "专栏6 one short", "专栏6 item absent"],
)
def test_r14_level_one_sufficiency(stock, quota, expected) -> None:
    assert level_one_reserve_shortfalls(stock, quota).value == expected


def test_r15_network_gaps() -> None:
    gaps = reserve_network_gaps(
        provincial_depot_count=2,
        all_counties=["430121", "430181"],
        counties_with_depot=["430121"],
        townships_needing_point=["430121001", "430121002"],
        townships_with_point=["430121001"],
        forest_fire_levels_present=[
            AdminLevel.PROVINCE,
            AdminLevel.CITY,
            AdminLevel.COUNTY,
            AdminLevel.TOWNSHIP,
        ],
    ).value
    assert gaps == (
        NetworkGap(NetworkGapKind.PROVINCIAL_DEPOTS, "2 of 3"),
        NetworkGap(NetworkGapKind.COUNTY_DEPOT, "430181"),
        NetworkGap(NetworkGapKind.TOWNSHIP_POINT, "430121002"),
        NetworkGap(NetworkGapKind.FOREST_FIRE_LEVEL, "village"),
    )


@pytest.mark.parametrize(
    ("villages_needing", "villages_with", "missing"),
    [
        (["430121001001", "430121001002"], ["430121001001"], ["430121001002"]),
        (["430121001001"], ["430121001001"], []),
        (["430121001001"], [], ["430121001001"]),
        ([], ["430121001001"], []),  # a point where none is needed is no gap
    ],
    ids=["专栏6 one village community without a point", "all villages served", "none served", "none needed"],
)
def test_r15_village_and_community_points(villages_needing, villages_with, missing) -> None:
    gaps = reserve_network_gaps(
        provincial_depot_count=3,
        all_counties=["430121"],
        counties_with_depot=["430121"],
        townships_needing_point=["430121001"],
        townships_with_point=["430121001"],  # a township point does not serve its villages' need
        forest_fire_levels_present=list(AdminLevel),
        villages_needing_point=villages_needing,
        villages_with_point=villages_with,
    )
    assert [g.where for g in gaps.value if g.kind is NetworkGapKind.VILLAGE_POINT] == missing
    assert len(gaps.value) == len(missing)
    assert "村（社区）" in (gaps.basis[0].note or "")


@pytest.mark.parametrize(
    ("townships", "villages"),
    [(["430121"], []), ([], ["430121001"]), (["4301210010"], []), ([], ["43012100100"])],
    ids=["county as township", "township as village", "10 digits", "11 digits"],
)
def test_r15_point_codes_must_be_of_their_level(townships, villages) -> None:
    with pytest.raises(InvalidInput):
        reserve_network_gaps(
            provincial_depot_count=3,
            all_counties=[],
            counties_with_depot=[],
            townships_needing_point=townships,
            townships_with_point=[],
            forest_fire_levels_present=[],
            villages_needing_point=villages,
        )


def test_r15_complete_network() -> None:
    assert (
        reserve_network_gaps(
            provincial_depot_count=3,
            all_counties=["430121"],
            counties_with_depot=["430121"],
            townships_needing_point=[],
            townships_with_point=[],
            forest_fire_levels_present=list(AdminLevel),
        ).value
        == ()
    )


@pytest.mark.parametrize(
    ("level", "division", "mode", "expected"),
    [
        (AdminLevel.TOWNSHIP, "430121001", ReserveMode.GOVERNMENT_PHYSICAL, SourcingTier.OWN_TOWNSHIP),
        (AdminLevel.COUNTY, "430121", ReserveMode.GOVERNMENT_PHYSICAL, SourcingTier.OWN_COUNTY),
        (AdminLevel.CITY, "430100", ReserveMode.GOVERNMENT_PHYSICAL, SourcingTier.OWN_CITY),
        (AdminLevel.PROVINCE, "430000", ReserveMode.GOVERNMENT_PHYSICAL, SourcingTier.PROVINCE),
        (AdminLevel.TOWNSHIP, "430121002", ReserveMode.GOVERNMENT_PHYSICAL, SourcingTier.CROSS_REGION),
        (AdminLevel.COUNTY, "430211", ReserveMode.GOVERNMENT_PHYSICAL, SourcingTier.CROSS_REGION),
        (AdminLevel.COUNTY, "430121", ReserveMode.CAPACITY, SourcingTier.ENTERPRISE_AND_CAPACITY),
    ],
    ids=[
        "Plan 8(三) own township",
        "own county",
        "own city",
        "province",
        "neighbour township",
        "other city county",
        "capacity reserve",
    ],
)
def test_r16_sourcing_tier(level, division, mode, expected) -> None:
    assert sourcing_tier(level, division, "430121001", mode).value is expected


@pytest.mark.parametrize(
    ("stock", "floor", "level", "release", "expected"),
    [
        (100, 30, None, True, 70),
        (100, 30, ResponseLevel.II, True, 70),
        (100, 30, ResponseLevel.I, True, 100),
        (100, 30, ResponseLevel.I, False, 70),
        (20, 30, None, True, 0),
    ],
    ids=[
        "Plan 8(三) floor kept",
        "Level II floor kept",
        "Level I releases",
        "release disabled",
        "already below floor",
    ],
)
def test_r16_drawable_quantity(stock, floor, level, release, expected) -> None:
    assert drawable_quantity(stock, floor, level, release_floor_for_level_one=release).value == expected


def test_r16_depot_division_must_match_level() -> None:
    assert validate_depot_division(AdminLevel.COUNTY, "430121").value == "430121"
    with pytest.raises(InvalidInput):
        validate_depot_division(AdminLevel.COUNTY, "430100")


@pytest.mark.parametrize(
    ("mode", "carries", "expressway", "in_force", "expected"),
    [
        (TransportMode.ROAD, True, True, True, (True, True, False)),
        (TransportMode.ROAD, True, True, False, (False, True, False)),
        (TransportMode.AIR, True, False, True, (False, True, True)),
        (TransportMode.ROAD, False, True, True, (False, False, False)),
    ],
    ids=[
        "Plan 8(三) toll-free in force",
        "exemption not yet made",
        "air special flight",
        "not emergency cargo",
    ],
)
def test_r17_transport_privileges(mode, carries, expressway, in_force, expected) -> None:
    p = transport_privileges(mode, carries, on_provincial_expressway=expressway, toll_exemption_in_force=in_force).value
    assert (p.toll_exempt, p.priority_channel, p.special_service_requestable) == expected


@pytest.mark.parametrize(
    ("level", "required"),
    [(AdminLevel.COUNTY, True), (AdminLevel.PROVINCE, True), (AdminLevel.TOWNSHIP, False)],
    ids=["专栏6 county", "province", "township"],
)
def test_r18_household_list(level, required) -> None:
    assert must_publish_household_supply_list(level).value is required


def test_r19_replenishment_after_dispatch() -> None:
    assert replenishment_request({"tent": 400}, {"tent": 1000, "quilt": 0}).value == {"tent": 600}
    assert replenishment_request({"tent": 1000}, {"tent": 1000}).value == {}


@pytest.mark.parametrize(
    ("level", "size", "expected"),
    [
        (ComprehensiveTeamLevel.PROVINCIAL_MOBILE, 399, TeamSizeStatus.NON_COMPLIANT),
        (ComprehensiveTeamLevel.PROVINCIAL_MOBILE, 400, TeamSizeStatus.COMPLIANT),
        (ComprehensiveTeamLevel.CITY, 79, TeamSizeStatus.NON_COMPLIANT),
        (ComprehensiveTeamLevel.CITY, 80, TeamSizeStatus.COMPLIANT),
        (ComprehensiveTeamLevel.CITY, 100, TeamSizeStatus.COMPLIANT),
        (ComprehensiveTeamLevel.CITY, 101, TeamSizeStatus.OUTSIDE_STANDARD),
        (ComprehensiveTeamLevel.TOWNSHIP, 200, TeamSizeStatus.COMPLIANT),
    ],
    ids=[
        "专栏2 mobile 399",
        "专栏2 mobile 400",
        "专栏2 city 79",
        "专栏2 city 80",
        "专栏2 city 100",
        "专栏2 city 101",
        "专栏7 township 200",
    ],
)
def test_r20_team_size(level, size, expected) -> None:
    assert team_size_status(level, size).value is expected


def test_r21_professional_team_gaps() -> None:
    gaps = professional_team_gaps(
        ["岳阳", "长沙", "衡阳"],
        ["郴州", "邵阳", "衡阳", "怀化", "长沙", "娄底", "永州", "湘西", "省地质院"],
        0,
    ).value
    assert (gaps.hazchem_missing, gaps.mine_missing, gaps.smart_mine_missing) == (
        ("怀化",),
        ("省黄金集团",),
        1,
    )
    full = professional_team_gaps(
        ["岳阳", "长沙", "衡阳", "怀化"],
        ["郴州", "邵阳", "衡阳", "怀化", "长沙", "娄底", "永州", "湘西", "省地质院", "省黄金集团"],
        1,
    )
    assert full.value.complete


def test_r22_social_forces_local_first_registered_only() -> None:
    forces = [
        SocialForce("A-far", "430211", True, True),
        SocialForce("B-local", "430121001", True, True),
        SocialForce("C-unregistered", "430121", False, True),
        SocialForce("D-ungraded", "430121", True, False),
    ]
    assert social_force_callup_order(forces, "430121").value == ("B-local", "A-far")


@pytest.mark.parametrize(
    ("emergency", "expected"),
    [(True, FlightApproval.APPROVED_ON_FILING), (False, FlightApproval.ORDINARY_PROCEDURE)],
    ids=["Plan 8(二) 随报随批", "ordinary"],
)
def test_r23_airspace(emergency, expected) -> None:
    assert emergency_flight_approval(emergency).value is expected
