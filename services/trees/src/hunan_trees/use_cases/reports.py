"""Service layer for abnormality reports (W2, Arts. 18–19) and suspected deaths (W4, Art. 29): file, handle,
appraise, close; the periodic job that announces reports gone overdue; archive cancellation after death."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, col, select

from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, InvalidTransition, NotFound, RuleViolation
from hunan_shared.events.catalogue import TreeReportOverdue
from hunan_shared.jobs import Announcement, AuditEntry, announce_once
from hunan_shared.legal import Basis, Decision
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_trees.models import AbnormalityReport, ArchiveCancellation, Tree
from hunan_trees.rules.basis import ART29
from hunan_trees.rules.classification import GovernmentLevel, Grade
from hunan_trees.rules.deadlines import abnormality_handling_due, death_appraisal_due
from hunan_trees.rules.enforcement import may_cancel_archive
from hunan_trees.rules.lifecycle import AbnormalityType, ReportKind, acted_on_time, overdue, report_type_valid
from hunan_trees.schemas.reports import (
    AppraisalIn,
    ArchiveCancellationIn,
    ArchiveCancellationOut,
    CloseIn,
    HandlingIn,
    ReportIn,
    ReportOut,
)
from hunan_trees.settings import TreesSettings
from hunan_trees.use_cases.archive import record_version
from hunan_trees.use_cases.trees import ACTIVE

REPORTED = "REPORTED"  # received, no handling action / appraisal yet
HANDLING = "HANDLING"  # Art. 19 handling under way
CLOSED = "CLOSED"
CONFIRMED_DEAD = "CONFIRMED_DEAD"
FELLED = "FELLED"
ARCHIVE_CANCELLED = "ARCHIVE_CANCELLED"
OPEN = (REPORTED, HANDLING)


def _require(decision: Decision[bool]) -> None:
    if not decision.value:
        raise RuleViolation(decision.reason, basis=decision.basis)


def _due(kind: ReportKind, received_on: dt.date, settings: TreesSettings):
    if kind is ReportKind.ABNORMALITY:
        return abnormality_handling_due(received_on, settings.count_receipt_day)
    return death_appraisal_due(received_on, settings.count_receipt_day)


def _out(row: AbnormalityReport, basis: tuple[Basis, ...] | list[Basis] = ()) -> ReportOut:
    return ReportOut(**row.model_dump(), basis=list(basis))


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(clock.SHANGHAI).date()


def file(uow: UnitOfWork, cmd: ReportIn, settings: TreesSettings) -> ReportOut:
    """Art. 18 / 29: record the report and its 5-working-day deadline (Art. 19 handling, Art. 29 appraisal)."""
    _require(report_type_valid(cmd.kind, cmd.abnormality_type))
    now = clock.now()
    received_at = cmd.received_at or now
    if received_at > now:
        raise RuleViolation("received_at lies in the future")
    tree = uow.session.get(Tree, cmd.tree_id)
    if tree is None or tree.status != ACTIVE:
        raise NotFound(f"no registered tree {cmd.tree_id}")
    if cmd.kind is ReportKind.SUSPECTED_DEATH:
        open_death = uow.session.exec(
            select(AbnormalityReport.id).where(
                AbnormalityReport.tree_id == tree.id,
                AbnormalityReport.kind == ReportKind.SUSPECTED_DEATH.value,
                col(AbnormalityReport.state).in_(OPEN),
            )
        ).first()
        if open_death:
            raise Conflict(f"tree {tree.id} already has an open suspected-death report {open_death}")
    due = _due(cmd.kind, _local_date(received_at), settings)
    row = AbnormalityReport(
        id=new_id(),
        tree_id=tree.id,
        division_code=tree.division_code,
        kind=cmd.kind.value,
        abnormality_type=cmd.abnormality_type.value if cmd.abnormality_type else None,
        description=cmd.description,
        reporter=cmd.reporter,
        received_at=received_at,
        due_on=due.value.date,
        due_provisional=due.value.provisional,
        state=REPORTED,
        handling={"actions": []},
    )
    uow.session.add(row)
    uow.session.flush()
    out = _out(row, due.basis)
    uow.audit("report.file", "report", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def _record_action(row: AbnormalityReport, now: dt.datetime) -> Decision[bool] | None:
    """The first handling action or appraisal stops the clock; say whether it came in time."""
    if row.acted_at is not None:
        return None
    on_time = acted_on_time(row.due_on, _local_date(now), ReportKind(row.kind))
    row.acted_at = now
    row.acted_on_time = on_time.value
    return on_time


def handle(uow: UnitOfWork, report_id: str, cmd: HandlingIn) -> ReportOut:
    """Art. 19 / 第十九条: a recorded handling action (investigation where necessary, cause, responsibility,
    measures); the first one meets (or misses) the 5-working-day deadline."""
    row = uow.repo(AbnormalityReport, noun="report").for_update(report_id)
    if row.kind != ReportKind.ABNORMALITY.value:
        raise InvalidTransition("a suspected death is answered by a death appraisal (Art. 29), not handling")
    if row.state not in OPEN:
        raise InvalidTransition(f"report is {row.state}")
    now = clock.now()
    with uow.audited_change("report.handle", row, render=lambda r: _out(r).model_dump(mode="json", exclude={"basis"})):
        on_time = _record_action(row, now)
        actions = list(row.handling.get("actions", []))
        actions.append({"at": now.isoformat(), **cmd.model_dump(mode="json")})
        row.handling = {**row.handling, "actions": actions}
        row.state = HANDLING
        uow.session.add(row)
    basis = on_time.basis if on_time else abnormality_handling_due(row.due_on).basis
    return _out(row, basis)


def close(uow: UnitOfWork, report_id: str, cmd: CloseIn) -> ReportOut:
    """Close a handled abnormality report with its outcome (W2)."""
    row = uow.repo(AbnormalityReport, noun="report").for_update(report_id)
    if row.kind != ReportKind.ABNORMALITY.value or row.state != HANDLING:
        raise InvalidTransition(f"only an abnormality report under handling can be closed (this one is {row.state})")
    with uow.audited_change("report.close", row, render=lambda r: _out(r).model_dump(mode="json", exclude={"basis"})):
        row.state = CLOSED
        row.closed_at = clock.now()
        row.handling = {**row.handling, "outcome": cmd.outcome}
        uow.session.add(row)
    return _out(row, abnormality_handling_due(row.due_on).basis)


def appraise(uow: UnitOfWork, report_id: str, cmd: AppraisalIn) -> ReportOut:
    """Art. 29 / 第二十九条: experts appraise a suspected death; when dead, cause and responsibility are recorded and
    the tree is CONFIRMED_DEAD (its archive then cancelled by the department at its grade level)."""
    row = uow.repo(AbnormalityReport, noun="report").for_update(report_id)
    if row.kind != ReportKind.SUSPECTED_DEATH.value or row.state != REPORTED:
        raise InvalidTransition(f"only an open suspected-death report can be appraised (this one is {row.state})")
    if cmd.result == "DEAD" and not (cmd.cause and cmd.cause.strip()):
        raise RuleViolation(
            "a confirmed death records its cause (查明原因和责任)", basis=death_appraisal_due(row.due_on).basis
        )
    tree = uow.repo(Tree).for_update(row.tree_id)
    now = clock.now()
    with uow.audited_change(
        "report.appraise", row, render=lambda r: _out(r).model_dump(mode="json", exclude={"basis"})
    ):
        on_time = _record_action(row, now)
        row.handling = {**row.handling, "appraisal": {"at": now.isoformat(), **cmd.model_dump(mode="json")}}
        row.state = CLOSED
        row.closed_at = now
        uow.session.add(row)
        if cmd.result == "DEAD":
            before = tree.status
            tree.status = CONFIRMED_DEAD
            uow.session.add(tree)
            uow.audit("tree.death_confirmed", "tree", tree.id, before={"status": before}, after={"status": tree.status})
            record_version(
                uow,
                tree.id,
                "tree.death_confirmed",
                f"death confirmed by expert appraisal (report {row.id}): {cmd.cause}",
                (ART29,),
                {"before": {"status": before}, "after": {"status": tree.status}},
            )
    assert on_time is not None
    return _out(row, on_time.basis)


def announce_overdue(uow: UnitOfWork, now: dt.datetime) -> int:
    """Arts. 19, 29: a report with no handling action (or no appraisal) after its 5th working day is marked
    overdue once and announced as `hunan.trees.report.overdue`; returns how many were announced."""
    today = _local_date(now)

    def announce(row: AbnormalityReport) -> Announcement | None:
        late = overdue(row.due_on, today, acted=row.acted_at is not None)
        if not late.value:
            return None
        return Announcement(
            row,
            {"overdue": True, "overdue_at": now},
            TreeReportOverdue(
                report_id=row.id,
                tree_id=row.tree_id,
                division_code=row.division_code,
                kind=row.kind,  # type: ignore[arg-type]
                abnormality_type=row.abnormality_type,
                received_at=row.received_at,
                due_on=row.due_on,
                due_provisional=row.due_provisional,
                detected_at=now,
            ),
            AuditEntry("report.overdue", "report", row.id, {"due_on": str(row.due_on), "reason": late.reason}),
        )

    lapsed = (
        select(AbnormalityReport)
        .where(
            AbnormalityReport.state == REPORTED,
            col(AbnormalityReport.overdue).is_(False),
            col(AbnormalityReport.due_on) < today,
        )
        .order_by(AbnormalityReport.id)
    )
    return announce_once(uow, lapsed, announce)


def gauges(session: Session, settings: TreesSettings) -> dict[str, float]:
    """ServiceSpec.indicators: `hunan_trees_indicator{indicator="reports_overdue_open"}` — overdue reports still
    without a handling action or appraisal."""
    count = session.exec(
        select(func.count())
        .select_from(AbnormalityReport)
        .where(AbnormalityReport.state == REPORTED, col(AbnormalityReport.overdue).is_(True))
    ).one()
    return {"reports_overdue_open": float(count)}


def get(session: Session, report_id: str) -> ReportOut:
    row = Repository(session, AbnormalityReport, noun="report").get(report_id)
    return _out(row)


def list_reports(
    session: Session,
    page: PageParams,
    tree_id: str | None = None,
    division: str | None = None,
    kind: ReportKind | None = None,
    state: str | None = None,
    overdue_only: bool | None = None,
    abnormality_type: AbnormalityType | None = None,
) -> Page[ReportOut]:
    query = select(AbnormalityReport).order_by(col(AbnormalityReport.received_at).desc(), AbnormalityReport.id)
    if tree_id:
        query = query.where(AbnormalityReport.tree_id == tree_id)
    if division:
        query = query.where(in_division(AbnormalityReport.division_code, division))
    if kind:
        query = query.where(AbnormalityReport.kind == kind.value)
    if state:
        query = query.where(AbnormalityReport.state == state)
    if overdue_only is not None:
        query = query.where(AbnormalityReport.overdue == overdue_only)
    if abnormality_type:
        query = query.where(AbnormalityReport.abnormality_type == abnormality_type.value)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), _out)


def cancel_archive(uow: UnitOfWork, tree_id: str, cmd: ArchiveCancellationIn) -> ArchiveCancellationOut:
    """Art. 29 / 第二十九条 (R33): a dead (or felled, Art. 30(3)) tree's archive is cancelled by the competent
    department at the level matching its grade — the recognising level of Art. 13."""
    tree = uow.repo(Tree).for_update(tree_id)
    if tree.status not in (CONFIRMED_DEAD, FELLED):
        raise InvalidTransition(
            f"tree is {tree.status}; only a tree confirmed dead by appraisal or felled has its archive cancelled"
        )
    allowed = may_cancel_archive(
        GovernmentLevel(cmd.department_level), Grade(tree.grade) if tree.grade else None, tree.is_famous
    )
    _require(allowed)
    now = clock.now()
    record = ArchiveCancellation(
        tree_id=tree.id,
        department_level=cmd.department_level.value,
        decision_ref=cmd.decision_ref,
        previous_status=tree.status,
        cancelled_at=now,
    )
    tree.status = ARCHIVE_CANCELLED
    uow.session.add(record)
    uow.session.add(tree)
    uow.session.flush()
    out = ArchiveCancellationOut(
        tree_id=tree.id,
        status=tree.status,
        department_level=cmd.department_level,
        decision_ref=cmd.decision_ref,
        cancelled_at=now,
        basis=list(allowed.basis),
    )
    uow.audit(
        "tree.archive_cancel",
        "tree",
        tree.id,
        before={"status": record.previous_status},
        after=out.model_dump(mode="json", exclude={"basis"}),
    )
    record_version(
        uow,
        tree.id,
        "archive.cancel",
        f"archive cancelled by the {cmd.department_level.value} department ({cmd.decision_ref})",
        allowed.basis,
        {"before": {"status": record.previous_status}, "after": {"status": tree.status}},
    )
    return out
