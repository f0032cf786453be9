"""HTTP routes for publishing the responsibility matrix to other services (W9)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Security
from sqlmodel import Session

from hunan_budget.schemas.matrix_publications import MatrixPublicationOut
from hunan_budget.use_cases import matrix_publications
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/responsibility-matrix/publications", tags=["responsibilities"])


@router.post(
    "",
    status_code=201,
    response_model=MatrixPublicationOut,
    operation_id="publishResponsibilityMatrix",
    summary="Announce the current responsibility matrix (version, row count, checksum); 409 if already announced",
)
def publish_matrix(write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(matrix_publications.publish, status_code=201, body="publish-responsibility-matrix")


@router.get(
    "",
    response_model=list[MatrixPublicationOut],
    operation_id="listResponsibilityMatrixPublications",
    summary="Publications of the responsibility matrix, newest first",
    dependencies=[reader("budget:read")],
)
def list_publications(session: Session = Depends(db_session)):
    return matrix_publications.list_publications(session)
