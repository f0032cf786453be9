"""R24–R33: enterprise duties and 一单四制 (working-day deadlines across National Day 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from hunan_emergency.rules.basis import AdminLevel, InvalidInput
from hunan_emergency.rules.classification import SafetySector
from hunan_emergency.rules.enterprise import (
    COMPULSORY_INSURANCE_SECTORS,
    DualReportStatus,
    InsuranceRequirement,
    ProjectMilestones,
    ResponsiblePersons,
    TenOnceYearlyItem,
    dual_report_status,
    first_responsible_persons_missing,
    liability_insurance_requirement,
    professional_staffing_gaps,
    shift_record_missing,
    ten_once_gaps,
    three_simultaneities_lagging,
)
from hunan_emergency.rules.hidden_dangers import (
    FourSystemsRecord,
    four_systems_gaps,
    hidden_danger_overdue,
    may_identify_major_hidden_danger,
    overdue_notification_due,
    remediation_deadline,
)


@pytest.mark.parametrize(
    ("persons", "missing"),
    [
        (ResponsiblePersons("A", "A", "A", frozenset({"A"})), ()),
        (ResponsiblePersons("A", "B", "C", frozenset({"A", "B", "C"})), ()),
        (ResponsiblePersons("A", "B", "C", frozenset({"A", "C"})), ("actual_controller",)),
        (ResponsiblePersons("A", None, "C", frozenset({"A", "C"})), ("actual_controller",)),
    ],
    ids=[
        "Plan 3(四) one person all roles",
        "three persons listed",
        "controller not listed",
        "controller unnamed",
    ],
)
def test_r24_first_responsible_persons(persons, missing) -> None:
    assert first_responsible_persons_missing(persons).value == missing


@pytest.mark.parametrize(
    ("regulator", "congress", "expected"),
    [
        (True, True, DualReportStatus.COMPLETE),
        (False, True, DualReportStatus.INCOMPLETE),
        (False, False, DualReportStatus.MISSING),
    ],
    ids=["名词解释4 both", "congress only", "none"],
)
def test_r25_dual_report(regulator, congress, expected) -> None:
    assert dual_report_status(regulator, congress).value is expected


def _full_year(year: int):
    inspections = [date(year, m, 10) for m in range(1, 13)]
    studies = [date(year, m, 5) for m in (2, 5, 8, 11)]
    yearly = {item: [date(year, 6, 1)] for item in TenOnceYearlyItem}
    return inspections, studies, yearly


def test_r26_ten_once_complete_year() -> None:
    assert ten_once_gaps(2025, *_full_year(2025)).value.complete


def test_r26_ten_once_gaps() -> None:
    inspections, studies, yearly = _full_year(2025)
    inspections.remove(date(2025, 7, 10))
    studies.remove(date(2025, 11, 5))
    del yearly[TenOnceYearlyItem.SKILLS_CONTEST]
    gaps = ten_once_gaps(2025, inspections, studies, yearly).value
    assert gaps.months_without_inspection == (7,)
    assert gaps.quarters_without_study == (4,)
    assert gaps.yearly_items_missing == (TenOnceYearlyItem.SKILLS_CONTEST,)


@pytest.mark.parametrize(
    ("as_of", "months"),
    [(date(2025, 3, 30), (1, 2)), (date(2025, 3, 31), (1, 2, 3))],
    ids=["名词解释5 March not over", "名词解释5 March over on the 31st"],
)
def test_r26_only_ended_months_required(as_of, months) -> None:
    gaps = ten_once_gaps(2025, [], [], {}, as_of=as_of).value
    assert gaps.months_without_inspection == months
    assert gaps.yearly_items_missing == ()


def test_r27_shift_record() -> None:
    assert shift_record_missing(pre_shift_meeting=True, risk_card=True, work_card=False, emergency_card=True).value == (
        "work_card",
    )
    assert shift_record_missing(pre_shift_meeting=True, risk_card=True, work_card=True, emergency_card=True).value == ()


@pytest.mark.parametrize(
    ("safety", "lagging"),
    [
        (ProjectMilestones(date(2025, 1, 1), date(2025, 3, 1), date(2025, 9, 1)), ()),
        (ProjectMilestones(date(2025, 1, 2), date(2025, 3, 1), date(2025, 9, 1)), ("designed",)),
        (ProjectMilestones(date(2025, 1, 1), date(2025, 3, 1), None), ("put_into_use",)),
    ],
    ids=["名词解释11 simultaneous", "design lags a day", "never put into use"],
)
def test_r28_three_simultaneities(safety, lagging) -> None:
    main = ProjectMilestones(date(2025, 1, 1), date(2025, 3, 1), date(2025, 9, 1))
    assert three_simultaneities_lagging(main, safety).value == lagging


@pytest.mark.parametrize(
    ("sector", "insured", "expected"),
    [
        (SafetySector.FIREWORKS, True, InsuranceRequirement.REQUIRED_AND_HELD),
        (SafetySector.COAL_MINE, False, InsuranceRequirement.REQUIRED_MISSING),
        (SafetySector.FIRE, False, InsuranceRequirement.ENCOURAGED),
    ],
    ids=["Plan 10(六) fireworks insured", "coal uninsured", "fire-safety units encouraged"],
)
def test_r29_liability_insurance(sector, insured, expected) -> None:
    assert liability_insurance_requirement(sector, insured).value is expected


# Plan 10(六) / 第十章（六）: every sector of the register, against the text's list of nine (issue 18 item 2: metallurgy
# and construction were "encouraged").
R29_LISTED = {
    SafetySector.COAL_MINE: "矿山",
    SafetySector.NON_COAL_MINE: "矿山",
    SafetySector.TAILINGS_POND: "矿山",
    SafetySector.HAZCHEM: "危险化学品",
    SafetySector.FIREWORKS: "烟花爆竹",
    SafetySector.ROAD_TRANSPORT: "交通运输",
    SafetySector.TRANSPORT_FISHERY_VESSELS: "交通运输",
    SafetySector.URBAN_RAIL: "交通运输",
    SafetySector.CONSTRUCTION: "建筑施工",
    SafetySector.URBAN_CONSTRUCTION: "建筑施工",
    SafetySector.CIVIL_EXPLOSIVES: "民用爆炸物品",
    SafetySector.METAL_SMELTING: "金属冶炼",
    SafetySector.METALLURGY_INDUSTRY_TRADE: "金属冶炼",
    SafetySector.FISHERY: "渔业生产",
    SafetySector.SPECIAL_EQUIPMENT: "特种设备",
}


@pytest.mark.parametrize("sector", list(SafetySector), ids=[f"第十章（六） {s.value}" for s in SafetySector])
@pytest.mark.parametrize("insured", [True, False], ids=["insured", "uninsured"])
def test_r29_every_sector_against_the_text_list(sector, insured) -> None:
    decision = liability_insurance_requirement(sector, insured)
    if sector in R29_LISTED:
        expected = InsuranceRequirement.REQUIRED_AND_HELD if insured else InsuranceRequirement.REQUIRED_MISSING
        assert R29_LISTED[sector] in decision.reason
    else:
        expected = InsuranceRequirement.ENCOURAGED
    assert decision.value is expected
    assert (
        decision.basis[0].article == "Plan 10(六) / 第十章（六）"
        and "强制实施安全生产责任保险" in decision.basis[0].note
    )


def test_r29_the_nine_listed_sectors_are_the_texts() -> None:
    assert list(COMPULSORY_INSURANCE_SECTORS.values()) == [
        "矿山",
        "危险化学品",
        "烟花爆竹",
        "交通运输",
        "建筑施工",
        "民用爆炸物品",
        "金属冶炼",
        "渔业生产",
        "特种设备",
    ]
    assert set(R29_LISTED.values()) == set(COMPULSORY_INSURANCE_SECTORS.values())  # each one reachable


@pytest.mark.parametrize(
    ("sector", "engineers", "above_scale", "new", "trained", "gaps"),
    [
        (SafetySector.HAZCHEM, 1, True, 10, 10, ()),
        (SafetySector.HAZCHEM, 0, True, 10, 9, ("registered_safety_engineer", "new_employee_training")),
        (SafetySector.METALLURGY_INDUSTRY_TRADE, 0, False, 10, 0, ()),
    ],
    ids=["Plan 6(四) compliant", "no engineer, 90% trained", "not high-risk, not key"],
)
def test_r30_staffing(sector, engineers, above_scale, new, trained, gaps) -> None:
    decision = professional_staffing_gaps(
        sector,
        registered_safety_engineers=engineers,
        key_sector_above_scale=above_scale,
        new_employees=new,
        new_employees_trained=trained,
    )
    assert decision.value == gaps


def test_r30_rejects_more_trained_than_hired() -> None:
    with pytest.raises(InvalidInput):
        professional_staffing_gaps(
            SafetySector.HAZCHEM,
            registered_safety_engineers=1,
            key_sector_above_scale=True,
            new_employees=1,
            new_employees_trained=2,
        )


@pytest.mark.parametrize(
    ("level", "duty", "allowed"),
    [
        (AdminLevel.COUNTY, True, True),
        (AdminLevel.PROVINCE, True, True),
        (AdminLevel.TOWNSHIP, True, False),
        (AdminLevel.CITY, False, False),
    ],
    ids=["名词解释14 county", "province", "township", "city without supervision duty"],
)
def test_r31_identification_authority(level, duty, allowed) -> None:
    assert may_identify_major_hidden_danger(level, duty).value is allowed


@pytest.mark.parametrize(
    ("record", "delisting", "overdue", "gaps"),
    [
        (FourSystemsRecord("Dept A", date(2026, 6, 1), 2, True, False), True, False, ()),
        (
            FourSystemsRecord(None, None, 0, False, False),
            True,
            True,
            ("assignment", "ledger", "delisting_without_verification", "notification"),
        ),
        (FourSystemsRecord("Dept A", date(2026, 6, 1), 1, False, True), False, True, ()),
    ],
    ids=["名词解释14 all systems", "nothing in place", "overdue and notified"],
)
def test_r32_four_systems(record, delisting, overdue, gaps) -> None:
    assert four_systems_gaps(record, delisting=delisting, overdue=overdue).value == gaps


@pytest.mark.parametrize(
    ("assigned", "days", "deadline"),
    [
        (date(2026, 9, 29), 1, date(2026, 9, 30)),
        (date(2026, 9, 29), 2, date(2026, 10, 8)),  # National Day 10-01…10-07 skipped
        (date(2026, 9, 29), 4, date(2026, 10, 10)),  # Saturday 10-10 is an adjusted working day (调休)
        (date(2026, 9, 24), 1, date(2026, 9, 28)),  # Mid-Autumn 09-25 and the weekend skipped
    ],
    ids=["名词解释14 1 wd", "across National Day 2026", "调休 Saturday counts", "across Mid-Autumn 2026"],
)
def test_r33_deadline_on_working_day_calendar(assigned, days, deadline) -> None:
    decision = remediation_deadline(assigned, days).value
    assert decision.date == deadline
    assert decision.provisional is False


def test_r33_deadline_past_published_calendar_is_provisional() -> None:
    assert remediation_deadline(date(2026, 12, 30), 5).value.provisional is True


@pytest.mark.parametrize(
    ("today", "delisted_on", "overdue"),
    [
        (date(2026, 10, 9), None, False),
        (date(2026, 10, 10), None, True),
        (date(2026, 10, 20), date(2026, 10, 9), False),
        (date(2026, 10, 20), date(2026, 10, 12), True),
    ],
    ids=["名词解释14 on deadline day", "day after", "delisted on the deadline", "delisted late"],
)
def test_r33_overdue(today, delisted_on, overdue) -> None:
    assert hidden_danger_overdue(date(2026, 10, 9), today, delisted_on).value is overdue


@pytest.mark.parametrize(
    ("notified", "delisted", "due"),
    [
        ((), False, True),
        ((date(2026, 10, 9),), False, False),
        ((date(2026, 9, 1),), False, True),
        ((), True, False),
    ],
    ids=["名词解释14 first breach", "already notified", "extended deadline breached again", "delisted"],
)
def test_r33_notification_once_per_episode(notified, delisted, due) -> None:
    decision = overdue_notification_due(
        date(2026, 10, 9), date(2026, 10, 12), delisted=delisted, deadlines_already_notified=notified
    )
    assert decision.value is due
