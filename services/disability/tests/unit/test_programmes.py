"""Count targets of the plan (R35 专栏2·4–5, R48 专栏5·3, R77 三(七)2, T-SIGN 专栏7·6, T-REHAB-STATIONS 专栏10·5) and
the public-welfare post priority (R30 三(一)2), at their boundaries."""

from __future__ import annotations

import pytest

from hunan_disability.rules.programmes import (
    Allocation,
    each_city,
    full_coverage,
    province_total,
    welfare_post_priority,
)


@pytest.mark.parametrize(
    "total, year, met, overdue",
    [(999, 2025, False, False), (1000, 2025, True, False), (999, 2026, False, True), (1200, 2026, True, False)],
    ids=["R35-one-short", "R35-at-goal", "R35-overdue-after-2025", "R35-above"],
)
def test_R35_T_SIGN_province_total(total, year, met, overdue):
    verdict = province_total(total, 1000, year).value
    assert (verdict.met, verdict.overdue, verdict.value) == (met, overdue, total)


@pytest.mark.parametrize(
    "counts, short",
    [({"430100": 1, "430200": 1}, ()), ({"430100": 1, "430200": 0}, ("430200",)), ({"430100": 2}, ("430200",))],
    ids=["R48-every-city", "R48-one-city-zero", "R48-city-not-reported"],
)
def test_R48_each_city(counts, short):
    verdict = each_city(counts, ["430100", "430200"], 1, 2025).value
    assert verdict.shortfall == short and verdict.met is (not short)


@pytest.mark.parametrize(
    "covered, totals, met, percent",
    [
        ({"430102": 10}, {"430102": 10}, True, 100),
        ({"430102": 9}, {"430102": 10}, False, 90),
        ({"430102": 10, "430103": 0}, {"430102": 10, "430103": 10}, False, 50),
        ({}, {}, False, 0),  # nothing reported is not coverage
    ],
    ids=["R77-full", "R77-one-village-short", "R77-one-county-none", "R77-no-report"],
)
def test_R77_full_coverage(covered, totals, met, percent):
    verdict = full_coverage(covered, totals, 2025).value
    assert (verdict.met, verdict.value) == (met, percent)


@pytest.mark.parametrize(
    "chosen, applied, ok",
    [
        (Allocation.DISABLED_OR_FAMILY, True, True),
        (Allocation.OTHER, True, False),
        (Allocation.OTHER, False, True),
    ],
    ids=["R30-priority-given", "R30-passed-over", "R30-no-eligible-applicant"],
)
def test_R30_welfare_post_priority(chosen, applied, ok):
    decision = welfare_post_priority(chosen, applied)
    assert decision.value is ok and decision.basis[0].article == "三(一)2 (R30)"
