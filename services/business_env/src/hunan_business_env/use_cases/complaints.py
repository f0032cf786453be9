"""Service layer for the complaints ledger (W1, Arts. 49–51): open (建账), record (记账), close (销账), read."""

from __future__ import annotations

from sqlalchemy import case, func
from sqlmodel import Session, select

from hunan_business_env.models import Complaint, LedgerEntry
from hunan_business_env.rules.complaints import ComplaintState, EntryKind, LedgerFacts, next_state, reopens_on_rating
from hunan_business_env.rules.conduct_practices import Practice, classify_practice
from hunan_business_env.rules.deadlines import (
    complaint_evaluation_due,
    complaint_feedback_due,
    complaint_handling_due,
    complaint_reopened_due,
)
from hunan_business_env.schemas.common import DeadlineOut
from hunan_business_env.schemas.complaints import (
    ComplaintIn,
    ComplaintOut,
    ConductCount,
    ConductCounts,
    ConductOut,
    LedgerEntryIn,
    LedgerEntryOut,
)
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput, InvalidTransition
from hunan_shared.events.catalogue import ComplaintClosed, LeadTransferred
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

# Which deadline guards which states: handling until a result exists, feedback until it is sent.
_AWAITING_RESULT = {ComplaintState.ACCOUNT_OPENED, ComplaintState.IN_PROGRESS}
REOPEN = "REOPEN"  # ledger entry written by the service when an unsatisfied rating reopens the account


def _out(session: Session, complaint: Complaint, basis=()) -> ComplaintOut:
    entries = session.exec(
        select(LedgerEntry).where(LedgerEntry.complaint_id == complaint.id).order_by(LedgerEntry.seq)
    ).all()
    today = clock.now().date()
    state = ComplaintState(complaint.state)
    overdue = (state in _AWAITING_RESULT and today > complaint.handling_due) or (
        state is ComplaintState.RESOLVED and complaint.feedback_due is not None and today > complaint.feedback_due
    )
    return ComplaintOut(
        **complaint.model_dump(
            exclude={
                "handling_due",
                "handling_due_provisional",
                "feedback_due",
                "feedback_due_provisional",
                "evaluation_due",
                "evaluation_due_provisional",
            }
        ),
        handling_due=DeadlineOut(date=complaint.handling_due, provisional=complaint.handling_due_provisional),
        feedback_due=DeadlineOut(date=complaint.feedback_due, provisional=bool(complaint.feedback_due_provisional))
        if complaint.feedback_due
        else None,
        evaluation_window_ends=DeadlineOut(
            date=complaint.evaluation_due, provisional=bool(complaint.evaluation_due_provisional)
        )
        if complaint.evaluation_due
        else None,
        overdue=overdue,
        conduct=_conduct(complaint.practice),
        entries=[LedgerEntryOut.model_validate(e, from_attributes=True) for e in entries],
        basis=list(basis),
    )


def _conduct(practice: str | None) -> ConductOut | None:
    """MONITOR rules: the practice's rule, article and routing (rules/conduct_practices.py)."""
    if practice is None:
        return None
    decision = classify_practice(Practice(practice))
    rule = decision.value
    return ConductOut(
        practice=Practice(practice),
        rule=rule.rule,
        respondent_type=rule.respondent_type,
        routed_to=rule.routed_to,
        basis=list(decision.basis),
    )


def _append(uow: UnitOfWork, complaint: Complaint, kind: str, note: str, method: str | None = None) -> None:
    seq = (
        uow.session.scalar(select(func.max(LedgerEntry.seq)).where(LedgerEntry.complaint_id == complaint.id)) or 0
    ) + 1
    uow.session.add(
        LedgerEntry(
            complaint_id=complaint.id,
            seq=seq,
            kind=kind,
            method=method,
            note=note,
            state_after=complaint.state,
            actor=uow.actor,
            recorded_at=clock.now(),
        )
    )


