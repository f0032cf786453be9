"""R1–R13: classification, levels, divisions, direct reporting, command, severity, warnings, time targets."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from hunan_emergency.rules.basis import InvalidInput
from hunan_emergency.rules.classification import (
    AccidentSeverity,
    HazardCategory,
    InvalidDeclaration,
    InvalidHazard,
    LevelChange,
    NaturalHazardType,
    ReportViolation,
    ResponseLevel,
    SafetySector,
    activated_response_level,
    classify_hazard,
    classify_level_change,
    counts_as_extraordinary_or_major_accident,
    direct_report_violations,
    divisions_to_extend,
    forward_hq_required,
    validate_declaration_divisions,
)
from hunan_emergency.rules.time_targets import (
    AviationBase,
    TargetOutcome,
    aviation_reach,
    basic_living_relief_met,
    engineering_rescue_linkage_met,
    urban_rail_response_met,
)
from hunan_emergency.rules.warnings import (
    ReleaseSystem,
    WarningColour,
    broadcast_coverage_met,
    response_level_for_colour,
    warning_coverage_met,
    warning_release_systems,
)

T0 = datetime(2026, 10, 1, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("category", "hazard", "sector", "expected"),
    [
        ("NATURAL_DISASTER", "FLOOD_DROUGHT", None, NaturalHazardType.FLOOD_DROUGHT),
        ("NATURAL_DISASTER", "山洪", None, NaturalHazardType.FLOOD_DROUGHT),
        ("NATURAL_DISASTER", "地震", None, NaturalHazardType.EARTHQUAKE),
        ("NATURAL_DISASTER", "低温雨雪冰冻", None, NaturalHazardType.METEOROLOGICAL),
        ("PRODUCTION_SAFETY_ACCIDENT", None, "COAL_MINE", SafetySector.COAL_MINE),
    ],
    ids=["Plan 1(二) flood", "Plan 1(二) 山洪", "Plan 1(二) 地震", "Plan 1(一) 冰冻", "Plan 6(三) coal"],
)
def test_r1_hazard_taxonomy(category, hazard, sector, expected) -> None:
    value = classify_hazard(category, hazard, sector).value
    assert (value.natural_type or value.sector) is expected


@pytest.mark.parametrize(
    ("category", "hazard", "sector"),
    [
        ("NATURAL_DISASTER", "TYPHOON_OF_THE_SEA", None),
        ("NATURAL_DISASTER", None, None),
        ("NATURAL_DISASTER", "FOREST_FIRE", "COAL_MINE"),
        ("PRODUCTION_SAFETY_ACCIDENT", "FOREST_FIRE", None),
        ("PRODUCTION_SAFETY_ACCIDENT", None, "SPACE_MINING"),
        ("EPIDEMIC", None, None),
    ],
    ids=[
        "Plan 1(二) unknown type",
        "no type",
        "natural with sector",
        "accident with type",
        "unknown sector",
        "unknown category",
    ],
)
def test_r1_rejections(category, hazard, sector) -> None:
    with pytest.raises(InvalidHazard):
        classify_hazard(category, hazard, sector)


@pytest.mark.parametrize(
    ("current", "new", "expected"),
    [
        (ResponseLevel.III, ResponseLevel.II, LevelChange.ESCALATION),
        (ResponseLevel.I, ResponseLevel.IV, LevelChange.DE_ESCALATION),
        (ResponseLevel.II, ResponseLevel.II, LevelChange.UNCHANGED),
    ],
    ids=["Plan 3(三) III→II", "Plan 3(三) I→IV", "Plan 3(三) same"],
)
def test_r2_level_change(current, new, expected) -> None:
    assert classify_level_change(current, new).value is expected


THRESHOLDS = {
    ResponseLevel.IV: Decimal(10),
    ResponseLevel.III: Decimal(50),
    ResponseLevel.II: Decimal(100),
    ResponseLevel.I: Decimal(300),
}


@pytest.mark.parametrize(
    ("measured", "expected"),
    [
        (Decimal(9), None),
        (Decimal(10), ResponseLevel.IV),
        (Decimal(99), ResponseLevel.III),
        (Decimal(100), ResponseLevel.II),
        (Decimal(300), ResponseLevel.I),
    ],
    ids=["Plan 7(四) below IV", "at IV", "just below II", "at II", "at I"],
)
def test_r2_activation_thresholds(measured, expected) -> None:
    assert activated_response_level(measured, THRESHOLDS).value is expected


@pytest.mark.parametrize(
    ("affected", "declaring", "expected"),
    [
        (["430121", "430181"], "430100", ("430121", "430181")),
        (["430121001"], "430121", ("430121001",)),
        (["430121", "430211"], "430000", ("430121", "430211")),
    ],
    ids=[
        "Plan 3(四) city declares its counties",
        "county declares its township",
        "province declares across cities",
    ],
)
def test_r3_declaration_divisions(affected, declaring, expected) -> None:
    assert validate_declaration_divisions(affected, declaring).value == expected


@pytest.mark.parametrize(
    ("affected", "declaring"),
    [([], "430100"), (["430211"], "430100"), (["999999"], "430000"), (["430121"], "430121001")],
    ids=["Plan 3(四) no division", "outside declaring city", "unknown code", "township above county"],
)
def test_r3_invalid_declarations(affected, declaring) -> None:
    with pytest.raises(InvalidDeclaration):
        validate_declaration_divisions(affected, declaring)


def test_r3_extension_adds_only_uncovered_divisions() -> None:
    assert divisions_to_extend(["430100"], ["430121", "430211", "430211"]).value == ("430211",)


@pytest.mark.parametrize(
    ("reported_after", "reported", "verified", "false", "now_after", "expected"),
    [
        (timedelta(hours=1), 3, 3, False, timedelta(hours=2), set()),
        (timedelta(hours=1, seconds=1), 3, 3, False, timedelta(hours=2), {ReportViolation.LATE}),
        (None, 0, 3, False, timedelta(minutes=61), {ReportViolation.CONCEALED}),
        (None, 0, 3, False, timedelta(minutes=60), set()),
        (
            timedelta(minutes=10),
            2,
            3,
            True,
            timedelta(hours=2),
            {ReportViolation.OMITTED, ReportViolation.FALSE},
        ),
    ],
    ids=["Plan 3(四) on time at 1h", "late at 1h+1s", "concealed", "not yet due", "omitted and false"],
)
def test_r4_direct_report_violations(reported_after, reported, verified, false, now_after, expected) -> None:
    reported_at = T0 + reported_after if reported_after is not None else None
    decision = direct_report_violations(
        T0,
        reported_at,
        T0 + now_after,
        reported_casualties=reported,
        verified_casualties=verified,
        content_verified_false=false,
    )
    assert decision.value == frozenset(expected)


@pytest.mark.parametrize(
    ("level", "required"),
    [(ResponseLevel.I, True), (ResponseLevel.II, True), (ResponseLevel.III, False)],
    ids=["名词解释21 I", "II", "III"],
)
def test_r5_forward_hq(level, required) -> None:
    assert forward_hq_required(level).value is required


@pytest.mark.parametrize(
    ("category", "severity", "counts"),
    [
        (HazardCategory.PRODUCTION_SAFETY_ACCIDENT, AccidentSeverity.EXTRAORDINARY, True),
        (HazardCategory.PRODUCTION_SAFETY_ACCIDENT, AccidentSeverity.LARGER, False),
        (HazardCategory.NATURAL_DISASTER, AccidentSeverity.MAJOR, False),
    ],
    ids=["核心指标表 #2 特别重大", "较大", "natural disaster"],
)
def test_r6_major_accident_indicator(category, severity, counts) -> None:
    assert counts_as_extraordinary_or_major_accident(category, severity).value is counts


@pytest.mark.parametrize(
    ("reached", "met"), [(900, True), (899, False), (1000, True)], ids=["Plan 2(三)2 90%", "89.9%", "100%"]
)
def test_r7_warning_coverage(reached, met) -> None:
    assert warning_coverage_met(reached, 1000).value.met is met


def test_r7_zero_targets_is_invalid() -> None:
    with pytest.raises(InvalidInput):
        warning_coverage_met(0, 0)


@pytest.mark.parametrize(("covered", "met"), [(950, True), (949, False)], ids=["Plan 10(二) 95%", "94.9%"])
def test_r8_broadcast_coverage(covered, met) -> None:
    assert broadcast_coverage_met(covered, 1000).value.met is met


@pytest.mark.parametrize("hazard", list(NaturalHazardType), ids=lambda h: f"名词解释20 {h.value}")
def test_r9_release_path(hazard) -> None:
    assert warning_release_systems(hazard).value == (
        ReleaseSystem.INTEGRATED_PLATFORM,
        ReleaseSystem(hazard.value),
    )


def test_r9_colour_levels() -> None:
    assert [response_level_for_colour(c).value for c in WarningColour] == [
        ResponseLevel.IV,
        ResponseLevel.III,
        ResponseLevel.II,
        ResponseLevel.I,
    ]


@pytest.mark.parametrize(
    ("launch", "covered"), [(120.0, True), (120.01, False)], ids=["Plan 8(二) exactly 2h", "2h + 0.6s"]
)
def test_r10_aviation_boundary(launch, covered) -> None:
    # Base on the spot: the reach time equals the launch time exactly.
    decision = aviation_reach(28.0, 113.0, [AviationBase("ZJJ", 28.0, 113.0)], launch_minutes=launch)
    assert decision.value.covered is covered


def test_r10_aviation_picks_fastest_base_and_reports_gap() -> None:
    bases = [AviationBase("FAR", 30.0, 113.0), AviationBase("NEAR", 28.5, 113.0)]
    near = aviation_reach(28.0, 113.0, bases, cruise_speed_kmh=200, launch_minutes=15)
    assert near.value.nearest_base_id == "NEAR" and near.value.covered
    far = aviation_reach(20.0, 113.0, bases, cruise_speed_kmh=200, launch_minutes=15)
    assert not far.value.covered
    assert not aviation_reach(28.0, 113.0, []).value.covered


@pytest.mark.parametrize(
    ("rule", "limit"),
    [
        (urban_rail_response_met, timedelta(minutes=30)),
        (engineering_rescue_linkage_met, timedelta(hours=2)),
        (basic_living_relief_met, timedelta(hours=10)),
    ],
    ids=["Plan 2(三)2 urban rail 30min", "Plan 2(三)2 engineering 2h", "Plan 2(三)2 relief 10h"],
)
@pytest.mark.parametrize(
    ("offset", "done", "expected"),
    [
        (timedelta(0), True, TargetOutcome.MET),
        (timedelta(seconds=1), True, TargetOutcome.BREACHED),
        (timedelta(0), False, TargetOutcome.PENDING),
        (timedelta(seconds=1), False, TargetOutcome.BREACHED),
    ],
    ids=["exactly at limit", "one second over", "clock running at limit", "clock past limit"],
)
def test_r11_r12_r13_time_targets(rule, limit, offset, done, expected) -> None:
    moment = T0 + limit + offset
    decision = rule(T0, moment) if done else rule(T0, None, moment)
    assert decision.value.outcome is expected


@pytest.mark.parametrize(
    "args",
    [(T0.replace(tzinfo=None), T0), (T0, T0 - timedelta(seconds=1)), (T0, None)],
    ids=["naive datetime", "end before start", "neither end nor now"],
)
def test_time_targets_refuse_bad_input(args) -> None:
    with pytest.raises(InvalidInput):
        basic_living_relief_met(*args)
