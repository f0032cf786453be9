"""HTTP routes for custodians 养护责任人 (Arts. 16–18, 21): determination, assignment, construction periods,
disputes and the county department's decision, agreements, free training, maintenance subsidies."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_shared.api import Writer, db_session, reader, writer
from hunan_trees.schemas.custodians import (
    AgreementIn,
    AgreementOut,
    AssignmentIn,
    AssignmentOut,
    ConstructionAssignmentIn,
    ConstructionCompletionIn,
    DecisionIn,
    DeterminationOut,
    DeterminationRequest,
    DisputeIn,
    SubsidyIn,
    SubsidyOut,
    TrainingIn,
    TrainingOut,
)
from hunan_trees.use_cases import custodians

router = APIRouter(prefix="/v1", tags=["custodians"])
TREE = "/trees/{tree_id}/custodian"


@router.post(
    "/custodian-determinations",
    response_model=DeterminationOut,
    operation_id="determineCustodian",
    summary="Who is the custodian for these land-use facts on a day (Art. 16, all nine items); nothing is stored",
    dependencies=[reader("trees:read")],
)
def determine_custodian(body: DeterminationRequest):
    return custodians.determine(body)


@router.get(
    TREE,
    response_model=AssignmentOut,
    operation_id="getCustodian",
    summary="The tree's custodian on a day (construction unit during construction, 16(9))",
    dependencies=[reader("trees:read")],
)
def get_custodian(
    tree_id: str,
    on: dt.date | None = Query(None, description="Day (default today)"),
    session: Session = Depends(db_session),
):
    return custodians.current(session, tree_id, on)


@router.get(
    f"{TREE}/history",
    response_model=list[AssignmentOut],
    operation_id="listCustodianHistory",
    summary="Every custodian assignment of the tree, oldest first",
    dependencies=[reader("trees:read")],
)
def custodian_history(tree_id: str, session: Session = Depends(db_session)):
    return custodians.history(session, tree_id)


@router.post(
    TREE,
    status_code=201,
    response_model=AssignmentOut,
    operation_id="assignCustodian",
    summary="Determine the custodian by the land-use table (Art. 16 items 1–8) and record it",
)
def assign_custodian(tree_id: str, body: AssignmentIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: custodians.assign(uow, tree_id, body), status_code=201, body=body)


@router.post(
    f"{TREE}/construction",
    status_code=201,
    response_model=AssignmentOut,
    operation_id="assignConstructionCustodian",
    summary="The construction unit is custodian during the construction period (Art. 16(9))",
)
def assign_construction_custodian(
    tree_id: str, body: ConstructionAssignmentIn, write: Writer = Security(writer, scopes=["trees:write"])
):
    return write.run(lambda uow: custodians.assign_construction(uow, tree_id, body), status_code=201, body=body)


@router.post(
    f"{TREE}/construction/{{assignment_id}}/complete",
    response_model=AssignmentOut,
    operation_id="completeConstructionCustody",
    summary="Construction completed: custody returns to the land-use custodian the next day (Art. 16(9))",
)
def complete_construction_custody(
    tree_id: str,
    assignment_id: str,
    body: ConstructionCompletionIn,
    write: Writer = Security(writer, scopes=["trees:write"]),
):
    return write.run(lambda uow: custodians.complete_construction(uow, tree_id, assignment_id, body), body=body)


@router.post(
    f"{TREE}/disputes",
    response_model=AssignmentOut,
    operation_id="disputeCustodian",
    summary="Object to the recorded custodian (有异议); the county department must decide (Art. 16 last para)",
)
def dispute_custodian(tree_id: str, body: DisputeIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: custodians.dispute(uow, tree_id, body), body=body)


@router.post(
    f"{TREE}/decision",
    status_code=201,
    response_model=AssignmentOut,
    operation_id="decideCustodian",
    summary="The county department where the tree stands decides an unclear or disputed custodian (Art. 16 last para)",
)
def decide_custodian(tree_id: str, body: DecisionIn, write: Writer = Security(writer, scopes=["trees:certify"])):
    return write.run(lambda uow: custodians.decide(uow, tree_id, body), status_code=201, body=body)


@router.post(
    f"{TREE}/agreements",
    status_code=201,
    response_model=AgreementOut,
    operation_id="addCustodianAgreement",
    summary="Record a custodian agreement (养护责任书) covering the Art. 18 duties",
)
def add_agreement(tree_id: str, body: AgreementIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: custodians.add_agreement(uow, tree_id, body), status_code=201, body=body)


@router.get(
    f"{TREE}/agreements",
    response_model=list[AgreementOut],
    operation_id="listCustodianAgreements",
    summary="The tree's custodian agreements",
    dependencies=[reader("trees:read")],
)
def list_agreements(tree_id: str, session: Session = Depends(db_session)):
    return custodians.agreements(session, tree_id)


@router.post(
    "/custodian-trainings",
    status_code=201,
    response_model=TrainingOut,
    operation_id="recordCustodianTraining",
    summary="Record free training or technical guidance for custodians (Art. 17); a fee is refused",
)
def record_training(body: TrainingIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: custodians.add_training(uow, body), status_code=201, body=body)


@router.get(
    "/custodian-trainings",
    response_model=list[TrainingOut],
    operation_id="listCustodianTrainings",
    summary="Training and guidance sessions, newest first (at most 500)",
    dependencies=[reader("trees:read")],
)
def list_trainings(division: str | None = Query(None, pattern=r"^43\d{4}$"), session: Session = Depends(db_session)):
    return custodians.trainings(session, division)


@router.post(
    "/trees/{tree_id}/subsidies",
    status_code=201,
    response_model=SubsidyOut,
    operation_id="grantMaintenanceSubsidy",
    summary="Grant the custodian a maintenance subsidy weighing grade, condition and expenditure (Art. 21)",
)
def grant_subsidy(tree_id: str, body: SubsidyIn, write: Writer = Security(writer, scopes=["trees:certify"])):
    return write.run(lambda uow: custodians.grant_subsidy(uow, tree_id, body), status_code=201, body=body)


@router.get(
    "/trees/{tree_id}/subsidies",
    response_model=list[SubsidyOut],
    operation_id="listMaintenanceSubsidies",
    summary="The tree's maintenance subsidies",
    dependencies=[reader("trees:read")],
)
def list_subsidies(tree_id: str, session: Session = Depends(db_session)):
    return custodians.subsidies(session, tree_id)
