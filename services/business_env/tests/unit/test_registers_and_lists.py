"""Pure rules of the registers and lists (R48, R52, R81, R85, R94, R99): boundaries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hunan_business_env.rules.licences import aggregation_on_time
from hunan_business_env.rules.lists import Delegation, handling_agency, supervisor_may_report
from hunan_business_env.rules.registers import PenaltyTreatment, competent_department, penalty_treatment
from hunan_business_env.rules.supervision_activities import Mode, on_site_share

D = dt.date


def test_on_site_share_trend():
    assert on_site_share([Mode.ON_SITE, Mode.OFF_SITE], Decimal("0.5000")).reason.endswith("unchanged from 0.5000")
    up = on_site_share([Mode.ON_SITE], Decimal("0.5000"))
    assert up.value == Decimal("1.0000") and "not reduced" in up.reason


def test_competent_department_levels():
    assert competent_department("430000", {}, "省发改委").value == "省发改委"
    assert competent_department("430104", {"430100": "市"}, "省").value is None
    assert competent_department("430100", {"430100": "市"}, "省").value == "市"


def test_aggregation_boundary_and_order():
    issued = dt.datetime(2024, 5, 6, 1, tzinfo=dt.UTC)
    assert aggregation_on_time(issued, issued + dt.timedelta(minutes=30), 30, None).value is True
    assert aggregation_on_time(issued, issued + dt.timedelta(minutes=30, seconds=1), 30, None).value is False
    with pytest.raises(ValueError):
        aggregation_on_time(issued, issued - dt.timedelta(seconds=1), 30, None)


def test_latest_delegation_in_force_wins():
    ds = [Delegation("A", D(2024, 1, 1), None), Delegation("B", D(2024, 6, 1), D(2024, 9, 1))]
    assert handling_agency("O", ds, D(2024, 5, 31)).value == "A"
    assert handling_agency("O", ds, D(2024, 6, 1)).value == "B"
    assert handling_agency("O", ds, D(2024, 9, 1)).value == "A"


def test_supervisor_appointment_window():
    assert supervisor_may_report(D(2024, 1, 1), None, None, D(2023, 12, 31)).value is False
    assert supervisor_may_report(D(2024, 1, 1), None, None, D(2024, 1, 1)).value is True
    assert supervisor_may_report(D(2024, 1, 1), None, D(2024, 2, 1), D(2024, 1, 31)).value is True


def test_no_penalty_needs_minor_facts():
    lists = (["a"], ["b"])
    assert penalty_treatment("a", *lists, first_offence=True, harm_corrected=True).value is PenaltyTreatment.NO_PENALTY
    assert penalty_treatment("b", *lists, first_offence=False, harm_corrected=False).value is PenaltyTreatment.LIGHTER
