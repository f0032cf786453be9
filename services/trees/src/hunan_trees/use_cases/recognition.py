"""Service layer of recognition (W1, Arts. 11–15): censuses, candidates, appraisal, public notice, objections,
re-appraisal, submission, 层报 and recognition. Each step is checked by `rules/recognition.py::next_state`
(409 when not allowed now), stamped with its date, actor and basis in `candidate_step`, and audited.
Recognition registers the tree (origin RECOGNITION) and emits `hunan.trees.tree.recognised`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, InvalidInput, InvalidTransition, NotFound, RuleViolation, rule_errors
from hunan_shared.events.catalogue import TreeRecognised
from hunan_shared.legal import Basis, Decision
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_trees.models import Candidate, CandidateStep, Census, Objection
from hunan_trees.rules.archive import TreeOrigin
from hunan_trees.rules.classification import (
    GovernmentLevel,
    Grade,
    art35_reference_eligible,
    famous_finding_valid,
    grade_by_age,
    recognising_authority,
)
from hunan_trees.rules.deadlines import census_next_due
from hunan_trees.rules.recognition import (
    ART11,
    ART12_1,
    ART15,
    CandidateSource,
    ObjectionOutcome,
    RecognitionState,
    RecognitionStep,
    appraisal_qualifies,
    candidate_admissible,
    census_status,
    forward_to,
    next_state,
    notice_running,
    public_notice_ends_on,
    recognition_allowed,
    submission_allowed,
)
from hunan_trees.schemas.common import Location
from hunan_trees.schemas.recognition import (
    AppraisalResult,
    AppraisalStart,
    CandidateIn,
    CandidateOut,
    CensusCompletion,
    CensusIn,
    CensusOut,
    CensusStatusOut,
    ForwardIn,
    NoticeIn,
    ObjectionDecisionIn,
    ObjectionIn,
    ObjectionOut,
    RecognitionDecisionIn,
    RefusalIn,
    StepIn,
    StepOut,
)
from hunan_trees.schemas.trees import TreeRegistration
from hunan_trees.settings import TreesSettings
from hunan_trees.use_cases import trees

State, Step = RecognitionState, RecognitionStep


def _dump(basis: Sequence[Basis]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for b in basis:
        item = b.model_dump(mode="json")
        if item not in out:
            out.append(item)
    return out


def _require(decision: Decision[bool], *, conflict: bool = False) -> None:
    if not decision.value:
        raise (InvalidTransition if conflict else RuleViolation)(decision.reason, basis=decision.basis)


# --- censuses (Art. 11) ------------------------------------------------------------------------------------


def _census_out(row: Census) -> CensusOut:
    due = census_next_due(row.started_on)
    return CensusOut(**row.model_dump(exclude={"created_at"}), next_due_on=due.value, basis=list(due.basis))


def start_census(uow: UnitOfWork, cmd: CensusIn) -> CensusOut:
    """Art. 11 / 第十一条 (R7): a county runs one census at a time; the next is due ten years after the start."""
    if cmd.started_on > clock.now().date():
        raise InvalidInput("started_on lies in the future")
    running = uow.session.exec(
        select(Census.id).where(Census.division_code == cmd.division_code, Census.completed_on.is_(None))
    ).first()
    if running:
        raise Conflict(f"census {running} of {cmd.division_code} is still under way", basis=(ART11,))
    last = uow.session.exec(select(func.max(Census.started_on)).where(Census.division_code == cmd.division_code)).one()
    if last is not None and cmd.started_on <= last:
        raise Conflict(f"a later census of {cmd.division_code} started on {last}", basis=(ART11,))
    row = Census(id=new_id(), created_at=clock.now(), **cmd.model_dump())
    uow.session.add(row)
    uow.session.flush()
    out = _census_out(row)
    uow.audit("census.start", "census", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def complete_census(uow: UnitOfWork, census_id: str, cmd: CensusCompletion) -> CensusOut:
    row = uow.repo(Census).for_update(census_id)
    if row.completed_on is not None:
        raise InvalidTransition(f"census {census_id} was completed on {row.completed_on}", basis=(ART11,))
    if not (row.started_on <= cmd.completed_on <= clock.now().date()):
        raise InvalidInput(f"completed_on must lie between the start ({row.started_on}) and today")
    with uow.audited_change("census.complete", row, render=lambda r: _census_out(r).model_dump(mode="json")):
        row.completed_on = cmd.completed_on
        row.trees_found = cmd.trees_found
        uow.session.add(row)
    return _census_out(row)


def list_censuses(session: Session, page: PageParams, division: str | None) -> Page[CensusOut]:
    query = select(Census).order_by(Census.division_code, Census.started_on.desc(), Census.id)
    if division:
        query = query.where(in_division(Census.division_code, division))
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), _census_out)


def census_schedule(session: Session, division_code: str, today: dt.date | None = None) -> CensusStatusOut:
    """Where a county stands in its ten-year cycle (Art. 11): never held, under way, scheduled or overdue."""
    today = today or clock.now().date()
    rows = session.exec(select(Census).where(Census.division_code == division_code)).all()
    last = max((r.started_on for r in rows), default=None)
    status = census_status(last, any(r.completed_on is None for r in rows), today)
    return CensusStatusOut(
        division_code=division_code,
        status=status.value,
        last_started_on=last,
        next_due_on=census_next_due(last).value if last else None,
        reason=status.reason,
        basis=list(status.basis),
    )


# --- candidates and their steps (Arts. 12, 13, 15) ---------------------------------------------------------


def _out(session: Session, c: Candidate, basis: Sequence[Basis] = ()) -> CandidateOut:
    steps = session.exec(
        select(CandidateStep).where(CandidateStep.candidate_id == c.id).order_by(CandidateStep.id)
    ).all()
    objections = session.exec(
        select(Objection).where(Objection.candidate_id == c.id).order_by(Objection.filed_on, Objection.id)
    ).all()
    return CandidateOut(
        **c.model_dump(exclude={"site"}),
        species=c.site["species"],
        location=Location(**c.site["location"]),
        objections=[ObjectionOut(**o.model_dump()) for o in objections],
        steps=[StepOut(**s.model_dump(exclude={"id", "candidate_id"})) for s in steps],
        basis=list(basis),
    )


def _on_date(session: Session, c: Candidate, on_date: dt.date | None) -> dt.date:
    """The act's day: not in the future, and not before the candidate's previous step."""
    today = clock.now().date()
    day = on_date or today
    if day > today:
        raise InvalidInput(f"on_date {day} lies in the future")
    last = session.exec(select(func.max(CandidateStep.on_date)).where(CandidateStep.candidate_id == c.id)).one()
    if last is not None and day < last:
        raise InvalidInput(f"on_date {day} precedes the previous step ({last})")
    return day


def _advance(
    uow: UnitOfWork,
    c: Candidate,
    step: Step,
    cmd: StepIn | None,
    day: dt.date,
    details: dict[str, Any],
    extra_basis: Sequence[Basis] = (),
    *,
    actor: str | None = None,
) -> tuple[Basis, ...]:
    with rule_errors():
        transition = next_state(State(c.state), step)
    basis = tuple(transition.basis) + tuple(b for b in extra_basis if b not in transition.basis)
    uow.session.add(
        CandidateStep(
            candidate_id=c.id,
            step=step.value,
            from_state=c.state,
            to_state=transition.value.value,
            at=clock.now(),
            on_date=day,
            actor=actor or (cmd.actor if cmd else "system"),
            recorded_by=uow.actor,
            document_ref=cmd.document_ref if cmd else None,
            details=details,
            basis=_dump(basis),
        )
    )
    before = c.state
    c.state = transition.value.value
    uow.session.add(c)
    uow.session.flush()
    uow.audit(
        f"candidate.{step.value}",
        "candidate",
        c.id,
        before={"state": before},
        after={"state": c.state, "on_date": day.isoformat(), **details},
    )
    return basis


def create_candidate(uow: UnitOfWork, cmd: CandidateIn) -> CandidateOut:
    """Arts. 11, 12, 15 / 第十一、十二、十五条 (R12): open a recognition file; primeval forest is refused (Art. 2)."""
    _require(candidate_admissible(cmd.in_primeval_forest))
    today = clock.now().date()
    if cmd.reported_on and cmd.reported_on > today:
        raise InvalidInput("reported_on lies in the future")
    basis: tuple[Basis, ...] = {
        CandidateSource.CENSUS: (ART11,),
        CandidateSource.PUBLIC_REPORT: (ART15,),
        CandidateSource.DEPARTMENT: (ART12_1,),
    }[cmd.source]
    if cmd.census_id:
        census = uow.session.get(Census, cmd.census_id)
        if census is None:
            raise NotFound(f"no census {cmd.census_id}")
        if census.division_code != cmd.division_code:
            raise Conflict(f"census {census.id} covers {census.division_code}, not {cmd.division_code}")
    site = cmd.model_dump(
        mode="json", exclude={"source", "census_id", "reporter", "reported_on", "division_code", "in_primeval_forest"}
    )
    c = Candidate(
        id=new_id(),
        source=cmd.source.value,
        census_id=cmd.census_id,
        reporter=cmd.reporter,
        division_code=cmd.division_code,
        state=State.CANDIDATE.value,
        site=site,
        created_at=clock.now(),
    )
    uow.session.add(c)
    uow.session.flush()
    uow.session.add(
        CandidateStep(
            candidate_id=c.id,
            step="register_candidate",
            from_state=State.CANDIDATE.value,
            to_state=State.CANDIDATE.value,
            at=clock.now(),
            on_date=cmd.reported_on or today,
            actor=cmd.reporter or "county tree department",
            recorded_by=uow.actor,
            details={"source": cmd.source.value, "census_id": cmd.census_id},
            basis=_dump(basis),
        )
    )
    uow.session.flush()
    out = _out(uow.session, c, basis)
    uow.audit("candidate.register", "candidate", c.id, after=out.model_dump(mode="json", exclude={"basis", "steps"}))
    return out


def start_appraisal(uow: UnitOfWork, candidate_id: str, cmd: AppraisalStart) -> CandidateOut:
    """Art. 12 para 1 / Art. 15: the county department organises the appraisal."""
    c = uow.repo(Candidate).for_update(candidate_id)
    day = _on_date(uow.session, c, cmd.on_date)
    basis = _advance(uow, c, Step.START_APPRAISAL, cmd, day, {"experts": cmd.experts})
    return _out(uow.session, c, basis)


def record_appraisal(uow: UnitOfWork, candidate_id: str, cmd: AppraisalResult) -> CandidateOut:
    """Art. 12 para 1 / 第十二条第一款 (R8): the result to the national specification — grade (Art. 10), fame
    (Art. 3) and recognising level (Art. 13); a non-qualifying result ends the file (NOT_QUALIFIED)."""
    c = uow.repo(Candidate).for_update(candidate_id)
    if c.state not in (State.UNDER_APPRAISAL, State.UNDER_REAPPRAISAL):
        with rule_errors():
            next_state(State(c.state), Step.RECORD_QUALIFYING_RESULT)
    famous = famous_finding_valid(cmd.is_famous, set(cmd.famous_basis))
    _require(famous)
    day = _on_date(uow.session, c, cmd.on_date)
    grade = grade_by_age(cmd.age_years)
    qualifies = appraisal_qualifies(grade.value, cmd.is_famous)
    authority = recognising_authority(grade.value, cmd.is_famous)
    site = dict(c.site)
    if cmd.crown_radius_m is not None:
        site.update(crown_radius_m=cmd.crown_radius_m, crown_projection=None)
    if qualifies.value and site.get("crown_radius_m") is None and site.get("crown_projection") is None:
        raise InvalidInput("the crown (crown_radius_m) must be known to delineate the habitat zone (Art. 23)")
    details = {
        "round": c.appraisal_round + 1,
        "specification": cmd.specification,
        "experts": cmd.experts,
        "age_years": cmd.age_years,
        "is_famous": cmd.is_famous,
        "famous_basis": sorted(b.value for b in cmd.famous_basis),
        "grade": grade.value.value if grade.value else None,
        "recognising_level": authority.value.value if authority.value else None,
        "qualifies": qualifies.value,
    }
    art35 = art35_reference_eligible(cmd.age_years, cmd.is_famous)
    extra = grade.basis + famous.basis + authority.basis + ((art35.basis) if art35.value else ())
    if art35.value:
        details["art35_reference_eligible"] = True
    step = Step.RECORD_QUALIFYING_RESULT if qualifies.value else Step.RECORD_NON_QUALIFYING_RESULT
    c.site = site
    c.appraisal_round += 1
    c.age_years, c.is_famous = cmd.age_years, cmd.is_famous
    c.famous_basis = details["famous_basis"]
    c.grade = details["grade"]
    c.recognising_level = details["recognising_level"]
    c.notice_published_on = c.notice_ends_on = None
    basis = _advance(uow, c, step, cmd, day, details, extra)
    return _out(uow.session, c, basis)


def publish_notice(uow: UnitOfWork, candidate_id: str, cmd: NoticeIn, settings: TreesSettings) -> CandidateOut:
    """Art. 12 para 1 / 第十二条第一款 (R8): the appraisal result is publicly notified for the configured period."""
    c = uow.repo(Candidate).for_update(candidate_id)
    day = _on_date(uow.session, c, cmd.on_date)
    ends = public_notice_ends_on(day, settings.public_notice_days)
    details = {"published_on": day.isoformat(), "ends_on": ends.value.isoformat(), "channel": cmd.channel}
    basis = _advance(uow, c, Step.PUBLISH_NOTICE, cmd, day, details, ends.basis)
    c.notice_published_on, c.notice_ends_on = day, ends.value
    uow.session.add(c)
    uow.session.flush()
    return _out(uow.session, c, basis)


def file_objection(uow: UnitOfWork, candidate_id: str, cmd: ObjectionIn) -> CandidateOut:
    """Art. 12 para 2 / 第十二条第二款 (R9): any unit or person may object while the notice runs."""
    c = uow.repo(Candidate).for_update(candidate_id)
    day = _on_date(uow.session, c, cmd.filed_on)
    with rule_errors():
        next_state(State(c.state), Step.FILE_OBJECTION)
    assert c.notice_ends_on is not None
    _require(notice_running(c.notice_ends_on, day), conflict=True)
    objection = Objection(
        id=new_id(),
        candidate_id=c.id,
        appraisal_round=c.appraisal_round,
        filer=cmd.filer,
        grounds=cmd.grounds,
        filed_on=day,
    )
    uow.session.add(objection)
    uow.session.flush()
    basis = _advance(uow, c, Step.FILE_OBJECTION, None, day, {"objection_id": objection.id}, actor=cmd.filer)
    return _out(uow.session, c, basis)


def decide_objection(uow: UnitOfWork, candidate_id: str, objection_id: str, cmd: ObjectionDecisionIn) -> CandidateOut:
    """Art. 12 para 2 / 第十二条第二款 (R9): the department dismisses the objection with reasons or, as it sees fit,
    orders a re-appraisal (which withdraws the notice and settles the round's other objections)."""
    c = uow.repo(Candidate).for_update(candidate_id)
    objection = uow.repo(Objection).for_update(objection_id)
    if objection.candidate_id != c.id:
        raise NotFound(f"no objection {objection_id} on candidate {candidate_id}")
    if objection.outcome is not None:
        raise InvalidTransition(f"objection {objection_id} was decided on {objection.decided_on}")
    day = _on_date(uow.session, c, cmd.on_date)
    if day < objection.filed_on:
        raise InvalidInput(f"on_date precedes the objection ({objection.filed_on})")
    reappraise = cmd.outcome is ObjectionOutcome.REAPPRAISAL_ORDERED
    step = Step.ORDER_REAPPRAISAL if reappraise else Step.DISMISS_OBJECTION
    details = {"objection_id": objection.id, "outcome": cmd.outcome.value, "reason": cmd.reason}
    basis = _advance(uow, c, step, cmd, day, details)
    pending = [objection]
    if reappraise:
        pending += uow.session.exec(
            select(Objection).where(
                Objection.candidate_id == c.id, Objection.outcome.is_(None), Objection.id != objection.id
            )
        ).all()
    for row in pending:
        row.outcome = cmd.outcome.value
        row.decision_reason = cmd.reason if row is objection else f"re-appraisal ordered on objection {objection.id}"
        row.decided_on = day
        uow.session.add(row)
    if reappraise:
        c.notice_published_on = c.notice_ends_on = None
        uow.session.add(c)
    uow.session.flush()
    return _out(uow.session, c, basis)


def submit(uow: UnitOfWork, candidate_id: str, cmd: StepIn) -> CandidateOut:
    """Arts. 12–13 (R8–R10): after the notice ends with no undecided objection the county government takes the
    file; it recognises grade-3 trees itself and reports grade-2 / grade-1 / famous trees upward."""
    c = uow.repo(Candidate).for_update(candidate_id)
    day = _on_date(uow.session, c, cmd.on_date)
    with rule_errors():
        next_state(State(c.state), Step.SUBMIT_FOR_RECOGNITION)
    undecided = uow.session.exec(
        select(func.count()).select_from(Objection).where(Objection.candidate_id == c.id, Objection.outcome.is_(None))
    ).one()
    assert c.notice_ends_on is not None
    allowed = submission_allowed(c.notice_ends_on, day, undecided)
    _require(allowed, conflict=True)
    basis = _advance(
        uow, c, Step.SUBMIT_FOR_RECOGNITION, cmd, day, {"recognising_level": c.recognising_level}, allowed.basis
    )
    c.at_level = GovernmentLevel.COUNTY.value
    uow.session.add(c)
    uow.session.flush()
    return _out(uow.session, c, basis)


def _grade(c: Candidate) -> Grade | None:
    return Grade(c.grade) if c.grade else None


def forward(uow: UnitOfWork, candidate_id: str, cmd: ForwardIn) -> CandidateOut:
    """Art. 13 / 第十三条 (R10): 层报 — the file moves one level up towards the recognising government."""
    c = uow.repo(Candidate).for_update(candidate_id)
    day = _on_date(uow.session, c, cmd.on_date)
    with rule_errors():
        next_state(State(c.state), Step.FORWARD)
        hop = forward_to(GovernmentLevel(c.at_level), _grade(c), bool(c.is_famous))
    details = {"from_level": c.at_level, "to_level": hop.value.value}
    basis = _advance(uow, c, Step.FORWARD, cmd, day, details, hop.basis)
    c.at_level = hop.value.value
    uow.session.add(c)
    uow.session.flush()
    return _out(uow.session, c, basis)


def recognise(uow: UnitOfWork, candidate_id: str, cmd: RecognitionDecisionIn, settings: TreesSettings) -> CandidateOut:
    """Art. 13 / 第十三条 (R10): the government of the grade's level recognises and publishes; the tree enters the
    register (origin RECOGNITION, first archive version) and `hunan.trees.tree.recognised` is emitted."""
    c = uow.repo(Candidate).for_update(candidate_id)
    day = _on_date(uow.session, c, cmd.on_date)
    with rule_errors():
        next_state(State(c.state), Step.RECOGNISE)
    allowed = recognition_allowed(cmd.deciding_level, GovernmentLevel(c.at_level), _grade(c), bool(c.is_famous))
    _require(allowed, conflict=True)
    site = {k: v for k, v in c.site.items() if k != "description"}
    registration = TreeRegistration.model_validate(
        {
            **site,
            "tree_no": cmd.tree_no,
            "age_years": c.age_years,
            "is_famous": bool(c.is_famous),
            "famous_basis": c.famous_basis,
            "division_code": c.division_code,
            "recognition_ref": cmd.document_ref,
        }
    )
    tree = trees.register(
        uow,
        registration,
        settings,
        origin=TreeOrigin.RECOGNITION,
        recognised_on=day,
        reason=f"recognised and published by the {cmd.deciding_level} government ({cmd.document_ref}), "
        f"candidate {c.id}",
    )
    details = {"deciding_level": cmd.deciding_level.value, "tree_id": tree.id}
    basis = _advance(uow, c, Step.RECOGNISE, cmd, day, details, allowed.basis)
    c.tree_id = tree.id
    uow.session.add(c)
    uow.session.flush()
    assert tree.protection_level is not None and tree.recognising_level is not None
    uow.emit(
        TreeRecognised(
            tree_id=tree.id,
            candidate_id=c.id,
            division_code=c.division_code,
            species=tree.species,
            grade=tree.grade.value if tree.grade else None,
            is_famous=tree.is_famous,
            protection_level=tree.protection_level.value,
            recognising_level=tree.recognising_level.value,
            publication_ref=cmd.document_ref,
            recognised_on=day,
            recognised_at=clock.now(),
        )
    )
    return _out(uow.session, c, basis)


def refuse(uow: UnitOfWork, candidate_id: str, cmd: RefusalIn) -> CandidateOut:
    """Art. 13 / 第十三条: the recognising government may refuse; the file ends NOT_QUALIFIED."""
    c = uow.repo(Candidate).for_update(candidate_id)
    day = _on_date(uow.session, c, cmd.on_date)
    with rule_errors():
        next_state(State(c.state), Step.REFUSE)
    allowed = recognition_allowed(cmd.deciding_level, GovernmentLevel(c.at_level), _grade(c), bool(c.is_famous))
    _require(allowed, conflict=True)
    details = {"deciding_level": cmd.deciding_level.value, "reason": cmd.reason}
    basis = _advance(uow, c, Step.REFUSE, cmd, day, details, allowed.basis)
    return _out(uow.session, c, basis)


def get(session: Session, candidate_id: str) -> CandidateOut:
    return _out(session, Repository(session, Candidate).get(candidate_id))


def list_candidates(
    session: Session, page: PageParams, division: str | None, state: RecognitionState | None
) -> Page[CandidateOut]:
    query = select(Candidate).order_by(Candidate.created_at.desc(), Candidate.id)
    if division:
        query = query.where(in_division(Candidate.division_code, division))
    if state:
        query = query.where(Candidate.state == state.value)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), lambda c: _out(session, c))
