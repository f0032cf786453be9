"""Major accident hidden dangers under 一单四制: who may identify them, the four systems, deadlines on the
working-day calendar and overdue notification (R31–R33)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from hunan_emergency.rules.basis import (
    AdminLevel,
    InvalidInput,
    NotAuthorised,
    at_or_above,
    decide,
    plan_basis,
)
from hunan_shared.legal import Decision
from hunan_shared.workdays import Deadline, add_working_days

ONE_LIST_FOUR_SYSTEMS = plan_basis("名词解释14", "一单四制")


class HiddenDangerSource(StrEnum):
    """The seven sources a major hidden danger may come from (名词解释14)."""

    ROUTINE_INSPECTION = "ROUTINE_INSPECTION"  # 日常监督检查中发现
    ASSIGNED_BY_SUPERIOR = "ASSIGNED_BY_SUPERIOR"  # 上级交办
    PUBLIC_REPORT = "PUBLIC_REPORT"  # 群众举报
    MEDIA_EXPOSURE = "MEDIA_EXPOSURE"  # 媒体曝光
    REFERRED_BY_OTHER_DEPT = "REFERRED_BY_OTHER_DEPT"  # 其他部门移送
    REPORTED_BY_LOWER_DEPT = "REPORTED_BY_LOWER_DEPT"  # 下级有关部门报告
    REPORTED_BY_ENTERPRISE = "REPORTED_BY_ENTERPRISE"  # 生产经营单位报告


def may_identify_major_hidden_danger(department_level: AdminLevel, has_safety_supervision_duty: bool) -> Decision[bool]:
    """名词解释14 / 一单四制: only a department at county level or above with production-safety supervision
    duties (县级以上负有安全生产监督管理职责的部门) identifies (认定) a major hidden danger and lists it; a
    township reports or refers it instead (R31)."""
    allowed = at_or_above(department_level, AdminLevel.COUNTY) and has_safety_supervision_duty
    return decide(
        allowed,
        f"{department_level.value} department (supervision duty={has_safety_supervision_duty}) "
        f"{'may' if allowed else 'may not'} identify a major hidden danger",
        ONE_LIST_FOUR_SYSTEMS,
    )


def require_identification_authority(department_level: AdminLevel, has_safety_supervision_duty: bool) -> Decision[bool]:
    """名词解释14: as `may_identify_major_hidden_danger`, raising NotAuthorised when it is refused (R31)."""
    decision = may_identify_major_hidden_danger(department_level, has_safety_supervision_duty)
    if not decision.value:
        raise NotAuthorised(decision.reason + " (名词解释14: 县级以上负有安全生产监督管理职责的部门认定)")
    return decision


@dataclass(frozen=True)
class FourSystemsRecord:
    """What the list entry of one major hidden danger holds for the four systems."""

    assignee: str | None  # 交办制
    deadline: date | None  # 交办制
    ledger_entries: int  # 台账制
    verified_eliminated: bool  # 销号制
    overdue_notified: bool  # 通报制 (only required once overdue)


def four_systems_gaps(record: FourSystemsRecord, *, delisting: bool, overdue: bool) -> Decision[tuple[str, ...]]:
    """名词解释14 / 交办制、台账制、销号制、通报制: an assigned item has an assignee and a deadline, progress in its
    ledger, delisting only after verified elimination (隐患不消除不销号), and a notification once overdue (R32)."""
    gaps = []
    if not record.assignee or record.deadline is None:
        gaps.append("assignment")
    if record.ledger_entries < 1:
        gaps.append("ledger")
    if delisting and not record.verified_eliminated:
        gaps.append("delisting_without_verification")
    if overdue and not record.overdue_notified:
        gaps.append("notification")
    return decide(
        tuple(gaps),
        "four systems in order" if not gaps else f"gaps: {', '.join(gaps)}",
        ONE_LIST_FOUR_SYSTEMS,
    )


def remediation_deadline(assigned_on: date, working_days: int) -> Decision[Deadline]:
    """名词解释14 / 交办制: the assigning department sets the remediation period; when it is given in working
    days (工作日) the deadline falls on the PRC calendar with 调休, flagged provisional past the published
    calendar year (the plan fixes no period; the number is the assigning department's)."""
    if working_days < 1:
        raise InvalidInput("a remediation period is at least one working day")
    deadline = add_working_days(assigned_on, working_days)
    return decide(
        deadline,
        f"{working_days} working days from {assigned_on} → {deadline.date}"
        f"{' (provisional)' if deadline.provisional else ''}",
        ONE_LIST_FOUR_SYSTEMS,
    )


def hidden_danger_overdue(deadline: date, today: date, delisted_on: date | None = None) -> Decision[bool]:
    """名词解释14 / 通报制: an item is overdue when today is past its deadline and it was not delisted by the
    deadline; delisting on the deadline day is in time (对逾期未完成治理任务的予以通报) (R33)."""
    if delisted_on is not None and delisted_on <= deadline:
        overdue = False
        why = f"delisted on {delisted_on}, by the deadline {deadline}"
    elif delisted_on is not None:
        overdue = True
        why = f"delisted late on {delisted_on} (deadline {deadline})"
    else:
        overdue = today > deadline
        why = f"deadline {deadline}, today {today}, not delisted"
    return decide(overdue, f"{'overdue' if overdue else 'not overdue'}: {why}", ONE_LIST_FOUR_SYSTEMS)


def overdue_notification_due(
    deadline: date, today: date, *, delisted: bool, deadlines_already_notified: Collection[date]
) -> Decision[bool]:
    """名词解释14 / 通报制: one notification per overdue episode — an episode is keyed by the deadline, so an
    extended deadline that is breached again is notified again [DESIGN] (R33)."""
    due = not delisted and today > deadline and deadline not in deadlines_already_notified
    return decide(
        due,
        f"notification {'due' if due else 'not due'} for deadline {deadline}",
        ONE_LIST_FOUR_SYSTEMS,
    )
