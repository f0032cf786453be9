"""Service layer of reviews before issue (Art. 44 paras 1–2; Art. 9) and fair-competition reports (Art. 44 para 3,
W9): register a draft measure, record its reviews, issue it only when they passed; take reports, handle and answer
them on the working-day calendar."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.models import FairCompetitionReport, PolicyMeasure
from hunan_business_env.rules.fair_competition import (
    SLA_REPORT,
    EconomicTopic,
    MeasureKind,
    MeasureState,
    ReportAction,
    ReportState,
    ReviewConclusion,
    ReviewKind,
    issuance_allowed,
    next_report_state,
    report_intake,
    required_reviews,
)
from hunan_business_env.schemas.common import DeadlineOut
from hunan_business_env.schemas.fair_competition import (
    FairCompetitionReportIn,
    FairCompetitionReportOut,
    IssuanceIn,
    MeasureReviewIn,
    PolicyMeasureIn,
    PolicyMeasureOut,
    ReportFeedbackIn,
    ReportHandlingIn,
)
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput, rule_errors
from hunan_shared.events.catalogue import FairCompetitionFeedbackSent
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_shared.workdays import add_working_days

# --- measures ---------------------------------------------------------------------------------------------


def _measure_out(row: PolicyMeasure, basis=()) -> PolicyMeasureOut:
    return PolicyMeasureOut(**row.model_dump(exclude={"reviews"}), reviews=row.reviews, basis=list(basis))


def _latest(reviews: list[dict]) -> dict[ReviewKind, ReviewConclusion]:
    latest: dict[ReviewKind, ReviewConclusion] = {}
    for r in reviews:  # in order of recording: the last review of a kind is the one that counts
        latest[ReviewKind(r["kind"])] = ReviewConclusion(r["conclusion"])
    return latest


def register_measure(uow: UnitOfWork, cmd: PolicyMeasureIn) -> PolicyMeasureOut:
    """Art. 44 / 第四十四条 (R87, R88): a draft measure with the reviews it needs before issue."""
    needed = required_reviews(cmd.kind, cmd.affects_rights_obligations, cmd.economic_topics)
    row = PolicyMeasure(
        id=new_id(),
        **cmd.model_dump(mode="json", exclude={"economic_topics"}),
        economic_topics=sorted(t.value for t in set(cmd.economic_topics)),
        required_reviews=[k.value for k in needed.value],
        reviews=[],
        state=MeasureState.DRAFT.value,
        created_at=clock.now(),
    )
    uow.repo(PolicyMeasure).add(row)
    out = _measure_out(row, needed.basis)
    uow.audit("policy_measure.register", "policy_measure", row.id, after=out.model_dump(mode="json"))
    return out


def record_review(uow: UnitOfWork, measure_id: str, cmd: MeasureReviewIn) -> PolicyMeasureOut:
    """Record a review of a draft; a NOT_PASSED conclusion blocks issue until a later review passes."""
    row = uow.repo(PolicyMeasure).for_update(measure_id)
    if row.state != MeasureState.DRAFT:
        raise InvalidInput(f"the measure is {row.state}: reviews are recorded before issue (Art. 44)")
    if cmd.reviewed_on < row.created_at.date():
        raise InvalidInput("a review cannot predate the draft's registration")
    needed = required_reviews(
        MeasureKind(row.kind), row.affects_rights_obligations, [EconomicTopic(t) for t in row.economic_topics]
    )
    with uow.audited_change("policy_measure.review", row, render=lambda m: _measure_out(m).model_dump(mode="json")):
        row.reviews = [*row.reviews, {**cmd.model_dump(mode="json"), "recorded_at": clock.now().isoformat()}]
        uow.session.add(row)
    return _measure_out(row, needed.basis)


def issue(uow: UnitOfWork, measure_id: str, cmd: IssuanceIn) -> PolicyMeasureOut:
    """Issue the measure: refused (409) while a required review is missing or not passed, naming it (R87, R88);
    a local market-access negative list is refused outright (422, Art. 9)."""
    row = uow.repo(PolicyMeasure).for_update(measure_id)
    with rule_errors():
        decision = issuance_allowed(
            MeasureState(row.state),
            [ReviewKind(k) for k in row.required_reviews],
            _latest(row.reviews),
            row.market_access_negative_list,
        )
    with uow.audited_change("policy_measure.issue", row, render=lambda m: _measure_out(m).model_dump(mode="json")):
        row.state = MeasureState.ISSUED.value
        row.issued_on = cmd.issued_on
        uow.session.add(row)
    return _measure_out(row, decision.basis)


def get_measure(session: Session, measure_id: str) -> PolicyMeasureOut:
    return _measure_out(Repository(session, PolicyMeasure).get(measure_id))


def list_measures(session: Session, page: PageParams, division: str | None, state: MeasureState | None):
    where = []
    if division:
        where.append(in_division(PolicyMeasure.division_code, division))
    if state:
        where.append(PolicyMeasure.state == state.value)
    return Repository(session, PolicyMeasure).page(
        page, *where, order_by=(PolicyMeasure.created_at.desc(), PolicyMeasure.id), convert=_measure_out
    )


# --- reports ---------------------------------------------------------------------------------------------


def _report_out(row: FairCompetitionReport, basis=()) -> FairCompetitionReportOut:
    today = clock.now().date()
    state = ReportState(row.state)
    overdue = row.mandatory and row.due is not None and state is not ReportState.FEEDBACK_SENT and today > row.due
    return FairCompetitionReportOut(
        **row.model_dump(exclude={"due", "due_provisional", "overdue_announced"}),
        due=DeadlineOut(date=row.due, provisional=bool(row.due_provisional)) if row.due else None,
        overdue=overdue,
        basis=list(basis),
    )


def receive_report(
    uow: UnitOfWork, cmd: FairCompetitionReportIn, settings: BusinessEnvSettings
) -> FairCompetitionReportOut:
    """Art. 44 para 3 / 第四十四条第三款 (R89, B23): written with facts → handled and answered by a working-day
    deadline (the article says 及时: a setting); otherwise accepted without that duty."""
    if cmd.measure_id is not None:
        measure = uow.repo(PolicyMeasure).find(cmd.measure_id)
        if measure is None:
            raise InvalidInput(f"no registered measure {cmd.measure_id}")
    intake = report_intake(cmd.written, cmd.facts_provided)
    mandatory = intake.value is ReportState.ACCEPTED_MANDATORY
    basis = list(intake.basis)
    due = None
    if mandatory:
        due = add_working_days(cmd.received_on, settings.fair_competition_report_working_days)
        basis.append(SLA_REPORT)
    row = FairCompetitionReport(
        id=new_id(),
        **cmd.model_dump(mode="json", exclude={"received_on"}),
        received_on=cmd.received_on,
        mandatory=mandatory,
        due=due.date if due else None,
        due_provisional=due.provisional if due else None,
        state=intake.value.value,
        created_at=clock.now(),
    )
    uow.repo(FairCompetitionReport).add(row)
    out = _report_out(row, basis)
    uow.audit("fair_competition_report.receive", "fair_competition_report", row.id, after=out.model_dump(mode="json"))
    return out


def handle_report(uow: UnitOfWork, report_id: str, cmd: ReportHandlingIn) -> FairCompetitionReportOut:
    """Record the result; a substantiated report marks the registered measure for revision (W9)."""
    row = uow.repo(FairCompetitionReport).for_update(report_id)
    with rule_errors():
        decision = next_report_state(ReportState(row.state), ReportAction.HANDLE)
    if cmd.handled_on < row.received_on:
        raise InvalidInput("a report cannot be handled before it was received")
    render = lambda r: _report_out(r).model_dump(mode="json")  # noqa: E731
    with uow.audited_change("fair_competition_report.handle", row, render=render):
        row.state = decision.value.value
        row.result, row.substantiated, row.handled_on = cmd.result, cmd.substantiated, cmd.handled_on
        uow.session.add(row)
        if cmd.substantiated and row.measure_id is not None:
            measure = uow.repo(PolicyMeasure).for_update(row.measure_id)
            measure.reported_by = [*measure.reported_by, row.id]
            uow.session.add(measure)
    return _report_out(row, decision.basis)


def send_feedback(uow: UnitOfWork, report_id: str, cmd: ReportFeedbackIn) -> FairCompetitionReportOut:
    """Feed the result back (反馈结果); announced to whoever follows the measure."""
    row = uow.repo(FairCompetitionReport).for_update(report_id)
    with rule_errors():
        decision = next_report_state(ReportState(row.state), ReportAction.FEEDBACK)
    assert row.handled_on is not None
    if cmd.feedback_on < row.handled_on:
        raise InvalidInput("feedback cannot precede the handling")
    render = lambda r: _report_out(r).model_dump(mode="json")  # noqa: E731
    with uow.audited_change("fair_competition_report.feedback", row, render=render):
        row.state = decision.value.value
        row.feedback_on = cmd.feedback_on
        uow.session.add(row)
        on_time = row.due is None or cmd.feedback_on <= row.due
        uow.emit(
            FairCompetitionFeedbackSent(
                report_id=row.id,
                measure_id=row.measure_id,
                division_code=row.division_code,
                mandatory=row.mandatory,
                substantiated=bool(row.substantiated),
                on_time=on_time,
                feedback_on=cmd.feedback_on,
            )
        )
    return _report_out(row, decision.basis)


def get_report(session: Session, report_id: str) -> FairCompetitionReportOut:
    return _report_out(Repository(session, FairCompetitionReport).get(report_id))


def list_reports(session: Session, page: PageParams, division: str | None, state: ReportState | None):
    query = select(FairCompetitionReport).order_by(FairCompetitionReport.created_at.desc(), FairCompetitionReport.id)
    if division:
        query = query.where(in_division(FairCompetitionReport.division_code, division))
    if state:
        query = query.where(FairCompetitionReport.state == state.value)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), _report_out)