def open_account(uow: UnitOfWork, cmd: ComplaintIn, settings: BusinessEnvSettings) -> ComplaintOut:
    """Problem accounting (问题建账): the department of the respondent's division opens the account with its
    handling deadline on the working-day calendar."""
    due = complaint_handling_due(cmd.received_on, settings.complaint_handling_working_days)
    conduct = classify_practice(cmd.practice) if cmd.practice else None
    complaint = Complaint(
        id=new_id(),
        **cmd.model_dump(mode="python", exclude={"source", "practice"}),
        source=cmd.source.value,
        practice=cmd.practice.value if cmd.practice else None,
        rule=conduct.value.rule if conduct else None,
        state=ComplaintState.ACCOUNT_OPENED.value,
        handling_due=due.value.date,
        handling_due_provisional=due.value.provisional,
        created_at=clock.now(),
    )
    uow.session.add(complaint)
    uow.session.flush()
    note = f"account opened; handling due {due.value.date}"
    if conduct:
        note += f"; {conduct.reason}"
    _append(uow, complaint, "OPEN", note)
    uow.session.flush()
    out = _out(uow.session, complaint, tuple(due.basis) + (tuple(conduct.basis) if conduct else ()))
    uow.audit(
        "complaint.open", "complaint", complaint.id, after=out.model_dump(mode="json", exclude={"entries", "basis"})
    )
    return out


def record_entry(uow: UnitOfWork, complaint_id: str, cmd: LedgerEntryIn, settings: BusinessEnvSettings) -> ComplaintOut:
    """Process accounting (过程记账) up to closing (办结销账); the ledger rule decides what may follow what."""
    complaint = uow.repo(Complaint).for_update(complaint_id)
    misconduct = complaint.misconduct_found or (cmd.kind is EntryKind.ACTION and cmd.misconduct_found)
    now = clock.now()
    facts = LedgerFacts(
        has_result=complaint.result is not None,
        feedback_sent=complaint.state in (ComplaintState.FEEDBACK_SENT, ComplaintState.EVALUATED),
        misconduct_found=misconduct,
        transferred=complaint.transferred,
        evaluated=complaint.state == ComplaintState.EVALUATED,
        # Accounts fed back before the window was recorded have no window to wait for.
        evaluation_window_over=complaint.evaluation_due is None or now.date() > complaint.evaluation_due,
    )
    decision = next_state(ComplaintState(complaint.state), cmd.kind, facts)
    if decision.value is None:
        raise InvalidTransition(decision.reason, basis=decision.basis)
    if cmd.kind is not EntryKind.ACTION and cmd.method is not None:
        raise InvalidInput("only ACTION entries carry an Art. 49 method")

    basis = list(decision.basis)

    def audit_view(row: Complaint) -> dict:
        return _out(uow.session, row).model_dump(mode="json", exclude={"entries", "basis"})

    with uow.audited_change(f"complaint.{cmd.kind.value.lower()}", complaint, render=audit_view):
        complaint.misconduct_found = misconduct
        if cmd.kind is EntryKind.TRANSFER:
            complaint.transferred = True
            complaint.transferred_to = cmd.transferred_to
            uow.emit(
                LeadTransferred(
                    complaint_id=complaint.id,
                    respondent=complaint.respondent,
                    respondent_division_code=complaint.respondent_division_code,
                    transferred_to=cmd.transferred_to or "",
                    transferred_at=now,
                )
            )
        elif cmd.kind is EntryKind.FEEDBACK:
            window = complaint_evaluation_due(now.date(), settings.complaint_evaluation_working_days)
            complaint.evaluation_due = window.value.date
            complaint.evaluation_due_provisional = window.value.provisional
            basis += [b for b in window.basis if b not in basis]
        elif cmd.kind is EntryKind.RESOLVE:
            complaint.result, complaint.substantiated = cmd.note, cmd.substantiated
            feedback = complaint_feedback_due(now.date(), settings.complaint_feedback_working_days)
            complaint.feedback_due = feedback.value.date
            complaint.feedback_due_provisional = feedback.value.provisional
            basis += [b for b in feedback.basis if b not in basis]
        elif cmd.kind is EntryKind.EVALUATION:
            complaint.procedure_rating, complaint.result_rating = cmd.procedure_rating, cmd.result_rating
            assert cmd.result_rating is not None  # the schema requires both ratings on an EVALUATION
            reopening = reopens_on_rating(
                cmd.result_rating, settings.complaint_unsatisfied_max_rating, _reopened_before(uow.session, complaint)
            )
            basis += [b for b in reopening.basis if b not in basis]
        elif cmd.kind is EntryKind.CLOSE:
            complaint.closed_at = now
            uow.emit(
                ComplaintClosed(
                    complaint_id=complaint.id,
                    source=complaint.source,
                    respondent_division_code=complaint.respondent_division_code,
                    substantiated=bool(complaint.substantiated),
                    transferred_to_discipline=complaint.transferred,
                    procedure_rating=complaint.procedure_rating,
                    result_rating=complaint.result_rating,
                    closed_at=now,
                )
            )
        complaint.state = decision.value
        uow.session.add(complaint)
        _append(uow, complaint, cmd.kind.value, cmd.note, cmd.method.value if cmd.method else None)
        if cmd.kind is EntryKind.EVALUATION and reopening.value:
            due = complaint_reopened_due(now.date(), settings.complaint_reopened_working_days)
            complaint.state = ComplaintState.IN_PROGRESS.value
            complaint.handling_due, complaint.handling_due_provisional = due.value.date, due.value.provisional
            complaint.feedback_due = complaint.feedback_due_provisional = None
            complaint.evaluation_due = complaint.evaluation_due_provisional = None
            uow.session.add(complaint)
            _append(uow, complaint, REOPEN, f"{reopening.reason}; handling due {due.value.date}")
            basis += [b for b in due.basis if b not in basis]
    return _out(uow.session, complaint, basis)


