"""HTTP routes for recognition (W1, Arts. 11–15): censuses, candidate trees and each step towards recognition."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request, Security
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_trees.rules.recognition import RecognitionState
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
    RecognitionDecisionIn,
    RefusalIn,
    StepIn,
)
from hunan_trees.schemas.trees import _county_code
from hunan_trees.use_cases import recognition

censuses = APIRouter(prefix="/v1/censuses", tags=["recognition"])
candidates = APIRouter(prefix="/v1/candidates", tags=["recognition"])
WRITE, CERTIFY = ["trees:write"], ["trees:certify"]


@censuses.post(
    "",
    status_code=201,
    response_model=CensusOut,
    operation_id="startCensus",
    summary="Start a county's ten-yearly resource census (Art. 11)",
)
def start_census(body: CensusIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: recognition.start_census(uow, body), status_code=201, body=body)


@censuses.post(
    "/{census_id}/completion",
    response_model=CensusOut,
    operation_id="completeCensus",
    summary="Record a census as completed with the number of trees found",
)
def complete_census(census_id: str, body: CensusCompletion, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: recognition.complete_census(uow, census_id, body), body=body)


@censuses.get(
    "",
    response_model=Page[CensusOut],
    operation_id="listCensuses",
    summary="List censuses",
    dependencies=[reader("trees:read")],
)
def list_censuses(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return recognition.list_censuses(session, page, division)


@censuses.get(
    "/status/{division_code}",
    response_model=CensusStatusOut,
    operation_id="getCensusStatus",
    summary="Where a county stands in its ten-year census cycle: next due date, overdue or not (Art. 11)",
    dependencies=[reader("trees:read")],
)
def census_status(division_code: str = Path(pattern=r"^43\d{4}$"), session: Session = Depends(db_session)):
    from hunan_shared.errors import InvalidInput

    try:
        code = _county_code(division_code)
    except (ValueError, KeyError) as exc:
        raise InvalidInput(str(exc)) from None
    return recognition.census_schedule(session, code)


@candidates.post(
    "",
    status_code=201,
    response_model=CandidateOut,
    operation_id="registerCandidate",
    summary="Put a tree forward for recognition: census finding, public report (Art. 15) or own initiative",
)
def register_candidate(body: CandidateIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: recognition.create_candidate(uow, body), status_code=201, body=body)


@candidates.post(
    "/{candidate_id}/appraisal-start",
    response_model=CandidateOut,
    operation_id="startAppraisal",
    summary="The county department organises the appraisal (Arts. 12, 15)",
)
def start_appraisal(candidate_id: str, body: AppraisalStart, write: Writer = Security(writer, scopes=CERTIFY)):
    return write.run(lambda uow: recognition.start_appraisal(uow, candidate_id, body), body=body)


@candidates.post(
    "/{candidate_id}/appraisals",
    response_model=CandidateOut,
    operation_id="recordAppraisal",
    summary="Record an appraisal or re-appraisal result: grade, fame, recognising level (Arts. 3, 10, 12, 13)",
)
def record_appraisal(candidate_id: str, body: AppraisalResult, write: Writer = Security(writer, scopes=CERTIFY)):
    return write.run(lambda uow: recognition.record_appraisal(uow, candidate_id, body), body=body)


@candidates.post(
    "/{candidate_id}/notice",
    response_model=CandidateOut,
    operation_id="publishNotice",
    summary="Publish the appraisal result for public notice 公示; the response gives the last day (Art. 12)",
)
def publish_notice(
    candidate_id: str, body: NoticeIn, request: Request, write: Writer = Security(writer, scopes=CERTIFY)
):
    settings = request.app.state.settings
    return write.run(lambda uow: recognition.publish_notice(uow, candidate_id, body, settings), body=body)


@candidates.post(
    "/{candidate_id}/objections",
    response_model=CandidateOut,
    operation_id="fileObjection",
    summary="File an objection to the appraisal result while the notice runs (Art. 12 para 2)",
)
def file_objection(candidate_id: str, body: ObjectionIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: recognition.file_objection(uow, candidate_id, body), body=body)


@candidates.post(
    "/{candidate_id}/objections/{objection_id}/decision",
    response_model=CandidateOut,
    operation_id="decideObjection",
    summary="Dismiss an objection with reasons or order a re-appraisal (Art. 12 para 2)",
)
def decide_objection(
    candidate_id: str,
    objection_id: str,
    body: ObjectionDecisionIn,
    write: Writer = Security(writer, scopes=CERTIFY),
):
    return write.run(lambda uow: recognition.decide_objection(uow, candidate_id, objection_id, body), body=body)


@candidates.post(
    "/{candidate_id}/submission",
    response_model=CandidateOut,
    operation_id="submitForRecognition",
    summary="After the notice: the county government takes the file for recognition (Arts. 12–13)",
)
def submit(candidate_id: str, body: StepIn, write: Writer = Security(writer, scopes=CERTIFY)):
    return write.run(lambda uow: recognition.submit(uow, candidate_id, body), body=body)


@candidates.post(
    "/{candidate_id}/forwarding",
    response_model=CandidateOut,
    operation_id="forwardForRecognition",
    summary="Report the file one level up (层报) towards the recognising government (Art. 13)",
)
def forward(candidate_id: str, body: ForwardIn, write: Writer = Security(writer, scopes=CERTIFY)):
    return write.run(lambda uow: recognition.forward(uow, candidate_id, body), body=body)


@candidates.post(
    "/{candidate_id}/recognition",
    response_model=CandidateOut,
    operation_id="recogniseTree",
    summary="Recognise and publish by the government of the grade's level; registers the tree (Art. 13)",
)
def recognise(
    candidate_id: str, body: RecognitionDecisionIn, request: Request, write: Writer = Security(writer, scopes=CERTIFY)
):
    settings = request.app.state.settings
    return write.run(lambda uow: recognition.recognise(uow, candidate_id, body, settings), body=body)


@candidates.post(
    "/{candidate_id}/refusal",
    response_model=CandidateOut,
    operation_id="refuseRecognition",
    summary="The recognising government refuses recognition (Art. 13)",
)
def refuse(candidate_id: str, body: RefusalIn, write: Writer = Security(writer, scopes=CERTIFY)):
    return write.run(lambda uow: recognition.refuse(uow, candidate_id, body), body=body)


@candidates.get(
    "",
    response_model=Page[CandidateOut],
    operation_id="listCandidates",
    summary="List candidate trees with their steps",
    dependencies=[reader("trees:read")],
)
def list_candidates(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    state: RecognitionState | None = Query(None),
    session: Session = Depends(db_session),
):
    return recognition.list_candidates(session, page, division, state)


@candidates.get(
    "/{candidate_id}",
    response_model=CandidateOut,
    operation_id="getCandidate",
    summary="One candidate with every step (date, actor, basis) and its objections",
    dependencies=[reader("trees:read")],
)
def get_candidate(candidate_id: str, session: Session = Depends(db_session)):
    return recognition.get(session, candidate_id)
