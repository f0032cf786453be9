"""Return-to-poverty monitoring (防返贫动态监测, 三(一)1, 专栏2·1): enrolment, village coverage, coverage-gap alerts."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

from hunan_shared import divisions
from hunan_shared.legal import Decision

from .basis import design, plan

R27 = plan("三(一)1", "R27", "将符合条件的残疾人纳入监测范围，予以重点关注、重点帮扶，并实行动态管理")
R28 = plan("专栏2·1", "R28", "每个县市区至少确定1个行政村……全省不少于140个")
R29 = plan("三(一)1", "R29", "常态化开展两项补贴、城乡居民医保、养老保险、社会救助、危房改造等数据比对")

MIN_VILLAGES_PER_COUNTY = 1
MIN_VILLAGES_PROVINCE = 140


class MonitoringStatus(StrEnum):
    NOT_MONITORED = "not_monitored"
    MONITORED = "monitored"
    RISK_ELIMINATED = "risk_eliminated"  # exit from monitoring


def monitoring_enrolment(currently_monitored: bool, open_risks: Collection[str]) -> Decision[MonitoringStatus]:
    """三(一)1 (R27): enrol a person with a relapse risk; exit (风险消除) when monitored and no risk remains."""
    if open_risks:
        return Decision[MonitoringStatus](
            value=MonitoringStatus.MONITORED, reason="risks: " + ", ".join(sorted(open_risks)), basis=(R27,)
        )
    if currently_monitored:
        return Decision[MonitoringStatus](
            value=MonitoringStatus.RISK_ELIMINATED, reason="no risk left: exit monitoring", basis=(R27,)
        )
    return Decision[MonitoringStatus](value=MonitoringStatus.NOT_MONITORED, reason="no risk", basis=(R27,))


@dataclass(frozen=True)
class VillageCoverage:
    province_total: int
    province_compliant: bool
    counties_without_village: tuple[str, ...]

    @property
    def compliant(self) -> bool:
        return self.province_compliant and not self.counties_without_village


def monitored_village_coverage(villages_by_county: Mapping[str, int]) -> Decision[VillageCoverage]:
    """专栏2·1 (R28): every 县市区 has ≥ 1 monitored village AND the province has ≥ 140.

    Counties missing from the input have 0; a province total ≥ 140 does not excuse a county with none.
    """
    all_counties = [county.code for county in divisions.counties()]
    unknown = sorted(set(villages_by_county) - set(all_counties))
    if unknown:
        raise ValueError(f"not Hunan county codes: {unknown}")
    total = sum(villages_by_county.values())
    missing = tuple(c for c in all_counties if villages_by_county.get(c, 0) < MIN_VILLAGES_PER_COUNTY)
    coverage = VillageCoverage(total, total >= MIN_VILLAGES_PROVINCE, missing)
    reason = (
        f"province {total} (≥ {MIN_VILLAGES_PROVINCE}: {coverage.province_compliant}); "
        f"{len(missing)} county(ies) without a village"
    )
    return Decision[VillageCoverage](value=coverage, reason=reason, basis=(R28,))


class Coverage(StrEnum):
    """The five programmes compared routinely (R29)."""

    LIVING_SUBSIDY = "living_subsidy"
    NURSING_SUBSIDY = "nursing_subsidy"
    MEDICAL_INSURANCE = "medical_insurance"
    PENSION_INSURANCE = "pension_insurance"
    SOCIAL_ASSISTANCE = "social_assistance"
    DANGEROUS_HOUSE = "dangerous_house"


ALERT_CODES: dict[Coverage, str] = {
    Coverage.LIVING_SUBSIDY: "GAP_LIVING_SUBSIDY",
    Coverage.NURSING_SUBSIDY: "GAP_NURSING_SUBSIDY",
    Coverage.MEDICAL_INSURANCE: "GAP_MEDICAL_INS",
    Coverage.PENSION_INSURANCE: "GAP_PENSION_INS",
    Coverage.SOCIAL_ASSISTANCE: "GAP_SOCIAL_ASSIST",
    Coverage.DANGEROUS_HOUSE: "GAP_DANGEROUS_HOUSE",
}


class AlertSeverity(StrEnum):
    HIGH = "high"  # covered last time, lost now (continued receipt broke, 专栏2·1)
    MEDIUM = "medium"  # eligible and never covered


@dataclass(frozen=True)
class CoverageSnapshot:
    """One comparison run for one person: which programmes they should have and which they have."""

    eligible: frozenset[Coverage]
    covered: frozenset[Coverage]


@dataclass(frozen=True)
class RiskAlert:
    rule_code: str
    programme: Coverage
    severity: AlertSeverity


def coverage_alerts(current: CoverageSnapshot, previous: CoverageSnapshot | None = None) -> Decision[list[RiskAlert]]:
    """三(一)1 (R29) 应保尽保: one alert per programme the person is eligible for but not covered by.

    A programme covered in the previous run and missing now is a lapse (HIGH); otherwise MEDIUM.
    """
    alerts = []
    for programme in sorted(current.eligible - current.covered, key=lambda p: p.value):
        lapsed = previous is not None and programme in previous.covered
        severity = AlertSeverity.HIGH if lapsed else AlertSeverity.MEDIUM
        alerts.append(RiskAlert(ALERT_CODES[programme], programme, severity))
    reason = ", ".join(f"{a.rule_code}:{a.severity.value}" for a in alerts) or "no gap"
    return Decision[list[RiskAlert]](value=alerts, reason=reason, basis=(R29, design("R29", "alert codes, severity")))