def _reopened_before(session: Session, complaint: Complaint) -> bool:
    entry = select(LedgerEntry.id).where(LedgerEntry.complaint_id == complaint.id, LedgerEntry.kind == REOPEN)
    return session.exec(entry).first() is not None


def get(session: Session, complaint_id: str) -> ComplaintOut:
    return _out(session, Repository(session, Complaint).get(complaint_id))


def list_complaints(
    session: Session,
    page: PageParams,
    division: str | None = None,
    state: ComplaintState | None = None,
    rule: str | None = None,
    practice: Practice | None = None,
) -> Page[ComplaintOut]:
    query = select(Complaint).order_by(Complaint.created_at.desc(), Complaint.id)
    if division:
        query = query.where(in_division(Complaint.respondent_division_code, division))
    if state:
        query = query.where(Complaint.state == state.value)
    if rule:
        query = query.where(Complaint.rule == rule)
    if practice:
        query = query.where(Complaint.practice == practice.value)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), lambda c: _out(session, c))


def conduct_counts(session: Session, division: str | None = None) -> ConductCounts:
    """MONITOR rules: complaints counted per rule and practice (all and still open), optionally for one division."""
    closed = ComplaintState.CLOSED.value
    query = (
        select(
            Complaint.rule,
            Complaint.practice,
            func.count(),
            func.sum(case((Complaint.state != closed, 1), else_=0)),
        )
        .where(Complaint.practice.is_not(None))  # type: ignore[union-attr]
        .group_by(Complaint.rule, Complaint.practice)
        .order_by(Complaint.rule, Complaint.practice)
    )
    if division:
        query = query.where(in_division(Complaint.respondent_division_code, division))
    counts = []
    for rule, practice, n, still_open in session.exec(query).all():
        decision = classify_practice(Practice(practice))
        counts.append(
            ConductCount(
                rule=rule,
                practice=Practice(practice),
                article=decision.basis[0].article,
                complaints=n,
                open=int(still_open or 0),
            )
        )
    return ConductCounts(division=division, counts=counts, total=sum(c.complaints for c in counts))
