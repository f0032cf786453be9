"""Pure rules of the service-item catalogue, the hall, utilities, bundles and double entry (Arts. 4, 5, 17, 22–25),
of policy benefits (Arts. 11–12) and of competent departments (Art. 3): boundary cases."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_business_env.rules.competent_departments import designation_gaps, designation_valid
from hunan_business_env.rules.policy_benefits import Benefit, Collateral, benefit_valid
from hunan_business_env.rules.service_items import (
    BundleFinding,
    HallExemption,
    HallFinding,
    Handling,
    UtilityGap,
    acceptance,
    bundle_findings,
    double_entry,
    hall_application_findings,
    hall_inclusion,
    utility_gaps,
    variant_differences,
)

ENTRY = {"conditions": ["a"], "steps": 3, "time_limit_working_days": 10, "materials": ["x", "y"]}


def test_variant_differences_name_each_element():  # R39
    assert variant_differences(ENTRY, dict(ENTRY)).value == ()
    assert variant_differences(ENTRY, {**ENTRY, "materials": ["y", "x"]}).value == ("materials",)  # order is part
    changed = {**ENTRY, "time_limit_working_days": 9, "conditions": ["a", "b"]}
    assert variant_differences(ENTRY, changed).value == ("conditions", "time_limit_working_days")


@pytest.mark.parametrize(
    ("included", "exemption", "note", "ok"),
    [
        (True, None, None, True),
        (True, HallExemption.SAFETY, None, False),
        (False, None, None, False),
        (False, HallExemption.SECRECY, None, True),
        (False, HallExemption.OTHER_SPECIAL, "  ", False),
        (False, HallExemption.OTHER_SPECIAL, "自助终端办理", True),
    ],
)
def test_hall_inclusion(included, exemption, note, ok):  # R44
    assert hall_inclusion(included, exemption, note).value is ok


def _accept(**kw):
    base = {
        "item_division": "430100",
        "handling": Handling.LOCAL,
        "czt_same_city": False,
        "pilot_zones": (),
        "applicant_division": "430104",
        "accepting_division": "430102",
        "accepting_zone": None,
    }
    return acceptance(**{**base, **kw}).value


def test_acceptance_boundaries():  # R3, R4, R39
    assert _accept() is True
    assert _accept(applicant_division="430302") is False  # Xiangtan applicant, no same-city flag
    assert _accept(applicant_division="430302", czt_same_city=True) is True
    assert _accept(applicant_division="430302", accepting_division="430304", czt_same_city=True) is True
    assert _accept(applicant_division="430405", czt_same_city=True) is False  # Hengyang is not Chang-Zhu-Tan
    assert _accept(applicant_division="433101", handling=Handling.IN_PROVINCE) is True
    assert _accept(pilot_zones=("湖南湘江新区",)) is False
    assert _accept(pilot_zones=("湖南湘江新区",), accepting_zone="湖南湘江新区") is True


def test_utility_gaps():  # R27
    full = {"in_service_hall": True, "service_standards": True, "fee_standards": True, "time_limits": True}
    assert utility_gaps(**full, docked=True).value == ()
    assert utility_gaps(**{**full, "in_service_hall": False}, docked=False).value == (
        UtilityGap.NOT_IN_HALL,
        UtilityGap.NOT_DOCKED,
    )


def _hall(**kw):
    base = {
        "accepted_on": dt.date(2024, 9, 27),
        "time_limit_working_days": 3,
        "due_on": dt.date(2024, 10, 8),
        "receipt_voucher": "SJ-1",
        "first_inquiry_officer": "A03",
        "notices": [],
        "materials_submitted_at": [],
    }
    return hall_application_findings(**{**base, **kw}).value


def test_hall_application_boundaries():  # R45
    assert _hall() == ()  # due exactly on the limit
    assert _hall(due_on=dt.date(2024, 10, 9)) == (HallFinding.DUE_DATE_BEYOND_LIMIT,)
    assert _hall(time_limit_working_days=0, due_on=dt.date(2024, 9, 27)) == ()  # 即办
    assert _hall(notices=[["a", "b"]]) == ()  # one notice naming everything
    assert _hall(notices=[["a"], ["b"]], materials_submitted_at=["a"]) == (HallFinding.PIECEMEAL_NOTICE,)
    assert _hall(notices=[["a"], ["a"]], materials_submitted_at=["a"]) == ()


def test_bundle_findings():  # R43
    assert bundle_findings(notices=0, forms=1, departments=4, separate_submissions=1, deliveries=1).value == ()
    # One department with several submissions is not a joint-handling question.
    assert bundle_findings(notices=1, forms=1, departments=1, separate_submissions=2, deliveries=1).value == ()
    assert bundle_findings(notices=1, forms=2, departments=2, separate_submissions=2, deliveries=1).value == (
        BundleFinding.MORE_THAN_ONE_FORM,
        BundleFinding.NOT_JOINTLY_HANDLED,
    )


def test_double_entry():  # R46
    assert double_entry(["a"], []).value == ()
    assert double_entry(["a", "b"], ["b", "c", "b"]).value == ("b",)


def test_benefit_validity():  # R14, R17
    assert benefit_valid(None, []).value is True
    assert benefit_valid(Benefit.SECURED_FINANCING, [Collateral.SHIPS]).value is True
    assert benefit_valid(Benefit.SECURED_FINANCING, []).value is False
    refused = benefit_valid(Benefit.TALENT_SCHOOLING, [Collateral.SHIPS])
    assert refused.value is False and refused.basis[0].article == "Art. 12 / 第十二条"
    assert benefit_valid(Benefit.LISTING_SUBSIDY, []).basis[0].article == "Art. 11 / 第十一条"


def test_competent_departments():  # R1
    assert designation_valid("430000", "湖南省发展和改革委员会").value is True
    assert designation_valid("430000", "湖南省商务厅").value is False
    assert designation_valid("430100", "长沙市商务局").value is True
    assert designation_gaps(["430100", "430102"], ["430102", "430300"]).value == ("430100",)
    assert designation_gaps([], []).value == ()
