"""Programme rules (R3, R4, R5, R11, R13, W6, W8, W10, S27) and the dashboard verdict (`assess`), table-driven with
boundaries on each side; ids carry the plan section and the catalogue's conformance case."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from hunan_science.rules import indicators as i
from hunan_science.rules import programmes as p
from hunan_science.rules.basis import ScienceRuleError


@pytest.mark.parametrize(
    "programme, person_id, times, ok",
    [
        (p.TrainingProgramme.SCI_COUNSELLOR, "t-1", 1, True),
        (p.TrainingProgramme.SCI_COUNSELLOR, None, 1, False),
        (p.TrainingProgramme.SCI_COUNSELLOR, "t-1", 2, False),
        (p.TrainingProgramme.RURAL_ENTREPRENEUR, None, 1, False),
        (p.TrainingProgramme.FARMER, None, 300, True),
        (p.TrainingProgramme.SKILLS_WORKER, None, 0, False),
    ],
    ids=[
        "二(一)7-one-person",
        "二(一)7-no-person",
        "二(一)7-sessions-not-persons",
        "二(二)2-leader-needs-person",
        "二(二)2-farmer-person-times",
        "二(三)3-zero-person-times",
    ],
)
def test_training_record_counting_R3_R5_R13(programme, person_id, times, ok):
    if ok:
        assert p.training_record(programme, person_id, times).value is True
    else:
        with pytest.raises(ScienceRuleError):
            p.training_record(programme, person_id, times)


@pytest.mark.parametrize(
    "requested, granted, met",
    [(12, 11, False), (12, 12, True), (12, 13, True), (0, 0, True)],
    ids=["二(一)7-S-T19-12-11", "二(一)7-12-12", "二(一)7-more-than-asked", "二(一)7-nothing-asked"],
)
def test_R4_directed_quota_met_in_full(requested, granted, met):
    assert p.directed_quota_met(requested, granted).value is met


def test_R4_negative_quota_refused():
    with pytest.raises(ScienceRuleError):
        p.directed_quota_met(-1, 0)


@pytest.mark.parametrize(
    "state, action, new",
    [
        (p.ProjectState.SUBMITTED, p.ProjectAction.APPROVE, p.ProjectState.APPROVED),
        (p.ProjectState.SUBMITTED, p.ProjectAction.REJECT, p.ProjectState.REJECTED),
        (p.ProjectState.APPROVED, p.ProjectAction.COMPLETE, p.ProjectState.COMPLETED),
        (p.ProjectState.REJECTED, p.ProjectAction.APPROVE, None),
        (p.ProjectState.SUBMITTED, p.ProjectAction.COMPLETE, None),
    ],
    ids=[
        "二(一)3-W6-approve",
        "二(一)3-W6-reject",
        "二(一)3-W6-complete",
        "W6-rejected-final",
        "W6-complete-unapproved",
    ],
)
def test_W6_project_states(state, action, new):
    if new is None:
        with pytest.raises(p.IllegalProjectTransition):
            p.next_project_state(state, action)
    else:
        assert p.next_project_state(state, action).value is new


@pytest.mark.parametrize(
    "state, action, new",
    [
        (p.DispatchState.REQUESTED, p.DispatchAction.MATCH, p.DispatchState.MATCHED),
        (p.DispatchState.MATCHED, p.DispatchAction.DISPATCH, p.DispatchState.DISPATCHED),
        (p.DispatchState.DISPATCHED, p.DispatchAction.COMPLETE, p.DispatchState.COMPLETED),
        (p.DispatchState.REQUESTED, p.DispatchAction.DISPATCH, None),
        (p.DispatchState.COMPLETED, p.DispatchAction.MATCH, None),
    ],
    ids=["三(四)2-W8-match", "三(四)2-W8-dispatch", "三(四)2-W8-complete", "W8-unmatched", "W8-completed-final"],
)
def test_W8_dispatch_states(state, action, new):
    if new is None:
        with pytest.raises(p.IllegalDispatchTransition):
            p.next_dispatch_state(state, action)
    else:
        assert p.next_dispatch_state(state, action).value is new


def test_W8_team_serves_only_its_area():
    assert p.team_serves("430100", "430104", ["430100", "430104"]).value is True
    with pytest.raises(ScienceRuleError):
        p.team_serves("430100", "431200", ["430100", "430104"])


def test_W10_local_plan_approved_once():
    assert p.approve_local_plan(p.LocalPlanState.DRAFTED).value is p.LocalPlanState.APPROVED
    with pytest.raises(p.IllegalLocalPlanTransition):
        p.approve_local_plan(p.LocalPlanState.APPROVED)


@pytest.mark.parametrize(
    "kind, level, ok",
    [
        (p.DesignationKind.HEALTH_PROMOTION_COUNTY, "county", True),
        (p.DesignationKind.HEALTH_PROMOTION_COUNTY, "prefecture", False),
        (p.DesignationKind.CITY_PLATFORM_EMBEDDED, "prefecture", True),
        (p.DesignationKind.CITY_PLATFORM_EMBEDDED, "county", False),
        (p.DesignationKind.CRAFTSMAN_BASE, "prefecture", True),
    ],
    ids=["三(四)3-county", "三(四)3-city-refused", "三(二)4-city", "三(二)4-county-refused", "二(三)2-any-level"],
)
def test_designation_division_level(kind, level, ok):
    if ok:
        assert p.designation_division(kind, level).value is True
    else:
        with pytest.raises(ScienceRuleError):
            p.designation_division(kind, level)


def test_R11_schools_missing_visit_S_T20():
    assert p.schools_missing_visit({"s-1", "s-2"}, {"s-1"}).value == ["s-2"]
    assert p.schools_missing_visit({"s-1"}, {"s-1"}).value == []


def test_S27_five_actions_four_projects():
    assert p.programmes_under_way().value == 9
    assert i.target_progress("S27", D(9)).value is i.Outcome.MET


@pytest.mark.parametrize(
    "code, value, year, outcome",
    [
        ("S1", None, 2025, i.Outcome.NO_DATA),
        ("S1", D("13.0"), 2023, i.Progress.IN_PROGRESS),
        ("S1", D("15.00"), 2025, i.Outcome.NOT_MET),
        ("S1", D("15.01"), 2024, i.Outcome.MET),
        ("S5", D(2_999), 2023, i.Outcome.NOT_MET),
        ("S3", D(1_499), 2023, i.Outcome.WARNING),
        ("S25", D(1), 2023, i.Outcome.NOT_MET),
        ("S6", D(499_999), 2024, i.Progress.IN_PROGRESS),
        ("S6", D(499_999), 2026, i.Outcome.NOT_MET),
    ],
    ids=[
        "一(二)-no-survey",
        "一(二)-2023-in-progress",
        "一(二)-S-T1-2025",
        "一(二)-S-T2-early",
        "二(一)7-annual-no-grace",
        "二(一)3-S-T10-aspiration",
        "四(四)-S-T21-2023-half-done",
        "二(二)2-before-2025",
        "二(二)2-after-2025",
    ],
)
def test_assess(code, value, year, outcome):
    assert i.assess(code, value, year).value is outcome


def test_every_target_has_period_unit_and_basis():
    for target in i.TARGETS.values():
        assert target.name and target.unit and target.source and target.basis.article
    assert i.progress_percent("S5", D(1_500)) == D("50.0") and i.progress_percent("S2", D(1)) is None
    assert i.cumulative_years(2023) == (2021, 2023) and i.cumulative_years(2030) == (2021, 2025)
